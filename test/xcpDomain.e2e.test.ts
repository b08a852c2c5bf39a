// The domain life cycle over XCP/HTTPS: register, look up, get every type, modify, nameservers, renew, cookies.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import type { XcpClient } from '../src/client/xcpClient.ts';
import { contact, freshName, registerAttributes } from './support/fixtures.ts';
import { isAssoc, makeAssoc, type OpsAssoc } from '../src/protocols/ops/index.ts';

let server: RegdServer;
let alice: ResellerCredentials;
let bob: ResellerCredentials;
let c: XcpClient;
before(async () => {
  server = await startRegd();
  alice = await server.createReseller('alice', '1000');
  bob = await server.createReseller('bob', '1000');
  c = server.xcpClient(alice);
});
after(async () => { await server.stop(); });

const assoc = (v: unknown): OpsAssoc => { assert.ok(isAssoc(v), `expected a hash, got ${JSON.stringify(v)}`); return v; };

async function register(name: string, extra: Record<string, unknown> = {}, client = c) {
  const r = await client.call('DOMAIN', 'SW_REGISTER', registerAttributes(name, extra));
  assert.equal(r.responseCode, 200, r.responseText);
  return r;
}

async function setCookie(domain: string, user = 'registrant1', password = 'secret123', client = c) {
  return client.call('COOKIE', 'SET', { domain, reg_username: user, reg_password: password });
}

test('LOOKUP: 210 available, 211 taken (by regd or at another registrar by the sandbox rule)', async () => {
  assert.equal((await c.call('DOMAIN', 'LOOKUP', { domain: freshName('org') })).responseCode, 210);
  const elsewhere = await c.call('DOMAIN', 'LOOKUP', { domain: 'takenexample.co.uk' });
  assert.equal(elsewhere.responseCode, 211);
  assert.equal(elsewhere.responseText, 'Domain taken');
  const reg = await c.call('DOMAIN', 'SW_REGISTER', registerAttributes('taken-by-someone.com'));
  assert.equal(reg.responseCode, 485);
  const idn = await c.call('DOMAIN', 'LOOKUP', { domain: `bücher-${Date.now()}.de` });
  assert.equal(idn.responseCode, 210);
});

test('NAME_SUGGEST returns lookup and suggestion results over the TLD list', async () => {
  const r = await c.call('DOMAIN', 'NAME_SUGGEST', { searchstring: 'takenbrand', tlds: ['.com', '.net'], services: ['lookup', 'suggestion'], maximum: '5' });
  assert.equal(r.responseCode, 200, r.responseText);
  const lookup = assoc(r.attributes.lookup);
  assert.equal(lookup.count, '2');
  const items = lookup.items as OpsAssoc[];
  assert.deepEqual(items.map((i) => [i.domain, i.status]), [['takenbrand.com', 'taken'], ['takenbrand.net', 'taken']]);
  const suggestion = assoc(r.attributes.suggestion);
  const names = (suggestion.items as OpsAssoc[]).map((i) => String(i.domain));
  assert.equal(names.length, 5);
  for (const n of names) assert.match(n, /takenbrand.*\.(com|net)$/);
  assert.equal(new Set(names).size, names.length);
});

test('GET_PRICE and GET_BALANCE; a registration debits the price', async () => {
  const p1 = await c.call('DOMAIN', 'GET_PRICE', { domain: 'anything.com', period: '1' });
  assert.equal(p1.attributes.price, '10.99');
  const p3 = await c.call('DOMAIN', 'GET_PRICE', { domain: 'anything.com', period: '3', reg_type: 'renewal' });
  assert.equal(p3.attributes.price, '32.97');
  assert.equal((await c.call('DOMAIN', 'GET_PRICE', { domain: 'anything.de', period: '2' })).responseCode, 465);
  const payer = await server.createReseller('payer', '100');
  const pc = server.xcpClient(payer);
  assert.equal((await pc.call('BALANCE', 'GET_BALANCE')).attributes.balance, '100.00');
  await register(freshName('net'), { period: '2' }, pc);
  assert.equal((await pc.call('BALANCE', 'GET_BALANCE')).attributes.balance, '74.02');
});

