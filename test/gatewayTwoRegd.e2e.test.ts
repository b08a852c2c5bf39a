// regd as a registrar gateway: regd D serves .com from regd U (`--upstream com=epps://...@U`), U's sandbox being the
// registry. A reseller of D registers, renews and changes nameservers over XCP and EPP; each change is checked at U
// over U's own EPP door with an independent session (the name exists, sponsored by D's login, with the nameservers
// and expiry D reported). Then U is killed (SIGKILL) in the middle of registrations and brought back on the same data:
// every order at D ends completed or failed, nothing is charged twice, and nothing registered at U is unknown to D.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { contact, freshName, registerAttributes } from './support/fixtures.ts';
import { makeAssoc } from '../src/protocols/ops/index.ts';
import { loginXml, eppCommand, parseResponse, find, findAll } from './support/eppHarness.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import type { EppTlsClient } from '../src/client/eppClient.ts';

let upstream: RegdServer;
let gateway: RegdServer;
let registrar: ResellerCredentials; // D's login at U
let alice: ResellerCredentials; // a reseller of D
let caFile: string;
let tmp: string;

async function startGateway(u: RegdServer, extra: string[] = []): Promise<RegdServer> {
  const url = `com=epps://${encodeURIComponent(registrar.username)}:${encodeURIComponent(registrar.password)}@127.0.0.1:${u.eppPort}`;
  return startRegd({ extraArgs: ['--upstream', url, '--upstream-ca', caFile, '--registry-deadline', '5', ...extra] });
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-gateway-'));
  upstream = await startRegd();
  registrar = await upstream.createReseller('gatewayco', '100000');
  caFile = path.join(tmp, 'upstream-ca.pem');
  fs.writeFileSync(caFile, upstream.caPem);
  // .app from U too, in its claims phase (U's sandbox has .app there): claims are checked at U, notices sent to U.
  const claimsToml = path.join(tmp, 'claims.toml');
  fs.writeFileSync(claimsToml, [
    '[upstream.claims]',
    `url = "epps://${encodeURIComponent(registrar.username)}:${encodeURIComponent(registrar.password)}@127.0.0.1:${upstream.eppPort}"`,
    `ca = "${caFile}"`,
    '[upstream.claims.tld.app]',
    'launch_phase = "claims"',
    'claims_notice_required = true',
  ].join('\n'));
  gateway = await startGateway(upstream, ['--config', claimsToml]);
  alice = await gateway.createReseller('alice', '1000');
});
after(async () => {
  await gateway?.stop();
  await upstream?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** An independent EPP session at U, logged in as D's registrar account. */
async function atUpstream<T>(fn: (epp: EppTlsClient) => Promise<T>): Promise<T> {
  const epp = await upstream.eppTls();
  try {
    assert.equal(parseResponse(await epp.command(loginXml(registrar.username, registrar.password))).code, 1000);
    return await fn(epp);
  } finally {
    await epp.close();
  }
}

async function infoAtUpstream(name: string) {
  return atUpstream(async (epp) => parseResponse(await epp.command(eppCommand(
    `<info><domain:info xmlns:domain="${NS.domain}"><domain:name>${name}</domain:name></domain:info></info>`))));
}

test('XCP at D: check, register, renew and change nameservers; U holds the name as D reported it', async () => {
  const c = gateway.xcpClient(alice);
  const name = freshName('com');
  assert.equal((await c.call('DOMAIN', 'LOOKUP', { domain: name })).responseCode, 210);
  // "Taken elsewhere" is U's answer now: U's sandbox holds every taken* name.
  assert.equal((await c.call('DOMAIN', 'LOOKUP', { domain: 'takenelsewhere.com' })).responseCode, 211);

  const reg = await c.call('DOMAIN', 'SW_REGISTER', registerAttributes(name));
  assert.equal(reg.responseCode, 200, reg.responseText);
  const info = await infoAtUpstream(name);
  assert.equal(info.code, 1000, info.xml);
  assert.equal(find(info.root, NS.domain, 'clID')?.text, registrar.username, 'sponsored by D\'s login at U');
  assert.deepEqual(findAll(info.root, NS.domain, 'hostObj').map((h) => h.text), ['ns1.example.net', 'ns2.example.net']);
  const exAtU = find(info.root, NS.domain, 'exDate')!.text.slice(0, 10);
  assert.ok(find(info.root, NS.domain, 'registrant')?.text, 'the registrant contact was created at U');

  const got = await c.call('DOMAIN', 'GET', { domain: name, type: 'all_info' }, { cookie: String((await c.call('COOKIE', 'SET', { domain: name, reg_username: 'registrant1', reg_password: 'secret123' })).attributes.cookie) });
  assert.equal(String(got.attributes.expiredate).slice(0, 10), exAtU, 'D reports the expiry U gave');

  const year = Number(exAtU.slice(0, 4));
  const renew = await c.call('DOMAIN', 'RENEW', { domain: name, period: '2', currentexpirationyear: String(year), handle: 'process' });
  assert.equal(renew.responseCode, 200, renew.responseText);
  const afterRenew = await infoAtUpstream(name);
  assert.equal(find(afterRenew.root, NS.domain, 'exDate')!.text.slice(0, 4), String(year + 2), 'U renewed it by two years');

  const ns = await c.call('DOMAIN', 'ADVANCED_UPDATE_NAMESERVERS', {
    domain: name, op_type: 'assign', assign_ns: ['ns3.example.org', 'ns4.example.org'],
  });
  assert.equal(ns.responseCode, 200, ns.responseText);
  const afterNs = await infoAtUpstream(name);
  assert.deepEqual(findAll(afterNs.root, NS.domain, 'hostObj').map((h) => h.text).sort(), ['ns3.example.org', 'ns4.example.org']);
});

test('premium names at U: D prices them with U\'s fee:check, wants them acknowledged, and agrees to U\'s fee upstream', async () => {
  const c = gateway.xcpClient(alice);
  const name = `premium${freshName('com')}`; // U's sandbox prices every label starting with "premium" at 10x
  const lookup = await c.call('DOMAIN', 'LOOKUP', { domain: name });
  assert.equal(lookup.responseCode, 210, lookup.responseText);
  assert.equal(lookup.attributes.is_registry_premium, '1', 'the price is U\'s premium price');
  const price = String(lookup.attributes.price);
  const atU = await upstream.xcpClient(registrar).call('DOMAIN', 'GET_PRICE', { domain: name, period: '1' });
  assert.equal(atU.attributes.price, price, 'D charges what U charges for the name');

  const balance = async () => Number((await c.call('BALANCE', 'GET_BALANCE')).attributes.balance);
  const before = await balance();
  const unacknowledged = await c.call('DOMAIN', 'SW_REGISTER', registerAttributes(name));
  assert.equal(unacknowledged.isSuccess, false, 'a premium name needs its price acknowledged');
  assert.equal(await balance(), before);
  const reg = await c.call('DOMAIN', 'SW_REGISTER', registerAttributes(name, { premium_price_to_verify: price }));
  assert.equal(reg.responseCode, 200, reg.responseText);
  assert.equal(Math.round((before - await balance()) * 100), Math.round(Number(price) * 100), 'charged the premium price once');
  const info = await infoAtUpstream(name);
  assert.equal(find(info.root, NS.domain, 'clID')?.text, registrar.username, 'registered at U (which wants the fee for a premium name)');
});

test('EPP at D: create and renew reach U; a name U refuses is refused at D and not charged', async () => {
  const epp = await gateway.eppTls();
  assert.equal(parseResponse(await epp.command(loginXml(alice.username, alice.password))).code, 1000);
  const contact = parseResponse(await epp.command(eppCommand(`<create><contact:create xmlns:contact="${NS.contact}"><contact:id>ann1</contact:id>` +
    '<contact:postalInfo type="int"><contact:name>Ann Smith</contact:name><contact:addr><contact:street>1 Main St</contact:street>' +
    '<contact:city>Toronto</contact:city><contact:pc>M5V1A1</contact:pc><contact:cc>CA</contact:cc></contact:addr></contact:postalInfo>' +
    '<contact:voice>+1.4165550123</contact:voice><contact:email>ann@example.com</contact:email><contact:authInfo><contact:pw>Secret12</contact:pw></contact:authInfo>' +
    '</contact:create></create>')));
  assert.equal(contact.code, 1000, contact.xml);
  const handle = find(contact.root, NS.contact, 'id')!.text;
  const name = freshName('com');
  const create = (n: string) => epp.command(eppCommand(`<create><domain:create xmlns:domain="${NS.domain}"><domain:name>${n}</domain:name>` +
    `<domain:period unit="y">1</domain:period><domain:registrant>${handle}</domain:registrant>` +
    `<domain:contact type="admin">${handle}</domain:contact><domain:contact type="tech">${handle}</domain:contact>` +
    '<domain:authInfo><domain:pw>Auth1234</domain:pw></domain:authInfo></domain:create></create>'));
  const created = parseResponse(await create(name));
  assert.equal(created.code, 1000, created.xml);
  const info = await infoAtUpstream(name);
  assert.equal(find(info.root, NS.domain, 'clID')?.text, registrar.username);

  const balance = async () => (await gateway.xcpClient(alice).call('BALANCE', 'GET_BALANCE')).attributes.balance;
  const before = await balance();
  const refused = parseResponse(await create('takenbyother.com'));
  assert.equal(refused.code, 2302, refused.xml);
  assert.equal(await balance(), before, 'a refused registration is not charged');
  await epp.close();
});

/** A logged-in EPP session at a server, for one reseller. */
async function eppAs(server: RegdServer, who: ResellerCredentials): Promise<EppTlsClient> {
  const epp = await server.eppTls();
  assert.equal(parseResponse(await epp.command(loginXml(who.username, who.password))).code, 1000);
  return epp;
}
const domainInfoXml = (name: string) => eppCommand(`<info><domain:info xmlns:domain="${NS.domain}"><domain:name>${name}</domain:name></domain:info></info>`);
const transferXml = (op: string, name: string, pw?: string) => eppCommand(`<transfer op="${op}"><domain:transfer xmlns:domain="${NS.domain}"><domain:name>${name}</domain:name>` +
  `${pw ? `<domain:authInfo><domain:pw>${pw}</domain:pw></domain:authInfo>` : ''}</domain:transfer></transfer>`);
const contactXml = (id: string) => eppCommand(`<create><contact:create xmlns:contact="${NS.contact}"><contact:id>${id}</contact:id>` +
  '<contact:postalInfo type="int"><contact:name>Carol Jones</contact:name><contact:addr><contact:street>2 High St</contact:street>' +
  '<contact:city>Leeds</contact:city><contact:pc>LS1 1AA</contact:pc><contact:cc>GB</contact:cc></contact:addr></contact:postalInfo>' +
  '<contact:voice>+44.1135550123</contact:voice><contact:email>carol@example.com</contact:email><contact:authInfo><contact:pw>Secret12</contact:pw></contact:authInfo>' +
  '</contact:create></create>');
const createXml = (name: string, registrant: string, pw: string) => eppCommand(`<create><domain:create xmlns:domain="${NS.domain}"><domain:name>${name}</domain:name>` +
  `<domain:period unit="y">1</domain:period><domain:registrant>${registrant}</domain:registrant>` +
  `<domain:contact type="admin">${registrant}</domain:contact><domain:contact type="tech">${registrant}</domain:contact>` +
  `<domain:authInfo><domain:pw>${pw}</domain:pw></domain:authInfo></domain:create></create>`);

/** Creates a contact; regd assigns the handle (Openprovider style), which the reply names. */
async function newContact(epp: EppTlsClient, id: string): Promise<string> {
  const r = parseResponse(await epp.command(contactXml(id)));
  assert.equal(r.code, 1000, r.xml);
  return find(r.root, NS.contact, 'id')!.text;
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 45_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

test('transfers: between two of D\'s resellers they stay at D; in from and out to another registrar go through U', async () => {
  const bob = await gateway.createReseller('bob', '1000');
  const carol = await upstream.createReseller('carol', '1000'); // another registrar at U
  const aliceEpp = await eppAs(gateway, alice);
  const bobEpp = await eppAs(gateway, bob);
  const carolEpp = await eppAs(upstream, carol);
  try {
    // alice registers at D; the 60-day lock passes on both clocks.
    const aliceContact = await newContact(aliceEpp, 'alice1');
    const name = freshName('com');
    assert.equal(parseResponse(await aliceEpp.command(createXml(name, aliceContact, 'AliceAuth1'))).code, 1000);
    await gateway.cli('sandbox', 'clock', 'advance', '61d');
    await upstream.cli('sandbox', 'clock', 'advance', '61d');

    // D to D: bob asks, alice approves; the registrar of record at U does not change.
    assert.equal(parseResponse(await bobEpp.command(transferXml('request', name, 'AliceAuth1'))).code, 1001);
    assert.equal(parseResponse(await aliceEpp.command(transferXml('approve', name))).code, 1000);
    assert.equal(find(parseResponse(await bobEpp.command(domainInfoXml(name))).root, NS.domain, 'clID')?.text, bob.username);
    assert.equal(find((await infoAtUpstream(name)).root, NS.domain, 'clID')?.text, registrar.username, 'still D\'s login at U');

    // Out: carol (another registrar at U) asks at U; bob hears of it at D and approves there; the name leaves D.
    assert.equal(parseResponse(await carolEpp.command(transferXml('request', name, 'AliceAuth1'))).code, 1001);
    await eventually('the transfer request to reach bob', async () => {
      const poll = parseResponse(await bobEpp.command(eppCommand('<poll op="req"/>')));
      if (poll.code !== 1301 || !poll.xml.includes(name) || !poll.xml.includes('pending')) {
        if (poll.code === 1301) await bobEpp.command(eppCommand(`<poll op="ack" msgID="${find(poll.root, NS.epp, 'msgQ')?.attrs.id}"/>`));
        return undefined;
      }
      return poll;
    });
    assert.equal(parseResponse(await bobEpp.command(transferXml('approve', name))).code, 1000);
    assert.equal(find((await infoAtUpstream(name)).root, NS.domain, 'clID')?.text, carol.username, 'carol sponsors it at U now');
    await eventually('the name to leave D', async () => {
      const info = parseResponse(await bobEpp.command(domainInfoXml(name)));
      return find(info.root, NS.domain, 'clID')?.text === bob.username ? undefined : info;
    });

    // In: carol registers a name at U directly; bob transfers it in through D, carol approves at U.
    const carolContact = await newContact(carolEpp, 'carol1');
    const theirs = freshName('com');
    assert.equal(parseResponse(await carolEpp.command(createXml(theirs, carolContact, 'CarolAuth1'))).code, 1000);
    // Both sandbox clocks move together: D keeps the dates U reports, so they must agree on what "now" is.
    await upstream.cli('sandbox', 'clock', 'advance', '61d');
    await gateway.cli('sandbox', 'clock', 'advance', '61d');
    const bobBalance = async () => Number((await gateway.xcpClient(bob).call('BALANCE', 'GET_BALANCE')).attributes.balance);
    const before = await bobBalance();
    assert.equal(parseResponse(await bobEpp.command(transferXml('request', theirs, 'CarolAuth1'))).code, 1001);
    assert.equal(await bobBalance(), before - 10.99, 'the transfer price is held at the request');
    assert.equal(parseResponse(await carolEpp.command(transferXml('approve', theirs))).code, 1000);
    const info = await eventually('the transferred name at D', async () => {
      const r = parseResponse(await bobEpp.command(domainInfoXml(theirs)));
      return r.code === 1000 && find(r.root, NS.domain, 'clID')?.text === bob.username ? r : undefined;
    });
    assert.ok(find(info.root, NS.domain, 'exDate'), info.xml);
    assert.equal(find((await infoAtUpstream(theirs)).root, NS.domain, 'clID')?.text, registrar.username, 'U shows D\'s login as the sponsor');
    assert.equal(await bobBalance(), before - 10.99, 'charged once');

    // In over XCP with a contact_set: once the transfer completes, U holds the gaining side's contacts, not carol's.
    const theirs2 = freshName('com');
    assert.equal(parseResponse(await carolEpp.command(createXml(theirs2, carolContact, 'CarolAuth2'))).code, 1000);
    await upstream.cli('sandbox', 'clock', 'advance', '61d');
    await gateway.cli('sandbox', 'clock', 'advance', '61d');
    const xcpIn = await gateway.xcpClient(bob).call('DOMAIN', 'SW_REGISTER', registerAttributes(theirs2, {
      reg_type: 'transfer', auth_info: 'CarolAuth2', reg_username: 'bobsclient', reg_password: 'bobs-pass1',
    }));
    assert.equal(xcpIn.responseCode, 200, xcpIn.responseText);
    assert.equal(parseResponse(await carolEpp.command(transferXml('approve', theirs2))).code, 1000);
    const registrantAtU = await eventually('the gaining contacts at U', async () => {
      const r = await infoAtUpstream(theirs2);
      const id = find(r.root, NS.domain, 'registrant')?.text;
      return find(r.root, NS.domain, 'clID')?.text === registrar.username && id && id !== carolContact ? id : undefined;
    });
    const owner = await atUpstream(async (epp) => parseResponse(await epp.command(eppCommand(
      `<info><contact:info xmlns:contact="${NS.contact}"><contact:id>${registrantAtU}</contact:id></contact:info></info>`))));
    assert.equal(owner.code, 1000, owner.xml);
    assert.equal(find(owner.root, NS.contact, 'name')?.text, 'Owner Tester', 'the owner sent with the transfer');
  } finally {
    await Promise.all([aliceEpp.close(), bobEpp.close(), carolEpp.close()]);
  }
});

test('trademark claims at U: D asks U for the claim, wants the notice, and sends it with the create', async () => {
  const epp = await eppAs(gateway, alice);
  try {
    const name = `mytrademark-${freshName('app')}`;
    const L = `xmlns:launch="${NS.launch}"`;
    const claims = parseResponse(await epp.command(eppCommand(`<check><domain:check xmlns:domain="${NS.domain}"><domain:name>${name}</domain:name></domain:check></check>` +
      `<extension><launch:check ${L} type="claims"><launch:phase>claims</launch:phase></launch:check></extension>`)));
    assert.equal(claims.code, 1000, claims.xml);
    assert.match(find(claims.root, NS.launch, 'claimKey')?.text ?? '', /sandbox\/mytrademark/, `U's claim key, through D: ${claims.xml}`);
    const owner = await newContact(epp, 'tm1');
    // Both sandbox clocks have moved on by months in the tests before: the notice is valid for years.
    const now = Date.now();
    const create = (launch: string) => eppCommand(`<create><domain:create xmlns:domain="${NS.domain}"><domain:name>${name}</domain:name>` +
      `<domain:period unit="y">1</domain:period><domain:registrant>${owner}</domain:registrant><domain:contact type="admin">${owner}</domain:contact>` +
      `<domain:contact type="tech">${owner}</domain:contact><domain:authInfo><domain:pw>Claims-Auth1</domain:pw></domain:authInfo></domain:create></create>` +
      `<extension><launch:create ${L}><launch:phase>claims</launch:phase>${launch}</launch:create></extension>`);
    const without = parseResponse(await epp.command(create('')));
    assert.notEqual(without.code, 1000, 'a notice is required');
    const notice = `<launch:notice><launch:noticeID>370d0b7c9223372036854775807</launch:noticeID>` +
      `<launch:notAfter>${new Date(now + 3650 * 86_400_000).toISOString()}</launch:notAfter><launch:acceptedDate>${new Date(now - 60_000).toISOString()}</launch:acceptedDate></launch:notice>`;
    const ok = parseResponse(await epp.command(create(notice)));
    assert.equal(ok.code, 1000, ok.xml);
    assert.equal(find((await infoAtUpstream(name)).root, NS.domain, 'clID')?.text, registrar.username, 'U took the create with the notice');
  } finally {
    await epp.close();
  }
});

test('a transfer between two of D\'s resellers takes the contacts sent with it to U', async () => {
  const dave = await gateway.createReseller('losingco', '1000');
  const erin = await gateway.createReseller('gainingco', '1000');
  const name = freshName('com');
  assert.equal((await gateway.xcpClient(dave).call('DOMAIN', 'SW_REGISTER', registerAttributes(name))).responseCode, 200);
  assert.equal((await gateway.xcpClient(dave).call('DOMAIN', 'MODIFY', makeAssoc({ data: 'domain_auth_info', domain: name, domain_auth_info: 'DaveAuth-123' }))).responseCode, 200);
  await gateway.cli('sandbox', 'clock', 'advance', '61d');
  await upstream.cli('sandbox', 'clock', 'advance', '61d');
  const gaining = makeAssoc({ owner: contact('Gainer'), admin: contact('Gainer'), billing: contact('Gainer'), tech: contact('Gainer') });
  const req = await gateway.xcpClient(erin).call('DOMAIN', 'SW_REGISTER', registerAttributes(name, {
    reg_type: 'transfer', auth_info: 'DaveAuth-123', reg_username: 'erinclient', reg_password: 'erin-pass1', contact_set: gaining,
  }));
  assert.equal(req.responseCode, 200, req.responseText);
  const approve = await gateway.xcpClient(dave).call('TRANSFER', 'APPROVE_TRANSFER', { domain: name });
  assert.equal(approve.isSuccess, true, approve.responseText);
  const ownerAtU = await eventually('the gaining contacts at U', async () => {
    const r = await infoAtUpstream(name);
    const id = find(r.root, NS.domain, 'registrant')?.text;
    if (!id) return undefined;
    const c = await atUpstream(async (epp) => parseResponse(await epp.command(eppCommand(
      `<info><contact:info xmlns:contact="${NS.contact}"><contact:id>${id}</contact:id></contact:info></info>`))));
    return find(c.root, NS.contact, 'name')?.text === 'Gainer Tester' ? c : undefined;
  });
  assert.equal(ownerAtU.code, 1000);
  assert.equal(find((await infoAtUpstream(name)).root, NS.domain, 'clID')?.text, registrar.username, 'still D\'s login at U');
});

test('EPP at D: update (nameservers, registrant, lock), delete and restore reach U', async () => {
  const dave = await gateway.createReseller('dave', '1000');
  const epp = await eppAs(gateway, dave);
  try {
    const first = await newContact(epp, 'dave1');
    const name = freshName('com');
    assert.equal(parseResponse(await epp.command(createXml(name, first, 'DaveAuth1'))).code, 1000);

    // Update: a nameserver added, the registrant replaced, the domain locked; U sees each change.
    const second = await newContact(epp, 'dave2');
    const update = parseResponse(await epp.command(eppCommand(`<update><domain:update xmlns:domain="${NS.domain}"><domain:name>${name}</domain:name>` +
      '<domain:add><domain:ns><domain:hostObj>ns5.example.org</domain:hostObj></domain:ns><domain:status s="clientTransferProhibited"/></domain:add>' +
      `<domain:chg><domain:registrant>${second}</domain:registrant></domain:chg></domain:update></update>`)));
    assert.equal(update.code, 1000, update.xml);
    const atU = await infoAtUpstream(name);
    assert.ok(findAll(atU.root, NS.domain, 'hostObj').some((h) => h.text === 'ns5.example.org'), atU.xml);
    assert.ok(findAll(atU.root, NS.domain, 'status').some((st) => st.attrs.s === 'clientTransferProhibited'), atU.xml);
    const registrantAtU = find(atU.root, NS.domain, 'registrant')!.text;
    const contactAtU = await atUpstream(async (u) => parseResponse(await u.command(eppCommand(
      `<info><contact:info xmlns:contact="${NS.contact}"><contact:id>${registrantAtU}</contact:id></contact:info></info>`))));
    assert.equal(contactAtU.code, 1000, contactAtU.xml);
    assert.equal(find(contactAtU.root, NS.contact, 'name')?.text, 'Carol Jones', 'the new registrant\'s data reached U');

    // Unlocked again, then deleted after the add grace (so it goes into redemption at U), then restored.
    assert.equal(parseResponse(await epp.command(eppCommand(`<update><domain:update xmlns:domain="${NS.domain}"><domain:name>${name}</domain:name>` +
      '<domain:rem><domain:status s="clientTransferProhibited"/></domain:rem></domain:update></update>'))).code, 1000);
    await gateway.cli('sandbox', 'clock', 'advance', '6d');
    await upstream.cli('sandbox', 'clock', 'advance', '6d');
    const del = parseResponse(await epp.command(eppCommand(`<delete><domain:delete xmlns:domain="${NS.domain}"><domain:name>${name}</domain:name></domain:delete></delete>`)));
    assert.ok([1000, 1001].includes(del.code), del.xml);
    const deleted = await infoAtUpstream(name);
    assert.ok(findAll(deleted.root, NS.domain, 'status').some((st) => st.attrs.s === 'pendingDelete'), `U holds it for redemption: ${deleted.xml}`);

    const restore = (op: string, report = '') => epp.command(eppCommand(`<update><domain:update xmlns:domain="${NS.domain}"><domain:name>${name}</domain:name><domain:chg/></domain:update></update>` +
      `<extension><rgp:update xmlns:rgp="${NS.rgp}"><rgp:restore op="${op}">${report}</rgp:restore></rgp:update></extension>`));
    assert.equal(parseResponse(await restore('request')).code, 1000);
    const report = '<rgp:report><rgp:preData>Before.</rgp:preData><rgp:postData>After.</rgp:postData>' +
      '<rgp:delTime>2026-03-01T22:00:00.0Z</rgp:delTime><rgp:resTime>2026-03-03T22:00:00.0Z</rgp:resTime><rgp:resReason>Registrant error.</rgp:resReason>' +
      '<rgp:statement>Restored for the registrant.</rgp:statement><rgp:statement>True to the best of our knowledge.</rgp:statement></rgp:report>';
    assert.equal(parseResponse(await restore('report', report)).code, 1000);
    const restored = await infoAtUpstream(name);
    assert.ok(!findAll(restored.root, NS.domain, 'status').some((st) => st.attrs.s === 'pendingDelete'), `restored at U: ${restored.xml}`);
  } finally {
    await epp.close();
  }
});

test('EPP at D: glue hosts and contact changes reach U', async () => {
  const erin = await gateway.createReseller('erin', '1000');
  const epp = await eppAs(gateway, erin);
  try {
    const contact = await newContact(epp, 'erin1');
    const name = freshName('com');
    assert.equal(parseResponse(await epp.command(createXml(name, contact, 'ErinAuth1'))).code, 1000);
    const host = `ns1.${name}`;
    const hostInfoAtU = () => atUpstream(async (u) => parseResponse(await u.command(eppCommand(
      `<info><host:info xmlns:host="${NS.host}"><host:name>${host}</host:name></host:info></info>`))));
    const created = parseResponse(await epp.command(eppCommand(`<create><host:create xmlns:host="${NS.host}"><host:name>${host}</host:name>` +
      '<host:addr ip="v4">192.0.2.53</host:addr></host:create></create>')));
    assert.equal(created.code, 1000, created.xml);
    let atU = await hostInfoAtU();
    assert.equal(atU.code, 1000, atU.xml);
    assert.deepEqual(findAll(atU.root, NS.host, 'addr').map((a) => a.text), ['192.0.2.53']);

    const updated = parseResponse(await epp.command(eppCommand(`<update><host:update xmlns:host="${NS.host}"><host:name>${host}</host:name>` +
      '<host:add><host:addr ip="v4">192.0.2.54</host:addr></host:add><host:rem><host:addr ip="v4">192.0.2.53</host:addr></host:rem></host:update></update>')));
    assert.equal(updated.code, 1000, updated.xml);
    atU = await hostInfoAtU();
    assert.deepEqual(findAll(atU.root, NS.host, 'addr').map((a) => a.text), ['192.0.2.54']);

    // The registrant's e-mail changes at D; U's copy of the contact follows.
    const chg = parseResponse(await epp.command(eppCommand(`<update><contact:update xmlns:contact="${NS.contact}"><contact:id>${contact}</contact:id>` +
      '<contact:chg><contact:email>carol.new@example.com</contact:email></contact:chg></contact:update></update>')));
    assert.equal(chg.code, 1000, chg.xml);
    const registrantAtU = find((await infoAtUpstream(name)).root, NS.domain, 'registrant')!.text;
    const contactAtU = await atUpstream(async (u) => parseResponse(await u.command(eppCommand(
      `<info><contact:info xmlns:contact="${NS.contact}"><contact:id>${registrantAtU}</contact:id></contact:info></info>`))));
    assert.equal(find(contactAtU.root, NS.contact, 'email')?.text, 'carol.new@example.com');

    const deleted = parseResponse(await epp.command(eppCommand(`<delete><host:delete xmlns:host="${NS.host}"><host:name>${host}</host:name></host:delete></delete>`)));
    assert.equal(deleted.code, 1000, deleted.xml);
    assert.equal((await hostInfoAtU()).code, 2303, 'the host is gone at U too');
  } finally {
    await epp.close();
  }
});

test('U killed in the middle of registrations: every order at D settles, nothing is charged twice, U and D agree', async () => {
  const c = gateway.xcpClient(alice);
  const names = Array.from({ length: 8 }, () => freshName('com'));
  const balanceBefore = Number((await c.call('BALANCE', 'GET_BALANCE')).attributes.balance);
  const attempts = names.map((n) => c.call('DOMAIN', 'SW_REGISTER', registerAttributes(n)).catch((e: Error) => e));
  await new Promise((r) => setTimeout(r, 150));
  upstream.child.kill('SIGKILL');
  const replies = await Promise.all(attempts);
  for (const r of replies) {
    assert.ok(!(r instanceof Error), `D answered every request: ${r instanceof Error ? r.message : ''}`);
    assert.ok([200, 250, 405, 404].includes(r.responseCode), `a clear answer while U dies: ${r.responseCode} ${r.responseText}`);
  }
  // While U is down, a new registration fails fast with the registry-unavailable code.
  const down = await c.call('DOMAIN', 'SW_REGISTER', registerAttributes(freshName('com')));
  assert.ok([405, 250].includes(down.responseCode), `${down.responseCode} ${down.responseText}`);

  // U comes back on the same data and port.
  upstream = await restartOnSameData(upstream);
  // D's reconciler settles whatever was left in flight (its timer runs every 5 s; orders back off from 30 s).
  const deadline = Date.now() + 90_000;
  let open = Infinity;
  while (Date.now() < deadline) {
    open = 0;
    for (const n of names) {
      const l = await c.call('DOMAIN', 'LOOKUP', { domain: n });
      if (l.responseCode === 221 || l.responseCode === 486) open++;
    }
    if (open === 0) break;
    await new Promise((r) => setTimeout(r, 2000));
  }
  assert.equal(open, 0, 'every order settled');

  // Agreement: a name D holds is at U sponsored by D; a name D does not hold is not at U; money matches the orders.
  let held = 0;
  for (const n of names) {
    const atD = (await c.call('DOMAIN', 'LOOKUP', { domain: n })).responseCode === 211;
    const atU = await infoAtUpstream(n);
    if (atD) {
      held++;
      assert.equal(atU.code, 1000, `${n} registered at D is at U`);
      assert.equal(find(atU.root, NS.domain, 'clID')?.text, registrar.username);
    } else {
      assert.equal(atU.code, 2303, `${n} not held by D is not at U either: ${atU.xml}`);
    }
  }
  const balanceAfter = Number((await c.call('BALANCE', 'GET_BALANCE')).attributes.balance);
  assert.equal(Math.round((balanceBefore - balanceAfter) * 100), held * 1099 + extraCharged(down), 'charged once per name held, nothing for the rest');
});

/** The registration tried while U was down: charged only if it was accepted as pending. */
function extraCharged(down: { responseCode: number }): number {
  return down.responseCode === 250 ? 1099 : 0;
}

async function restartOnSameData(u: RegdServer): Promise<RegdServer> {
  if (u.child.exitCode === null && u.child.signalCode === null) await new Promise((r) => u.child.once('exit', r));
  return startRegd({ dataDir: u.dataDir, extraArgs: ['--epp-port', String(u.eppPort)] });
}

