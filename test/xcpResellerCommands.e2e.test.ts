// Commands resellers of OpenSRS rely on (issue 9), over real HTTPS against one `regd serve`: POLL/ACK EVENT (the EPP
// poll queue in OpenSRS's shape, one queue for both doors), GET/SET_DNSSEC_INFO (the DS records EPP secDNS manages),
// CHANGE PASSWORD (a registrant cookie's profile), GET_ORDERS_BY_DOMAIN, CANCEL_ORDER and GET_BALANCE's hold_balance.
// Every reseller sees only its own orders, domains and events.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import type { XcpClient, XcpReply } from '../src/client/xcpClient.ts';
import type { EppHttpsClient } from '../src/client/eppClient.ts';
import { freshName, registerAttributes } from './support/fixtures.ts';
import { makeAssoc, type OpsAssoc } from '../src/protocols/ops/index.ts';
import { assoc, closeStores, cookieFor, expectCode, register, storeOf } from './support/surfaceHelpers.ts';
import { eppCommand, find, findAll, loginXml, parseResponse, type EppResponse } from './support/eppHarness.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import { verifyPassword } from '../src/core/passwordHash.ts';

let server: RegdServer;
let alice: ResellerCredentials;
let bob: ResellerCredentials;
let a: XcpClient;
let b: XcpClient;
before(async () => {
  server = await startRegd();
  alice = await server.createReseller('alice', '2000');
  bob = await server.createReseller('bob', '1000');
  a = server.xcpClient(alice);
  b = server.xcpClient(bob);
});
after(async () => { await closeStores(); await server.stop(); });

const SHA256 = '49fd46e6c4b45c55d4ac49fd46e6c4b45c55d4ac49fd46e6c4b45c55d4ac49fd';
const SHA1 = '49FD46E6C4B45C55D4AC49FD46E6C4B45C55D4AC';
const ds = (key_tag: string, algorithm: string, digest_type: string, digest: string) => makeAssoc({ key_tag, algorithm, digest_type, digest });
const dsOf = (r: XcpReply) => (r.attributes.dnssec as OpsAssoc[]).map((d) => `${d.key_tag}/${d.algorithm}/${d.digest_type}/${d.digest}`);
const events = (r: XcpReply) => (r.attributes.events as OpsAssoc[]);
const poll = (c: XcpClient, limit?: number) => c.call('EVENT', 'POLL', limit === undefined ? {} : { limit: String(limit) });
const hold = async (c: XcpClient) => String((await c.call('BALANCE', 'GET_BALANCE')).attributes.hold_balance);

async function eppLogin(r: ResellerCredentials): Promise<{ epp: EppHttpsClient; cmd: (xml: string) => Promise<EppResponse> }> {
  const epp = server.eppHttps();
  const cmd = async (inner: string) => parseResponse(await epp.command(eppCommand(inner)));
  const login = parseResponse(await epp.command(loginXml(r.username, r.password)));
  assert.equal(login.code, 1000, login.xml);
  return { epp, cmd };
}

