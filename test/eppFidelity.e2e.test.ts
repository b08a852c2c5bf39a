// EPP fidelity (issue 9, items 4, 9 and 12) against one real `regd serve`:
//   4.  a domain created over EPP lives in the reseller's own registrant profile (epp-<reseller>), so XCP reaches it
//       by the reseller's `domain` attribute; that profile has no password, and CHANGE ownership hands the domain to
//       a registrant profile whose cookie then works, while EPP keeps managing it.
//   9.  contact ids per reseller: `assigned` (Openprovider: <contact:id> ignored, the default) or `client` (RFC 5733:
//       the id is the handle, 2302 when taken), set with `regd reseller contact-ids NAME MODE` under a running server.
//   12. (b) glue addresses only for hosts inside the domain (2306 otherwise); (c) <newPW> at login changes the EPP
//       password under the password rules; (a) renewPeriod and autoRenewPeriod in rgp:infData for 5 days. The
//       tests that move the sandbox clock come last.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import type { XcpClient } from '../src/client/xcpClient.ts';
import type { EppTlsClient } from '../src/client/eppClient.ts';
import { loginXml, eppCommand, parseResponse, find, findAll, type EppResponse } from './support/eppHarness.ts';
import { createXml, domainCmd, hostAttrs, hostObjs } from './support/eppDomainFixtures.ts';
import { closeStores, expectCode, storeOf } from './support/surfaceHelpers.ts';
import { freshName } from './support/fixtures.ts';
import { makeAssoc, type OpsAssoc } from '../src/protocols/ops/index.ts';
import { NS, OBJ_URIS, EXT_URIS } from '../src/protocols/epp/eppNamespaces.ts';
import { SecretBox, secretBoxFor } from '../src/core/secrets/secretBox.ts';

let server: RegdServer;
let alice: ResellerCredentials;
let bob: ResellerCredentials;
let a: XcpClient;
let b: XcpClient;
let aliceEpp: EppTlsClient;
let bobEpp: EppTlsClient;

async function eppLogin(r: ResellerCredentials): Promise<EppTlsClient> {
  const c = await server.eppTls();
  const res = parseResponse(await c.command(loginXml(r.username, r.password)));
  assert.equal(res.code, 1000, res.xml);
  return c;
}

before(async () => {
  server = await startRegd();
  alice = await server.createReseller('alice', '5000');
  bob = await server.createReseller('bob', '5000');
  a = server.xcpClient(alice);
  b = server.xcpClient(bob);
  aliceEpp = await eppLogin(alice);
  bobEpp = await eppLogin(bob);
});
after(async () => { await aliceEpp?.close(); await bobEpp?.close(); await closeStores(); await server.stop(); });

const epp = async (client: EppTlsClient, inner: string): Promise<EppResponse> => parseResponse(await client.command(eppCommand(inner)));
const C = `xmlns:contact="${NS.contact}"`;

function contactCreateXml(id: string, name = 'Ann Lee'): string {
  return `<create><contact:create ${C}><contact:id>${id}</contact:id><contact:postalInfo type="loc"><contact:name>${name}</contact:name>` +
    '<contact:addr><contact:street>1 Main Street</contact:street><contact:city>Toronto</contact:city><contact:sp>ON</contact:sp>' +
    '<contact:pc>M1M1M1</contact:pc><contact:cc>CA</contact:cc></contact:addr></contact:postalInfo><contact:voice>+1.4165551212</contact:voice>' +
    '<contact:email>ann@example.com</contact:email><contact:authInfo><contact:pw>Contact-Pw-1</contact:pw></contact:authInfo></contact:create></create>';
}

async function newContact(client: EppTlsClient, id = 'ignored-id'): Promise<string> {
  const r = await epp(client, contactCreateXml(id));
  assert.equal(r.code, 1000, r.xml);
  return find(r.root, NS.contact, 'id')!.text;
}

