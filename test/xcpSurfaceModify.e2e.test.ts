// MODIFY DOMAIN's remaining data types, affect_domains, UPDATE_CONTACTS and GET_DOMAINS_CONTACTS over real HTTPS.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import type { XcpClient } from '../src/client/xcpClient.ts';
import { contact, freshName } from './support/fixtures.ts';
import { makeAssoc, type OpsAssoc } from '../src/protocols/ops/index.ts';
import { assoc, closeStores, cookieFor, expectCode, outbox, register } from './support/surfaceHelpers.ts';

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

const modify = (domain: string, data: string, attrs: Record<string, unknown> = {}) =>
  c.call('DOMAIN', 'MODIFY', makeAssoc({ data, domain, ...(attrs as Record<string, string>) }));
const get = (domain: string, type: string, extra: Record<string, string> = {}) => c.call('DOMAIN', 'GET', { type, ...extra }, { domain });

test('forwarding_email: set, read back, invalid 465, missing 460', async () => {
  const name = freshName();
  await register(c, name);
  expectCode(await modify(name, 'forwarding_email', { forwarding_email: 'me@forward.example' }), 200);
  assert.equal((await get(name, 'forwarding_email')).attributes.forwarding_email, 'me@forward.example');
  expectCode(await modify(name, 'forwarding_email', { forwarding_email: 'not an address' }), 465);
  expectCode(await modify(name, 'forwarding_email'), 460, /forwarding_email/);
  assert.equal((await get(name, 'forwarding_email')).attributes.forwarding_email, 'me@forward.example');
});

test('tld_data: .US nexus validated and stored; a .COM takes none; nothing stored on bad input', async () => {
  const us = freshName('us');
  await register(c, us);
  const set = (nexus: Record<string, string>) => modify(us, 'tld_data', { tld_data: makeAssoc({ nexus: makeAssoc(nexus) }) });
  expectCode(await set({ app_purpose: 'P3', category: 'C31' }), 460, /validator/);
  expectCode(await set({ app_purpose: 'P9', category: 'C11' }), 465, /app_purpose/);
  expectCode(await set({ app_purpose: 'P3', category: 'C31', validator: 'ca' }), 200);
  const cookie = await cookieFor(c, us);
  const r = await c.call('DOMAIN', 'GET', { type: 'tld_data' }, { cookie });
  assert.deepEqual({ ...assoc(assoc(r.attributes.tld_data).nexus) }, { app_purpose: 'P3', category: 'C31', validator: 'CA' });
  assert.equal(assoc((await get(us, 'nexus_info')).attributes.nexus).category, 'C31');
  expectCode(await modify(us, 'tld_data'), 460, /tld_data/);

  const com = freshName();
  await register(c, com);
  expectCode(await modify(com, 'tld_data', { tld_data: makeAssoc({ nexus: makeAssoc({ app_purpose: 'P1', category: 'C11' }) }) }), 465, /\.com domains take no tld_data/);
});

test('ca_whois_display_setting: individuals choose FULL or PRIVATE; organisations cannot; other TLDs are named', async () => {
  const ca = freshName('ca');
  await register(c, ca);
  expectCode(await modify(ca, 'ca_whois_display_setting', { display: 'FULL' }), 200);
  const cookie = await cookieFor(c, ca);
  assert.equal((await c.call('DOMAIN', 'GET', { type: 'ca_whois_display_setting' }, { cookie })).attributes.display, 'FULL');
  expectCode(await modify(ca, 'ca_whois_display_setting', { display: 'HALF' }), 465);
  expectCode(await modify(ca, 'tld_data', { tld_data: makeAssoc({ legal_type: 'CCO' }) }), 200);
  const org = await c.call('DOMAIN', 'GET', { type: 'ca_whois_display_setting' }, { cookie });
  assert.equal(org.attributes.individual, 'N');
  expectCode(await modify(ca, 'ca_whois_display_setting', { display: 'PRIVATE' }), 435, /individual/);
  assert.equal((await get(ca, 'all_info')).attributes.legal_type, 'CCO');

  const com = freshName();
  await register(c, com);
  expectCode(await modify(com, 'ca_whois_display_setting', { display: 'FULL' }), 480, /\.CA domains; .+ is a \.com domain/);
  expectCode(await modify(com, 'it_whois_display_setting', { display: 'FULL' }), 480, /\.IT domains, which regd does not offer/);
});

