// `regd sandbox seed`: fills an empty store with realistic data, fast, for measurements at scale (a million domains
// in minutes) and for trying regd on something that looks like a reseller's book.
//
// What it writes, deterministic for a seed number (names, dates and flags come from one PRNG; credentials from the
// CSPRNG):
// - resellers (the first holds 60 % of the domains; the last, "poor", has no funds and tops up for each charge), each
//   with a working XCP private key and EPP/web password, sealed under the store's key ring as `reseller create` does,
//   a ledger that adds up (initial funds, then a debit per charge) and a history row for its creation;
// - registrant profiles: one large profile of the first reseller holds half of all domains (the deep `get domain list`
//   pages), the rest sit in profiles of 1-8 domains; two contacts per profile (owner; admin = billing = tech); every
//   profile signs in with the same registrant password;
// - domains over 11 TLDs, expiries spread over three years after `now` (no life-cycle event due at `now`: auto-renew
//   domains expire in the future, 1 % of the others are in the auto-renew grace), 40 % auto-renew, 3 % let-expire,
//   1 % in redemption, 0.3 % pendingDelete, 0.05 % pendingRestore (all due later than `now`), 4 % deleted;
// - two nameservers and four contact roles per domain; a registration order with its ledger debit per domain and a
//   renewal for 30 %; two to three history rows per domain; transfers (1 % completed, 0.05 % pending, due later) and
//   poll messages (one per ten domains, most acknowledged).
// The seed's parameters (now, the large profile, reseller ids) are kept in settings under `bench.fill`.
//
// Rows are written directly (seedStoreSinks.ts), not through the core's commands: a command per domain would take
// hours. The schema and price list come from regd itself (the store is opened, migrated and priced first), ids
// continue after whatever the store already holds, and only a store without domains is seeded.
import path from 'node:path';
import type { Kysely } from 'kysely';
import { openStore } from '../store/openStore.ts';
import type { Database } from '../store/schema.ts';
import { seedPriceList } from '../core/commands/prices.ts';
import { SandboxRegistry } from '../registry/sandbox/sandboxRegistry.ts';
import { ManualClock, type Clock } from '../core/clock.ts';
import { StoreClock } from '../core/sandboxClock.ts';
import { CoreError } from '../core/errors.ts';
import { hashPassword } from '../core/passwordHash.ts';
import { generatePassword, generatePrivateKey } from '../core/secrets.ts';
import { secretBoxFor } from '../core/secrets/secretBox.ts';
import { seededRandom } from './seedStoreRandom.ts';
import { postgresSink, sqliteSink, type Sink } from './seedStoreSinks.ts';
import {
  CITIES, FIRST, ID_TABLES, LAST, MAX_CHARGE_PER_DOMAIN, NS_PROVIDERS, SYLLABLES, TLD_TOTAL, TLDS, type IdTable, type SeedTable, type Value,
} from './seedStoreRows.ts';

const DAY = 86_400_000;
const YEAR = 365 * DAY;
/** Domains per transaction on SQLite. */
const COMMIT_EVERY = 20_000;
/** Domains between progress reports (and turns of the event loop, so a progress bar redraws and Ctrl-C works). */
const REPORT_EVERY = 1_000;
/** ... and at least this many reports in all. */
const REPORTS_AT_LEAST = 100;
/** Funds every funded reseller ends with, beyond what its charges took. */
const FUNDS_LEFT_MINOR = 1_000_000_000;

export const SEED_INFO_KEY = 'bench.fill';
export const MAX_SEED_RESELLERS = 1000;

export interface SeedOptions {
  domains: number;
  /** At least 2: the first holds the large profile, the last ("poor") has no funds. */
  resellers: number;
  /** The PRNG seed: the same number gives the same data. */
  seed: number;
  /** The time the data is laid out around; default the store's clock (the sandbox clock). */
  now?: Date;
  dataDir: string;
  databaseUrl?: string;
  /** Refused in live mode (as is a store a live server ran on). */
  mode?: 'sandbox' | 'live';
  onProgress?: (p: SeedProgress) => void;
}

export type SeedProgress =
  | { stage: 'domains'; done: number; total: number }
  | { stage: 'finishing'; detail: string };

