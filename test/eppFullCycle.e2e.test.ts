// The "done when": a registrar's EPP client runs the full cycle against a real `regd serve`, over TLS
// (RFC 5734) and over HTTPS with the session cookie: login, contact create, domain check/create/info/update/renew,
// transfer to a second reseller with poll messages, delete and restore, logout. Every response is schema-validated.
// The domain is also checked over XCP, since both doors share one core.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { eppCommand, loginXml, parseResponse, find, findAll, type EppResponse } from './support/eppHarness.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import { createXml, hostObjs, domainCmd } from './support/eppDomainFixtures.ts';
import { transferXml, infoXml, deleteXml, restoreXml, RESTORE_REPORT, pollReq, pollAck } from './support/eppLifecycle.ts';

let server: RegdServer;
let alice: ResellerCredentials;
let bob: ResellerCredentials;
before(async () => {
  server = await startRegd();
  alice = await server.createReseller('alice', '1000');
  bob = await server.createReseller('bob', '1000');
});
after(async () => { await server.stop(); });

interface Session { send(inner: string): Promise<EppResponse>; raw(xml: string): Promise<EppResponse>; close(): Promise<void> }

async function tlsSession(r: ResellerCredentials): Promise<Session> {
  const c = await server.eppTls();
  const greeting = parseResponse(c.greeting);
  assert.equal(greeting.root.children[0].name, 'greeting');
  const raw = async (xml: string) => parseResponse(await c.command(xml));
  assert.equal((await raw(loginXml(r.username, r.password))).code, 1000);
  return { raw, send: (inner) => raw(eppCommand(inner, `CL-${Date.now()}`)), close: () => c.close() };
}

async function httpsSession(r: ResellerCredentials): Promise<Session> {
  const c = server.eppHttps();
  const raw = async (xml: string) => parseResponse(await c.command(xml));
  assert.equal((await raw(loginXml(r.username, r.password))).code, 1000);
  return { raw, send: (inner) => raw(eppCommand(inner, `CL-${Date.now()}`)), close: async () => c.close() };
}

const C = `xmlns:contact="${NS.contact}"`;
const contactCreate = `<create><contact:create ${C}><contact:id>client-chosen-id</contact:id>` +
  `<contact:postalInfo type="loc"><contact:name>Jane Registrant</contact:name><contact:org>Example B.V.</contact:org>` +
  `<contact:addr><contact:street>Main street 15</contact:street><contact:city>Rotterdam</contact:city><contact:pc>3024 BN</contact:pc>` +
  `<contact:cc>NL</contact:cc></contact:addr></contact:postalInfo><contact:voice>+31.104482299</contact:voice>` +
  `<contact:email>jane@example.com</contact:email><contact:authInfo><contact:pw>Contact-Pw1</contact:pw></contact:authInfo></contact:create></create>`;

const text = (r: EppResponse, ns: string, name: string) => find(r.root, ns, name)?.text;
const statuses = (r: EppResponse) => findAll(r.root, NS.domain, 'status').map((s) => s.attrs.s);

async function pollAll(s: Session): Promise<EppResponse[]> {
  const out: EppResponse[] = [];
  for (let i = 0; i < 50; i++) {
    const r = await s.send(pollReq);
    if (r.code === 1300) return out;
    assert.equal(r.code, 1301, r.xml);
    out.push(r);
    const id = find(r.root, NS.epp, 'msgQ')!.attrs.id;
    const ack = await s.send(pollAck(id));
    assert.ok(ack.code === 1000 || ack.code === 1300, ack.xml);
  }
  throw new Error('poll queue did not drain');
}