test('SW_REGISTER creates the profile, adds to it with the right password, refuses a wrong one (415)', async () => {
  const first = freshName();
  const r = await register(first, { reg_username: 'profileuser', reg_password: 'pw12345' });
  assert.equal(r.attributes.new_profile, '1');
  assert.match(String(r.attributes.id), /^\d+$/);
  const second = await register(freshName(), { reg_username: 'profileuser', reg_password: 'pw12345' });
  assert.equal(second.attributes.new_profile, '0');
  const wrong = await c.call('DOMAIN', 'SW_REGISTER', registerAttributes(freshName(), { reg_username: 'profileuser', reg_password: 'nope123' }));
  assert.equal(wrong.responseCode, 415);
  const cookie = await setCookie(first, 'profileuser', 'pw12345');
  const list = await c.call('DOMAIN', 'GET', { type: 'list' }, { cookie: String(cookie.attributes.cookie) });
  assert.equal(list.attributes.count, '2');
});

test('SW_REGISTER handle=save records an order without registering or charging', async () => {
  const saver = await server.createReseller('saver', '50');
  const sc = server.xcpClient(saver);
  const name = freshName();
  const r = await sc.call('DOMAIN', 'SW_REGISTER', registerAttributes(name, { handle: 'save' }));
  assert.equal(r.responseCode, 200, r.responseText);
  assert.match(String(r.attributes.id), /^\d+$/);
  assert.equal((await sc.call('DOMAIN', 'LOOKUP', { domain: name })).responseCode, 210);
  assert.equal((await sc.call('BALANCE', 'GET_BALANCE')).attributes.balance, '50.00');
});

test('GET domain: every type of this issue, without a cookie, acting for the sponsoring reseller', async () => {
  const name = freshName('org');
  await register(name, { auto_renew: '1', f_lock_domain: '1', f_whois_privacy: '1', period: '2' });
  const get = (type: string, extra: Record<string, string> = {}) => c.call('DOMAIN', 'GET', { type, ...extra }, { domain: name });

  const owner = await get('owner');
  assert.equal(owner.responseCode, 200);
  const ownerContact = assoc(assoc(owner.attributes.contact_set).owner);
  assert.equal(ownerContact.first_name, 'Owner');
  assert.equal(ownerContact.status, 'active');
  assert.equal(owner.attributes.gdpr_consent_status, 'NONE');
  for (const role of ['admin', 'billing', 'tech']) {
    const r = await get(role);
    assert.equal(assoc(assoc(r.attributes.contact_set)[role]).first_name, role[0].toUpperCase() + role.slice(1));
    assert.deepEqual(Object.keys(assoc(r.attributes.contact_set)), [role]);
  }

  const all = await get('all_info');
  assert.deepEqual(Object.keys(assoc(all.attributes.contact_set)).sort(), ['admin', 'billing', 'owner', 'tech']);
  const nsl = all.attributes.nameserver_list as OpsAssoc[];
  assert.deepEqual(nsl.map((n) => [n.name, n.sort_order]), [['ns1.example.net', '1'], ['ns2.example.net', '2']]);
  assert.equal(all.attributes.auto_renew, '1');
  assert.equal(all.attributes.let_expire, '0');
  assert.equal(all.attributes.sponsoring_rsp, '1');
  const year = new Date().getUTCFullYear();
  assert.match(String(all.attributes.expiredate), new RegExp(`^${year + 2}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$`));
  assert.match(String(all.attributes.registry_createdate), new RegExp(`^${year}-`));

  const ns = await get('nameservers');
  assert.deepEqual((ns.attributes.nameserver_list as OpsAssoc[]).map((n) => [n.name, n.sortorder]), [['ns1.example.net', '1'], ['ns2.example.net', '2']]);

  const status = await get('status');
  assert.equal(status.attributes.lock_state, '1');
  assert.equal(status.attributes.domain_supports, '1');
  assert.equal(status.attributes.can_modify, '1');

  const ea = await get('expire_action');
  assert.equal(ea.attributes.auto_renew, '1');
  assert.equal(ea.attributes.let_expire, '0');

  assert.equal((await get('whois_privacy_state')).attributes.state, 'enabled');

  const list = await get('list');
  assert.equal(list.attributes.count, '1');
  assert.deepEqual(list.attributes.domain_list, [name]);
  const ext = assoc(assoc((list.attributes.ext_results as OpsAssoc[])[0])[name]);
  assert.equal(ext.lock_state, '1');
  assert.equal(ext.has_whois_privacy, '1');

  // domain_auth_info needs registrant credentials.
  const noCookie = await get('domain_auth_info');
  assert.equal(noCookie.responseCode, 447); // the seed's "No Cookie Supplied"
  const cookie = String((await setCookie(name)).attributes.cookie);
  const auth = await c.call('DOMAIN', 'GET', { type: 'domain_auth_info' }, { cookie });
  assert.equal(auth.responseCode, 200);
  assert.ok(String(auth.attributes.domain_auth_info).length >= 6);

  assert.equal((await get('no_such_type')).responseCode, 465);
  assert.equal((await c.call('DOMAIN', 'GET', {}, { domain: name })).responseCode, 460);
});

