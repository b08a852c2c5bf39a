// Fills a regd store directly with realistic rows, fast (prepared statements in big transactions on SQLite,
// multi-row INSERTs on PostgreSQL), for the life-cycle and list measurements at scale (bench/lifecycleScale.ts).
//
//   node --import tsx bench/fillStore.ts [--domains 100000 | --million] [--resellers 20] [--data DIR]
//                                        [--database-url URL] [--now 2026-01-01T00:00:00.000Z] [--seed 1]
//
// What it writes, deterministic for a seed (names, dates and flags from one PRNG):
// - resellers (reseller 1 holds 60 % of the domains; one reseller, "poor", has no funds), each with a ledger;
// - registrant profiles: one large profile of reseller 1 holds half of all domains (the deep `get domain list`
//   pages), the rest sit in profiles of 1-8 domains; two contacts per profile (owner; admin = billing = tech);
// - domains over 11 TLDs, expiries spread over three years after `now` (no event due at `now`: auto-renew
//   domains expire in the future, 1 % of the others are in the auto-renew grace), 40 % auto-renew, 3 % let-expire,
//   1 % in redemption, 0.3 % pendingDelete, 0.05 % pendingRestore (all due later than `now`), 4 % deleted;
// - two nameservers and four contact roles per domain; a registration order with its ledger debit per domain and a
//   renewal for 30 %; two to three history rows per domain; transfers (1 % completed, 0.05 % pending, due later)
//   and poll messages (one per ten domains, most acknowledged).
// The fill's parameters (now, the large profile, reseller ids) are kept in settings under `bench.fill`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../src/store/openStore.ts';
import { seedPriceList } from '../src/core/commands/prices.ts';
import { SandboxRegistry } from '../src/registry/sandbox/sandboxRegistry.ts';
import { ManualClock } from '../src/core/clock.ts';
import { hashPassword } from '../src/core/passwordHash.ts';
import { secretBoxFor } from '../src/core/secrets/secretBox.ts';

const DAY = 86_400_000;
const YEAR = 365 * DAY;

export interface FillOptions {
  domains: number;
  resellers: number;
  dataDir?: string;
  databaseUrl?: string;
  now: Date;
  seed: number;
  progress?: boolean;
}

export interface FillInfo {
  now: string;
  domains: number;
  resellers: number;
  bigResellerId: number;
  bigProfileId: number;
  bigProfileDomains: number;
  poorResellerId: number;
}

type Value = string | number | null;
interface Sink {
  insert(table: string, columns: readonly string[], row: Value[]): Promise<void>;
  /** Commits what was buffered (one transaction on SQLite). */
  flush(): Promise<void>;
  finish(): Promise<void>;
}

// --- deterministic randomness ---------------------------------------------------------------------------------
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TLDS: Array<[string, number, number]> = [ // tld, weight, price per year (minor)
  ['com', 55, 1099], ['net', 10, 1299], ['org', 10, 1199], ['info', 5, 1499], ['io', 5, 3999], ['us', 3, 899],
  ['de', 3, 799], ['nl', 3, 899], ['eu', 2, 799], ['ca', 2, 1399], ['co.uk', 2, 899],
];
const TLD_TOTAL = TLDS.reduce((s, t) => s + t[1], 0);
const FIRST = ['Ann', 'Bob', 'Carla', 'Dev', 'Emma', 'Farid', 'Gia', 'Hugo', 'Ines', 'Jon', 'Kai', 'Lena', 'Mo', 'Nia', 'Omar', 'Pia'];
const LAST = ['Lee', 'Smith', 'Garcia', 'Chen', 'Muller', 'Rossi', 'Kim', 'Novak', 'Silva', 'Brown', 'Dubois', 'Sato'];
const CITIES: Array<[string, string, string]> = [['Toronto', 'ON', 'CA'], ['Berlin', 'BE', 'DE'], ['Austin', 'TX', 'US'], ['Leeds', '', 'GB'], ['Lyon', '', 'FR'], ['Osaka', '', 'JP']];
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ro', 'sa', 'ti', 'vu', 'ze', 'bar', 'cor', 'dex', 'fin', 'gal', 'hub', 'jet', 'kin', 'lux', 'max', 'nova', 'pix', 'quo', 'ray', 'sol', 'tek', 'web', 'zen'];
const NS_PROVIDERS = ['cloudns', 'dnsmadeeasy', 'hostpark', 'nsone', 'regd-dns', 'ultradns', 'zoneedit'];