async function fullCycle(open: (r: ResellerCredentials) => Promise<Session>, name: string): Promise<void> {
  const a = await open(alice);
  const b = await open(bob);
  await pollAll(a);
  await pollAll(b);

  const contact = await a.send(contactCreate);
  assert.equal(contact.code, 1000, contact.xml);
  const handle = text(contact, NS.contact, 'id')!;
  assert.notEqual(handle, 'client-chosen-id', 'the server assigns contact handles');

  const check = await a.send(domainCmd('check', `<domain:name>${name}</domain:name><domain:name>taken-cycle.com</domain:name>`));
  assert.equal(check.code, 1000);
  assert.deepEqual(findAll(check.root, NS.domain, 'name').map((n) => n.attrs.avail), ['1', '0']);

  const create = await a.send(createXml(name, {
    registrant: handle, contacts: [['admin', handle], ['tech', handle]], ns: hostObjs('ns1.example.net', 'ns2.example.net'),
  }));
  assert.equal(create.code, 1000, create.xml);
  const exDate = text(create, NS.domain, 'exDate')!;

  const info = await a.send(infoXml(name));
  assert.equal(info.code, 1000);
  assert.equal(text(info, NS.domain, 'registrant'), handle);
  assert.equal(text(info, NS.domain, 'clID'), 'alice');
  assert.ok(text(info, NS.domain, 'pw'), 'the sponsor sees the generated auth code');
  assert.deepEqual(statuses(info), ['ok']);

  const update = await a.send(domainCmd('update', `<domain:name>${name}</domain:name>` +
    `<domain:add><domain:ns><domain:hostObj>ns3.example.net</domain:hostObj></domain:ns></domain:add>` +
    `<domain:chg><domain:authInfo><domain:pw>Transfer-Me-1</domain:pw></domain:authInfo></domain:chg>`));
  assert.equal(update.code, 1000, update.xml);

  const renew = await a.send(domainCmd('renew', `<domain:name>${name}</domain:name><domain:curExpDate>${exDate.slice(0, 10)}</domain:curExpDate><domain:period unit="y">1</domain:period>`));
  assert.equal(renew.code, 1000, renew.xml);
  const renewed = text(renew, NS.domain, 'exDate')!;
  assert.equal(Number(renewed.slice(0, 4)), Number(exDate.slice(0, 4)) + 1);

  // Inside the 60-day lock the transfer is refused; the sandbox clock moves past it.
  assert.equal((await b.send(transferXml('request', name, 'Transfer-Me-1'))).code, 2106);
  await server.cli('sandbox', 'clock', 'advance', '61d');
  assert.equal((await b.send(transferXml('request', name, 'wrong-pw-1'))).code, 2202);
  const request = await b.send(transferXml('request', name, 'Transfer-Me-1'));
  assert.equal(request.code, 1001, request.xml);
  assert.equal(text(request, NS.domain, 'trStatus'), 'pending');

  const losingPoll = await pollAll(a);
  assert.ok(losingPoll.some((m) => text(m, NS.domain, 'trStatus') === 'pending' && text(m, NS.domain, 'name') === name), 'the losing sponsor hears of the request');
  const pendingInfo = await a.send(infoXml(name));
  assert.ok(statuses(pendingInfo).includes('pendingTransfer'));

  const approve = await a.send(transferXml('approve', name));
  assert.equal(approve.code, 1000, approve.xml);
  assert.equal(text(approve, NS.domain, 'trStatus'), 'clientApproved');
  const gainingPoll = await pollAll(b);
  assert.ok(gainingPoll.some((m) => text(m, NS.domain, 'trStatus') === 'clientApproved'), 'the gaining sponsor hears of the approval');

  const after = await b.send(infoXml(name));
  assert.equal(text(after, NS.domain, 'clID'), 'bob');
  assert.equal(Number(text(after, NS.domain, 'exDate')!.slice(0, 4)), Number(renewed.slice(0, 4)) + 1);
  assert.equal((await a.send(infoXml(name))).code, 1000, 'the former sponsor still gets a reduced reply');

  // The same domain over XCP, for its new sponsor.
  const xcp = await server.xcpClient(bob).call('DOMAIN', 'GET', { type: 'all_info' }, { domain: name });
  assert.equal(xcp.responseCode, 200, xcp.responseText);
  assert.equal(xcp.attributes.sponsoring_rsp, '1');

  const del = await b.send(deleteXml(name));
  assert.equal(del.code, 1001, del.xml);
  const deleted = await b.send(infoXml(name));
  assert.ok(statuses(deleted).includes('pendingDelete'));
  assert.equal(find(deleted.root, NS.rgp, 'rgpStatus')?.attrs.s, 'redemptionPeriod');
  assert.equal((await server.xcpClient(bob).call('DOMAIN', 'GET', { type: 'all_info' }, { domain: name })).isSuccess, false,
    'XCP returns nothing for a deleted domain');

  assert.equal((await b.send(restoreXml(name, 'request'))).code, 1000);
  assert.equal((await b.send(restoreXml(name, 'report', RESTORE_REPORT))).code, 1000);
  const restored = await b.send(infoXml(name));
  assert.ok(!statuses(restored).includes('pendingDelete'), restored.xml);
  // Still inside the five-day transfer grace period, so that is the only RGP state left.
  assert.deepEqual(findAll(restored.root, NS.rgp, 'rgpStatus').map((e) => e.attrs.s), ['transferPeriod']);

  for (const s of [a, b]) {
    const bye = await s.send('<logout/>');
    assert.equal(bye.code, 1500);
    await s.close();
  }
}

test('full cycle over EPP/TLS', async () => {
  await fullCycle(tlsSession, `cycle-tls-${Date.now()}.com`);
});

test('full cycle over EPP/HTTPS with the session cookie', async () => {
  await fullCycle(httpsSession, `cycle-https-${Date.now()}.com`);
});
