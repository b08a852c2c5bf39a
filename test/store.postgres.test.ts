// The PostgreSQL store path, on a real server (REGD_TEST_DATABASE_URL), through the same openCore the CLI and the
// server use. Each run works in its own fresh schema, dropped at the end. PostgreSQL being unreachable fails the
// tests (CI starts it); it never skips them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore } from '../src/app/openCore.ts';
import type { Core } from '../src/core/core.ts';
import { CoreError, type CoreErrorKind } from '../src/core/errors.ts';
import { createReseller, addResellerFunds, findResellerById } from '../src/core/commands/resellers.ts';
import { registerDomain, type RegisterDomainInput, type RegisterDomainResult } from '../src/core/commands/registerDomain.ts';
import { renewDomain } from '../src/core/commands/renewDomain.ts';
import { findLiveDomain } from '../src/core/commands/findDomain.ts';
import { priceFor } from '../src/core/commands/prices.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { createTestSchema, type TestSchema } from './support/postgresTestDb.ts';

const APP_TABLES = ['contacts', 'cookies', 'domain_contacts', 'domain_nameservers', 'domains', 'history', 'ledger_entries',
  'orders', 'prices', 'profiles', 'resellers', 'settings'];
const KYSELY_TABLES = ['kysely_migration', 'kysely_migration_lock'];

let ts: TestSchema;
let dataDir: string;
let core: Core;
const extraCores: Core[] = [];

before(async () => {
  ts = await createTestSchema();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-pg-'));
  core = await openCore({ dataDir, databaseUrl: ts.url, mode: 'sandbox' });
});