const DOMAIN_COLUMNS = ['id', 'name', 'tld', 'roid', 'profile_id', 'reseller_id', 'created_at', 'expires_at', 'updated_at', 'transferred_at',
  'deleted_at', 'auth_code', 'locked', 'auto_renew', 'let_expire', 'whois_privacy', 'descr', 'affiliate_id', 'client_statuses', 'rgp_status',
  'redemption_ends_at', 'purge_at', 'launch_phase', 'op_ext', 'cr_reseller_id', 'up_reseller_id', 'launch_application_id', 'tld_data',
  'forwarding_email', 'registry_settings', 'registry_pending_until', 'pending_order_id'] as const;
const CONTACT_COLUMNS = ['id', 'handle', 'reseller_id', 'first_name', 'last_name', 'org_name', 'address1', 'address2', 'address3', 'city',
  'state', 'country', 'postal_code', 'phone', 'fax', 'email', 'lang', 'created_at', 'updated_at', 'auth_code', 'client_statuses', 'op_ext', 'disclose'] as const;
const ORDER_COLUMNS = ['id', 'reseller_id', 'profile_id', 'domain_id', 'domain_name', 'kind', 'status', 'period', 'amount_minor', 'currency',
  'request_json', 'created_at', 'completed_at', 'registry_state', 'registry_key', 'registry_code', 'registry_message', 'next_check_at', 'attempts'] as const;
const LEDGER_COLUMNS = ['id', 'reseller_id', 'order_id', 'amount_minor', 'balance_after', 'currency', 'description', 'created_at'] as const;
const HISTORY_COLUMNS = ['id', 'at', 'reseller_id', 'domain_id', 'object_type', 'object_id', 'action', 'detail'] as const;
const TRANSFER_COLUMNS = ['id', 'domain_id', 'domain_name', 'gaining_reseller_id', 'losing_reseller_id', 'status', 'requested_at',
  'action_deadline', 'acted_at', 'period', 'amount_minor', 'currency', 'order_id', 'expires_at_after'] as const;
const POLL_COLUMNS = ['id', 'reseller_id', 'created_at', 'kind', 'message', 'payload', 'acked_at'] as const;

// --- sinks ----------------------------------------------------------------------------------------------------
function sqliteSink(file: string): Sink {
  const db = new SqliteDatabase(file);
  // A fill either completes or is thrown away: no journal while it runs, WAL (as regd keeps it) at the end.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const statements = new Map<string, SqliteDatabase.Statement>();
  let inTx = false;
  return {
    async insert(table, columns, row) {
      let st = statements.get(table);
      if (!st) {
        st = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
        statements.set(table, st);
      }
      if (!inTx) { db.exec('BEGIN'); inTx = true; }
      st.run(row);
    },
    async flush() { if (inTx) { db.exec('COMMIT'); inTx = false; } },
    async finish() {
      if (inTx) db.exec('COMMIT');
      db.pragma('journal_mode = WAL');
      db.close();
    },
  };
}

function postgresSink(url: string): Sink {
  const client = new pg.Client({ connectionString: url });
  const buffers = new Map<string, { columns: readonly string[]; rows: Value[][] }>();
  let connected: Promise<void> | undefined;
  const writeOut = async (table: string) => {
    const b = buffers.get(table);
    if (!b || b.rows.length === 0) return;
    const params: Value[] = [];
    const tuples = b.rows.map((r) => `(${r.map((v) => { params.push(v); return `$${params.length}`; }).join(', ')})`);
    await client.query(`INSERT INTO ${table} (${b.columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
    b.rows = [];
  };
  return {
    async insert(table, columns, row) {
      connected ??= client.connect().then(() => undefined);
      await connected;
      let b = buffers.get(table);
      if (!b) { b = { columns, rows: [] }; buffers.set(table, b); }
      b.rows.push(row);
      // A full buffer writes every table's, parents first, so no row arrives before the rows it refers to.
      if (b.rows.length * columns.length >= 30_000) await this.flush();
    },
    async flush() {
      for (const t of ['resellers', 'profiles', 'contacts', 'domains', 'domain_contacts', 'domain_nameservers', 'orders', 'ledger_entries', 'history', 'transfers', 'poll_messages', 'settings']) await writeOut(t);
    },
    async finish() {
      await this.flush();
      for (const t of ['resellers', 'profiles', 'contacts', 'domains', 'orders', 'ledger_entries', 'history', 'transfers', 'poll_messages']) {
        await client.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), GREATEST((SELECT max(id) FROM ${t}), 1))`);
      }
      await client.query('ANALYZE');
      await client.end();
    },
  };
}

