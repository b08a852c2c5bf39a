// One rule, every door (issue 9, item 2): the statuses that refuse a command and the sponsorship check live in the
// core command (src/core/domainGuard.ts and each command's blocked-by set), so XCP and EPP refuse the same things.
// Each rule is run through both doors against one real `regd serve`.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import type { XcpClient } from '../src/client/xcpClient.ts';
import type { EppTlsClient } from '../src/client/eppClient.ts';
import { contact, freshName, registerAttributes } from './support/fixtures.ts';
import { makeAssoc } from '../src/protocols/ops/index.ts';
import { closeStores, register } from './support/surfaceHelpers.ts';
import { loginXml, eppCommand, parseResponse } from './support/eppHarness.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';

let server: RegdServer;
let alice: ResellerCredentials;
let bob: ResellerCredentials;
let a: XcpClient;
let b: XcpClient;
let aliceEpp: EppTlsClient;
let bobEpp: EppTlsClient;

before(async () => {
  server = await startRegd();
  alice = await server.createReseller('alice', '2000');
  bob = await server.createReseller('bob', '2000');
  a = server.xcpClient(alice);
  b = server.xcpClient(bob);
  aliceEpp = await server.eppTls();
  assert.equal(parseResponse(await aliceEpp.command(loginXml(alice.username, alice.password))).code, 1000);
  bobEpp = await server.eppTls();
  assert.equal(parseResponse(await bobEpp.command(loginXml(bob.username, bob.password))).code, 1000);
});
after(async () => { await aliceEpp?.close(); await bobEpp?.close(); await closeStores(); await server.stop(); });

const epp = async (client: EppTlsClient, inner: string) => parseResponse(await client.command(eppCommand(inner)));
const statusUpdate = (name: string, op: 'add' | 'rem', status: string, chg = '') => `<update><domain:update xmlns:domain="${NS.domain}"><domain:name>${name}</domain:name>` +
  `<domain:${op}><domain:status s="${status}"/></domain:${op}>${chg}</domain:update></update>`;
const authChange = (name: string, pw: string) => `<update><domain:update xmlns:domain="${NS.domain}"><domain:name>${name}</domain:name>` +
  `<domain:chg><domain:authInfo><domain:pw>${pw}</domain:pw></domain:authInfo></domain:chg></domain:update></update>`;
const eppRenew = (name: string, curExp: string) => `<renew><domain:renew xmlns:domain="${NS.domain}"><domain:name>${name}</domain:name>` +
  `<domain:curExpDate>${curExp}</domain:curExpDate><domain:period unit="y">1</domain:period></domain:renew></renew>`;
const balance = async (c: XcpClient) => Number((await c.call('BALANCE', 'GET_BALANCE')).attributes.balance);
const expiry = async (name: string) => String((await a.call('DOMAIN', 'GET', { type: 'all_info' }, { domain: name })).attributes.expiredate);

