// Who holds a domain, over real HTTPS: TRADE_DOMAIN with its pending states (answered through the sandbox CLI),
// CHANGE OWNERSHIP between registrant profiles, and the mails of SEND_PASSWORD / SEND_AUTHCODE in the outbox.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import type { XcpClient } from '../src/client/xcpClient.ts';
import { contact, freshName } from './support/fixtures.ts';
import { makeAssoc, type OpsAssoc } from '../src/protocols/ops/index.ts';
import { assoc, closeStores, cookieFor, expectCode, outbox, register, storeOf } from './support/surfaceHelpers.ts';

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

const NEW_OWNER = {
  first_name: 'Nora', last_name: 'Newowner', org_name: 'New Owner Ltd', email: 'nora@newowner.example', phone: '+44.2071234567',
  address1: '1 High Street', city: 'London', state: '', country: 'GB', postal_code: 'EC1A 1AA',
};
const owner = async (domain: string, extra: Record<string, string> = {}) => {
  const r = await c.call('DOMAIN', 'GET', { type: 'owner', ...extra }, { domain });
  expectCode(r, 200);
  return { status: String(r.attributes.status), contact: assoc(assoc(r.attributes.contact_set).owner) };
};
const tradeCli = async (decision: string, domain: string) => JSON.parse(await server.cli('sandbox', 'trade', decision, domain, '--json')) as { status: string };

test('TRADE_DOMAIN: pending_current_registrant, then pending_new_registrant, then the new owner; mails in the outbox', async () => {
  const name = freshName('org');
  await register(c, name);
  const t = await c.call('DOMAIN', 'TRADE_DOMAIN', { domain: name, ...NEW_OWNER });
  expectCode(t, 200);
  assert.equal(t.attributes.status, 'pending_current_registrant');
  assert.match(String(t.attributes.trade_id), /^\d+$/);

  const pending = await owner(name);
  assert.equal(pending.status, 'pending_current_registrant');
  assert.equal(pending.contact.status, 'pending_current_registrant');
  assert.equal(pending.contact.first_name, 'Nora');
  assert.equal(pending.contact.country, 'GB');
  const active = await owner(name, { active_contacts_only: '1' });
  assert.equal(active.status, 'active');
  assert.equal(active.contact.first_name, 'Owner');
  const all = await c.call('DOMAIN', 'GET', { type: 'all_info' }, { domain: name });
  assert.equal(assoc(assoc(all.attributes.contact_set).owner).status, 'pending_current_registrant');
  assert.equal(assoc(assoc(all.attributes.contact_set).admin).status, 'active');
  const bulk = await c.call('DOMAIN', 'GET_DOMAINS_CONTACTS', { domain_list: [name] });
  assert.equal(assoc(bulk.attributes[name]).status, 'pending_current_registrant');
  const bulkActive = await c.call('DOMAIN', 'GET_DOMAINS_CONTACTS', { domain_list: [name], active_contacts_only: '1' });
  assert.equal(assoc(assoc(assoc(bulkActive.attributes[name]).contact_set).owner).first_name, 'Owner');

  const toCurrent = await outbox(server.dataDir, { domain: name, kind: 'trade_request_current' });
  assert.equal(toCurrent.length, 1);
  assert.equal(toCurrent[0].to, 'owner@example.com');
  assert.match(toCurrent[0].body, /Nora Newowner/);

  // While the trade waits: no second trade, no owner change; other contacts may change.
  expectCode(await c.call('DOMAIN', 'TRADE_DOMAIN', { domain: name, ...NEW_OWNER }), 437, /waiting/);
  expectCode(await c.call('DOMAIN', 'MODIFY', makeAssoc({ data: 'contact_info', domain: name, contact_set: makeAssoc({ owner: contact('Sneaky') }) })), 435, /trade/);
  expectCode(await c.call('DOMAIN', 'MODIFY', makeAssoc({ data: 'contact_info', domain: name, contact_set: makeAssoc({ admin: contact('Stilladmin') }) })), 200);

  assert.equal((await tradeCli('accept', name)).status, 'pending_new_registrant');
  assert.equal((await owner(name)).status, 'pending_new_registrant');
  const toNew = await outbox(server.dataDir, { domain: name, kind: 'trade_request_new' });
  assert.equal(toNew[0]?.to, 'nora@newowner.example');

  assert.equal((await tradeCli('accept', name)).status, 'completed');
  const done = await owner(name);
  assert.equal(done.status, 'active');
  assert.equal(done.contact.first_name, 'Nora');
  assert.equal(done.contact.org_name, 'New Owner Ltd');
  const completed = await outbox(server.dataDir, { domain: name, kind: 'trade_completed' });
  assert.deepEqual(completed.map((m) => m.to).sort(), ['nora@newowner.example', 'owner@example.com']);
  await assert.rejects(tradeCli('accept', name), /No trade is pending/);
  const notes = await c.call('DOMAIN', 'GET_NOTES', { type: 'domain', domain: name });
  assert.ok((notes.attributes.notes as OpsAssoc[]).some((n) => /Change of registrant completed/.test(String(n.note))));
});