// --- the fill -------------------------------------------------------------------------------------------------
export async function fillStore(opts: FillOptions): Promise<FillInfo> {
  const now = opts.now;
  const nowMs = now.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const rnd = mulberry32(opts.seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  const hex = (n: number) => { let s = ''; for (let i = 0; i < n; i++) s += Math.floor(rnd() * 16).toString(16); return s; };

  // Schema and price list through regd itself.
  const db = await openStore({ dataDir: opts.dataDir ?? 'data', databaseUrl: opts.databaseUrl });
  const clock = new ManualClock(now);
  await seedPriceList({ db, clock, registry: new SandboxRegistry(undefined, clock), mode: 'sandbox', secrets: await secretBoxFor(opts.dataDir ?? 'data') });
  const existing = await db.selectFrom('domains').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) throw new Error('the store already has domains: fill an empty one');
  await db.destroy();
  const sink = opts.databaseUrl ? postgresSink(opts.databaseUrl) : sqliteSink(path.join(opts.dataDir!, 'regd.sqlite'));

  const passwordHash = await hashPassword('secret123');
  const nResellers = Math.max(2, opts.resellers);
  const bigResellerId = 1;
  const poorResellerId = nResellers;
  const balances = new Map<number, number>();
  for (let r = 1; r <= nResellers; r++) {
    const funds = r === poorResellerId ? 0 : 1_000_000_000;
    balances.set(r, funds);
    await sink.insert('resellers', ['id', 'username', 'private_key', 'password_hash', 'balance_minor', 'currency', 'allowed_ips', 'created_at', 'updated_at', 'epp_cert_sha256', 'max_domains', 'max_nameservers'],
      [r, r === poorResellerId ? 'poor' : `reseller${r}`, hex(112), passwordHash, funds, 'USD', '[]', iso(nowMs - 6 * YEAR), iso(nowMs - 6 * YEAR), null, null, null]);
  }
  await sink.flush();

  let profileId = 0, contactId = 0, orderId = 0, ledgerId = 0, historyId = 0, transferId = 0, pollId = 0;
  const ids = { profile: () => ++profileId, contact: () => ++contactId };
  const newProfile = async (resellerId: number, createdMs: number): Promise<{ id: number; owner: number; admin: number }> => {
    const id = ids.profile();
    await sink.insert('profiles', ['id', 'reseller_id', 'reg_username', 'password_hash', 'created_at'], [id, resellerId, `user${id}`, passwordHash, iso(createdMs)]);
    const contact = async (): Promise<number> => {
      const cid = ids.contact();
      const first = pick(FIRST), last = pick(LAST), [city, state, cc] = pick(CITIES);
      await sink.insert('contacts', CONTACT_COLUMNS, [cid, `RG${cid.toString(16).toUpperCase().padStart(10, '0')}`, resellerId, first, last, rnd() < 0.3 ? `${last} Holdings` : '',
        `${1 + Math.floor(rnd() * 900)} ${pick(LAST)} Street`, '', '', city, state, cc, `${Math.floor(10000 + rnd() * 89999)}`, '+1.4165551212', '',
        `${first.toLowerCase()}.${last.toLowerCase()}${cid}@example.com`, 'EN', iso(createdMs), iso(createdMs), hex(12), '[]', '{}', '{}']);
      return cid;
    };
    return { id, owner: await contact(), admin: await contact() };
  };

  const big = await newProfile(bigResellerId, nowMs - 5 * YEAR);
  const bigShare = Math.floor(opts.domains / 2);
  let bigCount = 0;
  let current = big;
  let currentReseller = bigResellerId;
  let leftInProfile = 0;
  const started = Date.now();
  let lastReport = 0;
  const usedNames = new Set<string>();

  for (let id = 1; id <= opts.domains; id++) {
    // Who holds it.
    let resellerId: number, profile: { id: number; owner: number; admin: number };
    if (bigCount < bigShare && (rnd() < 0.5 || opts.domains - id < bigShare - bigCount)) {
      resellerId = bigResellerId; profile = big; bigCount++;
    } else {
      if (leftInProfile <= 0) {
        currentReseller = rnd() < 0.2 ? bigResellerId : 2 + Math.floor(rnd() * (nResellers - 1));
        current = await newProfile(currentReseller, nowMs - Math.floor(rnd() * 5 * YEAR));
        leftInProfile = 1 + Math.floor(rnd() * 8);
      }
      resellerId = currentReseller; profile = current; leftInProfile--;
    }
    // Its name.
    let r = Math.floor(rnd() * TLD_TOTAL), t = 0;
    while (r >= TLDS[t][1]) { r -= TLDS[t][1]; t++; }
    const [tld, , price] = TLDS[t];
    let label = '';
    const parts = 2 + Math.floor(rnd() * 3);
    for (let p = 0; p < parts; p++) label += pick(SYLLABLES);
    let name = `${label}.${tld}`;
    if (usedNames.has(name)) name = `${label}${id.toString(36)}.${tld}`;
    usedNames.add(name);
    // Its state and dates.
    const state = rnd();
    const autoRenew = rnd() < 0.4 ? 1 : 0;
    const letExpire = !autoRenew && rnd() < 0.05 ? 1 : 0;
    let expiresMs: number;
    let rgp: string | null = null, redemptionEnds: string | null = null, purgeAt: string | null = null, deletedAt: string | null = null;
    if (state < 0.04) { // deleted (purged or deleted in add grace) some time ago
      expiresMs = nowMs - Math.floor(rnd() * 2 * YEAR);
      deletedAt = iso(Math.min(expiresMs + 65 * DAY, nowMs - DAY));
    } else if (state < 0.05) { // redemptionPeriod, ends within 30 days
      const endMs = nowMs + 1 + Math.floor(rnd() * 30 * DAY);
      rgp = 'redemptionPeriod'; redemptionEnds = iso(endMs); purgeAt = iso(endMs + 5 * DAY);
      expiresMs = endMs - 60 * DAY;
    } else if (state < 0.053) { // pendingDelete, purged within 5 days
      const purgeMs = nowMs + 1 + Math.floor(rnd() * 5 * DAY);
      rgp = 'pendingDelete'; purgeAt = iso(purgeMs); redemptionEnds = iso(purgeMs - 5 * DAY);
      expiresMs = purgeMs - 65 * DAY;
    } else if (state < 0.0535) { // pendingRestore, report due within 7 days
      const dueMs = nowMs + 1 + Math.floor(rnd() * 7 * DAY);
      rgp = 'pendingRestore'; redemptionEnds = iso(dueMs); purgeAt = iso(dueMs + 20 * DAY);
      expiresMs = nowMs + YEAR - Math.floor(rnd() * 20 * DAY);
    } else if (state < 0.0635 && !autoRenew) { // expired, in the auto-renew grace (enters redemption within 30 days)
      expiresMs = nowMs - 1 - Math.floor(rnd() * (30 * DAY - 2));
    } else {
      expiresMs = nowMs + 1 + Math.floor(rnd() * 3 * YEAR);
    }
    expiresMs -= expiresMs % 1000;
    const period = 1 + Math.floor(rnd() * 3);
    const createdMs = Math.min(expiresMs - period * YEAR, nowMs - DAY);
    const transferred = rnd() < 0.01 ? iso(createdMs + Math.floor(rnd() * (nowMs - createdMs))) : null;
    await sink.insert('domains', DOMAIN_COLUMNS, [id, name, tld, `D${id}-REGD`, profile.id, resellerId, iso(createdMs), iso(expiresMs), iso(Math.min(nowMs, createdMs + DAY)),
      transferred, deletedAt, hex(16), rnd() < 0.5 ? 1 : 0, autoRenew, letExpire, rnd() < 0.3 ? 'enabled' : 'disabled', '', '', '[]', rgp, redemptionEnds, purgeAt,
      null, '{}', resellerId, resellerId, null, '{}', '', '{}', null, null]);
    for (const [role, cid] of [['owner', profile.owner], ['admin', profile.admin], ['billing', profile.admin], ['tech', profile.admin]] as const) {
      await sink.insert('domain_contacts', ['domain_id', 'role', 'contact_id'], [id, role, cid]);
    }
    const provider = pick(NS_PROVIDERS);
    for (let n = 1; n <= 2; n++) await sink.insert('domain_nameservers', ['domain_id', 'name', 'sort_order', 'addresses', 'host_attr'], [id, `ns${n}.${provider}.net`, n, '[]', 0]);
    // Money: the registration, and a renewal for some.
    const charge = async (kind: string, years: number, atMs: number) => {
      const oid = ++orderId;
      const amount = price * years;
      await sink.insert('orders', ORDER_COLUMNS, [oid, resellerId, profile.id, id, name, kind, 'completed', years, amount, 'USD', '{}', iso(atMs), iso(atMs),
        rnd() < 0.5 ? 'done' : null, `regd-o${oid}`, 1000, 'Command completed successfully', null, 1]);
      await sink.insert('ledger_entries', LEDGER_COLUMNS, [++ledgerId, resellerId, oid, -amount, balances.get(resellerId)!, 'USD', `${kind} ${name} ${years}y`, iso(atMs)]);
      await sink.insert('history', HISTORY_COLUMNS, [++historyId, iso(atMs), resellerId, id, 'domain', String(id), kind, JSON.stringify({ name, period: years, orderId: oid, amountMinor: amount })]);
    };
    await charge('register', period, createdMs);
    if (rnd() < 0.3) await charge('renew', 1, createdMs + Math.floor(rnd() * (nowMs - createdMs)));
    if (rnd() < 0.5) {
      await sink.insert('history', HISTORY_COLUMNS, [++historyId, iso(createdMs + DAY), resellerId, id, 'domain', String(id), 'modify', JSON.stringify({ type: 'nameservers' })]);
    }
    if (rgp || deletedAt) {
      await sink.insert('history', HISTORY_COLUMNS, [++historyId, iso(expiresMs + 30 * DAY), null, id, 'domain', String(id), 'expire', JSON.stringify({ expiredAt: iso(expiresMs) })]);
    }
    // Transfers: a few completed into this reseller, a very few pending (due after `now`).
    if (transferred || rnd() < 0.0005) {
      const pending = !transferred && !rgp && !deletedAt;
      const requestedMs = transferred ? new Date(transferred).getTime() - 5 * DAY : nowMs - Math.floor(rnd() * 4 * DAY);
      const losing = resellerId === 2 ? 3 : 2;
      await sink.insert('transfers', TRANSFER_COLUMNS, [++transferId, id, name, pending ? losing : resellerId, pending ? resellerId : losing, pending ? 'pending' : 'clientApproved',
        iso(requestedMs), iso(requestedMs + 5 * DAY), pending ? null : transferred, 1, price, 'USD', null, iso(expiresMs + YEAR)]);
    }
    if (id % 10 === 0) {
      await sink.insert('poll_messages', POLL_COLUMNS, [++pollId, resellerId, iso(createdMs), 'autoRenew', `Domain ${name} was auto-renewed`,
        JSON.stringify({ type: 'renewal', name, expiresAt: iso(expiresMs) }), rnd() < 0.9 ? iso(createdMs + DAY) : null]);
    }
    if (id % 20_000 === 0) await sink.flush();
    if (opts.progress && (Date.now() - lastReport > 1000 || id === opts.domains)) {
      lastReport = Date.now();
      const rate = id / Math.max(0.001, (Date.now() - started) / 1000);
      const eta = (opts.domains - id) / rate;
      process.stderr.write(`\rfill: ${id}/${opts.domains} domains (${(100 * id / opts.domains).toFixed(1)} %), ${Math.round(rate)}/s, ETA ${Math.round(eta)} s   `);
    }
  }
  const info: FillInfo = { now: now.toISOString(), domains: opts.domains, resellers: nResellers, bigResellerId, bigProfileId: big.id, bigProfileDomains: bigCount, poorResellerId };
  await sink.insert('settings' as string, ['key', 'value'], ['bench.fill', JSON.stringify(info)]);
  await sink.finish();
  if (opts.progress) process.stderr.write('\n');
  return info;
}

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const args = process.argv.slice(2);
  const domains = args.includes('--million') ? 1_000_000 : Number(argValue(args, '--domains') ?? 100_000);
  const dataDir = argValue(args, '--data') ?? path.join(os.tmpdir(), `regd-fill-${domains}`);
  const databaseUrl = argValue(args, '--database-url');
  if (!databaseUrl) fs.mkdirSync(dataDir, { recursive: true });
  const started = Date.now();
  const info = await fillStore({
    domains, resellers: Number(argValue(args, '--resellers') ?? 20), dataDir, databaseUrl,
    now: new Date(argValue(args, '--now') ?? '2026-01-01T00:00:00.000Z'), seed: Number(argValue(args, '--seed') ?? 1), progress: true,
  });
  const size = databaseUrl ? '' : `, ${(fs.statSync(path.join(dataDir, 'regd.sqlite')).size / 1e6).toFixed(0)} MB`;
  console.log(JSON.stringify({ ...info, store: databaseUrl ? 'postgres' : path.join(dataDir, 'regd.sqlite'), seconds: Math.round((Date.now() - started) / 100) / 10 }) + size);
}