async function createDomain(client: EppTlsClient, name: string, registrant: string, ns = hostObjs('ns1.example.net', 'ns2.example.net')): Promise<EppResponse> {
  return epp(client, createXml(name, { registrant, pw: 'Domain-Pw-1', ns }));
}

const infoXml = (name: string) => domainCmd('info', `<domain:name>${name}</domain:name>`);
const rgpStatusesOf = (r: EppResponse) => findAll(r.root, NS.rgp, 'rgpStatus').map((s) => s.attrs.s);
const exDateOf = (r: EppResponse) => find(r.root, NS.domain, 'exDate')!.text;

// ---------------------------------------------------------------------------------------------------------------
// Item 4: one domain, both doors.

test('an EPP-created domain: XCP reaches it by domain; epp-<reseller> has no password; CHANGE ownership gives a registrant cookie', async () => {
  const owner = await newContact(aliceEpp);
  const name = freshName();
  const created = await createDomain(aliceEpp, name, owner);
  assert.equal(created.code, 1000, created.xml);

  // The reseller over XCP, by the domain attribute (no cookie): the same domain, the EPP contact as the owner.
  const all = await a.call('DOMAIN', 'GET', { type: 'all_info' }, { domain: name });
  expectCode(all, 200);
  assert.equal((((all.attributes.contact_set as OpsAssoc).owner as OpsAssoc).email), 'ann@example.com');
  assert.equal(String(all.attributes.expiredate).slice(0, 10), exDateOf(await epp(aliceEpp, infoXml(name))).slice(0, 10));
  // A change through XCP is what EPP reads next.
  expectCode(await a.call('DOMAIN', 'MODIFY', makeAssoc({ data: 'domain_auth_info', domain: name, domain_auth_info: 'From-Xcp-123' })), 200);
  assert.equal(find((await epp(aliceEpp, infoXml(name))).root, NS.domain, 'pw')!.text, 'From-Xcp-123');
  // Another reseller does not reach it.
  assert.equal((await b.call('DOMAIN', 'GET', { type: 'all_info' }, { domain: name })).isSuccess, false);

  // The reseller's own profile holds it; nobody knows its password, so no cookie opens it.
  const db = await storeOf(server.dataDir);
  const profile = await db.selectFrom('domains').innerJoin('profiles', 'profiles.id', 'domains.profile_id')
    .select('profiles.reg_username').where('domains.name', '=', name).where('domains.deleted_at', 'is', null).executeTakeFirstOrThrow();
  assert.equal(profile.reg_username, 'epp-alice');
  expectCode(await a.call('COOKIE', 'SET', { domain: name, reg_username: 'epp-alice', reg_password: 'anything' }), 415);

  // To give a registrant access, the reseller moves the domain into a registrant profile (created with this password).
  const moved = await a.call('DOMAIN', 'CHANGE', { domain: name, username: 'annlee', password: 'Secret-123' });
  expectCode(moved, 200);
  assert.equal(moved.attributes.new_profile, '1');
  const cookie = await a.call('COOKIE', 'SET', { domain: name, reg_username: 'annlee', reg_password: 'Secret-123' });
  expectCode(cookie, 200);
  const byCookie = await a.call('DOMAIN', 'GET', { type: 'all_info' }, { cookie: String(cookie.attributes.cookie) });
  expectCode(byCookie, 200);
  // EPP still manages it: same sponsor, same contacts.
  const info = await epp(aliceEpp, infoXml(name));
  assert.equal(info.code, 1000, info.xml);
  assert.equal(find(info.root, NS.domain, 'clID')!.text, 'alice');
  assert.equal(find(info.root, NS.domain, 'registrant')!.text, owner);
});

// ---------------------------------------------------------------------------------------------------------------
// Item 9: who names contacts.