test('GET list pages through a profile and filters by days to expiry', async () => {
  const names = [freshName(), freshName(), freshName()];
  for (const [i, n] of names.entries()) await register(n, { reg_username: 'pager', reg_password: 'pager123', period: String(i + 1) });
  const cookie = String((await setCookie(names[0], 'pager', 'pager123')).attributes.cookie);
  const page0 = await c.call('DOMAIN', 'GET', { type: 'list', page: '0', limit: '2' }, { cookie });
  assert.equal(page0.attributes.count, '3');
  assert.equal(page0.attributes.remainder, '1');
  assert.equal((page0.attributes.domain_list as string[]).length, 2);
  const page1 = await c.call('DOMAIN', 'GET', { type: 'list', page: '1', limit: '2' }, { cookie });
  assert.equal(page1.attributes.remainder, '0');
  assert.deepEqual([...(page0.attributes.domain_list as string[]), ...(page1.attributes.domain_list as string[])].sort(), [...names].sort());
  const soon = await c.call('DOMAIN', 'GET', { type: 'list', min_to_expiry: '0', max_to_expiry: '400' }, { cookie });
  assert.deepEqual(soon.attributes.domain_list, [names[0]]);
  const none = await c.call('DOMAIN', 'GET', { type: 'list', min_to_expiry: '500', max_to_expiry: '10' }, { cookie });
  assert.equal(none.attributes.count, '0');
  const enc = await c.call('DOMAIN', 'GET', { type: 'list', with_encoding_types: '1', limit: '1' }, { cookie });
  assert.ok(isAssoc((enc.attributes.domain_list as OpsAssoc[])[0]));
});

test('cookies: SET, UPDATE, DELETE; 415 for bad credentials, 480 for another profile\'s domain', async () => {
  const mine = freshName();
  const mine2 = freshName();
  const theirs = freshName();
  await register(mine, { reg_username: 'cookieuser', reg_password: 'cookie123' });
  await register(mine2, { reg_username: 'cookieuser', reg_password: 'cookie123' });
  await register(theirs, { reg_username: 'otheruser', reg_password: 'other123' });

  assert.equal((await setCookie(mine, 'cookieuser', 'wrong')).responseCode, 415);
  assert.equal((await setCookie(mine, 'nosuchuser', 'cookie123')).responseCode, 415);
  assert.equal((await setCookie(theirs, 'cookieuser', 'cookie123')).responseCode, 480);

  const set = await setCookie(mine, 'cookieuser', 'cookie123');
  assert.equal(set.responseCode, 200);
  const cookie = String(set.attributes.cookie);
  assert.equal(set.attributes.domain_count, '2');
  assert.equal(set.attributes.f_owner, '1');

  const other = await c.call('DOMAIN', 'GET', { type: 'owner', domain: theirs }, { cookie });
  assert.equal(other.responseCode, 480);
  const viaCookie = await c.call('DOMAIN', 'GET', { type: 'owner' }, { cookie });
  assert.equal(viaCookie.responseCode, 200);

  const upd = await c.call('COOKIE', 'UPDATE', { reg_username: 'cookieuser', reg_password: 'cookie123', domain: mine, domain_new: mine2 }, { cookie });
  assert.equal(upd.responseCode, 200, upd.responseText);
  const status = await c.call('DOMAIN', 'GET', { type: 'all_info' }, { cookie });
  assert.equal(status.responseCode, 200);

  // Another reseller cannot use this cookie.
  const bc = server.xcpClient(bob);
  assert.equal((await bc.call('DOMAIN', 'GET', { type: 'owner' }, { cookie })).responseCode, 415);

  assert.equal((await c.call('COOKIE', 'DELETE', { cookie }, { cookie })).responseCode, 200);
  assert.equal((await c.call('DOMAIN', 'GET', { type: 'owner' }, { cookie })).responseCode, 415);
  assert.equal((await c.call('SESSION', 'QUIT')).responseCode, 200);
});