test('uk_whois_opt: individuals may opt out; uk_affect_domains reaches every .UK domain of the profile', async () => {
  const a = freshName('co.uk');
  const b = freshName('uk');
  const other = freshName('com');
  for (const n of [a, b, other]) await register(c, n, { reg_username: 'ukowner', reg_password: 'ukowner1' });
  expectCode(await modify(a, 'uk_whois_opt', { uk_whois_opt: '1' }), 200);
  const cookie = await cookieFor(c, a, 'ukowner', 'ukowner1');
  assert.equal((await c.call('DOMAIN', 'GET', { type: 'uk_whois_opt' }, { cookie })).attributes.uk_whois_opt, '1');
  expectCode(await modify(a, 'uk_whois_opt', { uk_whois_opt: '1', reg_type: 'LTD' }), 435, /individual/);
  expectCode(await modify(a, 'uk_whois_opt', { reg_type: 'IND' }), 460, /uk_whois_opt/);
  expectCode(await modify(a, 'uk_whois_opt', { uk_whois_opt: '1', reg_type: 'NOPE' }), 465);
  const all = await modify(a, 'uk_whois_opt', { uk_whois_opt: '0', reg_type: 'LTD', uk_affect_domains: '1' });
  expectCode(all, 200);
  assert.deepEqual(Object.keys(assoc(all.attributes.details)).sort(), [a, b].sort());
  const bCookie = await cookieFor(c, b, 'ukowner', 'ukowner1');
  const bOpt = await c.call('DOMAIN', 'GET', { type: 'uk_whois_opt' }, { cookie: bCookie });
  assert.equal(bOpt.attributes.reg_type, 'LTD');
  expectCode(await modify(other, 'uk_whois_opt', { uk_whois_opt: '0' }), 480, /\.UK and \.CO\.UK/);
});

test('change_ips_tag: a .UK domain leaves for the gaining registrar tag; change_tag_all moves the profile\'s .UK domains', async () => {
  const one = freshName('co.uk');
  await register(c, one);
  expectCode(await modify(one, 'change_ips_tag'), 460, /gaining_registrar_tag/);
  expectCode(await modify(one, 'change_ips_tag', { gaining_registrar_tag: 'bad tag!' }), 465);
  expectCode(await modify(one, 'change_ips_tag', { gaining_registrar_tag: 'REGD' }), 465, /already/);
  const moved = await modify(one, 'change_ips_tag', { gaining_registrar_tag: 'OTHER-REG' });
  expectCode(moved, 200);
  assert.equal(moved.attributes.details, one);
  expectCode(await get(one, 'all_info'), 480);
  const deleted = await c.call('DOMAIN', 'GET_DELETED_DOMAINS', { domain: one });
  assert.equal(deleted.attributes.total, '0');
  const notes = await c.call('DOMAIN', 'GET_NOTES', { type: 'domain', domain: one });
  assert.ok((notes.attributes.notes as OpsAssoc[]).some((n) => /Released to IPS tag OTHER-REG/.test(String(n.note))));

  const x = freshName('co.uk');
  const y = freshName('uk');
  const keep = freshName('com');
  for (const n of [x, y, keep]) await register(c, n, { reg_username: 'tagowner', reg_password: 'tagowner1' });
  const both = await modify(x, 'change_ips_tag', { gaining_registrar_tag: 'NEWTAG', change_tag_all: '1' });
  expectCode(both, 200);
  assert.deepEqual(String(both.attributes.details).split(',').sort(), [x, y].sort());
  expectCode(await get(y, 'owner'), 480);
  expectCode(await get(keep, 'owner'), 200);
  expectCode(await modify(keep, 'change_ips_tag', { gaining_registrar_tag: 'NEWTAG' }), 480, /\.UK and \.CO\.UK/);
});

test('affect_domains=1 applies expire_action, status and contact_info to every domain of the profile, reporting each', async () => {
  const names = [freshName('com'), freshName('net'), freshName('co.uk')];
  for (const n of names) await register(c, n, { reg_username: 'wide', reg_password: 'wide1234' });
  const lone = freshName('org');
  await register(c, lone, { reg_username: 'alone', reg_password: 'alone123' });

  const ea = await modify(names[0], 'expire_action', { auto_renew: '1', affect_domains: '1' });
  expectCode(ea, 200);
  for (const n of names) assert.equal((await get(n, 'expire_action')).attributes.auto_renew, '1', n);
  assert.equal((await get(lone, 'expire_action')).attributes.auto_renew, '0');

  // .co.uk has no registry lock: that domain is reported and skipped, the others are locked.
  const lock = await modify(names[1], 'status', { lock_state: '1', affect_domains: '1' });
  expectCode(lock, 200, /2 of 3/);
  const details = assoc(lock.attributes.details);
  assert.equal(assoc(details[names[0]]).response_code, '200');
  assert.equal(assoc(details[names[2]]).response_code, '480');
  assert.equal((await get(names[0], 'status')).attributes.lock_state, '1');

  const ci = await modify(names[2], 'contact_info', { contact_set: makeAssoc({ admin: contact('Wideadmin') }), affect_domains: '1' });
  expectCode(ci, 200);
  for (const n of names) assert.equal(assoc(assoc((await get(n, 'admin')).attributes.contact_set).admin).first_name, 'Wideadmin');
  // Bad input changes nothing anywhere.
  expectCode(await modify(names[0], 'contact_info', { contact_set: makeAssoc({ admin: contact('Bad', { email: 'nope' }) }), affect_domains: '1' }), 465);
  assert.equal(assoc(assoc((await get(names[1], 'admin')).attributes.contact_set).admin).first_name, 'Wideadmin');
  expectCode(await modify(names[0], 'forwarding_email', { forwarding_email: 'a@b.example', affect_domains: '1' }), 465, /affect_domains/);
  expectCode(await modify(names[0], 'expire_action', { affect_domains: '1' }), 460);
});

