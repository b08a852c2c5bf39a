// Transfer fidelity (issue 9, items 3, 6, 10 and 11) against a real `regd serve`:
//   3  a transfer keeps what was sent with it: XCP nameserver_list, EPP's Openprovider op:transfer block (contacts by
//      handle, op:ns, autorenew, op fields); the XCP reply carries the order id; CHECK_TRANSFER check_status=1 /
//      get_request_address=1 add status, timestamp, unixtime and request_address;
//   6  PROCESS_TRANSFER resubmits a cancelled transfer order (OpenSRS's meaning) with the same data; the losing
//      reseller answers with APPROVE_TRANSFER / REJECT_TRANSFER;
//   10 names "taken elsewhere" agree across commands and transfer in from the sandbox's other registrar;
//   11 poll messages take the Openprovider guide's shapes (outgoing transfer infData, async create creData, trade
//      trdData) with the guide's description text.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { contact, freshName, registerAttributes } from './support/fixtures.ts';
import { assoc, closeStores, cookieFor, expectCode, storeOf } from './support/surfaceHelpers.ts';
import { makeAssoc, type OpsAssoc } from '../src/protocols/ops/index.ts';
import { loginXml, eppCommand, parseResponse, find, findAll, type EppResponse } from './support/eppHarness.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import type { XcpClient } from '../src/client/xcpClient.ts';
import type { EppTlsClient } from '../src/client/eppClient.ts';

let server: RegdServer;
let alice: ResellerCredentials;
let bob: ResellerCredentials;
let a: XcpClient;
let b: XcpClient;
const AUTH = 'Move-Me-123';
const names = { xcp: freshName(), epp: freshName(), resubmit: freshName(), traded: freshName() };

before(async () => {
  server = await startRegd();
  alice = await server.createReseller('alice', '1000');
  bob = await server.createReseller('bob', '1000');
  a = server.xcpClient(alice);
  b = server.xcpClient(bob);
  for (const name of [names.xcp, names.epp, names.resubmit]) {
    expectCode(await a.call('DOMAIN', 'SW_REGISTER', registerAttributes(name)), 200);
    expectCode(await a.call('DOMAIN', 'MODIFY', { data: 'domain_auth_info', domain: name, domain_auth_info: AUTH }), 200);
  }
  await server.cli('sandbox', 'clock', 'advance', '61d');
});
after(async () => { await closeStores(); await server.stop(); });

const gainingContacts = makeAssoc({ owner: contact('Gainer'), admin: contact('Gadmin'), billing: contact('Gbilling'), tech: contact('Gtech') });
const movedNs = [makeAssoc({ name: 'ns1.moved-here.net', sortorder: '1' }), makeAssoc({ name: 'ns2.moved-here.net', sortorder: '2' })];
const transferXcp = (c: XcpClient, domain: string, extra: Record<string, unknown> = {}) => c.call('DOMAIN', 'SW_REGISTER', registerAttributes(domain, {
  reg_type: 'transfer', auth_info: AUTH, reg_username: 'bobclient', reg_password: 'bobs-pass1', contact_set: gainingContacts, nameserver_list: movedNs, ...extra,
}));
const db = async () => storeOf(server.dataDir);
const domainOf = async (name: string) => (await db()).selectFrom('domains').selectAll().where('name', '=', name).where('deleted_at', 'is', null).executeTakeFirst();
const nameserversOf = async (name: string) => (await (await db()).selectFrom('domain_nameservers').innerJoin('domains', 'domains.id', 'domain_nameservers.domain_id')
  .select(['domain_nameservers.name', 'domain_nameservers.addresses']).where('domains.name', '=', name).where('domains.deleted_at', 'is', null)
  .orderBy('domain_nameservers.sort_order').execute());
const balance = async (c: XcpClient) => Math.round(Number((await c.call('BALANCE', 'GET_BALANCE')).attributes.balance) * 100);