after(async () => {
  for (const c of extraCores) await c.db.destroy().catch(() => {});
  await core?.db.destroy().catch(() => {});
  await ts?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function tablesIn(schema: string): Promise<string[]> {
  const r = await ts.admin.query<{ table_name: string }>(
    'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name', [schema]);
  return r.rows.map((row) => row.table_name);
}

function contact(first: string): Record<string, string> {
  return {
    first_name: first, last_name: 'Tester', org_name: 'Example Inc.', address1: '32 Oak Street', address2: '', address3: '',
    city: 'Toronto', state: 'ON', country: 'CA', postal_code: 'M1M1M1', phone: '+1.4165551212', fax: '',
    email: `${first.toLowerCase()}@example.com`, lang: 'EN',
  };
}

function registration(resellerId: number, domain: string, extra: Partial<RegisterDomainInput> = {}): RegisterDomainInput {
  return {
    resellerId, domain, period: 1,
    contactSet: { owner: contact('Owner'), admin: contact('Admin'), billing: contact('Billing'), tech: contact('Tech') },
    nameservers: [{ name: 'ns1.example.net', sortOrder: 1 }, { name: 'ns2.example.net', sortOrder: 2 }],
    regUsername: 'registrant1', regPassword: 'secret123',
    autoRenew: false, lock: false, whoisPrivacy: false, handle: 'process',
    ...extra,
  };
}

let nameCounter = 0;
function freshName(tld = 'com'): string {
  nameCounter += 1;
  return `regd-pg-${process.pid}-${Date.now().toString(36)}-${nameCounter}.${tld}`;
}

let resellerCounter = 0;
async function newReseller(fundsMinor: number): Promise<number> {
  resellerCounter += 1;
  const { reseller } = await createReseller(core, { username: `pg${resellerCounter}-${process.pid % 100000}`, fundsMinor });
  return reseller.id;
}

async function balanceOf(resellerId: number): Promise<number> {
  const r = await findResellerById(core, resellerId);
  assert.ok(r, `reseller ${resellerId} exists`);
  return r.balanceMinor;
}

function kindOf(reason: unknown): CoreErrorKind | string {
  if (reason instanceof CoreError) return reason.kind;
  return `not a CoreError: ${reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)}`;
}

async function registerPrice(): Promise<number> {
  return (await priceFor(core, 'com', 'register', 1)).amountMinor;
}

async function appliedMigrations(schema: string): Promise<Array<{ name: string; timestamp: string }>> {
  const r = await ts.admin.query<{ name: string; timestamp: string }>(`SELECT name, timestamp FROM "${schema}".kysely_migration ORDER BY name`);
  return r.rows;
}

/** A bare Kysely on a connection string: migrateToLatest without anything openCore does around it. */
function bareKysely(url: string): Kysely<any> {
  return new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
}

test('migrations apply on an empty schema, into that schema, and applying again is a no-op', async () => {
  // Applied by openCore in before(): every table the core uses, plus Kysely's bookkeeping, in this schema.
  const tables = await tablesIn(ts.schema);
  for (const t of [...APP_TABLES, ...KYSELY_TABLES]) assert.ok(tables.includes(t), `table ${t} exists in ${ts.schema}`);
  const cs = await sql<{ schema: string }>`select current_schema() as schema`.execute(core.db);
  assert.equal(cs.rows[0].schema, ts.schema, 'the store connects with search_path set to the test schema');
  const applied = await appliedMigrations(ts.schema);
  assert.ok(applied.length >= 1);
  assert.equal(applied[0].name, '001_initial');

  // Again on the open store, and once more through a second openCore on the same schema.
  assert.deepEqual(await migrateToLatest(core.db), []);
  const again = await openCore({ dataDir, databaseUrl: ts.url, mode: 'sandbox' });
  extraCores.push(again);
  assert.deepEqual(await migrateToLatest(again.db), []);
  assert.deepEqual(await appliedMigrations(ts.schema), applied, 'the migration record is untouched');
  assert.deepEqual(await tablesIn(ts.schema), tables, 'no table added or removed');
  // Re-seeding the price list on the second open added no rows.
  const prices = await ts.admin.query<{ n: string }>(`SELECT count(*) AS n FROM "${ts.schema}".prices`);
  const seeded = core.registry.policies().reduce((n, p) => n + 2 * p.periods.length + 1, 0);
  assert.equal(Number(prices.rows[0].n), seeded);
});

test('a second fresh schema in the same database migrates from empty (migration tables are looked up per schema)', async () => {
  // The first schema already holds kysely_migration; the migrator must not mistake it for this schema's.
  const other = await createTestSchema('regd_test_other');
  const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-pg-other-'));
  const bare = bareKysely(other.url);
  let c2: Core | undefined;
  try {
    assert.deepEqual(await tablesIn(other.schema), []);
    const names = await migrateToLatest(bare);
    assert.deepEqual(names, (await appliedMigrations(ts.schema)).map((m) => m.name), 'every migration applied, in order');
    assert.deepEqual(await tablesIn(other.schema), await tablesIn(ts.schema), 'the same tables as the first schema');
    assert.deepEqual(await migrateToLatest(bare), []);
    c2 = await openCore({ dataDir: otherDir, databaseUrl: other.url, mode: 'sandbox' });
    // The two stores are independent.
    const { reseller } = await createReseller(c2, { username: 'other-one', fundsMinor: 5 });
    assert.equal(reseller.balanceMinor, 5);
    const inFirst = await core.db.selectFrom('resellers').select('id').where('username', '=', 'other-one').execute();
    assert.equal(inFirst.length, 0);
  } finally {
    await bare.destroy();
    await c2?.db.destroy();
    await other.drop();
    fs.rmSync(otherDir, { recursive: true, force: true });
  }
});

test('createReseller + registerDomain end to end: domain, contacts, nameservers, order, ledger, history', async () => {
  const price = await registerPrice();
  const funds = 100_000;
  const { reseller } = await createReseller(core, { username: 'pg-e2e', fundsMinor: funds });
  assert.equal(typeof reseller.id, 'number');
  assert.equal(typeof reseller.balanceMinor, 'number');
  assert.equal(reseller.balanceMinor, funds);

  const name = freshName();
  const res: RegisterDomainResult = await registerDomain(core, registration(reseller.id, name));
  assert.equal(res.status, 'completed');
  assert.equal(res.name, name);
  assert.equal(res.amountMinor, price);
  assert.equal(res.profileCreated, true);
  assert.equal(typeof res.orderId, 'number');
  assert.equal(typeof res.domainId, 'number');

  const domain = await findLiveDomain(core, name);
  assert.ok(domain);
  assert.equal(domain.id, res.domainId);
  assert.equal(typeof domain.id, 'number');
  assert.equal(domain.tld, 'com');
  assert.equal(domain.reseller_id, reseller.id);
  assert.equal(domain.deleted_at, null);
  assert.equal(domain.locked, 0);
  assert.equal(domain.auto_renew, 0);
  assert.equal(domain.whois_privacy, 'disabled');
  assert.match(domain.roid, /-REGD$/);
  assert.equal(domain.expires_at, res.expiresAt!.toISOString());
  assert.equal(new Date(domain.expires_at).getUTCFullYear(), new Date(domain.created_at).getUTCFullYear() + 1);

  const contacts = await core.db.selectFrom('domain_contacts')
    .innerJoin('contacts', 'contacts.id', 'domain_contacts.contact_id')
    .select(['domain_contacts.role', 'contacts.first_name', 'contacts.phone', 'contacts.country', 'contacts.reseller_id'])
    .where('domain_contacts.domain_id', '=', domain.id).orderBy('domain_contacts.role').execute();
  assert.deepEqual(contacts.map((c) => [c.role, c.first_name]),
    [['admin', 'Admin'], ['billing', 'Billing'], ['owner', 'Owner'], ['tech', 'Tech']]);
  for (const c of contacts) {
    assert.equal(c.phone, '+1.4165551212');
    assert.equal(c.country, 'CA');
    assert.equal(c.reseller_id, reseller.id);
  }

  const ns = await core.db.selectFrom('domain_nameservers').select(['name', 'sort_order'])
    .where('domain_id', '=', domain.id).orderBy('sort_order').execute();
  assert.deepEqual(ns, [{ name: 'ns1.example.net', sort_order: 1 }, { name: 'ns2.example.net', sort_order: 2 }]);

  const orders = await core.db.selectFrom('orders').selectAll().where('domain_name', '=', name).execute();
  assert.equal(orders.length, 1);
  assert.equal(orders[0].id, res.orderId);
  assert.equal(orders[0].domain_id, domain.id);
  assert.equal(orders[0].profile_id, domain.profile_id);
  assert.equal(orders[0].kind, 'register');
  assert.equal(orders[0].status, 'completed');
  assert.equal(orders[0].period, 1);
  assert.equal(orders[0].amount_minor, price);
  assert.equal(typeof orders[0].amount_minor, 'number');

  const ledger = await core.db.selectFrom('ledger_entries').selectAll().where('reseller_id', '=', reseller.id).orderBy('id').execute();
  assert.deepEqual(ledger.map((e) => [e.amount_minor, e.balance_after, e.order_id]),
    [[funds, funds, null], [-price, funds - price, res.orderId]]);
  for (const e of ledger) {
    assert.equal(typeof e.amount_minor, 'number');
    assert.equal(typeof e.balance_after, 'number');
    assert.equal(e.currency, reseller.currency);
  }
  assert.equal(await balanceOf(reseller.id), funds - price);

  const history = await core.db.selectFrom('history').select(['object_type', 'action', 'domain_id', 'detail'])
    .where('reseller_id', '=', reseller.id).orderBy('id').execute();
  assert.deepEqual(history.map((h) => `${h.object_type}:${h.action}`), ['reseller:create', 'profile:create', 'domain:register']);
  const reg = history[2];
  assert.equal(reg.domain_id, domain.id);
  assert.deepEqual(JSON.parse(reg.detail), { name, period: 1, orderId: res.orderId, amountMinor: price });

  // int8 columns come back as numbers, including values past 32 bits.
  const big = 5_000_000_000;
  const balance = await addResellerFunds(core, 'pg-e2e', big);
  assert.equal(typeof balance, 'number');
  assert.equal(balance, funds - price + big);
  assert.equal(await balanceOf(reseller.id), funds - price + big);
  const count = await core.db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll().as('n'))
    .where('reseller_id', '=', reseller.id).executeTakeFirstOrThrow();
  assert.equal(count.n, 3);
});

test('sixteen concurrent registrations of one name: exactly one wins, the rest are domain_taken, one debit', async () => {
  const price = await registerPrice();
  const resellerId = await newReseller(100 * price);
  // The registrant profile exists already, so the race is over the name alone.
  await registerDomain(core, registration(resellerId, freshName()));
  const before = await balanceOf(resellerId);
  const debitsBefore = await core.db.selectFrom('ledger_entries').select('id').where('reseller_id', '=', resellerId).execute();

  const name = freshName();
  const settled = await Promise.allSettled(Array.from({ length: 16 }, () => registerDomain(core, registration(resellerId, name))));
  const won = settled.filter((s) => s.status === 'fulfilled');
  const lost = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
  assert.equal(won.length, 1, `exactly one registration succeeds; failures: ${lost.map((l) => kindOf(l.reason)).join(', ')}`);
  assert.deepEqual(lost.map((l) => kindOf(l.reason)), Array(15).fill('domain_taken'));

  assert.equal(await balanceOf(resellerId), before - price, 'balance reduced exactly once');
  const domains = await core.db.selectFrom('domains').select('id').where('name', '=', name).execute();
  assert.equal(domains.length, 1);
  const orders = await core.db.selectFrom('orders').select(['id', 'domain_id']).where('domain_name', '=', name).execute();
  assert.equal(orders.length, 1);
  assert.equal(orders[0].domain_id, domains[0].id);
  const debits = await core.db.selectFrom('ledger_entries').select(['amount_minor', 'balance_after', 'order_id'])
    .where('reseller_id', '=', resellerId).where('id', 'not in', debitsBefore.map((d) => d.id)).execute();
  assert.deepEqual(debits, [{ amount_minor: -price, balance_after: before - price, order_id: orders[0].id }]);
  const history = await core.db.selectFrom('history').select('id').where('domain_id', '=', domains[0].id).execute();
  assert.equal(history.length, 1);
});

test('concurrent debits never take the balance below zero: funds for 3 of 10 concurrent registrations', async () => {
  const price = await registerPrice();
  const resellerId = await newReseller(4 * price);
  // Set up the registrant profile first (it costs one registration), leaving funds for exactly three.
  const setup = await registerDomain(core, registration(resellerId, freshName()));
  assert.equal(await balanceOf(resellerId), 3 * price);

  const names = Array.from({ length: 10 }, () => freshName());
  const samples: number[] = [];
  let racing = true;
  const sampler = (async () => {
    while (racing) {
      samples.push(await balanceOf(resellerId));
      await new Promise((r) => setTimeout(r, 1));
    }
  })();
  let settled: PromiseSettledResult<RegisterDomainResult>[];
  try {
    settled = await Promise.allSettled(names.map((n) => registerDomain(core, registration(resellerId, n))));
  } finally {
    racing = false;
    await sampler;
  }

  const won = names.filter((_, i) => settled[i].status === 'fulfilled');
  const lostKinds = settled.flatMap((s) => (s.status === 'rejected' ? [kindOf(s.reason)] : []));
  assert.equal(won.length, 3, `exactly three succeed; failures: ${lostKinds.join(', ')}`);
  assert.deepEqual(lostKinds, Array(7).fill('insufficient_funds'));

  assert.equal(await balanceOf(resellerId), 0);
  assert.ok(samples.length > 0);
  assert.ok(samples.every((b) => b >= 0 && b <= 3 * price), `balance samples stay within [0, 3 * price]: ${samples.join(',')}`);

  const ledger = await core.db.selectFrom('ledger_entries').select(['amount_minor', 'balance_after', 'order_id'])
    .where('reseller_id', '=', resellerId).orderBy('id').execute();
  assert.ok(ledger.every((e) => e.balance_after >= 0), 'no ledger entry records a negative balance');
  const raceDebits = ledger.filter((e) => e.amount_minor < 0 && e.order_id !== setup.orderId);
  assert.equal(raceDebits.length, 3);
  assert.deepEqual(raceDebits.map((e) => e.balance_after).sort((a, b) => b - a), [2 * price, price, 0]);

  // Nothing partial: the winners have their rows, the losers have none at all.
  const domains = await core.db.selectFrom('domains').select('name').where('name', 'in', names).execute();
  assert.deepEqual(domains.map((d) => d.name).sort(), [...won].sort());
  const orders = await core.db.selectFrom('orders').select(['domain_name', 'domain_id']).where('domain_name', 'in', names).execute();
  assert.deepEqual(orders.map((o) => o.domain_name).sort(), [...won].sort());
  assert.ok(orders.every((o) => o.domain_id !== null));
  const lost = names.filter((n) => !won.includes(n));
  const lostHistory = await core.db.selectFrom('history').select('detail').where('reseller_id', '=', resellerId)
    .where('action', '=', 'register').execute();
  assert.ok(lostHistory.every((h) => !lost.includes((JSON.parse(h.detail) as { name: string }).name)));
  assert.equal(lostHistory.length, 4);
  const orphanContacts = await core.db.selectFrom('contacts').select('id').where('reseller_id', '=', resellerId)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('domain_contacts').select('domain_id')
      .whereRef('domain_contacts.contact_id', '=', 'contacts.id')))).execute();
  assert.equal(orphanContacts.length, 0, 'no contact rows left behind by failed registrations');
});