test('clientUpdateProhibited refuses every change through both doors until an update removes it', async () => {
  const name = freshName();
  await register(a, name);
  assert.equal((await epp(aliceEpp, statusUpdate(name, 'add', 'clientUpdateProhibited'))).code, 1000);

  const xcpChanges = {
    contact_info: await a.call('DOMAIN', 'MODIFY', makeAssoc({ data: 'contact_info', domain: name, contact_set: makeAssoc({ admin: contact('Blocked') }) })),
    domain_auth_info: await a.call('DOMAIN', 'MODIFY', makeAssoc({ data: 'domain_auth_info', domain: name, domain_auth_info: 'Blocked-123' })),
    status: await a.call('DOMAIN', 'MODIFY', makeAssoc({ data: 'status', domain: name, lock_state: '1' })),
    nameservers: await a.call('DOMAIN', 'ADVANCED_UPDATE_NAMESERVERS', makeAssoc({ domain: name, op_type: 'assign', assign_ns: ['ns9.example.org', 'ns8.example.org'] })),
  };
  for (const [what, r] of Object.entries(xcpChanges)) {
    assert.equal(r.isSuccess, false, `XCP ${what} must be refused: ${r.responseCode} ${r.responseText}`);
    assert.match(r.responseText, /clientUpdateProhibited/, what);
  }
  const eppChange = await epp(aliceEpp, authChange(name, 'Blocked-123'));
  assert.equal(eppChange.code, 2304, eppChange.xml);
  assert.match(eppChange.msg + eppChange.xml, /clientUpdateProhibited/);

  // regd's own settings are not registry updates: auto-renew still changes.
  assert.equal((await a.call('DOMAIN', 'MODIFY', makeAssoc({ data: 'expire_action', domain: name, auto_renew: '1' }))).responseCode, 200);
  // An update that removes the status may change other things with it (RFC 5731, as Nomulus does); then XCP works too.
  assert.equal((await epp(aliceEpp, statusUpdate(name, 'rem', 'clientUpdateProhibited', '<domain:chg><domain:authInfo><domain:pw>Freed-1234</domain:pw></domain:authInfo></domain:chg>'))).code, 1000);
  assert.equal((await a.call('DOMAIN', 'MODIFY', makeAssoc({ data: 'domain_auth_info', domain: name, domain_auth_info: 'Again-12345' }))).responseCode, 200);
});

test('a pending transfer refuses renewals and changes through both doors, and charges nothing', async () => {
  const name = freshName();
  await register(a, name);
  assert.equal((await a.call('DOMAIN', 'MODIFY', makeAssoc({ data: 'domain_auth_info', domain: name, domain_auth_info: 'Move-Me-123' }))).responseCode, 200);
  await server.cli('sandbox', 'clock', 'advance', '61d');
  const t = await b.call('DOMAIN', 'SW_REGISTER', registerAttributes(name, { reg_type: 'transfer', auth_info: 'Move-Me-123', reg_username: 'bobclient', reg_password: 'bobs-pass1' }));
  assert.equal(t.responseCode, 200, t.responseText);

  const before = await balance(a);
  const exp = await expiry(name);
  const year = exp.slice(0, 4);
  const xcpRenew = await a.call('DOMAIN', 'RENEW', { domain: name, period: '1', currentexpirationyear: year, handle: 'process' });
  assert.equal(xcpRenew.isSuccess, false, `XCP RENEW: ${xcpRenew.responseCode} ${xcpRenew.responseText}`);
  assert.match(xcpRenew.responseText, /pendingTransfer/);
  const eppR = await epp(aliceEpp, eppRenew(name, exp.slice(0, 10)));
  assert.equal(eppR.code, 2304, eppR.xml);
  assert.match(eppR.msg, /pendingTransfer/);
  const xcpModify = await a.call('DOMAIN', 'MODIFY', makeAssoc({ data: 'contact_info', domain: name, contact_set: makeAssoc({ admin: contact('Moving') }) }));
  assert.equal(xcpModify.isSuccess, false);
  assert.match(xcpModify.responseText, /pendingTransfer/);
  assert.equal((await epp(aliceEpp, authChange(name, 'Other-1234'))).code, 2304);
  assert.equal(await balance(a), before, 'nothing charged');
  assert.equal(await expiry(name), exp, 'not renewed');
});

test('only the sponsor renews: another reseller is refused through both doors and not charged', async () => {
  const name = freshName();
  await register(a, name);
  const exp = await expiry(name);
  const before = await balance(b);
  const xcp = await b.call('DOMAIN', 'RENEW', { domain: name, period: '1', currentexpirationyear: exp.slice(0, 4), handle: 'process' });
  assert.equal(xcp.isSuccess, false, `${xcp.responseCode} ${xcp.responseText}`);
  const eppR = await epp(bobEpp, eppRenew(name, exp.slice(0, 10)));
  assert.equal(eppR.code, 2201, eppR.xml);
  assert.equal(await balance(b), before);
  assert.equal(await expiry(name), exp);
});
