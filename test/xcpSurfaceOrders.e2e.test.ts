// Orders and reseller-wide queries over real HTTPS: PROCESS_PENDING, GET_ORDER_INFO, REVOKE, GET_DELETED_DOMAINS,
// GET_DOMAINS_BY_EXPIREDATE, BELONGS_TO_RSP, GET_NOTES, and the 440 domain quota.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import type { XcpClient } from '../src/client/xcpClient.ts';
import { contact, freshName, registerAttributes } from './support/fixtures.ts';
import { makeAssoc, type OpsAssoc } from '../src/protocols/ops/index.ts';
import { openCore } from '../src/app/openCore.ts';
import { deleteDomain } from '../src/core/commands/deleteDomain.ts';
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

const balance = async (client = c) => String((await client.call('BALANCE', 'GET_BALANCE')).attributes.balance);
const orderInfo = async (id: string, client = c) => client.call('DOMAIN', 'GET_ORDER_INFO', { order_id: id });

test('PROCESS_PENDING registers and charges a saved order; GET_ORDER_INFO follows it; cancel leaves the name free', async () => {
  const name = freshName();
  const saved = await c.call('DOMAIN', 'SW_REGISTER', registerAttributes(name, { handle: 'save', reg_username: 'savedowner', reg_password: 'saved123', auto_renew: '1' }));
  expectCode(saved, 200);
  const id = String(saved.attributes.id);
  const before = await balance();

  const pending = await orderInfo(id);
  expectCode(pending, 200);
  const fh = assoc(pending.attributes.field_hash);
  assert.equal(fh.status, 'pending');
  assert.equal(fh.reg_type, 'new');
  assert.equal(fh.domain, name);
  assert.equal(fh.cost, '10.99');
  assert.equal(fh.f_auto_renew, 'Y');
  assert.equal(fh.completed_date, '');
  assert.match(String(fh.order_date), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  assert.equal(assoc(assoc(fh.contact_set).owner).first_name, 'Owner');
  assert.deepEqual((fh.nameserver_list as OpsAssoc[]).map((n) => n.name), ['ns1.example.net', 'ns2.example.net']);
  // No secrets: no registrant username or password, no auth code.
  const raw = JSON.stringify(pending.attributes);
  assert.doesNotMatch(raw, /savedowner|saved123|scrypt/);

  const processed = await c.call('DOMAIN', 'PROCESS_PENDING', { order_id: id });
  expectCode(processed, 200);
  assert.equal(processed.attributes.new_profile, '1');
  assert.equal(processed.attributes.order_id, id);
  assert.equal(Math.round((Number(before) - Number(await balance())) * 100), 1099);
  expectCode(await c.call('DOMAIN', 'LOOKUP', { domain: name }), 211);
  // The profile was created with the password given at save time.
  await cookieFor(c, name, 'savedowner', 'saved123');
  const done = assoc((await orderInfo(id)).attributes.field_hash);
  assert.equal(done.status, 'completed');
  assert.match(String(done.completed_date), /^\d{4}-/);
  assert.equal(done.domain_id, String(processed.attributes.domain_id));
  expectCode(await c.call('DOMAIN', 'PROCESS_PENDING', { order_id: id }), 465, /completed/);

  // A second order saved for the same new profile joins it.
  const second = freshName('net');
  const s2 = await c.call('DOMAIN', 'SW_REGISTER', registerAttributes(second, { handle: 'save', reg_username: 'savedowner2', reg_password: 'saved456' }));
  const s3name = freshName('org');
  const s3 = await c.call('DOMAIN', 'SW_REGISTER', registerAttributes(s3name, { handle: 'save', reg_username: 'savedowner2', reg_password: 'saved456' }));
  expectCode(await c.call('DOMAIN', 'PROCESS_PENDING', { order_id: String(s2.attributes.id) }), 200);
  const p3 = await c.call('DOMAIN', 'PROCESS_PENDING', { order_id: String(s3.attributes.id) });
  expectCode(p3, 200);
  assert.equal(p3.attributes.new_profile, '0');
  const cookie = await cookieFor(c, s3name, 'savedowner2', 'saved456');
  assert.equal((await c.call('DOMAIN', 'GET', { type: 'list' }, { cookie })).attributes.count, '2');

  const cancelName = freshName();
  const toCancel = await c.call('DOMAIN', 'SW_REGISTER', registerAttributes(cancelName, { handle: 'save' }));
  const cid = String(toCancel.attributes.id);
  const cancelled = await c.call('DOMAIN', 'PROCESS_PENDING', { order_id: cid, command: 'cancel' });
  expectCode(cancelled, 200, /cancelled/);
  assert.equal(assoc((await orderInfo(cid)).attributes.field_hash).status, 'cancelled');
  expectCode(await c.call('DOMAIN', 'PROCESS_PENDING', { order_id: cid }), 465, /cancelled/);
  expectCode(await c.call('DOMAIN', 'LOOKUP', { domain: cancelName }), 210);

  expectCode(await c.call('DOMAIN', 'PROCESS_PENDING', {}), 460, /order_id/);
  expectCode(await c.call('DOMAIN', 'PROCESS_PENDING', { order_id: 'abc' }), 465);
  expectCode(await c.call('DOMAIN', 'PROCESS_PENDING', { order_id: id, command: 'frob' }), 465);
  expectCode(await c.call('DOMAIN', 'PROCESS_PENDING', { order_id: '999999' }), 480);
  expectCode(await orderInfo(id, server.xcpClient(bob)), 480);
  expectCode(await c.call('DOMAIN', 'GET_ORDER_INFO', {}), 460);
});

test('PROCESS_PENDING of a name taken meanwhile is refused and the order stays pending, uncharged', async () => {
  const name = freshName();
  const saved = await c.call('DOMAIN', 'SW_REGISTER', registerAttributes(name, { handle: 'save' }));
  await register(server.xcpClient(bob), name);
  const before = await balance();
  expectCode(await c.call('DOMAIN', 'PROCESS_PENDING', { order_id: String(saved.attributes.id) }), 485);
  assert.equal(await balance(), before);
  assert.equal(assoc((await orderInfo(String(saved.attributes.id))).attributes.field_hash).status, 'pending');
});

test('BELONGS_TO_RSP: 1 with the expiry date for the caller\'s domain, 0 otherwise', async () => {
  const mine = freshName();
  await register(c, mine);
  const theirs = freshName();
  await register(server.xcpClient(bob), theirs);
  const yes = await c.call('DOMAIN', 'BELONGS_TO_RSP', { domain: mine });
  expectCode(yes, 200);
  assert.equal(yes.attributes.belongs_to_rsp, '1');
  assert.match(String(yes.attributes.domain_expdate), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  const no = await c.call('DOMAIN', 'BELONGS_TO_RSP', { domain: theirs });
  assert.equal(no.attributes.belongs_to_rsp, '0');
  assert.equal(no.attributes.domain_expdate, undefined);
  const unknown = await c.call('DOMAIN', 'BELONGS_TO_RSP', { domain: freshName() });
  expectCode(unknown, 200, /Unknown Domain/);
  assert.equal(unknown.attributes.belongs_to_rsp, '0');
  expectCode(await c.call('DOMAIN', 'BELONGS_TO_RSP', {}), 460, /domain/);
  expectCode(await c.call('DOMAIN', 'BELONGS_TO_RSP', { domain: 'bad..name' }), 465);
});

test('GET_DOMAINS_BY_EXPIREDATE: the reseller\'s domains in a date range, a page at a time', async () => {
  const r = await server.createReseller('expiry', '500');
  const ec = server.xcpClient(r);
  const names = [freshName(), freshName(), freshName(), freshName('net')];
  await register(ec, names[0], { period: '1' });
  await register(ec, names[1], { period: '1' });
  await register(ec, names[2], { period: '3' });
  await register(ec, names[3], { period: '1', auto_renew: '1' });
  const y = new Date().getUTCFullYear();
  const nextYear = await ec.call('DOMAIN', 'GET_DOMAINS_BY_EXPIREDATE', { exp_from: `${y + 1}-01-01`, exp_to: `${y + 1}-12-31`, limit: '2' });
  expectCode(nextYear, 200);
  assert.equal(nextYear.attributes.total, '3');
  assert.equal(nextYear.attributes.remainder, '1');
  assert.equal(nextYear.attributes.page, '0');
  const first = nextYear.attributes.exp_domains as OpsAssoc[];
  assert.equal(first.length, 2);
  const page1 = await ec.call('DOMAIN', 'GET_DOMAINS_BY_EXPIREDATE', { exp_from: `${y + 1}-01-01`, exp_to: `${y + 1}-12-31`, limit: '2', page: '1' });
  assert.equal(page1.attributes.remainder, '0');
  const all = [...first, ...(page1.attributes.exp_domains as OpsAssoc[])];
  assert.deepEqual(all.map((d) => d.name).sort(), [names[0], names[1], names[3]].sort());
  const auto = all.find((d) => d.name === names[3])!;
  assert.equal(auto.f_auto_renew, 'Y');
  assert.equal(auto.f_let_expire, 'N');
  assert.match(String(auto.expiredate), new RegExp(`^${y + 1}-`));
  const later = await ec.call('DOMAIN', 'GET_DOMAINS_BY_EXPIREDATE', { exp_from: `${y + 3}-01-01`, exp_to: `${y + 3}-12-31` });
  assert.deepEqual((later.attributes.exp_domains as OpsAssoc[]).map((d) => d.name), [names[2]]);
  const reversed = await ec.call('DOMAIN', 'GET_DOMAINS_BY_EXPIREDATE', { exp_from: `${y + 3}-01-01`, exp_to: `${y}-01-01` });
  assert.equal(reversed.attributes.total, '0');
  expectCode(await ec.call('DOMAIN', 'GET_DOMAINS_BY_EXPIREDATE', { exp_from: `${y}-01-01` }), 460, /exp_to/);
  expectCode(await ec.call('DOMAIN', 'GET_DOMAINS_BY_EXPIREDATE', { exp_from: `${y}-02-30`, exp_to: `${y + 1}-01-01` }), 465, /YYYY-MM-DD/);
  expectCode(await ec.call('DOMAIN', 'GET_DOMAINS_BY_EXPIREDATE', { exp_from: `${y}-01-01`, exp_to: `${y + 1}-01-01`, limit: '0' }), 465);
});

test('GET_NOTES: history of a domain and of an order, newest first, with the reseller\'s own notes', async () => {
  const name = freshName();
  const reg = await register(c, name, { period: '1' });
  expectCode(await c.call('DOMAIN', 'MODIFY', makeAssoc({ data: 'contact_info', domain: name, contact_set: makeAssoc({ tech: contact('Newtech') }) })), 200);
  const year = new Date().getUTCFullYear() + 1;
  expectCode(await c.call('DOMAIN', 'RENEW', { domain: name, period: '1', currentexpirationyear: String(year) }), 200);
  const notes = await c.call('DOMAIN', 'GET_NOTES', { type: 'domain', domain: name });
  expectCode(notes, 200);
  const texts = (notes.attributes.notes as OpsAssoc[]).map((n) => String(n.note));
  assert.equal(notes.attributes.total, '3');
  assert.match(texts[0], /renewed for 1 year/);
  assert.match(texts[1], /Contacts changed: tech/);
  assert.match(texts[2], /Domain registered for 1 year\(s\) \(order \d+\), charged 10\.99/);
  for (const n of notes.attributes.notes as OpsAssoc[]) assert.match(String(n.timestamp), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  const paged = await c.call('DOMAIN', 'GET_NOTES', { type: 'domain', domain: name, limit: '1', page: '1' });
  assert.equal((paged.attributes.notes as OpsAssoc[]).length, 1);
  assert.equal(paged.attributes.remainder, '1');

  const order = await c.call('DOMAIN', 'GET_NOTES', { type: 'order', domain: name, order_id: String(reg.attributes.id) });
  expectCode(order, 200);
  assert.deepEqual((order.attributes.notes as OpsAssoc[]).map((n) => String(n.note).slice(0, 17)), ['Domain registered']);
  expectCode(await c.call('DOMAIN', 'GET_NOTES', { type: 'order', domain: name }), 460, /order_id/);
  expectCode(await c.call('DOMAIN', 'GET_NOTES', { type: 'order', domain: freshName(), order_id: String(reg.attributes.id) }), 480);
  expectCode(await c.call('DOMAIN', 'GET_NOTES', { domain: name }), 460, /type/);
  expectCode(await c.call('DOMAIN', 'GET_NOTES', { type: 'diary', domain: name }), 465);
  expectCode(await c.call('DOMAIN', 'GET_NOTES', { type: 'domain', domain: freshName() }), 480);
  expectCode(await server.xcpClient(bob).call('DOMAIN', 'GET_NOTES', { type: 'domain', domain: name }), 480);
});

test('440: a reseller over its domain quota is refused and not charged; unlimited again lifts it', async () => {
  const q = await server.createReseller('quotauser', '200');
  const qc = server.xcpClient(q);
  const set = JSON.parse(await server.cli('reseller', 'quota', 'quotauser', '--domains', '1', '--json'));
  assert.deepEqual(set, { username: 'quotauser', maxDomains: 1, maxNameservers: null });
  await register(qc, freshName());
  const before = await balance(qc);
  const over = await qc.call('DOMAIN', 'SW_REGISTER', registerAttributes(freshName()));
  expectCode(over, 440, /^Registration Failed: over quota/);
  assert.equal(await balance(qc), before);
  // A saved order is refused the same way when processed, and stays pending.
  const saved = await qc.call('DOMAIN', 'SW_REGISTER', registerAttributes(freshName(), { handle: 'save' }));
  expectCode(await qc.call('DOMAIN', 'PROCESS_PENDING', { order_id: String(saved.attributes.id) }), 440);
  assert.equal(assoc((await orderInfo(String(saved.attributes.id), qc)).attributes.field_hash).status, 'pending');
  assert.equal(await balance(qc), before);
  await server.cli('reseller', 'quota', 'quotauser', '--domains', 'unlimited');
  await register(qc, freshName());
  await assert.rejects(server.cli('reseller', 'quota', 'quotauser', '--domains', '-3'), /whole number/);
  await assert.rejects(server.cli('reseller', 'quota', 'nosuchreseller', '--domains', '3'), /not found/);
});

// Moves this server's clock: keep it last.
test('REVOKE refunds a fresh registration and deletes it; GET_DELETED_DOMAINS lists it; past the grace period it is refused', async () => {
  const name = freshName();
  const before = await balance();
  await register(c, name, { period: '2' });
  assert.equal(Math.round((Number(before) - Number(await balance())) * 100), 2 * 1099);
  const revoked = await c.call('DOMAIN', 'REVOKE', { domain: name, notes: 'registered by mistake' });
  expectCode(revoked, 200);
  assert.equal(revoked.attributes.total_refund, '21.98');
  assert.equal(revoked.attributes.charge, '0');
  assert.match(String(revoked.attributes.deletion_id), /^DEL-\d+$/);
  assert.equal(await balance(), before);
  expectCode(await c.call('DOMAIN', 'LOOKUP', { domain: name }), 210);
  expectCode(await c.call('DOMAIN', 'REVOKE', { domain: name }), 480);

  const deleted = await c.call('DOMAIN', 'GET_DELETED_DOMAINS', { domain: name });
  expectCode(deleted, 200);
  assert.equal(deleted.attributes.total, '1');
  const d = assoc((deleted.attributes.del_domains as OpsAssoc[])[0]);
  assert.equal(d.name, name);
  assert.equal(d.reason, 'revoked');
  assert.equal(d.status, 'deleted');
  assert.match(String(d.delete_date), /^\d{4}-/);
  const today = new Date().toISOString().slice(0, 10);
  const byEmail = await c.call('DOMAIN', 'GET_DELETED_DOMAINS', { owner_email: 'owner@*', del_from: today });
  assert.ok((byEmail.attributes.del_domains as OpsAssoc[]).some((x) => x.name === name));
  const noMatch = await c.call('DOMAIN', 'GET_DELETED_DOMAINS', { owner_email: 'nobody@*' });
  assert.equal(noMatch.attributes.total, '0');
  expectCode(await c.call('DOMAIN', 'GET_DELETED_DOMAINS', { del_from: 'yesterday' }), 465);
  assert.equal((await server.xcpClient(bob).call('DOMAIN', 'GET_DELETED_DOMAINS', { domain: name })).attributes.total, '0');

  const notes = await c.call('DOMAIN', 'GET_NOTES', { type: 'domain', domain: name });
  const texts = (notes.attributes.notes as OpsAssoc[]).map((n) => String(n.note));
  assert.ok(texts.includes('registered by mistake'));
  assert.ok(texts.some((t) => /Domain revoked; refunded 21\.98/.test(t)));
  const db = await storeOf(server.dataDir);
  const ledger = await db.selectFrom('ledger_entries').select(['amount_minor', 'description']).where('description', 'like', `refund: delete ${name}%`).execute();
  assert.deepEqual(ledger.map((l) => Number(l.amount_minor)), [2198]);
  const orders = await db.selectFrom('orders').select(['kind', 'status']).where('domain_name', '=', name).orderBy('id').execute();
  // The registration is cancelled (refunded); the delete itself is an order carried through the registry.
  assert.deepEqual(orders.map((o) => [o.kind, o.status]), [['register', 'cancelled'], ['delete', 'completed']]);

  expectCode(await c.call('DOMAIN', 'REVOKE', {}), 460, /domain/);
  const theirs = freshName();
  await register(server.xcpClient(bob), theirs);
  expectCode(await c.call('DOMAIN', 'REVOKE', { domain: theirs }), 465, /does not belong/);

  const old = freshName();
  await register(c, old);
  await server.cli('sandbox', 'clock', 'advance', '6d');
  expectCode(await c.call('DOMAIN', 'REVOKE', { domain: old }), 435, /add grace period/);
  expectCode(await c.call('DOMAIN', 'GET', { type: 'owner' }, { domain: old }), 200);

  // Deleted later (here through the core, as EPP <delete> does), it is pending deletion: listed, no longer returned.
  const core = await openCore({ dataDir: server.dataDir, databaseUrl: process.env.REGD_DATABASE_URL, mode: 'sandbox' });
  try {
    const aliceId = (await db.selectFrom('resellers').select('id').where('username', '=', 'alice').executeTakeFirstOrThrow()).id;
    assert.equal((await deleteDomain(core, { resellerId: Number(aliceId), name: old })).outcome, 'redemption');
  } finally {
    await core.db.destroy();
  }
  expectCode(await c.call('DOMAIN', 'GET', { type: 'owner' }, { domain: old }), 480);
  const pendingDelete = await c.call('DOMAIN', 'GET_DELETED_DOMAINS', { domain: old });
  const entry = assoc((pendingDelete.attributes.del_domains as OpsAssoc[])[0]);
  assert.equal(entry.status, 'redemptionPeriod');
  assert.equal(entry.reason, 'deleted');
});