test('contact ids: assigned by default (the client id is ignored); the CLI shows and switches the mode', async () => {
  const assigned = await newContact(bobEpp, 'bob-wanted-1');
  assert.match(assigned, /^[A-Z]{2}\d{6}-RG$/);
  assert.equal(JSON.parse(await server.cli('reseller', 'contact-ids', 'bob', '--json')).contactIds, 'assigned');
  await assert.rejects(server.cli('reseller', 'contact-ids', 'bob', 'mine'), /assigned or client/);
  await assert.rejects(server.cli('reseller', 'contact-ids', 'nobody', 'client'), /not found/);
  assert.equal(JSON.parse(await server.cli('reseller', 'contact-ids', 'bob', 'client', '--json')).contactIds, 'client');
  assert.match(await server.cli('reseller', 'contact-ids', 'bob'), /contact ids: client/);
});

test('contact ids in client mode (RFC 5733): the id is the handle, reused in a domain; 2302 when taken by anyone', async () => {
  // The running server reads the mode per create: no new login needed.
  const r = await epp(bobEpp, contactCreateXml('bob-owner-1'));
  assert.equal(r.code, 1000, r.xml);
  assert.equal(find(r.root, NS.contact, 'id')!.text, 'bob-owner-1');
  const info = await epp(bobEpp, `<info><contact:info ${C}><contact:id>bob-owner-1</contact:id></contact:info></info>`);
  assert.equal(info.code, 1000, info.xml);
  assert.equal(find(info.root, NS.contact, 'clID')!.text, 'bob');

  const again = await epp(bobEpp, contactCreateXml('bob-owner-1'));
  assert.equal(again.code, 2302, again.xml);
  assert.match(again.msg, /bob-owner-1 already exists/);
  // Handles are one namespace: alice's contact's handle is taken for bob too.
  const alices = await newContact(aliceEpp);
  assert.equal((await epp(bobEpp, contactCreateXml(alices))).code, 2302);
  // The server's own handle shapes stay the server's.
  const shaped = await epp(bobEpp, contactCreateXml('AB123456-RG'));
  assert.equal(shaped.code, 2306, shaped.xml);
  // Too short for clIDType: the schema refuses it before the core sees it.
  assert.equal((await epp(bobEpp, contactCreateXml('ab'))).code, 2001);

  // The client's id is what domains name.
  const name = freshName();
  const d = await createDomain(bobEpp, name, 'bob-owner-1');
  assert.equal(d.code, 1000, d.xml);
  assert.equal(find((await epp(bobEpp, infoXml(name))).root, NS.domain, 'registrant')!.text, 'bob-owner-1');

  // Back to assigned: ids are ignored again.
  await server.cli('reseller', 'contact-ids', 'bob', 'assigned');
  assert.match(await newContact(bobEpp, 'bob-owner-2'), /^[A-Z]{2}\d{6}-RG$/);
});

// ---------------------------------------------------------------------------------------------------------------
// Item 12 (b): glue only in bailiwick.

test('glue: hostAttr addresses only for hosts inside the domain (2306 otherwise, on create and update)', async () => {
  const owner = await newContact(aliceEpp);
  const name = freshName();
  const outside = await createDomain(aliceEpp, name, owner, hostAttrs(['ns1.example.net', '192.0.2.1'], ['ns2.example.net']));
  assert.equal(outside.code, 2306, outside.xml);
  assert.match(outside.msg, /ns1\.example\.net is not inside .*glue addresses are only allowed for hosts under the domain itself/);
  // A name that merely ends like the domain is not inside it.
  const lookalike = await createDomain(aliceEpp, name, owner, hostAttrs([`ns1.x${name}`, '192.0.2.1']));
  assert.equal(lookalike.code, 2306, lookalike.xml);

  const ok = await createDomain(aliceEpp, name, owner, hostAttrs([`ns1.${name}`, '192.0.2.1', '2001:db8::1'], ['ns2.example.net']));
  assert.equal(ok.code, 1000, ok.xml);
  const add = (host: string, ...addrs: string[]) => epp(aliceEpp, domainCmd('update', `<domain:name>${name}</domain:name><domain:add>${hostAttrs([host, ...addrs])}</domain:add>`));
  const bad = await add('ns3.example.org', '198.51.100.3');
  assert.equal(bad.code, 2306, bad.xml);
  assert.match(bad.msg, /ns3\.example\.org is not inside/);
  assert.equal((await add(`ns3.${name}`, '198.51.100.3')).code, 1000);
  assert.equal((await add('ns4.example.org')).code, 1000, 'an outside host without addresses is fine');
  const info = await epp(aliceEpp, infoXml(name));
  const glue = findAll(info.root, NS.domain, 'hostAttr').map((h) => [find(h, NS.domain, 'hostName')!.text, findAll(h, NS.domain, 'hostAddr').length]);
  assert.deepEqual(glue, [[`ns1.${name}`, 2], ['ns2.example.net', 0], [`ns3.${name}`, 1], ['ns4.example.org', 0]]);
});

