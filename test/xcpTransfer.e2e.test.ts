// Transfers over XCP between two resellers, on the core EPP uses: the 60-day lock (552), locks (487), approval by
// the losing reseller, approval by the transfer window on the sandbox clock, cancellation with a refund; the losing
// reseller hears of it through the poll queue (read here over EPP).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { contact, freshName, registerAttributes } from './support/fixtures.ts';
import { assoc, closeStores, cookieFor, storeOf } from './support/surfaceHelpers.ts';
import { makeAssoc } from '../src/protocols/ops/index.ts';
import { loginXml, eppCommand, parseResponse, find } from './support/eppHarness.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import type { XcpClient } from '../src/client/xcpClient.ts';
import { isAssoc, type OpsAssoc } from '../src/protocols/ops/index.ts';

let server: RegdServer;
let alice: ResellerCredentials;
let bob: ResellerCredentials;
let a: XcpClient;
let b: XcpClient;
const names = { approved: freshName(), windowed: freshName(), cancelled: freshName(), redeemed: freshName() };

before(async () => {
  server = await startRegd();
  alice = await server.createReseller('alice', '1000');
  bob = await server.createReseller('bob', '1000');
  a = server.xcpClient(alice);
  b = server.xcpClient(bob);
  for (const name of Object.values(names)) {
    assert.equal((await a.call('DOMAIN', 'SW_REGISTER', registerAttributes(name))).responseCode, 200);
    assert.equal((await a.call('DOMAIN', 'MODIFY', { data: 'domain_auth_info', domain: name, domain_auth_info: 'Move-Me-123' })).responseCode, 200);
  }
});
after(async () => { await closeStores(); await server.stop(); });

// The gaining side names its own registrant profile and contacts, as with reg_type=new.
const gainingContacts = makeAssoc({ owner: contact('Gainer'), admin: contact('Admin'), billing: contact('Billing'), tech: contact('Tech') });
const transfer = (c: XcpClient, domain: string, auth = 'Move-Me-123') =>
  c.call('DOMAIN', 'SW_REGISTER', registerAttributes(domain, {
    reg_type: 'transfer', auth_info: auth, reg_username: 'bobclient', reg_password: 'bobs-pass1', contact_set: gainingContacts,
  }));
const historyOf = async (domain: string) => (await (await storeOf(server.dataDir)).selectFrom('history')
  .innerJoin('domains', 'domains.id', 'history.domain_id').select(['history.action', 'history.detail', 'history.reseller_id'])
  .where('domains.name', '=', domain).where('history.action', 'like', 'transfer%').orderBy('history.id').execute());
const idOf = async (r: ResellerCredentials) => (await (await storeOf(server.dataDir)).selectFrom('resellers').select('id')
  .where('username', '=', r.username).executeTakeFirstOrThrow()).id;
const eppPollAll = async (who: ResellerCredentials) => {
  const epp = await server.eppTls();
  assert.equal(parseResponse(await epp.command(loginXml(who.username, who.password))).code, 1000);
  const out: Array<{ name?: string; trStatus?: string }> = [];
  for (let i = 0; i < 20; i++) {
    const poll = parseResponse(await epp.command(eppCommand('<poll op="req"/>')));
    if (poll.code === 1300) break;
    assert.equal(poll.code, 1301, poll.xml);
    // An outgoing transfer that completed comes as the Openprovider guide shows it: the foreign object's infData.
    const trStatus = find(poll.root, NS.domain, 'trStatus')?.text ?? (find(poll.root, NS.domain, 'infData') ? 'outgoing:complete' : undefined);
    out.push({ name: find(poll.root, NS.domain, 'name')?.text, trStatus });
    const id = find(poll.root, NS.epp, 'msgQ')!.attrs.id;
    assert.ok([1000, 1300].includes(parseResponse(await epp.command(eppCommand(`<poll op="ack" msgID="${id}"/>`))).code));
  }
  await epp.close();
  return out;
};
const balance = async (c: XcpClient) => Number((await c.call('BALANCE', 'GET_BALANCE')).attributes.balance);
const sponsoring = async (c: XcpClient, domain: string) => (await c.call('DOMAIN', 'GET', { type: 'all_info' }, { domain }));