test('renewDomain: a wrong year is expiry_year_mismatch; renewing again with the old year is already_renewed', async () => {
  const resellerId = await newReseller(100_000);
  const name = freshName();
  await registerDomain(core, registration(resellerId, name));
  const d = await findLiveDomain(core, name);
  assert.ok(d);
  const year = new Date(d.expires_at).getUTCFullYear();
  const renewPrice = (await priceFor(core, 'com', 'renew', 1)).amountMinor;
  const before = await balanceOf(resellerId);

  await assert.rejects(renewDomain(core, { resellerId, domain: d, period: 1, currentExpirationYear: year + 1 }),
    (err: unknown) => kindOf(err) === 'expiry_year_mismatch');
  await assert.rejects(renewDomain(core, { resellerId, domain: d, period: 1, currentExpirationYear: year - 1 }),
    (err: unknown) => kindOf(err) === 'expiry_year_mismatch');
  assert.equal(await balanceOf(resellerId), before, 'a refused renewal charges nothing');

  const r = await renewDomain(core, { resellerId, domain: d, period: 1, currentExpirationYear: year });
  assert.equal(r.amountMinor, renewPrice);
  assert.equal(r.expiresAt.getUTCFullYear(), year + 1);
  const renewed = await findLiveDomain(core, name);
  assert.ok(renewed);
  assert.equal(renewed.expires_at, r.expiresAt.toISOString());
  assert.equal(await balanceOf(resellerId), before - renewPrice);

  // The same request again, with the domain as it is now (year no longer matches: answered from history) ...
  await assert.rejects(renewDomain(core, { resellerId, domain: renewed, period: 1, currentExpirationYear: year }),
    (err: unknown) => kindOf(err) === 'already_renewed');
  // ... and with the row read before the first renewal (caught by the re-read inside the transaction).
  await assert.rejects(renewDomain(core, { resellerId, domain: d, period: 1, currentExpirationYear: year }),
    (err: unknown) => kindOf(err) === 'already_renewed');

  assert.equal(await balanceOf(resellerId), before - renewPrice, 'charged for one renewal only');
  const orders = await core.db.selectFrom('orders').select('kind').where('domain_name', '=', name).orderBy('id').execute();
  assert.deepEqual(orders.map((o) => o.kind), ['register', 'renew']);
  const history = await core.db.selectFrom('history').select('action').where('domain_id', '=', d.id).orderBy('id').execute();
  assert.deepEqual(history.map((h) => h.action), ['register', 'renew']);
});