test('UPDATE_CONTACTS: the named types on one domain or the whole profile, with a report mail', async () => {
  const names = [freshName(), freshName('info')];
  for (const n of names) await register(c, n, { reg_username: 'updater', reg_password: 'updater1' });
  const set = makeAssoc({ admin: contact('Upadmin'), tech: contact('Uptech'), billing: contact('Ignored') });
  const one = await c.call('DOMAIN', 'UPDATE_CONTACTS', makeAssoc({ domain: names[0], contact_set: set, types: ['admin', 'tech'] }));
  expectCode(one, 200);
  assert.equal(assoc(assoc(one.attributes.details)[names[0]]).is_success, '1');
  const admin0 = await get(names[0], 'all_info');
  const cs = assoc(admin0.attributes.contact_set);
  assert.equal(assoc(cs.admin).first_name, 'Upadmin');
  assert.equal(assoc(cs.tech).first_name, 'Uptech');
  assert.equal(assoc(cs.billing).first_name, 'Billing');
  assert.equal(assoc(assoc((await get(names[1], 'admin')).attributes.contact_set).admin).first_name, 'Admin');

  const all = await c.call('DOMAIN', 'UPDATE_CONTACTS', makeAssoc({
    domain: names[0], contact_set: makeAssoc({ billing: contact('Allbilling') }), types: ['billing'], affect_domains: '1', report_email: 'reports@example.net',
  }));
  expectCode(all, 200);
  assert.deepEqual(Object.keys(assoc(all.attributes.details)).sort(), [...names].sort());
  for (const n of names) assert.equal(assoc(assoc((await get(n, 'billing')).attributes.contact_set).billing).first_name, 'Allbilling');
  const mails = await outbox(server.dataDir, { to: 'reports@example.net' });
  assert.equal(mails.length, 1);
  assert.equal(mails[0].kind, 'update_contacts_report');
  assert.match(mails[0].body, new RegExp(`${names[1].replace(/\./g, '\\.')}: updated`));

  expectCode(await c.call('DOMAIN', 'UPDATE_CONTACTS', makeAssoc({ domain: names[0], contact_set: set, types: ['owner'] })), 460, /contact_set\.owner/);
  expectCode(await c.call('DOMAIN', 'UPDATE_CONTACTS', makeAssoc({ domain: names[0], contact_set: set })), 460, /types/);
  expectCode(await c.call('DOMAIN', 'UPDATE_CONTACTS', makeAssoc({ domain: names[0], contact_set: set, types: ['boss'] })), 465);
  expectCode(await c.call('DOMAIN', 'UPDATE_CONTACTS', makeAssoc({ domain: names[0], contact_set: set, types: ['admin'], report_email: 'r@example.net' })), 465, /affect_domains/);
  expectCode(await c.call('DOMAIN', 'UPDATE_CONTACTS', makeAssoc({
    domain: names[0], contact_set: makeAssoc({ admin: contact('Broken', { phone: '12' }) }), types: ['admin'], affect_domains: '1',
  })), 465, /phone/);
  assert.equal(assoc(assoc((await get(names[1], 'admin')).attributes.contact_set).admin).first_name, 'Admin');
  expectCode(await server.xcpClient(bob).call('DOMAIN', 'UPDATE_CONTACTS', makeAssoc({ domain: names[0], contact_set: set, types: ['admin'] })), 465);
});

test('GET_DOMAINS_CONTACTS: contact sets per domain; unknown and foreign names answer for themselves', async () => {
  const mine = [freshName(), freshName('net')];
  for (const n of mine) await register(c, n);
  const theirs = freshName();
  await register(server.xcpClient(bob), theirs);
  const unknown = freshName();
  const r = await c.call('DOMAIN', 'GET_DOMAINS_CONTACTS', { domain_list: [...mine, theirs, unknown] });
  expectCode(r, 200);
  for (const n of mine) {
    const entry = assoc(r.attributes[n]);
    assert.equal(entry.status, 'active');
    assert.deepEqual(Object.keys(assoc(entry.contact_set)).sort(), ['admin', 'billing', 'owner', 'tech']);
    assert.equal(assoc(assoc(entry.contact_set).owner).first_name, 'Owner');
  }
  assert.equal(assoc(r.attributes[theirs]).response_code, '465');
  assert.equal(assoc(r.attributes[unknown]).response_code, '480');
  expectCode(await c.call('DOMAIN', 'GET_DOMAINS_CONTACTS', {}), 460, /domain_list/);
  const tooMany = Array.from({ length: 101 }, (_, i) => `n${i}.com`);
  expectCode(await c.call('DOMAIN', 'GET_DOMAINS_CONTACTS', { domain_list: tooMany }), 465, /100/);
});