// ---------------------------------------------------------------------------------------------------------------
// Item 12 (c): <newPW> at login (RFC 5730).

function loginWithNewPw(clID: string, pw: string, newPW: string): string {
  return eppCommand(`<login><clID>${clID}</clID><pw>${pw}</pw><newPW>${newPW}</newPW><options><version>1.0</version><lang>en</lang></options>` +
    `<svcs>${OBJ_URIS.map((u) => `<objURI>${u}</objURI>`).join('')}<svcExtension>${EXT_URIS.map((u) => `<extURI>${u}</extURI>`).join('')}</svcExtension></svcs></login>`);
}

test('newPW at login: refused under the password rules (the login fails, the old password stays); accepted, it replaces the password', async () => {
  const carol = await server.createReseller('carol-pw', '10');
  const c = await server.eppTls();
  try {
    const refused: Array<[string, number, RegExp]> = [
      ['aaaaaaaa', 2306, /one character repeated/],
      ['CAROL-PW', 2306, /must not be the clID/],
      [carol.password, 2306, /differ from the current one/],
      ['new pass 1', 2005, /spaces/],
    ];
    for (const [newPW, code, msg] of refused) {
      const r = parseResponse(await c.command(loginWithNewPw('carol-pw', carol.password, newPW)));
      assert.equal(r.code, code, `${newPW}: ${r.xml}`);
      assert.match(r.msg, msg);
    }
    // Not logged in: the refusals were not logins (and did not count as authentication failures either).
    assert.equal(parseResponse(await c.command(eppCommand('<poll op="req"/>'))).code, 2002);
    const ok = parseResponse(await c.command(loginWithNewPw('carol-pw', carol.password, 'N3w-Pass-9x')));
    assert.equal(ok.code, 1000, ok.xml);
    assert.equal(parseResponse(await c.command(eppCommand('<logout/>'))).code, 1500);
  } finally {
    await c.close();
  }
  const old = await server.eppTls();
  try {
    assert.equal(parseResponse(await old.command(loginXml('carol-pw', carol.password))).code, 2200);
    assert.equal(parseResponse(await old.command(loginXml('carol-pw', 'N3w-Pass-9x'))).code, 1000);
  } finally {
    await old.close();
  }
  // Stored as an scrypt hash, like the password regd made, sealed under the store's key ring.
  const db = await storeOf(server.dataDir);
  const row = await db.selectFrom('resellers').select('password_hash').where('username', '=', 'carol-pw').executeTakeFirstOrThrow();
  assert.ok(SecretBox.isSealed(row.password_hash));
  const hash = (await secretBoxFor(server.dataDir)).open(row.password_hash, 'reseller.password_hash');
  assert.match(hash, /^scrypt\$/);
  assert.ok(!hash.includes('N3w-Pass-9x'));
});

// ---------------------------------------------------------------------------------------------------------------
// Item 12 (a): renewPeriod and autoRenewPeriod (these move the sandbox clock).