test('an idle pooled connection dropped by the server does not crash the process; the next query reconnects', async () => {
  const appName = `${ts.schema}_drop`;
  const u = new URL(ts.url);
  u.searchParams.set('application_name', appName);
  const c2 = await openCore({ dataDir, databaseUrl: u.toString(), mode: 'sandbox' });
  const logged: unknown[][] = [];
  const realError = console.error;
  console.error = (...args: unknown[]) => { logged.push(args); };
  try {
    await c2.db.selectFrom('settings').selectAll().execute();
    const t = await ts.admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [appName]);
    assert.ok((t.rowCount ?? 0) >= 1, 'the store had an idle connection to drop');
    for (let i = 0; i < 100 && logged.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(logged.some((args) => String(args[0]).includes('PostgreSQL connection lost')), 'the drop is reported');
    const rows = await c2.db.selectFrom('prices').select('tld').where('tld', '=', 'com').execute();
    assert.ok(rows.length > 0);
  } finally {
    console.error = realError;
    await c2.db.destroy();
  }
});

// Races that only PostgreSQL's concurrency exposes (SQLite serialises transactions).
test('concurrent first registrations under one new registrant profile all succeed', async () => {
  const price = await registerPrice();
  const resellerId = await newReseller(10 * price);
  const names = Array.from({ length: 5 }, () => freshName());
  const settled = await Promise.allSettled(names.map((n) => registerDomain(core, registration(resellerId, n, { regUsername: 'brandnew1' }))));
  assert.deepEqual(settled.map((s) => (s.status === 'fulfilled' ? 'ok' : kindOf(s.reason))), Array(5).fill('ok'));
});

test('concurrent renewals with the same year: exactly one applies and charges, the rest are already_renewed', async () => {
  const resellerId = await newReseller(100_000);
  const name = freshName();
  await registerDomain(core, registration(resellerId, name));
  const d = await findLiveDomain(core, name);
  assert.ok(d);
  const year = new Date(d.expires_at).getUTCFullYear();
  const renewPrice = (await priceFor(core, 'com', 'renew', 1)).amountMinor;
  const before = await balanceOf(resellerId);
  const settled = await Promise.allSettled(Array.from({ length: 4 }, () =>
    renewDomain(core, { resellerId, domain: d, period: 1, currentExpirationYear: year })));
  assert.deepEqual(settled.map((s) => (s.status === 'fulfilled' ? 'ok' : kindOf(s.reason))).sort(),
    ['already_renewed', 'already_renewed', 'already_renewed', 'ok']);
  assert.equal(await balanceOf(resellerId), before - renewPrice);
});