test('inside the 60-day lock: CHECK_TRANSFER says why and SW_REGISTER transfer answers 552', async () => {
  const check = await b.call('DOMAIN', 'CHECK_TRANSFER', { domain: names.approved });
  assert.equal(check.attributes.transferrable, '0');
  assert.match(String(check.attributes.reason), /less than 60 days old/);
  const r = await transfer(b, names.approved);
  assert.equal(r.responseCode, 552, r.responseText);
  assert.match(r.responseText, /^Domain is less than 60 days old/);
  await server.cli('sandbox', 'clock', 'advance', '61d');
  assert.equal((await b.call('DOMAIN', 'CHECK_TRANSFER', { domain: names.approved })).attributes.transferrable, '1');
});

test('a locked domain or one in redemption is not transferable (487); profile fields are required; a wrong auth code is refused; nothing is charged', async () => {
  const before = await balance(b);
  assert.equal((await a.call('DOMAIN', 'MODIFY', { data: 'status', lock_state: '1', domain: names.approved })).responseCode, 200);
  assert.equal((await transfer(b, names.approved)).responseCode, 487);
  assert.equal((await a.call('DOMAIN', 'MODIFY', { data: 'status', lock_state: '0', domain: names.approved })).responseCode, 200);
  const wrong = await transfer(b, names.approved, 'not-the-code');
  assert.equal(wrong.isSuccess, false);
  // A domain in redemption (deleted over EPP after its add grace period) cannot move either.
  const epp = await server.eppTls();
  assert.equal(parseResponse(await epp.command(loginXml(alice.username, alice.password))).code, 1000);
  const del = parseResponse(await epp.command(eppCommand(`<delete><domain:delete xmlns:domain="${NS.domain}"><domain:name>${names.redeemed}</domain:name></domain:delete></delete>`)));
  assert.ok([1000, 1001].includes(del.code), del.xml);
  await epp.close();
  const redeemed = await transfer(b, names.redeemed);
  assert.equal(redeemed.responseCode, 487, redeemed.responseText);
  assert.match(redeemed.responseText, /^Domain not transferable/);
  assert.equal((await b.call('DOMAIN', 'CHECK_TRANSFER', { domain: names.redeemed })).attributes.transferrable, '0');
  const noProfile = await b.call('DOMAIN', 'SW_REGISTER', registerAttributes(names.approved, { reg_type: 'transfer', auth_info: 'Move-Me-123', reg_username: '' }));
  assert.equal(noProfile.responseCode, 460);
  assert.match(noProfile.responseText, /reg_username/);
  assert.equal(await balance(b), before);
});