/** Kept in settings (SEED_INFO_KEY) for the benchmarks that work on a seeded store. */
export interface SeedInfo {
  now: string;
  domains: number;
  resellers: number;
  bigResellerId: number;
  bigProfileId: number;
  bigProfileDomains: number;
  poorResellerId: number;
}

export interface SeededReseller {
  id: number;
  username: string;
  /** The XCP private key and the EPP/web password, in clear: shown once, as `regd reseller create` does. */
  privateKey: string;
  password: string;
  balanceMinor: number;
  domains: number;
}

export interface SeedReport {
  info: SeedInfo;
  resellers: SeededReseller[];
  /** Every seeded registrant profile (usernames user<id>) signs in with this password. */
  registrantPassword: string;
  /** Rows written per table. */
  rows: Record<Exclude<SeedTable, 'settings'>, number>;
  /** The SQLite file, or "postgresql". */
  store: string;
  ms: number;
}

export async function seedStore(opts: SeedOptions): Promise<SeedReport> {
  const started = Date.now();
  if (!Number.isSafeInteger(opts.domains) || opts.domains < 1) throw new CoreError('invalid_value', 'The number of domains must be a whole number of at least 1', 'domains');
  if (!Number.isSafeInteger(opts.resellers) || opts.resellers < 2 || opts.resellers > MAX_SEED_RESELLERS) {
    throw new CoreError('invalid_value', `The number of resellers must be 2-${MAX_SEED_RESELLERS} (the last one has no funds)`, 'resellers');
  }
  if (opts.now !== undefined && !Number.isFinite(opts.now.getTime())) throw new CoreError('invalid_value', 'now must be an ISO date and time', 'now');
  if (opts.mode === 'live') throw new CoreError('live_mode_refused', 'A store is seeded in sandbox mode only');

  // Schema and price list through regd itself; what is there decides the ids.
  const db = await openStore({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl });
  const secrets = await secretBoxFor(opts.dataDir);
  const nResellers = opts.resellers;
  const usernames = Array.from({ length: nResellers }, (_, i) => (i === nResellers - 1 ? 'poor' : `reseller${i + 1}`));
  let now: Date;
  const base = {} as Record<IdTable, number>;
  try {
    const mode = await db.selectFrom('settings').select('value').where('key', '=', 'mode').executeTakeFirst();
    if (mode?.value === 'live') throw new CoreError('live_mode_refused', 'A server ran this store in live mode: it is not seeded');
    const existing = Number((await db.selectFrom('domains').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    if (existing > 0) throw new CoreError('object_exists', `The store already has ${existing} domains: seed an empty store (a new --data folder or database)`, 'domains');
    const taken = await db.selectFrom('resellers').select('username').where('username', 'in', usernames).execute();
    if (taken.length > 0) throw new CoreError('object_exists', `The store already has reseller ${taken[0].username}: seed a store without resellers named reseller<N> or poor`, 'resellers');
    const clock: Clock = opts.now ? new ManualClock(opts.now) : new StoreClock(db);
    now = await clock.now();
    await seedPriceList({ db, clock, registry: new SandboxRegistry(undefined, clock), mode: 'sandbox', secrets });
    for (const t of ID_TABLES) base[t] = await maxId(db, t);
  } finally {
    await db.destroy();
  }

  // Credentials from the CSPRNG, hashed (scrypt, a few at a time on libuv's pool) and sealed as `reseller create` does.
  const credentials = await Promise.all(usernames.map(async () => {
    const password = generatePassword();
    return { password, privateKey: generatePrivateKey(), passwordHash: await hashPassword(password) };
  }));
  const registrantPassword = generatePassword();
  const registrantHash = await hashPassword(registrantPassword);

  const sink: Sink = opts.databaseUrl ? postgresSink(opts.databaseUrl) : sqliteSink(path.join(opts.dataDir, 'regd.sqlite'));
  const rows = { resellers: 0, profiles: 0, contacts: 0, domains: 0, domain_contacts: 0, domain_nameservers: 0, orders: 0, ledger_entries: 0, history: 0, transfers: 0, poll_messages: 0 };
  const put = (table: Exclude<SeedTable, 'settings'>, row: Value[]) => { sink.insert(table, row); rows[table]++; };
  const ids = { ...base };
  const nextId = (t: IdTable) => ++ids[t];

  let info: SeedInfo;
  const resellers: SeededReseller[] = [];
  try {
    const nowMs = now.getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    const rnd = seededRandom(opts.seed);
    const resellerId = (n: number) => base.resellers + n; // n: 1..nResellers
    const bigResellerId = resellerId(1);
    const poorResellerId = resellerId(nResellers);
    const balances = new Map<number, number>();
    const domainsOf = new Map<number, number>();
    const ledger = (rid: number, orderId: number | null, amount: number, description: string, atMs: number) => {
      const balance = balances.get(rid)! + amount;
      balances.set(rid, balance);
      put('ledger_entries', [nextId('ledger_entries'), rid, orderId, amount, balance, 'USD', description, iso(atMs)]);
    };

    const createdMs = nowMs - 6 * YEAR;
    for (let n = 1; n <= nResellers; n++) {
      const id = resellerId(n);
      rnd.hex(112); // the key the fill once drew here: keeps the data of a seed number as it was
      const c = credentials[n - 1];
      const funds = id === poorResellerId ? 0 : FUNDS_LEFT_MINOR + opts.domains * MAX_CHARGE_PER_DOMAIN;
      if (nextId('resellers') !== id) throw new Error('reseller ids out of step');
      put('resellers', [id, usernames[n - 1], secrets.seal(c.privateKey, 'reseller.private_key'), secrets.seal(c.passwordHash, 'reseller.password_hash'),
        funds, 'USD', '[]', iso(createdMs), iso(createdMs), null, null, null]);
      put('history', [nextId('history'), iso(createdMs), id, null, 'reseller', String(id), 'create', JSON.stringify({ username: usernames[n - 1] })]);
      balances.set(id, 0);
      domainsOf.set(id, 0);
      if (funds > 0) ledger(id, null, funds, 'initial funds', createdMs);
    }
    await sink.flush();

    type Profile = { id: number; owner: number; admin: number };
    const newProfile = (rid: number, atMs: number): Profile => {
      const id = nextId('profiles');
      put('profiles', [id, rid, `user${id}`, registrantHash, iso(atMs)]);
      const contact = (): number => {
        const cid = nextId('contacts');
        const first = rnd.pick(FIRST), last = rnd.pick(LAST), [city, state, cc] = rnd.pick(CITIES);
        put('contacts', [cid, `RG${cid.toString(16).toUpperCase().padStart(10, '0')}`, rid, first, last, rnd.next() < 0.3 ? `${last} Holdings` : '',
          `${1 + rnd.int(900)} ${rnd.pick(LAST)} Street`, '', '', city, state, cc, `${Math.floor(10000 + rnd.next() * 89999)}`, '+1.4165551212', '',
          `${first.toLowerCase()}.${last.toLowerCase()}${cid}@example.com`, 'EN', iso(atMs), iso(atMs), rnd.hex(12), '[]', '{}', '{}']);
        return cid;
      };
      return { id, owner: contact(), admin: contact() };
    };

    const big = newProfile(bigResellerId, nowMs - 5 * YEAR);
    const bigShare = Math.floor(opts.domains / 2);
    let bigCount = 0;
    let current = big;
    let currentReseller = bigResellerId;
    let leftInProfile = 0;
    const usedNames = new Set<string>();
    const reportEvery = Math.max(1, Math.min(REPORT_EVERY, Math.floor(opts.domains / REPORTS_AT_LEAST)));

    for (let i = 1; i <= opts.domains; i++) {
      const id = nextId('domains');
      // Who holds it.
      let rid: number, profile: Profile;
      if (bigCount < bigShare && (rnd.next() < 0.5 || opts.domains - i < bigShare - bigCount)) {
        rid = bigResellerId; profile = big; bigCount++;
      } else {
        if (leftInProfile <= 0) {
          currentReseller = rnd.next() < 0.2 ? bigResellerId : resellerId(2 + Math.floor(rnd.next() * (nResellers - 1)));
          current = newProfile(currentReseller, nowMs - Math.floor(rnd.next() * 5 * YEAR));
          leftInProfile = 1 + Math.floor(rnd.next() * 8);
        }
        rid = currentReseller; profile = current; leftInProfile--;
      }
      domainsOf.set(rid, domainsOf.get(rid)! + 1);
      // Its name.
      let r = Math.floor(rnd.next() * TLD_TOTAL), t = 0;
      while (r >= TLDS[t][1]) { r -= TLDS[t][1]; t++; }
      const [tld, , price] = TLDS[t];
      let label = '';
      const parts = 2 + Math.floor(rnd.next() * 3);
      for (let p = 0; p < parts; p++) label += rnd.pick(SYLLABLES);
      let name = `${label}.${tld}`;
      if (usedNames.has(name)) name = `${label}${i.toString(36)}.${tld}`;
      // (That can meet a label made of syllables too; a hyphen never appears in either.)
      for (let k = 2; usedNames.has(name); k++) name = `${label}-${i.toString(36)}-${k}.${tld}`;
      usedNames.add(name);
      // Its state and dates.
      const state = rnd.next();
      const autoRenew = rnd.next() < 0.4 ? 1 : 0;
      const letExpire = !autoRenew && rnd.next() < 0.05 ? 1 : 0;
      let expiresMs: number;
      let rgp: string | null = null, redemptionEnds: string | null = null, purgeAt: string | null = null, deletedAt: string | null = null;
      if (state < 0.04) { // deleted (purged or deleted in add grace) some time ago
        expiresMs = nowMs - Math.floor(rnd.next() * 2 * YEAR);
        deletedAt = iso(Math.min(expiresMs + 65 * DAY, nowMs - DAY));
      } else if (state < 0.05) { // redemptionPeriod, ends within 30 days
        const endMs = nowMs + 1 + Math.floor(rnd.next() * 30 * DAY);
        rgp = 'redemptionPeriod'; redemptionEnds = iso(endMs); purgeAt = iso(endMs + 5 * DAY);
        expiresMs = endMs - 60 * DAY;
      } else if (state < 0.053) { // pendingDelete, purged within 5 days
        const purgeMs = nowMs + 1 + Math.floor(rnd.next() * 5 * DAY);
        rgp = 'pendingDelete'; purgeAt = iso(purgeMs); redemptionEnds = iso(purgeMs - 5 * DAY);
        expiresMs = purgeMs - 65 * DAY;
      } else if (state < 0.0535) { // pendingRestore, report due within 7 days
        const dueMs = nowMs + 1 + Math.floor(rnd.next() * 7 * DAY);
        rgp = 'pendingRestore'; redemptionEnds = iso(dueMs); purgeAt = iso(dueMs + 20 * DAY);
        expiresMs = nowMs + YEAR - Math.floor(rnd.next() * 20 * DAY);
      } else if (state < 0.0635 && !autoRenew) { // expired, in the auto-renew grace (enters redemption within 30 days)
        expiresMs = nowMs - 1 - Math.floor(rnd.next() * (30 * DAY - 2));
      } else {
        expiresMs = nowMs + 1 + Math.floor(rnd.next() * 3 * YEAR);
      }
      expiresMs -= expiresMs % 1000;
      const period = 1 + Math.floor(rnd.next() * 3);
      const domainCreatedMs = Math.min(expiresMs - period * YEAR, nowMs - DAY);
      const transferred = rnd.next() < 0.01 ? iso(domainCreatedMs + Math.floor(rnd.next() * (nowMs - domainCreatedMs))) : null;
      put('domains', [id, name, tld, `D${id}-REGD`, profile.id, rid, iso(domainCreatedMs), iso(expiresMs), iso(Math.min(nowMs, domainCreatedMs + DAY)),
        transferred, deletedAt, rnd.hex(16), rnd.next() < 0.5 ? 1 : 0, autoRenew, letExpire, rnd.next() < 0.3 ? 'enabled' : 'disabled', '', '', '[]', rgp, redemptionEnds, purgeAt,
        null, '{}', rid, rid, null, '{}', '', '{}', null, null]);
      for (const [role, cid] of [['owner', profile.owner], ['admin', profile.admin], ['billing', profile.admin], ['tech', profile.admin]] as const) {
        put('domain_contacts', [id, role, cid]);
      }
      const provider = rnd.pick(NS_PROVIDERS);
      for (let n = 1; n <= 2; n++) put('domain_nameservers', [id, `ns${n}.${provider}.net`, n, '[]', 0]);
      // Money: the registration, and a renewal for some.
      const charge = (kind: string, years: number, atMs: number) => {
        const oid = nextId('orders');
        const amount = price * years;
        put('orders', [oid, rid, profile.id, id, name, kind, 'completed', years, amount, 'USD', '{}', iso(atMs), iso(atMs),
          rnd.next() < 0.5 ? 'done' : null, `regd-o${oid}`, 1000, 'Command completed successfully', null, 1]);
        // The reseller without funds pays as it goes.
        if (balances.get(rid)! < amount) ledger(rid, null, amount, 'funds added', atMs);
        ledger(rid, oid, -amount, `${kind} ${name} ${years}y`, atMs);
        put('history', [nextId('history'), iso(atMs), rid, id, 'domain', String(id), kind, JSON.stringify({ name, period: years, orderId: oid, amountMinor: amount })]);
      };
      charge('register', period, domainCreatedMs);
      if (rnd.next() < 0.3) charge('renew', 1, domainCreatedMs + Math.floor(rnd.next() * (nowMs - domainCreatedMs)));
      if (rnd.next() < 0.5) {
        put('history', [nextId('history'), iso(domainCreatedMs + DAY), rid, id, 'domain', String(id), 'modify', JSON.stringify({ type: 'nameservers' })]);
      }
      if (rgp || deletedAt) {
        put('history', [nextId('history'), iso(expiresMs + 30 * DAY), null, id, 'domain', String(id), 'expire', JSON.stringify({ expiredAt: iso(expiresMs) })]);
      }
      // Transfers: a few completed into this reseller, a very few pending (due after `now`).
      if (transferred || rnd.next() < 0.0005) {
        const pending = !transferred && !rgp && !deletedAt;
        const requestedMs = transferred ? new Date(transferred).getTime() - 5 * DAY : nowMs - Math.floor(rnd.next() * 4 * DAY);
        const other = rid === resellerId(2) ? resellerId(nResellers >= 3 ? 3 : 1) : resellerId(2);
        put('transfers', [nextId('transfers'), id, name, pending ? other : rid, pending ? rid : other, pending ? 'pending' : 'clientApproved',
          iso(requestedMs), iso(requestedMs + 5 * DAY), pending ? null : transferred, 1, price, 'USD', null, iso(expiresMs + YEAR)]);
      }
      if (i % 10 === 0) {
        put('poll_messages', [nextId('poll_messages'), rid, iso(domainCreatedMs), 'autoRenew', `Domain ${name} was auto-renewed`,
          JSON.stringify({ type: 'renewal', name, expiresAt: iso(expiresMs) }), rnd.next() < 0.9 ? iso(domainCreatedMs + DAY) : null]);
      }
      if (sink.full || i % COMMIT_EVERY === 0) await sink.flush();
      if (i % reportEvery === 0 || i === opts.domains) {
        opts.onProgress?.({ stage: 'domains', done: i, total: opts.domains });
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    info = { now: now.toISOString(), domains: opts.domains, resellers: nResellers, bigResellerId, bigProfileId: big.id, bigProfileDomains: bigCount, poorResellerId };
    sink.insert('settings', [SEED_INFO_KEY, JSON.stringify(info)]);
    await sink.finish((detail) => opts.onProgress?.({ stage: 'finishing', detail }));
    for (let n = 1; n <= nResellers; n++) {
      const id = resellerId(n);
      resellers.push({ id, username: usernames[n - 1], ...pickCredentials(credentials[n - 1]), balanceMinor: balances.get(id)!, domains: domainsOf.get(id)! });
    }
  } catch (err) {
    await sink.abort().catch(() => {});
    if (err instanceof Error) err.message += ' (the seed stopped half way: delete the store and seed again)';
    throw err;
  }

  // Each reseller's balance as its ledger left it, through regd's own store layer.
  const after = await openStore({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl });
  try {
    await after.transaction().execute(async (trx) => {
      for (const r of resellers) await trx.updateTable('resellers').set({ balance_minor: r.balanceMinor }).where('id', '=', r.id).execute();
    });
  } finally {
    await after.destroy();
  }
  return {
    info, resellers, registrantPassword, rows,
    store: opts.databaseUrl ? 'postgresql' : path.join(opts.dataDir, 'regd.sqlite'),
    ms: Date.now() - started,
  };
}

const pickCredentials = (c: { password: string; privateKey: string }) => ({ privateKey: c.privateKey, password: c.password });

async function maxId(db: Kysely<Database>, table: IdTable): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.max<number>('id').as('m')).executeTakeFirst();
  return Number(row?.m ?? 0);
}