test('GET/SET_DNSSEC_INFO read and replace the DS records EPP secDNS shows and changes; bad records are 460/465', async () => {
  const name = freshName();
  await register(a, name);
  const empty = await a.call('DOMAIN', 'GET_DNSSEC_INFO', { domain: name });
  expectCode(empty, 200);
  assert.deepEqual(dsOf(empty), []);

  const set = await a.call('DOMAIN', 'SET_DNSSEC_INFO', makeAssoc({ domain: name, dnssec: [ds('12345', '13', '2', SHA256), ds('54321', '8', '1', SHA1)] }));
  expectCode(set, 200);
  const got = dsOf(await a.call('DOMAIN', 'GET_DNSSEC_INFO', { domain: name }));
  assert.deepEqual(got, [`12345/13/2/${SHA256.toUpperCase()}`, `54321/8/1/${SHA1}`], 'stored as EPP stores them: digests upper case');

  // EPP sees the same records, and what EPP adds XCP sees.
  const { epp, cmd } = await eppLogin(alice);
  const info = await cmd(`<info><domain:info xmlns:domain="${NS.domain}"><domain:name>${name}</domain:name></domain:info></info>`);
  assert.equal(info.code, 1000, info.xml);
  assert.deepEqual(findAll(info.root, NS.secDNS, 'dsData').map((d) => d.children.map((x) => x.text).join('/')), got);
  const add = await cmd(`<update><domain:update xmlns:domain="${NS.domain}"><domain:name>${name}</domain:name></domain:update></update>` +
    `<extension><secDNS:update xmlns:secDNS="${NS.secDNS}"><secDNS:add><secDNS:dsData><secDNS:keyTag>1</secDNS:keyTag><secDNS:alg>8</secDNS:alg>` +
    `<secDNS:digestType>2</secDNS:digestType><secDNS:digest>${'a'.repeat(64)}</secDNS:digest></secDNS:dsData></secDNS:add></secDNS:update></extension>`);
  assert.equal(add.code, 1000, add.xml);
  epp.close();
  assert.deepEqual(dsOf(await a.call('DOMAIN', 'GET_DNSSEC_INFO', { domain: name })), [`1/8/2/${'A'.repeat(64)}`, ...got]);

  // Through a registrant cookie too; an empty array removes DNSSEC.
  const cookie = await cookieFor(a, name);
  expectCode(await a.call('DOMAIN', 'SET_DNSSEC_INFO', makeAssoc({ dnssec: [] }), { cookie }), 200);
  assert.deepEqual(dsOf(await a.call('DOMAIN', 'GET_DNSSEC_INFO', {}, { cookie })), []);
  const db = await storeOf(server.dataDir);
  const history = await db.selectFrom('history').innerJoin('domains', 'domains.id', 'history.domain_id').select('history.action')
    .where('domains.name', '=', name).where('history.action', '=', 'update').execute();
  assert.equal(history.length, 3, 'XCP set, EPP update, XCP removal');

  const setOne = (rec: OpsAssoc) => a.call('DOMAIN', 'SET_DNSSEC_INFO', makeAssoc({ domain: name, dnssec: [rec] }));
  expectCode(await a.call('DOMAIN', 'SET_DNSSEC_INFO', { domain: name }), 460, /dnssec/);
  expectCode(await setOne(makeAssoc({ key_tag: '1', algorithm: '8', digest_type: '2' })), 460, /dnssec\[0\]\.digest/);
  expectCode(await setOne(ds('abc', '8', '2', SHA256)), 465, /key_tag must be a whole number/);
  expectCode(await setOne(ds('70000', '8', '2', SHA256)), 465, /keyTag/);
  expectCode(await setOne(ds('1', '1', '2', SHA256)), 465, /algorithm 1 is not accepted/);
  expectCode(await setOne(ds('1', '8', '9', SHA256)), 465, /digest type 9 is not accepted/);
  expectCode(await setOne(ds('1', '8', '2', SHA1)), 465, /must be 64 hex characters/);
  expectCode(await setOne(ds('1', '8', '2', 'z'.repeat(64))), 465, /hex characters/);
  expectCode(await a.call('DOMAIN', 'SET_DNSSEC_INFO', makeAssoc({ domain: name, dnssec: [ds('1', '8', '2', SHA256), ds('1', '8', '2', SHA256)] })), 465, /given twice/);
  expectCode(await a.call('DOMAIN', 'SET_DNSSEC_INFO', makeAssoc({ domain: name, dnssec: ['12345'] })), 465, /dnssec\[0\] must be a hash/);
  assert.deepEqual(dsOf(await a.call('DOMAIN', 'GET_DNSSEC_INFO', { domain: name })), [], 'refused sets change nothing');

  // Only the sponsor (or the domain's registrant cookie) reaches a domain's records.
  expectCode(await b.call('DOMAIN', 'GET_DNSSEC_INFO', { domain: name }), 465, /does not belong/);
  expectCode(await b.call('DOMAIN', 'SET_DNSSEC_INFO', makeAssoc({ domain: name, dnssec: [ds('1', '8', '2', SHA256)] })), 465, /does not belong/);
  expectCode(await b.call('DOMAIN', 'GET_DNSSEC_INFO', {}, { cookie }), 415);
  expectCode(await a.call('DOMAIN', 'GET_DNSSEC_INFO', { domain: freshName() }), 480);
  expectCode(await a.call('DOMAIN', 'GET_DNSSEC_INFO', {}), 447, /No Domain Supplied/);
  expectCode(await a.call('DOMAIN', 'GET_DNSSEC_INFO', { domain: 'bad..name' }), 465);
});