test('another reseller\'s domain is refused without a cookie', async () => {
  const name = freshName();
  await register(name);
  const bc = server.xcpClient(bob);
  const r = await bc.call('DOMAIN', 'GET', { type: 'all_info' }, { domain: name });
  assert.equal(r.isSuccess, false);
  assert.equal(r.responseCode, 465);
  const m = await bc.call('DOMAIN', 'MODIFY', { data: 'status', lock_state: '1', domain: name });
  assert.equal(m.isSuccess, false);
});

test('MODIFY: contact_info, expire_action, status, domain_auth_info, whois_privacy_state', async () => {
  const name = freshName();
  await register(name);
  const modify = (data: string, attrs: Record<string, unknown>) => c.call('DOMAIN', 'MODIFY', makeAssoc({ data, domain: name, ...(attrs as Record<string, string>) }));

  const ci = await modify('contact_info', { contact_set: makeAssoc({ admin: contact('Newadmin') }) });
  assert.equal(ci.responseCode, 200, ci.responseText);
  const admin = await c.call('DOMAIN', 'GET', { type: 'admin' }, { domain: name });
  assert.equal(assoc(assoc(admin.attributes.contact_set).admin).first_name, 'Newadmin');
  const owner = await c.call('DOMAIN', 'GET', { type: 'owner' }, { domain: name });
  assert.equal(assoc(assoc(owner.attributes.contact_set).owner).first_name, 'Owner');
  const badContact = await modify('contact_info', { contact_set: makeAssoc({ owner: contact('X', { email: 'not-an-email' }) }) });
  assert.equal(badContact.responseCode, 465);

  assert.equal((await modify('expire_action', { auto_renew: '1', let_expire: '0' })).responseCode, 200);
  assert.equal((await c.call('DOMAIN', 'GET', { type: 'expire_action' }, { domain: name })).attributes.auto_renew, '1');

  assert.equal((await modify('status', { lock_state: '1' })).responseCode, 200);
  assert.equal((await c.call('DOMAIN', 'GET', { type: 'status' }, { domain: name })).attributes.lock_state, '1');
  assert.equal((await modify('status', { lock_state: '0' })).responseCode, 200);
  assert.equal((await c.call('DOMAIN', 'GET', { type: 'status' }, { domain: name })).attributes.lock_state, '0');

  assert.equal((await modify('domain_auth_info', { domain_auth_info: 'NewCode-123' })).responseCode, 200);
  const cookie = String((await setCookie(name)).attributes.cookie);
  assert.equal((await c.call('DOMAIN', 'GET', { type: 'domain_auth_info' }, { cookie })).attributes.domain_auth_info, 'NewCode-123');
  assert.equal((await modify('domain_auth_info', { domain_auth_info: 'x' })).responseCode, 465);

  assert.equal((await modify('whois_privacy_state', { state: 'enable' })).responseCode, 200);
  assert.equal((await c.call('DOMAIN', 'GET', { type: 'whois_privacy_state' }, { domain: name })).attributes.state, 'enabled');
  assert.equal((await modify('whois_privacy_state', { state: 'maybe' })).responseCode, 465);
  assert.equal((await modify('no_such_data', {})).responseCode, 465);

  // A TLD without locking or WHOIS privacy says so.
  const uk = freshName('co.uk');
  await register(uk);
  const ukLock = await c.call('DOMAIN', 'MODIFY', { data: 'status', lock_state: '1', domain: uk });
  assert.equal(ukLock.isSuccess, false);
  assert.equal((await c.call('DOMAIN', 'GET', { type: 'whois_privacy_state' }, { domain: uk })).attributes.state, 'disabled');
});

