// GET DOMAIN, the types beyond the foundation's, over real HTTPS: cookie-free types, TLD-specific types (and the
// error naming the TLD for the others), tld_data, the .CA address subset, status extras, list by days to expiry.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import type { XcpClient } from '../src/client/xcpClient.ts';
import { freshName, registerAttributes } from './support/fixtures.ts';
import { makeAssoc, type OpsAssoc } from '../src/protocols/ops/index.ts';
import { assoc, closeStores, cookieFor, expectCode, register, storeOf } from './support/surfaceHelpers.ts';

let server: RegdServer;
let alice: ResellerCredentials;
let bob: ResellerCredentials;
let c: XcpClient;
before(async () => {
  server = await startRegd();
  alice = await server.createReseller('alice', '2000');
  bob = await server.createReseller('bob', '1000');
  c = server.xcpClient(alice);
});
after(async () => { await closeStores(); await server.stop(); });

const get = (domain: string, type: string, extra: Record<string, string> = {}, top: Record<string, string> = {}) =>
  c.call('DOMAIN', 'GET', { type, ...extra }, { domain, ...top });
const getWithCookie = (cookie: string, type: string, extra: Record<string, string> = {}) => c.call('DOMAIN', 'GET', { type, ...extra }, { cookie });

const AU_INFO = makeAssoc({
  registrant_name: 'Example Company Ltd', registrant_id: '38 144 482 002', registrant_id_type: 'ABN', eligibility_type: 'Charity', policy_reason: '1',
});