test('CHANGE PASSWORD: the cookie\'s profile gets the new password (scrypt); other cookies are signed out; weak or empty ones are refused', async () => {
  const name = freshName();
  await register(a, name, { reg_username: 'pwowner', reg_password: 'first-pass1' });
  const cookie = await cookieFor(a, name, 'pwowner', 'first-pass1');
  const other = await cookieFor(a, name, 'pwowner', 'first-pass1');
  const change = (reg_password: string | undefined, extra: Record<string, string> = { cookie }, client = a) =>
    client.call('PASSWORD', 'CHANGE', reg_password === undefined ? {} : { reg_password }, extra);

  expectCode(await change('New-pass9', {}), 447, /No Cookie Supplied/);
  expectCode(await change('New-pass9', { cookie: 'not-a-cookie' }), 415);
  expectCode(await change('New-pass9', { cookie }, b), 415); // another reseller cannot use the cookie
  expectCode(await change(undefined), 460, /reg_password/);
  expectCode(await change(''), 460, /reg_password/);
  expectCode(await change('ab'), 465, /below minimum: 3/);
  expectCode(await change('x'.repeat(21)), 465, /maximum length: 20/);
  expectCode(await change('has space'), 465, /Invalid syntax/);
  expectCode(await change('PwOwner'), 465, /too weak.*username/);
  expectCode(await change('7777777'), 465, /too weak.*repeated/);
  expectCode(await change('New-pass9', { cookie, domain: freshName() }), 480, /not owned by user/);
  // Nothing so far changed the password.
  await cookieFor(a, name, 'pwowner', 'first-pass1');

  const ok = await change('New-pass9', { cookie, domain: name });
  expectCode(ok, 200);
  assert.equal(ok.attributes.reg_username, 'pwowner');
  const db = await storeOf(server.dataDir);
  const profile = await db.selectFrom('profiles').select('password_hash').where('reg_username', '=', 'pwowner').executeTakeFirstOrThrow();
  assert.match(profile.password_hash, /^scrypt\$/);
  assert.equal(await verifyPassword('New-pass9', profile.password_hash), true);
  assert.doesNotMatch(profile.password_hash, /New-pass9/);

  expectCode(await a.call('COOKIE', 'SET', { domain: name, reg_username: 'pwowner', reg_password: 'first-pass1' }), 415);
  await cookieFor(a, name, 'pwowner', 'New-pass9');
  expectCode(await a.call('DOMAIN', 'GET', { type: 'owner' }, { cookie }), 200); // the cookie used stays valid
  expectCode(await a.call('DOMAIN', 'GET', { type: 'owner' }, { cookie: other }), 415); // the profile's other cookies are signed out
});