test('TRADE_DOMAIN declined by either side leaves the owner as it was; bad input stores nothing', async () => {
  const name = freshName();
  await register(c, name);
  expectCode(await c.call('DOMAIN', 'TRADE_DOMAIN', { domain: name, ...NEW_OWNER }), 200);
  assert.equal((await tradeCli('decline', name)).status, 'cancelled_by_current_registrant');
  assert.equal((await owner(name)).contact.first_name, 'Owner');

  expectCode(await c.call('DOMAIN', 'TRADE_DOMAIN', { domain: name, ...NEW_OWNER }), 200);
  await tradeCli('accept', name);
  assert.equal((await tradeCli('decline', name)).status, 'cancelled_by_new_registrant');
  const after = await owner(name);
  assert.equal(after.status, 'active');
  assert.equal(after.contact.first_name, 'Owner');
  assert.equal((await outbox(server.dataDir, { domain: name, kind: 'trade_cancelled' })).length, 4);

  const { first_name: _f, ...noFirst } = NEW_OWNER;
  expectCode(await c.call('DOMAIN', 'TRADE_DOMAIN', { domain: name, ...noFirst }), 460, /Missing required field: first_name/);
  expectCode(await c.call('DOMAIN', 'TRADE_DOMAIN', { domain: name, ...NEW_OWNER, email: 'nope' }), 465, /email/);
  expectCode(await c.call('DOMAIN', 'TRADE_DOMAIN', { ...NEW_OWNER }), 447, /No Domain Supplied/);
  expectCode(await server.xcpClient(bob).call('DOMAIN', 'TRADE_DOMAIN', { domain: name, ...NEW_OWNER }), 465);
  assert.equal((await owner(name)).status, 'active');
  await assert.rejects(server.cli('sandbox', 'trade', 'maybe', name), /accept or decline/);
});