test('types allowed without a cookie: forwarding_email, rsp_whois_info, nexus_info; the others need one (447 No Cookie Supplied)', async () => {
  const us = freshName('us');
  await register(c, us, { tld_data: makeAssoc({ nexus: makeAssoc({ app_purpose: 'P1', category: 'C11' }) }) });

  const fwd = await get(us, 'forwarding_email');
  expectCode(fwd, 200);
  assert.equal(fwd.attributes.forwarding_email, '');

  const rsp = await get(us, 'rsp_whois_info');
  expectCode(rsp, 200);
  assert.equal(rsp.attributes.business, 'alice');
  assert.equal(rsp.attributes.rsp_enabled, 'N');
  assert.equal(rsp.attributes.domain_enabled, 'N');

  const nexus = await get(us, 'nexus_info');
  expectCode(nexus, 200);
  assert.deepEqual({ ...assoc(nexus.attributes.nexus) }, { app_purpose: 'P1', category: 'C11', validator: '' });

  for (const type of ['tld_data', 'whois_publicity_state', 'auto_renew_flag', 'registry_dates', 'domain_auth_info', 'au_registrant_info', 'uk_whois_opt', 'ca_whois_display_setting']) {
    expectCode(await get(us, type), 447, /^No Cookie Supplied/);
  }
  const cookie = await cookieFor(c, us);
  const tld = await getWithCookie(cookie, 'tld_data');
  expectCode(tld, 200);
  assert.equal(assoc(assoc(tld.attributes.tld_data).nexus).category, 'C11');
  // .US forbids WHOIS privacy, so publicity cannot be switched off: the seed says "always returns Disabled".
  assert.equal((await getWithCookie(cookie, 'whois_publicity_state')).attributes.state, 'disabled');
  assert.equal((await getWithCookie(cookie, 'auto_renew_flag')).attributes.auto_renew, '0');
  const dates = await getWithCookie(cookie, 'registry_dates');
  assert.match(String(dates.attributes.registry_expiredate), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

  // Publicity is the other face of privacy where the TLD offers privacy.
  const com = freshName('com');
  await register(c, com, { f_whois_privacy: '1' });
  const comCookie = await cookieFor(c, com);
  assert.equal((await getWithCookie(comCookie, 'whois_publicity_state')).attributes.state, 'disabled');
  expectCode(await c.call('DOMAIN', 'MODIFY', { data: 'whois_privacy_state', state: 'disable', domain: com }), 200);
  assert.equal((await getWithCookie(comCookie, 'whois_publicity_state')).attributes.state, 'enabled');
  // registrant_ip (top level) is accepted.
  expectCode(await get(com, 'owner', {}, { registrant_ip: '192.0.2.10' }), 200);
});

test('.AU: tld_data at registration, all_info tld_data, au_registrant_info; bad tld_data stores nothing', async () => {
  const au = freshName('com.au');
  const bad = await c.call('DOMAIN', 'SW_REGISTER', makeAssoc({
    ...registerAttributes(au),
    tld_data: makeAssoc({ au_registrant_info: makeAssoc({ registrant_name: 'X', registrant_id_type: 'ABN', eligibility_type: 'Company' }) }),
  }));
  expectCode(bad, 460, /registrant_id/);
  expectCode(await c.call('DOMAIN', 'LOOKUP', { domain: au }), 210);
  const wrongKey = await c.call('DOMAIN', 'SW_REGISTER', makeAssoc({
    ...registerAttributes(au), tld_data: makeAssoc({ nexus: makeAssoc({ app_purpose: 'P1', category: 'C11' }) }),
  }));
  expectCode(wrongKey, 465, /does not apply to \.com\.au/);

  await register(c, au, { tld_data: makeAssoc({ au_registrant_info: AU_INFO }) });
  const all = await get(au, 'all_info');
  expectCode(all, 200);
  const info = assoc(assoc(all.attributes.tld_data).au_registrant_info);
  assert.equal(info.registrant_id, '38 144 482 002');
  assert.equal(info.eligibility_type, 'Charity');
  const cookie = await cookieFor(c, au);
  const direct = await getWithCookie(cookie, 'au_registrant_info');
  expectCode(direct, 200);
  assert.equal(assoc(direct.attributes.au_registrant_info).registrant_name, 'Example Company Ltd');

  // A TLD without registry data shows an empty tld_data in all_info (as the seed's .COM example does).
  const com = freshName('com');
  await register(c, com);
  assert.equal((await get(com, 'all_info')).attributes.tld_data, '');
  const comCookie = await cookieFor(c, com);
  const wrong = await getWithCookie(comCookie, 'au_registrant_info');
  expectCode(wrong, 480, /\.AU and \.COM\.AU domains; .+ is a \.com domain/);
});

test('.CA: admin and tech carry the address sub-fields unless clean_ca_subset=1; WHOIS display; legal_type in all_info', async () => {
  const ca = freshName('ca');
  await register(c, ca);
  const admin = assoc(assoc((await get(ca, 'admin')).attributes.contact_set).admin);
  assert.equal(admin.addr_street_name, '32 Oak Street');
  for (const f of ['addr_address_number', 'addr_corporative', 'addr_office', 'addr_orientation', 'addr_street_cat']) assert.equal(admin[f], '', f);
  const clean = assoc(assoc((await get(ca, 'admin', { clean_ca_subset: '1' })).attributes.contact_set).admin);
  assert.equal(clean.addr_street_name, undefined);
  assert.equal(clean.address1, '32 Oak Street');
  const owner = assoc(assoc((await get(ca, 'owner')).attributes.contact_set).owner);
  assert.equal(owner.addr_street_name, undefined);
  const all = await get(ca, 'all_info');
  assert.equal(assoc(assoc(all.attributes.contact_set).tech).addr_street_name, '32 Oak Street');
  assert.equal(all.attributes.legal_type, 'CCT');

  const cookie = await cookieFor(c, ca);
  const display = await getWithCookie(cookie, 'ca_whois_display_setting');
  expectCode(display, 200);
  assert.equal(display.attributes.individual, 'Y');
  assert.equal(display.attributes.display, 'PRIVATE');
  // A .com asked for the CIRA setting names the TLD it applies to.
  const com = freshName('com');
  await register(c, com);
  expectCode(await getWithCookie(await cookieFor(c, com), 'ca_whois_display_setting'), 480, /\.CA domains/);
});

test('.UK uk_whois_opt; types of TLDs regd does not offer (.IT, .ASIA, .XXX) answer 480 naming the TLD', async () => {
  const uk = freshName('co.uk');
  await register(c, uk);
  const cookie = await cookieFor(c, uk);
  const opt = await getWithCookie(cookie, 'uk_whois_opt');
  expectCode(opt, 200);
  assert.equal(opt.attributes.uk_whois_opt, '0');
  assert.equal(opt.attributes.reg_type, 'IND');

  const ced = await get(uk, 'ced_info');
  expectCode(ced, 480, /\.ASIA domains, which regd does not offer; .+ is a \.co\.uk domain/);
  expectCode(await get(uk, 'it_registrant_info'), 447);
  expectCode(await getWithCookie(cookie, 'it_registrant_info'), 480, /\.IT domains, which regd does not offer/);
  expectCode(await getWithCookie(cookie, 'it_whois_display_setting'), 480, /\.IT/);
  expectCode(await getWithCookie(cookie, 'xxx_ipr_data'), 480, /\.XXX domains, which regd does not offer/);
  expectCode(await get(uk, 'nexus_info'), 480, /\.US domains; .+ is a \.co\.uk domain/);

  const com = freshName('com');
  await register(c, com);
  expectCode(await getWithCookie(await cookieFor(c, com), 'uk_whois_opt'), 480, /\.UK and \.CO\.UK domains/);
});

test('contact types: status and descr always; all_info nameservers with their glue addresses', async () => {
  const name = freshName('net');
  await register(c, name);
  for (const role of ['owner', 'admin', 'billing', 'tech']) {
    const r = await get(name, role);
    assert.equal(r.attributes.status, 'active');
    assert.equal(r.attributes.descr, '');
    assert.equal(assoc(assoc(r.attributes.contact_set)[role]).status, 'active');
  }
  // Glue kept with a delegation entry (EPP hostAttr) shows as ip_address / ipv6.
  const db = await storeOf(server.dataDir);
  const d = await db.selectFrom('domains').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  await db.updateTable('domain_nameservers').set({ addresses: JSON.stringify(['192.0.2.53', '2001:db8::53']) })
    .where('domain_id', '=', d.id).where('name', '=', 'ns1.example.net').execute();
  const all = await get(name, 'all_info');
  const ns = all.attributes.nameserver_list as OpsAssoc[];
  assert.equal(ns[0].ip_address, '192.0.2.53');
  assert.equal(ns[0].ipv6, '2001:db8::53');
  assert.equal(ns[1].ip_address, undefined);
  const plain = (await get(name, 'nameservers')).attributes.nameserver_list as OpsAssoc[];
  assert.equal(plain[0].ipaddress, '192.0.2.53');
  assert.equal(plain[1].ipaddress, '');
});

test('status: transfer_away_in_progress while a transfer away is pending; can_modify follows', async () => {
  const name = freshName('org');
  await register(c, name);
  const before = await get(name, 'status');
  assert.equal(before.attributes.transfer_away_in_progress, undefined);
  assert.equal(before.attributes.auctionescrow, undefined);
  assert.equal(before.attributes.parkp_status, '');
  assert.equal(before.attributes.can_modify, '1');
  const db = await storeOf(server.dataDir);
  const d = await db.selectFrom('domains').select(['id', 'reseller_id']).where('name', '=', name).executeTakeFirstOrThrow();
  const gaining = await db.selectFrom('resellers').select('id').where('username', '=', bob.username).executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  const t = await db.insertInto('transfers').values({
    domain_id: d.id, domain_name: name, gaining_reseller_id: gaining.id, losing_reseller_id: d.reseller_id, status: 'pending',
    requested_at: now, action_deadline: now, acted_at: null, period: 1, amount_minor: 1199, currency: 'USD', order_id: null, expires_at_after: null,
  }).returning('id').executeTakeFirstOrThrow();
  const during = await get(name, 'status');
  assert.equal(during.attributes.transfer_away_in_progress, '1');
  assert.equal(during.attributes.can_modify, '0');
  await db.updateTable('transfers').set({ status: 'clientCancelled' }).where('id', '=', t.id).execute();
  assert.equal((await get(name, 'status')).attributes.transfer_away_in_progress, undefined);
});

test('a revoked (deleted) domain returns nothing; another reseller is refused', async () => {
  const name = freshName('info');
  await register(c, name);
  expectCode(await server.xcpClient(bob).call('DOMAIN', 'GET', { type: 'forwarding_email' }, { domain: name }), 465, /does not belong/);
  expectCode(await c.call('DOMAIN', 'REVOKE', { domain: name }), 200);
  expectCode(await get(name, 'all_info'), 480);
  expectCode(await get(name, 'owner'), 480);
});

// Moves this server's clock: keep it last.
test('list with negative min_to_expiry finds domains past their expiry date', async () => {
  const name = freshName('biz');
  await register(c, name, { reg_username: 'expirer', reg_password: 'expirer1' });
  await server.cli('sandbox', 'clock', 'advance', '370d');
  // (A cookie lives two idle hours of the sandbox clock: take it after the move.)
  const cookie = await cookieFor(c, name, 'expirer', 'expirer1');
  const past = await getWithCookie(cookie, 'list', { min_to_expiry: '-10', max_to_expiry: '0' });
  expectCode(past, 200);
  assert.deepEqual(past.attributes.domain_list, [name]);
  assert.equal(past.attributes.count, '1');
  assert.equal(past.attributes.page, '0');
  assert.equal(past.attributes.limit, '40');
  assert.equal(past.attributes.remainder, '0');
  const future = await getWithCookie(cookie, 'list', { min_to_expiry: '0' });
  assert.equal(future.attributes.count, '0');
  const longAgo = await getWithCookie(cookie, 'list', { min_to_expiry: '-100', max_to_expiry: '-20' });
  assert.equal(longAgo.attributes.count, '0');
});