const renewXml = (name: string, curExp: string) => domainCmd('renew',
  `<domain:name>${name}</domain:name><domain:curExpDate>${curExp.slice(0, 10)}</domain:curExpDate><domain:period unit="y">1</domain:period>`);

test('renewPeriod: 5 days after a renewal through either door, beside addPeriod while that lasts', async () => {
  const owner = await newContact(aliceEpp);
  const early = freshName();
  const viaEpp = freshName();
  const viaXcp = freshName();
  for (const n of [early, viaEpp, viaXcp]) assert.equal((await createDomain(aliceEpp, n, owner)).code, 1000);
  assert.deepEqual(rgpStatusesOf(await epp(aliceEpp, infoXml(early))), ['addPeriod']);
  // Renewed inside the add grace period: both.
  assert.equal((await epp(aliceEpp, renewXml(early, exDateOf(await epp(aliceEpp, infoXml(early)))))).code, 1000);
  assert.deepEqual(rgpStatusesOf(await epp(aliceEpp, infoXml(early))), ['addPeriod', 'renewPeriod']);

  await server.cli('sandbox', 'clock', 'advance', '6d');
  assert.deepEqual(rgpStatusesOf(await epp(aliceEpp, infoXml(early))), [], 'both periods are over');
  assert.deepEqual(rgpStatusesOf(await epp(aliceEpp, infoXml(viaEpp))), []);
  const renewed = await epp(aliceEpp, renewXml(viaEpp, exDateOf(await epp(aliceEpp, infoXml(viaEpp)))));
  assert.equal(renewed.code, 1000, renewed.xml);
  const year = exDateOf(await epp(aliceEpp, infoXml(viaXcp))).slice(0, 4);
  expectCode(await a.call('DOMAIN', 'RENEW', { domain: viaXcp, period: '1', currentexpirationyear: year, handle: 'process' }), 200);
  for (const n of [viaEpp, viaXcp]) {
    const info = await epp(aliceEpp, infoXml(n));
    assert.deepEqual(rgpStatusesOf(info), ['renewPeriod'], info.xml);
  }
  await server.cli('sandbox', 'clock', 'advance', '4d');
  assert.deepEqual(rgpStatusesOf(await epp(aliceEpp, infoXml(viaEpp))), ['renewPeriod'], 'day 4 of 5');
  await server.cli('sandbox', 'clock', 'advance', '2d');
  assert.deepEqual(rgpStatusesOf(await epp(aliceEpp, infoXml(viaEpp))), [], 'day 6');
  assert.deepEqual(rgpStatusesOf(await epp(aliceEpp, infoXml(viaXcp))), []);
});

test('autoRenewPeriod: 5 days from the expiry the life cycle renewed at', async () => {
  const owner = await newContact(aliceEpp);
  const name = freshName();
  assert.equal((await createDomain(aliceEpp, name, owner)).code, 1000);
  expectCode(await a.call('DOMAIN', 'MODIFY', makeAssoc({ data: 'expire_action', domain: name, auto_renew: '1', let_expire: '0' })), 200);
  const before = exDateOf(await epp(aliceEpp, infoXml(name)));
  // A year and a day or two on (a leap year has 366 days): the life cycle (every 5 s) renews it, dated at the expiry.
  await server.cli('sandbox', 'clock', 'advance', '367d');
  let info = await epp(aliceEpp, infoXml(name));
  for (let i = 0; i < 100 && exDateOf(info) === before; i++) {
    await new Promise((r) => setTimeout(r, 200));
    info = await epp(aliceEpp, infoXml(name));
  }
  assert.notEqual(exDateOf(info), before, 'auto-renewed');
  assert.deepEqual(rgpStatusesOf(info), ['autoRenewPeriod'], info.xml);
  await server.cli('sandbox', 'clock', 'advance', '5d');
  assert.deepEqual(rgpStatusesOf(await epp(aliceEpp, infoXml(name))), []);
});