test('CHANGE OWNERSHIP moves a domain to an existing profile (its password) or a new one; cookies of the old profile end', async () => {
  const a = freshName();
  const b = freshName('net');
  await register(c, a, { reg_username: 'fromprofile', reg_password: 'from1234' });
  await register(c, b, { reg_username: 'toprofile', reg_password: 'to123456' });
  const oldCookie = await cookieFor(c, a, 'fromprofile', 'from1234');
  const before = String((await c.call('BALANCE', 'GET_BALANCE')).attributes.balance);

  expectCode(await c.call('OWNERSHIP', 'CHANGE', { username: 'toprofile', password: 'wrongpass' }, { domain: a }), 415);
  expectCode(await c.call('OWNERSHIP', 'CHANGE', { password: 'to123456' }, { domain: a }), 460, /username/);
  const moved = await c.call('OWNERSHIP', 'CHANGE', { username: 'toprofile', password: 'to123456', reg_domain: b }, { domain: a });
  expectCode(moved, 200);
  assert.equal(moved.raw.object, 'OWNERSHIP');
  assert.equal(moved.attributes.new_profile, '0');
  const cookie = await cookieFor(c, a, 'toprofile', 'to123456');
  const list = await c.call('DOMAIN', 'GET', { type: 'list' }, { cookie });
  assert.deepEqual([...(list.attributes.domain_list as string[])].sort(), [a, b].sort());
  expectCode(await c.call('DOMAIN', 'GET', { type: 'owner' }, { cookie: oldCookie }), 415);
  expectCode(await c.call('COOKIE', 'SET', { domain: a, reg_username: 'fromprofile', reg_password: 'from1234' }), 480);
  assert.equal(String((await c.call('BALANCE', 'GET_BALANCE')).attributes.balance), before);

  // DOMAIN CHANGE is the same command; a new username creates the profile.
  const fresh = await c.call('DOMAIN', 'CHANGE', { domain: a, username: 'brandnewprof', password: 'brand123' });
  expectCode(fresh, 200);
  assert.equal(fresh.attributes.new_profile, '1');
  await cookieFor(c, a, 'brandnewprof', 'brand123');
  expectCode(await c.call('DOMAIN', 'CHANGE', { domain: a, username: 'brandnewprof', password: 'brand123' }), 465, /already/);
  // reg_domain must be a domain of the target profile.
  expectCode(await c.call('DOMAIN', 'CHANGE', { domain: a, username: 'toprofile', password: 'to123456', reg_domain: a }), 415);
  expectCode(await server.xcpClient(bob).call('DOMAIN', 'CHANGE', { domain: a, username: 'bobs', password: 'bobs1234' }), 465);

  // move_all takes every domain of the profile along.
  const c1 = freshName();
  const c2 = freshName();
  for (const n of [c1, c2]) await register(c, n, { reg_username: 'moveall', reg_password: 'moveall1' });
  const all = await c.call('DOMAIN', 'CHANGE', { domain: c1, username: 'movedall', password: 'movedall1', move_all: '1' });
  expectCode(all, 200);
  assert.deepEqual([...(all.attributes.domain_list as string[])].sort(), [c1, c2].sort());
  const db = await storeOf(server.dataDir);
  const hist = await db.selectFrom('history').innerJoin('domains', 'domains.id', 'history.domain_id')
    .select(['domains.name', 'history.detail']).where('history.action', '=', 'change_ownership').where('domains.name', 'in', [c1, c2]).execute();
  assert.equal(hist.length, 2);
  for (const h of hist) assert.equal(JSON.parse(h.detail).toUsername, 'movedall');
});

test('SEND_PASSWORD and SEND_AUTHCODE put their mails in the outbox (no real mail)', async () => {
  const name = freshName();
  await register(c, name, { reg_username: 'mailuser', reg_password: 'mailuser1' });
  const sent = await c.call('DOMAIN', 'SEND_PASSWORD', { domain_name: name, send_to: 'admin', sub_user: '0' });
  expectCode(sent, 200, /Message sent/);
  const [pw] = await outbox(server.dataDir, { domain: name, kind: 'send_password' });
  assert.equal(pw.to, 'admin@example.com');
  assert.match(pw.body, /"mailuser"/);
  assert.doesNotMatch(pw.body, /mailuser1/);
  expectCode(await c.call('DOMAIN', 'SEND_PASSWORD', { domain_name: name, send_to: 'owner' }), 200);
  assert.equal((await outbox(server.dataDir, { domain: name, kind: 'send_password' }))[0].to, 'owner@example.com');
  expectCode(await c.call('DOMAIN', 'SEND_PASSWORD', { domain_name: name, send_to: 'billing' }), 465, /send_to/);
  expectCode(await c.call('DOMAIN', 'SEND_PASSWORD', { domain_name: name, sub_user: '1' }), 480, /[Ss]ub-user/);
  expectCode(await c.call('DOMAIN', 'SEND_PASSWORD', {}), 460, /domain_name/);
  expectCode(await server.xcpClient(bob).call('DOMAIN', 'SEND_PASSWORD', { domain_name: name }), 465);

  expectCode(await c.call('DOMAIN', 'SEND_AUTHCODE', { domain_name: name }), 200, /Message sent/);
  const cookie = await cookieFor(c, name, 'mailuser', 'mailuser1');
  const code = String((await c.call('DOMAIN', 'GET', { type: 'domain_auth_info' }, { cookie })).attributes.domain_auth_info);
  const [ac] = await outbox(server.dataDir, { domain: name, kind: 'send_authcode' });
  assert.equal(ac.to, 'admin@example.com');
  assert.ok(ac.body.includes(code));
  const uk = freshName('co.uk');
  await register(c, uk);
  expectCode(await c.call('DOMAIN', 'SEND_AUTHCODE', { domain_name: uk }), 480, /IPS tag/);
  expectCode(await c.call('DOMAIN', 'SEND_AUTHCODE', {}), 460, /domain_name/);
  expectCode(await c.call('DOMAIN', 'SEND_AUTHCODE', { domain_name: freshName() }), 480);
});