test('approved by the losing reseller: the domain, the money and the poll queue move consistently', async () => {
  const [bobBefore, aliceBefore] = [await balance(b), await balance(a)];
  const r = await transfer(b, names.approved);
  assert.equal(r.responseCode, 200, r.responseText);
  assert.equal(r.attributes.transfer_status, 'pending');
  assert.equal(Math.round((bobBefore - await balance(b)) * 100), 1099, 'the gaining reseller pays the transfer once');
  assert.equal((await transfer(b, names.approved)).isSuccess, false, 'a second request while one is pending is refused');

  const away = await a.call('DOMAIN', 'GET_TRANSFERS_AWAY', {});
  const awayList = away.attributes.transfers as OpsAssoc[];
  assert.ok(awayList.some((t) => t.domain === names.approved && t.status === 'pending'));
  const inList = (await b.call('DOMAIN', 'GET_TRANSFERS_IN', { status: 'pending' })).attributes.transfers as OpsAssoc[];
  assert.deepEqual(inList.map((t) => t.domain), [names.approved]);

  // The losing reseller's poll queue, read over EPP.
  const epp = await server.eppTls();
  assert.equal(parseResponse(await epp.command(loginXml(alice.username, alice.password))).code, 1000);
  const poll = parseResponse(await epp.command(eppCommand('<poll op="req"/>')));
  assert.equal(poll.code, 1301, poll.xml);
  assert.equal(find(poll.root, NS.domain, 'name')?.text, names.approved);
  assert.equal(find(poll.root, NS.domain, 'trStatus')?.text, 'pending');
  await epp.close();

  assert.equal((await b.call('TRANSFER', 'APPROVE_TRANSFER', { domain: names.approved })).isSuccess, false,
    'only the losing reseller answers');
  const ok = await a.call('TRANSFER', 'APPROVE_TRANSFER', { domain: names.approved });
  assert.equal(ok.responseCode, 200, ok.responseText);
  assert.equal((await sponsoring(b, names.approved)).attributes.sponsoring_rsp, '1');
  assert.equal((await sponsoring(a, names.approved)).isSuccess, false, 'the former sponsor no longer manages it');
  assert.equal(await balance(a), aliceBefore, 'the losing reseller is neither charged nor paid');
  const done = (await b.call('DOMAIN', 'GET_TRANSFERS_IN', {})).attributes.transfers as OpsAssoc[];
  assert.equal(done.find((t) => t.domain === names.approved)?.status, 'clientApproved');

  // The domain joined the gaining side's registrant profile, with the contacts the request named.
  const cookie = await cookieFor(b, names.approved, 'bobclient', 'bobs-pass1');
  const owner = assoc(assoc((await b.call('DOMAIN', 'GET', { type: 'owner' }, { cookie })).attributes.contact_set).owner);
  assert.equal(owner.first_name, 'Gainer');
  // History: the request by bob, the approval by alice.
  const hist = await historyOf(names.approved);
  assert.deepEqual(hist.map((h) => h.action), ['transfer_request', 'transfer_approve']);
  assert.equal(hist[0]!.reseller_id, await idOf(bob));
  assert.equal(hist[1]!.reseller_id, await idOf(alice));
  assert.equal(JSON.parse(hist[1]!.detail).status, 'clientApproved');
  // The poll queues: alice heard of the request (read above, not yet acknowledged) and of the approval; bob of the approval.
  assert.deepEqual((await eppPollAll(alice)).filter((m) => m.name === names.approved).map((m) => m.trStatus), ['pending', 'outgoing:complete']);
  assert.deepEqual((await eppPollAll(bob)).filter((m) => m.name === names.approved).map((m) => m.trStatus), ['clientApproved']);
});

test('cancelled by the gaining reseller: refunded', async () => {
  const before = await balance(b);
  assert.equal((await transfer(b, names.cancelled)).responseCode, 200);
  const c = await b.call('TRANSFER', 'CANCEL_TRANSFER', { domain: names.cancelled });
  assert.equal(c.responseCode, 200, c.responseText);
  assert.equal(await balance(b), before);
  assert.equal((await sponsoring(a, names.cancelled)).attributes.sponsoring_rsp, '1');
});

test('not answered: the transfer window on the sandbox clock approves it', async () => {
  const [bobBefore, aliceBefore] = [await balance(b), await balance(a)];
  assert.equal((await transfer(b, names.windowed)).responseCode, 200);
  await server.cli('sandbox', 'clock', 'advance', '6d');
  // regd serve runs the life cycle every 5 seconds.
  let reply;
  for (let i = 0; i < 40; i++) {
    reply = await sponsoring(b, names.windowed);
    if (reply.isSuccess) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.equal(reply?.attributes.sponsoring_rsp, '1', reply?.responseText);
  const list = (await a.call('DOMAIN', 'GET_TRANSFERS_AWAY', { status: 'serverApproved' })).attributes.transfers as OpsAssoc[];
  assert.ok(list.some((t) => isAssoc(t) && t.domain === names.windowed));
  assert.equal((await sponsoring(a, names.windowed)).isSuccess, false, 'the former sponsor no longer manages it');
  assert.equal(Math.round((bobBefore - await balance(b)) * 100), 1099, 'paid once, at the request');
  assert.equal(await balance(a), aliceBefore);
  const hist = await historyOf(names.windowed);
  assert.deepEqual(hist.map((h) => h.action), ['transfer_request', 'transfer_approve']);
  assert.equal(hist[1]!.reseller_id, null, 'approved by the server');
  assert.equal(JSON.parse(hist[1]!.detail).status, 'serverApproved');
  assert.deepEqual((await eppPollAll(alice)).filter((m) => m.name === names.windowed).map((m) => m.trStatus), ['pending', 'outgoing:complete']);
  assert.deepEqual((await eppPollAll(bob)).filter((m) => m.name === names.windowed).map((m) => m.trStatus), ['serverApproved']);
});