test('ADVANCED_UPDATE_NAMESERVERS: assign and add_remove keep sort order', async () => {
  const name = freshName();
  await register(name);
  const upd = (attrs: Record<string, unknown>) => c.call('DOMAIN', 'ADVANCED_UPDATE_NAMESERVERS', makeAssoc({ domain: name, ...(attrs as Record<string, string>) }));
  const nsOf = async () => ((await c.call('DOMAIN', 'GET', { type: 'nameservers' }, { domain: name })).attributes.nameserver_list as OpsAssoc[]).map((n) => `${n.sortorder}:${n.name}`);

  assert.equal((await upd({ op_type: 'assign', assign_ns: ['ns1.new.example', 'ns2.new.example', 'ns3.new.example'] })).responseCode, 200);
  assert.deepEqual(await nsOf(), ['1:ns1.new.example', '2:ns2.new.example', '3:ns3.new.example']);
  assert.equal((await upd({ op_type: 'add_remove', add_ns: ['ns4.new.example'], remove_ns: ['ns2.new.example'] })).responseCode, 200);
  assert.deepEqual(await nsOf(), ['1:ns1.new.example', '3:ns3.new.example', '4:ns4.new.example']);
  // assign numbers the list by position; assigning the same list again changes nothing.
  assert.equal((await upd({ op_type: 'assign', assign_ns: ['ns1.new.example', 'ns3.new.example', 'ns4.new.example'] })).responseCode, 200);
  assert.deepEqual(await nsOf(), ['1:ns1.new.example', '2:ns3.new.example', '3:ns4.new.example']);
  const noop = await upd({ op_type: 'assign', assign_ns: ['ns1.new.example', 'ns3.new.example', 'ns4.new.example'] });
  assert.equal(noop.responseCode, 200);
  assert.equal(noop.responseText, 'No nameserver changes necessary');
  assert.equal((await upd({ op_type: 'add_remove', remove_ns: ['not.mapped.example'] })).responseCode, 480);
  assert.equal((await upd({ op_type: 'assign', assign_ns: ['bad_host..example'] })).responseCode, 465);
  assert.equal((await upd({ op_type: 'frob' })).responseCode, 465);
  assert.equal((await upd({})).responseCode, 460);
  assert.deepEqual(await nsOf(), ['1:ns1.new.example', '2:ns3.new.example', '3:ns4.new.example']);
});

test('RENEW: the current expiration year must match; a second renewal to the same year is refused', async () => {
  const name = freshName();
  await register(name);
  const year = new Date().getUTCFullYear() + 1;
  const before = (await c.call('BALANCE', 'GET_BALANCE')).attributes.balance;
  const wrong = await c.call('DOMAIN', 'RENEW', { domain: name, period: '1', currentexpirationyear: String(year + 5) });
  assert.equal(wrong.responseCode, 541);
  const ok = await c.call('DOMAIN', 'RENEW', { domain: name, period: '2', currentexpirationyear: String(year) });
  assert.equal(ok.responseCode, 200, ok.responseText);
  assert.match(String(ok.attributes['registration expiration date']), new RegExp(`^${year + 2}-`));
  const again = await c.call('DOMAIN', 'RENEW', { domain: name, period: '2', currentexpirationyear: String(year) });
  assert.equal(again.responseCode, 555);
  const after = (await c.call('BALANCE', 'GET_BALANCE')).attributes.balance;
  assert.equal(Math.round((Number(before) - Number(after)) * 100), 2 * 1099);
  const tooFar = await c.call('DOMAIN', 'RENEW', { domain: name, period: '9', currentexpirationyear: String(year + 2) });
  assert.equal(tooFar.responseCode, 465);
  assert.equal((await c.call('DOMAIN', 'RENEW', { domain: name, period: '1' })).responseCode, 460);
});