async function eppSession(who: ResellerCredentials): Promise<{ epp: EppTlsClient; cmd: (inner: string) => Promise<EppResponse> }> {
  const epp = await server.eppTls();
  assert.equal(parseResponse(await epp.command(loginXml(who.username, who.password))).code, 1000);
  return { epp, cmd: async (inner: string) => parseResponse(await epp.command(eppCommand(inner))) };
}

/** Reads and acknowledges every queued poll message of a reseller (an EPP session with the Openprovider extension). */
async function drainPoll(who: ResellerCredentials): Promise<EppResponse[]> {
  const { epp, cmd } = await eppSession(who);
  const out: EppResponse[] = [];
  for (let i = 0; i < 100; i++) {
    const r = await cmd('<poll op="req"/>');
    if (r.code === 1300) break;
    assert.equal(r.code, 1301, r.xml);
    out.push(r);
    const ack = await cmd(`<poll op="ack" msgID="${find(r.root, NS.epp, 'msgQ')!.attrs.id}"/>`);
    assert.ok([1000, 1300].includes(ack.code), ack.xml);
  }
  await epp.close();
  return out;
}
const aboutName = (r: EppResponse, name: string) => r.xml.includes(`>${name}<`);
const polData = (r: EppResponse, container: string) => {
  const c = find(r.root, NS.op, container);
  const p = c ? find(c, NS.op, 'polData') : undefined;
  return p ? { action: find(p, NS.op, 'action')?.text, status: find(p, NS.op, 'status')?.text, description: find(p, NS.op, 'description')?.text } : undefined;
};

async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  let v = await probe();
  for (let i = 0; i < 60 && !ok(v); i++) {
    await new Promise((r) => setTimeout(r, 500));
    v = await probe();
  }
  assert.ok(ok(v), `${what}: ${JSON.stringify(v)}`);
  return v;
}