test('GET_ORDERS_BY_DOMAIN lists the caller\'s orders of a name, newest first, with filters and pages', async () => {
  const name = freshName();
  const reg = await register(a, name, { period: '1' });
  const renewal = await a.call('DOMAIN', 'RENEW', { domain: name, period: '1', currentexpirationyear: String(new Date().getUTCFullYear() + 1), handle: 'process' });
  expectCode(renewal, 200);
  const list = async (extra: Record<string, string> = {}, client = a) => {
    const r = await client.call('DOMAIN', 'GET_ORDERS_BY_DOMAIN', { domain: name, ...extra });
    expectCode(r, 200);
    return r;
  };
  const all = await list();
  assert.equal(all.attributes.total, '2');
  assert.equal(all.attributes.page, '1');
  assert.equal(all.attributes.page_size, '40');
  const orders = all.attributes.orders as OpsAssoc[];
  assert.deepEqual(orders.map((o) => [o.type, o.status]), [['renewal', 'completed'], ['new', 'completed']]);
  assert.equal(orders[1]!.id, String(reg.attributes.id));
  assert.equal(orders[1]!.cost, '10.99');
  assert.match(String(orders[0]!.order_date), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  assert.match(String(orders[0]!.completed_date), /^\d{4}-/);

  assert.deepEqual(((await list({ type: 'renewal' })).attributes.orders as OpsAssoc[]).map((o) => o.type), ['renewal']);
  assert.deepEqual(((await list({ type: 'NEW', status: 'completed' })).attributes.orders as OpsAssoc[]).map((o) => o.type), ['new']);
  assert.equal((await list({ status: 'pending' })).attributes.total, '0');
  assert.equal((await list({ type: 'premium' })).attributes.total, '0');
  const page2 = await list({ limit: '1', page: '2' });
  assert.equal(page2.attributes.total, '2');
  assert.deepEqual((page2.attributes.orders as OpsAssoc[]).map((o) => o.id), [String(reg.attributes.id)]);
  const day = String(orders[0]!.order_date).slice(0, 10);
  const dayBefore = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  assert.equal((await list({ order_from: day, order_to: day })).attributes.total, '2');
  assert.equal((await list({ order_to: dayBefore })).attributes.total, '0');
  assert.equal((await list({ domain: name.toUpperCase() })).attributes.total, '2', 'names match case-insensitively');

  // Nobody sees another reseller's orders; a name without orders is an empty list.
  const bobs = await list({}, b);
  assert.equal(bobs.attributes.total, '0');
  assert.deepEqual(bobs.attributes.orders, []);
  assert.equal((await a.call('DOMAIN', 'GET_ORDERS_BY_DOMAIN', { domain: freshName() })).attributes.total, '0');

  expectCode(await a.call('DOMAIN', 'GET_ORDERS_BY_DOMAIN', {}), 447, /No Domain Supplied/);
  expectCode(await a.call('DOMAIN', 'GET_ORDERS_BY_DOMAIN', { domain: 'bad..name' }), 465);
  expectCode(await a.call('DOMAIN', 'GET_ORDERS_BY_DOMAIN', { domain: name, status: 'bogus' }), 465, /status must be one of/);
  expectCode(await a.call('DOMAIN', 'GET_ORDERS_BY_DOMAIN', { domain: name, type: 'bogus' }), 465, /type must be one of/);
  expectCode(await a.call('DOMAIN', 'GET_ORDERS_BY_DOMAIN', { domain: name, order_from: '2024-02-30' }), 465, /YYYY-MM-DD/);
  expectCode(await a.call('DOMAIN', 'GET_ORDERS_BY_DOMAIN', { domain: name, limit: '0' }), 465, /limit/);
  expectCode(await a.call('DOMAIN', 'GET_ORDERS_BY_DOMAIN', { domain: name, page: '0' }), 465, /page/);
});

test('CANCEL_ORDER cancels a saved order only; completed, cancelled and other resellers\' orders are refused with the reason', async () => {
  const name = freshName();
  const saved = await a.call('DOMAIN', 'SW_REGISTER', registerAttributes(name, { handle: 'save' }));
  expectCode(saved, 200);
  const id = String(saved.attributes.id);
  const listed = await a.call('DOMAIN', 'GET_ORDERS_BY_DOMAIN', { domain: name });
  assert.deepEqual((listed.attributes.orders as OpsAssoc[]).map((o) => [o.id, o.status, o.type]), [[id, 'pending', 'new']]);

  expectCode(await b.call('ORDER', 'CANCEL_ORDER', { order_id: id }), 480, /not found/);
  const cancelled = await a.call('ORDER', 'CANCEL_ORDER', { order_id: id });
  expectCode(cancelled, 200, /cancelled/);
  assert.equal(cancelled.attributes.status, 'cancelled');
  assert.equal(cancelled.attributes.domain, name);
  assert.equal(assoc((await a.call('DOMAIN', 'GET_ORDER_INFO', { order_id: id })).attributes.field_hash).status, 'cancelled');
  assert.equal(((await a.call('DOMAIN', 'GET_ORDERS_BY_DOMAIN', { domain: name, status: 'cancelled' })).attributes.orders as OpsAssoc[])[0]!.id, id);
  expectCode(await a.call('DOMAIN', 'CANCEL_ORDER', { order_id: id }), 465, /already cancelled/);
  expectCode(await a.call('DOMAIN', 'PROCESS_PENDING', { order_id: id }), 465);
  expectCode(await a.call('DOMAIN', 'LOOKUP', { domain: name }), 210);

  const done = await register(a, freshName());
  expectCode(await a.call('ORDER', 'CANCEL_ORDER', { order_id: String(done.attributes.id) }), 465, /cannot be cancelled: it is completed/);
  expectCode(await a.call('ORDER', 'CANCEL_ORDER', {}), 460, /order_id/);
  expectCode(await a.call('ORDER', 'CANCEL_ORDER', { order_id: 'abc' }), 465);
  expectCode(await a.call('ORDER', 'CANCEL_ORDER', { order_id: '0' }), 465);
  expectCode(await a.call('ORDER', 'CANCEL_ORDER', { order_id: '99999999' }), 480);
});

const NEW_OWNER = {
  first_name: 'Nora', last_name: 'Newowner', org_name: 'New Owner Ltd', email: 'nora@newowner.example', phone: '+44.2071234567',
  address1: '1 High Street', city: 'London', state: '', country: 'GB', postal_code: 'EC1A 1AA',
};

test('POLL/ACK EVENT: an asynchronous registration held in hold_balance, then DOMAIN REGISTERED; trade steps; one queue with EPP', async () => {
  const erin = await server.createReseller('erin', '100');
  const e = server.xcpClient(erin);
  const quiet = await poll(e);
  expectCode(quiet, 200);
  assert.equal(quiet.attributes.total, '0');
  assert.deepEqual(events(quiet), []);

  // .de answers asynchronously: paid at submission, held until the registry answers; not cancellable meanwhile.
  const name = freshName('de');
  const r = await e.call('DOMAIN', 'SW_REGISTER', registerAttributes(name));
  expectCode(r, 250);
  const orderId = String(r.attributes.id);
  const bal = await e.call('BALANCE', 'GET_BALANCE');
  assert.deepEqual([bal.attributes.balance, bal.attributes.hold_balance], ['92.01', '7.99']);
  assert.equal(await hold(b), '0.00', 'another reseller holds nothing');
  expectCode(await e.call('DOMAIN', 'GET_BALANCE'), 200);
  const waiting = await e.call('DOMAIN', 'GET_ORDERS_BY_DOMAIN', { domain: name });
  assert.deepEqual((waiting.attributes.orders as OpsAssoc[]).map((o) => [o.id, o.status]), [[orderId, 'waiting']]);
  expectCode(await e.call('ORDER', 'CANCEL_ORDER', { order_id: orderId }), 465, /sent to the registry/);

  await server.cli('sandbox', 'clock', 'advance', '3m');
  const p1 = await poll(e);
  expectCode(p1, 200);
  assert.equal(p1.attributes.total, '1');
  const ev = events(p1)[0]!;
  assert.equal(ev.object, 'DOMAIN');
  assert.equal(ev.event, 'REGISTERED');
  assert.match(String(ev.event_id), /^\d+$/);
  assert.match(String(ev.event_date), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.match(String(ev.message), /Registration of .* completed at the registry/);
  const data = assoc(ev.object_data);
  assert.equal(data.domain_name, name);
  assert.equal(data.order_id, orderId);
  assert.match(String(data.domain_id), /^\d+$/);
  assert.match(String(data.expiration_date), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(await hold(e), '0.00', 'the registry answered: nothing is held any more');
  assert.equal((await e.call('BALANCE', 'GET_BALANCE')).attributes.balance, '92.01', 'charged once');
  assert.equal(String(events(await poll(e))[0]!.event_id), String(ev.event_id), 'unacknowledged, it is polled again');

  // EPP sees the same message under the same id; acknowledged over XCP, it is gone from EPP too.
  const { epp, cmd } = await eppLogin(erin);
  const eppPoll = await cmd('<poll op="req"/>');
  assert.equal(eppPoll.code, 1301, eppPoll.xml);
  assert.equal(find(eppPoll.root, NS.epp, 'msgQ')!.attrs.id, String(ev.event_id));
  expectCode(await b.call('EVENT', 'ACK', { event_id: String(ev.event_id) }), 480); // not bob's event
  const ack = await e.call('EVENT', 'ACK', { event_id: String(ev.event_id) });
  expectCode(ack, 200);
  assert.equal(ack.attributes.total, '0');
  assert.equal((await cmd('<poll op="req"/>')).code, 1300);
  expectCode(await e.call('EVENT', 'ACK', { event_id: String(ev.event_id) }), 480, /already acknowledged/);

  // A change of registrant answered by the registrants: one event per step, acknowledged over EPP this time.
  const traded = freshName();
  await register(e, traded);
  expectCode(await e.call('DOMAIN', 'TRADE_DOMAIN', { domain: traded, ...NEW_OWNER }), 200);
  await server.cli('sandbox', 'trade', 'accept', traded);
  await server.cli('sandbox', 'trade', 'accept', traded);
  const p2 = await poll(e, 5);
  assert.equal(p2.attributes.total, '2');
  assert.deepEqual(events(p2).map((x) => [x.object, x.event, assoc(x.object_data).trade_status, assoc(x.object_data).domain_name]), [
    ['DOMAIN', 'ICANN_TRADE_STATUS_CHANGE', 'pending_new_registrant', traded],
    ['DOMAIN', 'ICANN_TRADE_STATUS_CHANGE', 'completed', traded],
  ]);
  const first = String(events(p2)[0]!.event_id);
  const eppAck = await cmd(`<poll op="ack" msgID="${first}"/>`);
  assert.equal(eppAck.code, 1000, eppAck.xml);
  const p3 = await poll(e);
  assert.equal(p3.attributes.total, '1');
  assert.equal(assoc(events(p3)[0]!.object_data).trade_status, 'completed');
  const last = await e.call('EVENT', 'ACK', { event_id: String(events(p3)[0]!.event_id) });
  assert.equal(last.attributes.total, '0');
  assert.equal(last.attributes.next_event_id, undefined);
  epp.close();

  expectCode(await e.call('EVENT', 'ACK', {}), 460, /event_id/);
  expectCode(await e.call('EVENT', 'ACK', { event_id: '6887c7d3838dcaec7517c531df527bb7' }), 480);
  expectCode(await e.call('EVENT', 'POLL', { limit: '0' }), 465, /limit/);
  expectCode(await e.call('EVENT', 'POLL', { limit: '51' }), 465, /limit/);
  expectCode(await e.call('EVENT', 'POLL', { limit: 'all' }), 465, /limit/);
});

// Moves the clock by more than a year: keep it last.
test('POLL EVENT: transfers in and away, an auto-renewal, an expiry and the purge, each to its own reseller', async () => {
  const carol = server.xcpClient(await server.createReseller('carol', '500'));
  const dave = server.xcpClient(await server.createReseller('dave', '500'));
  const renewMe = freshName();
  const lapseMe = freshName();
  const moveMe = freshName();
  await register(carol, renewMe, { auto_renew: '1' });
  await register(carol, lapseMe, { auto_renew: '0' });
  await register(carol, moveMe);
  expectCode(await carol.call('DOMAIN', 'MODIFY', { data: 'domain_auth_info', domain: moveMe, domain_auth_info: 'Move-Me-123' }), 200);
  await server.cli('sandbox', 'clock', 'advance', '61d');

  const req = await dave.call('DOMAIN', 'SW_REGISTER', registerAttributes(moveMe, { reg_type: 'transfer', auth_info: 'Move-Me-123', reg_username: 'daveclient', reg_password: 'daves-pass1' }));
  expectCode(req, 200);
  expectCode(await dave.call('ORDER', 'CANCEL_ORDER', { order_id: String(req.attributes.id) }), 465, /CANCEL_TRANSFER/);
  const away = await poll(carol);
  assert.equal(away.attributes.total, '1');
  const pending = events(away)[0]!;
  assert.deepEqual([pending.object, pending.event], ['TRANSFER', 'STATUS_CHANGE']);
  const pd = assoc(pending.object_data);
  assert.deepEqual([pd.domain_name, pd.direction, pd.new_status, pd.transfer_status, pd.gaining_reseller, pd.losing_reseller],
    [moveMe, 'away', 'pending_registry', 'pending', 'dave', 'carol']);
  assert.match(String(pd.domain_id), /^\d+$/, 'still carol\'s domain');
  expectCode(await carol.call('EVENT', 'ACK', { event_id: String(pending.event_id) }), 200);
  assert.equal((await poll(dave)).attributes.total, '0', 'the requester is not told what it asked for');

  expectCode(await carol.call('TRANSFER', 'APPROVE_TRANSFER', { domain: moveMe }), 200);
  const inbound = events(await poll(dave))[0]!;
  const id = assoc(inbound.object_data);
  assert.deepEqual([inbound.object, inbound.event, id.direction, id.new_status, id.transfer_status], ['TRANSFER', 'STATUS_CHANGE', 'in', 'completed', 'clientApproved']);
  assert.match(String(id.domain_id), /^\d+$/, 'now dave\'s domain');
  const gone = assoc(events(await poll(carol))[0]!.object_data);
  assert.deepEqual([gone.direction, gone.new_status], ['away', 'completed']);
  assert.equal(gone.domain_id, undefined, 'no longer carol\'s: no domain id for her');
  await carol.call('EVENT', 'ACK', { event_id: String(events(await poll(carol))[0]!.event_id) });

  // A year later: renewMe auto-renewed, lapseMe expired, then its redemption ended and it was purged.
  await server.cli('sandbox', 'clock', 'advance', '400d');
  const year = await poll(carol, 10);
  const byName = (n: string) => events(year).filter((x) => assoc(x.object_data).domain_name === n).map((x) => `${x.object} ${x.event}`);
  assert.deepEqual(byName(renewMe), ['DOMAIN RENEWED']);
  const renewed = assoc(events(year).find((x) => x.event === 'RENEWED')!.object_data);
  assert.equal(renewed.auto_renew, '1');
  assert.match(String(renewed.expiration_date), /^\d{4}-\d\d-\d\dT/);
  assert.deepEqual(byName(lapseMe), ['DOMAIN EXPIRED', 'DOMAIN PENDING_DELETE', 'DOMAIN DELETED']);
  assert.equal(Number(year.attributes.total), events(year).length);
  const two = await poll(carol, 2);
  assert.equal(events(two).length, 2);
  assert.equal(two.attributes.total, year.attributes.total);
  assert.deepEqual(events(two).map((x) => x.event_id), events(year).slice(0, 2).map((x) => x.event_id), 'oldest first');
  assert.ok(events(await poll(dave, 10)).every((x) => ![renewMe, lapseMe].includes(String(assoc(x.object_data).domain_name))), 'dave sees none of carol\'s');
});