test('XCP: the reply carries the order id; CHECK_TRANSFER reports status, timestamp, unixtime and request_address; nameserver_list is in place on completion', async () => {
  const before = Date.now();
  const r = await transferXcp(b, names.xcp);
  expectCode(r, 200);
  assert.match(String(r.attributes.id), /^[0-9]+$/);
  const order = await (await db()).selectFrom('orders').select(['kind', 'domain_name']).where('id', '=', Number(r.attributes.id)).executeTakeFirstOrThrow();
  assert.deepEqual(order, { kind: 'transfer', domain_name: names.xcp });

  const plain = await b.call('DOMAIN', 'CHECK_TRANSFER', { domain: names.xcp });
  assert.equal(plain.attributes.timestamp, undefined, 'only with check_status=1');
  assert.equal(plain.attributes.request_address, undefined, 'only with get_request_address=1');
  const check = await b.call('DOMAIN', 'CHECK_TRANSFER', { domain: names.xcp, check_status: '1', get_request_address: '1' });
  expectCode(check, 200);
  assert.equal(check.attributes.transferrable, '0');
  assert.equal(check.attributes.status, 'pending');
  assert.match(String(check.attributes.timestamp), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  const unix = Number(check.attributes.unixtime);
  assert.ok(Number.isInteger(unix) && unix * 1000 > before - 86_400_000 * 400, String(check.attributes.unixtime));
  assert.equal(new Date(`${String(check.attributes.timestamp).replace(' ', 'T')}Z`).getTime() / 1000, unix, 'timestamp and unixtime name the same instant');
  assert.equal(check.attributes.request_address, 'admin@example.com', "the losing domain's admin contact");
  // A reseller that is not a party learns nothing about the request.
  const carol = server.xcpClient(await server.createReseller('carol', '100'));
  const other = await carol.call('DOMAIN', 'CHECK_TRANSFER', { domain: names.xcp, check_status: '1', get_request_address: '1' });
  assert.equal(other.attributes.request_address, undefined);
  assert.equal(other.attributes.unixtime, undefined);

  expectCode(await a.call('TRANSFER', 'APPROVE_TRANSFER', { domain: names.xcp }), 200);
  assert.deepEqual((await nameserversOf(names.xcp)).map((n) => n.name), ['ns1.moved-here.net', 'ns2.moved-here.net']);
  const cookie = await cookieFor(b, names.xcp, 'bobclient', 'bobs-pass1');
  const owner = assoc(assoc((await b.call('DOMAIN', 'GET', { type: 'owner' }, { cookie })).attributes.contact_set).owner);
  assert.equal(owner.first_name, 'Gainer');
  const done = await b.call('DOMAIN', 'CHECK_TRANSFER', { domain: names.xcp, check_status: '1' });
  assert.equal(done.attributes.status, 'completed');
  assert.equal(done.attributes.unixtime, check.attributes.unixtime);

  // Item 11: the losing side is told in the guide's OUTGOING TRANSFER shape, the gaining side with trnData.
  const away = (await drainPoll(alice)).filter((m) => aboutName(m, names.xcp));
  assert.equal(away.length, 2, away.map((m) => m.xml).join('\n'));
  assert.equal(find(away[0]!.root, NS.domain, 'trStatus')?.text, 'pending');
  assert.deepEqual(polData(away[0]!, 'trnData'), { action: 'outgoing_transfer', status: 'pending', description: 'outgoing trade of domain: operation in progress' });
  const gone = find(away[1]!.root, NS.domain, 'infData');
  assert.ok(gone, away[1]!.xml);
  assert.equal(find(gone, NS.domain, 'clID')?.text, bob.username);
  assert.equal(find(gone, NS.domain, 'roid')?.text, (await domainOf(names.xcp))!.roid);
  assert.deepEqual(polData(away[1]!, 'infData'), { action: 'outgoing_transfer', status: 'complete', description: 'outgoing trade of domain: operation completed successfully' });
  const came = (await drainPoll(bob)).filter((m) => aboutName(m, names.xcp));
  assert.equal(find(came[0]!.root, NS.domain, 'trStatus')?.text, 'clientApproved');
  assert.deepEqual(polData(came[0]!, 'trnData'), { action: 'transfer', status: 'complete', description: 'incoming trade of domain: operation completed successfully' });
});

test('EPP: the op:transfer block (registrant and contacts by handle, op:ns, autorenew, comments) is in place when the transfer completes', async () => {
  const { epp, cmd } = await eppSession(bob);
  const C = `xmlns:contact="${NS.contact}"`;
  const newContact = async (name: string) => {
    const r = await cmd(`<create><contact:create ${C}><contact:id>ignored</contact:id><contact:postalInfo type="loc"><contact:name>${name}</contact:name>` +
      '<contact:addr><contact:street>1 Main Street</contact:street><contact:city>Toronto</contact:city><contact:sp>ON</contact:sp>' +
      '<contact:pc>M1M1M1</contact:pc><contact:cc>CA</contact:cc></contact:addr></contact:postalInfo><contact:voice>+1.4165551212</contact:voice>' +
      '<contact:email>new@example.com</contact:email><contact:authInfo><contact:pw>Contact-Pw-1</contact:pw></contact:authInfo></contact:create></create>');
    assert.equal(r.code, 1000, r.xml);
    return find(r.root, NS.contact, 'id')!.text;
  };
  const [registrant, admin, tech] = [await newContact('Reg Istrant'), await newContact('Ad Min'), await newContact('Tech Nical')];
  const request = (contactId: string) => `<transfer op="request"><domain:transfer xmlns:domain="${NS.domain}"><domain:name>${names.epp}</domain:name>` +
    `<domain:authInfo><domain:pw>${AUTH}</domain:pw></domain:authInfo></domain:transfer></transfer>` +
    `<extension><op:ext xmlns:op="${NS.op}" xmlns:domain="${NS.domain}"><op:transfer><op:domain>` +
    `<op:registrant>${registrant}</op:registrant><op:contact type="admin">${contactId}</op:contact><op:contact type="tech">${tech}</op:contact>` +
    // As in the guide's example: hosts under the domain itself, with their glue.
    `<op:ns><domain:hostAttr><domain:hostName>ns1.${names.epp}</domain:hostName><domain:hostAddr ip="v4">192.0.2.10</domain:hostAddr></domain:hostAttr>` +
    `<domain:hostAttr><domain:hostName>ns2.${names.epp}</domain:hostName><domain:hostAddr ip="v6">2001:db8::10</domain:hostAddr></domain:hostAttr></op:ns>` +
    '<op:autorenew>on</op:autorenew><op:comments>moved by bob</op:comments></op:domain></op:transfer></op:ext></extension>';
  // A handle that is not bob's is refused before anything is charged.
  const refused = await cmd(request('NOSUCH-HANDLE'));
  assert.equal(refused.code, 2303, refused.msg + refused.xml);
  const r = await cmd(request(admin));
  assert.equal(r.code, 1001, r.xml);
  await epp.close();
  expectCode(await a.call('TRANSFER', 'APPROVE_TRANSFER', { domain: names.epp }), 200);

  const d = (await domainOf(names.epp))!;
  const roles = await (await db()).selectFrom('domain_contacts').innerJoin('contacts', 'contacts.id', 'domain_contacts.contact_id')
    .select(['domain_contacts.role', 'contacts.handle']).where('domain_contacts.domain_id', '=', d.id).execute();
  const byRole = Object.fromEntries(roles.map((x) => [x.role, x.handle]));
  assert.deepEqual([byRole.owner, byRole.admin, byRole.tech], [registrant, admin, tech]);
  assert.deepEqual((await nameserversOf(names.epp)).map((n) => [n.name, JSON.parse(n.addresses)]), [[`ns1.${names.epp}`, ['192.0.2.10']], [`ns2.${names.epp}`, ['2001:db8::10']]]);
  assert.equal(d.auto_renew, 1);
  assert.equal(JSON.parse(d.op_ext).comments, 'moved by bob');
});

test('PROCESS_TRANSFER resubmits a cancelled transfer order with the same data (charged again after the refund); APPROVE/REJECT_TRANSFER answer for the losing side', async () => {
  const start = await balance(b);
  const first = await transferXcp(b, names.resubmit);
  expectCode(first, 200);
  const firstId = String(first.attributes.id);
  expectCode(await b.call('TRANSFER', 'CANCEL_TRANSFER', { domain: names.resubmit }), 200);
  assert.equal(await balance(b), start, 'refunded');

  // Errors: missing or malformed order_id, someone else's order, an order that is not a cancelled transfer.
  expectCode(await b.call('TRANSFER', 'PROCESS_TRANSFER', {}), 460);
  expectCode(await b.call('TRANSFER', 'PROCESS_TRANSFER', { order_id: 'x1' }), 465);
  expectCode(await a.call('TRANSFER', 'PROCESS_TRANSFER', { order_id: firstId }), 480);
  expectCode(await b.call('TRANSFER', 'PROCESS_TRANSFER', { order_id: firstId, reseller: 'alice' }), 480);
  const aliceOrder = await (await db()).selectFrom('orders').select('id').where('domain_name', '=', names.resubmit).where('kind', '=', 'register').executeTakeFirstOrThrow();
  expectCode(await a.call('TRANSFER', 'PROCESS_TRANSFER', { order_id: String(aliceOrder.id) }), 465, /not a transfer order/);

  const again = await b.call('TRANSFER', 'PROCESS_TRANSFER', { order_id: firstId, reseller: bob.username });
  expectCode(again, 200);
  const secondId = String(again.attributes.id);
  assert.notEqual(secondId, firstId);
  assert.equal(again.attributes.charged, '1');
  assert.equal(start - await balance(b), 1099, 'charged again: the first order was refunded');
  assert.equal((await (await db()).selectFrom('orders').select('status').where('id', '=', Number(firstId)).executeTakeFirstOrThrow()).status, 'cancelled', 'the old order is not modified');
  expectCode(await b.call('TRANSFER', 'PROCESS_TRANSFER', { order_id: secondId }), 465, /not a cancelled or failed transfer/);
  const inList = (await b.call('DOMAIN', 'GET_TRANSFERS_IN', { status: 'pending' })).attributes.transfers as OpsAssoc[];
  assert.ok(inList.some((t) => t.domain === names.resubmit));

  // The losing side: regd's REJECT_TRANSFER (only the sponsor may), then a resubmission of the rejected order, approved.
  assert.equal((await b.call('TRANSFER', 'REJECT_TRANSFER', { domain: names.resubmit })).isSuccess, false);
  expectCode(await a.call('TRANSFER', 'REJECT_TRANSFER', { domain: names.resubmit }), 200);
  assert.equal(await balance(b), start, 'refunded again');
  const third = await b.call('TRANSFER', 'PROCESS_TRANSFER', { order_id: secondId });
  expectCode(third, 200);
  expectCode(await a.call('TRANSFER', 'APPROVE_TRANSFER', { domain: names.resubmit }), 200);
  assert.equal((await domainOf(names.resubmit))!.reseller_id, (await (await db()).selectFrom('resellers').select('id').where('username', '=', bob.username).executeTakeFirstOrThrow()).id);
  // The data of the first request came along: its nameservers, registrant profile and contacts.
  assert.deepEqual((await nameserversOf(names.resubmit)).map((n) => n.name), ['ns1.moved-here.net', 'ns2.moved-here.net']);
  const cookie = await cookieFor(b, names.resubmit, 'bobclient', 'bobs-pass1');
  assert.equal(assoc(assoc((await b.call('DOMAIN', 'GET', { type: 'owner' }, { cookie })).attributes.contact_set).owner).first_name, 'Gainer');
  assert.equal(start - await balance(b), 1099, 'paid once for the transfer that completed');
});

test('a trade queues a message for each registrant\'s answer, in the guide\'s TRADE shape (op:trdData)', async () => {
  await drainPoll(alice);
  expectCode(await a.call('DOMAIN', 'SW_REGISTER', registerAttributes(names.traded)), 200);
  expectCode(await a.call('DOMAIN', 'TRADE_DOMAIN', {
    domain: names.traded, first_name: 'Nora', last_name: 'Newowner', org_name: 'New Owner Ltd', email: 'nora@newowner.example', phone: '+44.2071234567',
    address1: '1 High Street', city: 'London', state: '', country: 'GB', postal_code: 'EC1A 1AA',
  }), 200);
  await server.cli('sandbox', 'trade', 'accept', names.traded);
  await server.cli('sandbox', 'trade', 'accept', names.traded);
  const msgs = (await drainPoll(alice)).filter((m) => aboutName(m, names.traded));
  assert.equal(msgs.length, 2, 'the current and the new registrant\'s answers');
  const trd = msgs.map((m) => {
    const d = find(find(m.root, NS.op, 'trdData')!, NS.op, 'domain')!;
    return { name: find(d, NS.op, 'name')?.text, trStatus: find(d, NS.op, 'trStatus')?.text, reID: find(d, NS.op, 'reID')?.text, ...polData(m, 'trdData') };
  });
  assert.deepEqual(trd, [
    { name: names.traded, trStatus: 'pending', reID: alice.username, action: 'trade', status: 'pending', description: 'incoming trade of domain: operation in progress' },
    { name: names.traded, trStatus: 'clientApproved', reID: alice.username, action: 'trade', status: 'complete', description: 'incoming trade of domain: operation completed successfully' },
  ]);
  assert.equal(find(msgs[0]!.root, NS.epp, 'resData'), undefined, 'no resData, as the guide shows');
});

test('an asynchronous registration\'s completion is the guide\'s CREATE message: domain:creData and op:creData', async () => {
  await drainPoll(alice);
  const name = freshName('de');
  expectCode(await a.call('DOMAIN', 'SW_REGISTER', registerAttributes(name)), 250);
  await server.cli('sandbox', 'clock', 'advance', '3m');
  await eventually(async () => (await a.call('DOMAIN', 'LOOKUP', { domain: name })).responseCode, (c) => c === 211, 'the life cycle completes the registration');
  const msgs = (await drainPoll(alice)).filter((m) => aboutName(m, name));
  assert.equal(msgs.length, 1);
  const cre = find(msgs[0]!.root, NS.domain, 'creData');
  assert.ok(cre, msgs[0]!.xml);
  const d = (await domainOf(name))!;
  assert.deepEqual([find(cre, NS.domain, 'name')?.text, find(cre, NS.domain, 'crDate')?.text, find(cre, NS.domain, 'exDate')?.text], [name, d.created_at, d.expires_at]);
  assert.deepEqual(polData(msgs[0]!, 'creData'), { action: 'create', status: 'complete', description: 'domain registration: operation completed successfully' });
});

// Last: it moves the sandbox clock past the transfer window.
test('a name taken elsewhere: check says taken, info 2303, CHECK_TRANSFER transferrable, and a transfer with the documented code completes after the window', async () => {
  const name = `taken-${process.pid}-${Date.now().toString(36)}.com`;
  const { epp, cmd } = await eppSession(bob);
  const D = `xmlns:domain="${NS.domain}"`;
  const chk = await cmd(`<check><domain:check ${D}><domain:name>${name}</domain:name></domain:check></check>`);
  assert.equal(findAll(chk.root, NS.domain, 'name')[0]!.attrs.avail, '0');
  assert.equal((await cmd(`<info><domain:info ${D}><domain:name>${name}</domain:name></domain:info></info>`)).code, 2303);
  assert.equal((await b.call('DOMAIN', 'LOOKUP', { domain: name })).responseCode, 211);
  const check = await b.call('DOMAIN', 'CHECK_TRANSFER', { domain: name });
  assert.equal(check.attributes.transferrable, '1', check.responseText);

  const transfer = (pw: string) => cmd(`<transfer op="request"><domain:transfer ${D}><domain:name>${name}</domain:name><domain:authInfo><domain:pw>${pw}</domain:pw></domain:authInfo></domain:transfer></transfer>`);
  const start = await balance(b);
  assert.equal((await transfer('wrong-code-1')).code, 2202);
  assert.equal(await balance(b), start, 'a refused request costs nothing');
  const req = await transfer('Sandbox-Foreign-1');
  assert.equal(req.code, 1001, req.xml);
  assert.equal(find(req.root, NS.domain, 'trStatus')?.text, 'pending');
  assert.equal(start - await balance(b), 1099, 'paid at the request');
  const pending = await b.call('DOMAIN', 'CHECK_TRANSFER', { domain: name, check_status: '1' });
  assert.deepEqual([pending.attributes.transferrable, pending.attributes.status], ['0', 'pending']);
  await epp.close();

  // The window passes on the sandbox clock; the life cycle (every 5 s) asks the registry, which approves.
  await server.cli('sandbox', 'clock', 'advance', '6d');
  await eventually(async () => (await domainOf(name))?.reseller_id, (v) => v !== undefined, 'the transfer completes');
  const { epp: epp2, cmd: cmd2 } = await eppSession(bob);
  const info = await cmd2(`<info><domain:info ${D}><domain:name>${name}</domain:name></domain:info></info>`);
  assert.equal(info.code, 1000, info.xml);
  assert.equal(find(info.root, NS.domain, 'clID')?.text, bob.username);
  await epp2.close();
  const told = (await drainPoll(bob)).filter((m) => aboutName(m, name));
  assert.equal(find(told[0]!.root, NS.domain, 'trStatus')?.text, 'serverApproved');
  const done = await b.call('DOMAIN', 'CHECK_TRANSFER', { domain: name, check_status: '1' });
  assert.equal(done.attributes.status, 'completed');
});
