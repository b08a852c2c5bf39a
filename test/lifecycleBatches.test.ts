// The life cycle in batches (src/core/lifecycle.ts): with more due domains than one batch, one pass still carries
// every domain through every stage that came due, exactly once and with the same outcome whatever the batch size;
// concurrent passes never apply an event twice (SQLite, and PostgreSQL where passes really run in parallel); and
// every due-row and list query is a search of its index from migration 008, never a scan of `domains`.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { CompiledQuery, type Kysely, type KyselyPlugin, type RootOperationNode } from 'kysely';
import type { Core } from '../src/core/core.ts';
import type { Database } from '../src/store/schema.ts';
import { ManualClock } from '../src/core/clock.ts';
import { SandboxRegistry } from '../src/registry/sandbox/sandboxRegistry.ts';
import { openPostgresStore } from '../src/store/openPostgres.ts';
import { seedPriceList } from '../src/core/commands/prices.ts';
import { createReseller } from '../src/core/commands/resellers.ts';
import { runLifecycle, dueQueries, type LifecycleOptions, type LifecycleReport } from '../src/core/lifecycle.ts';
import { listProfileDomains } from '../src/core/commands/listProfileDomains.ts';
import { listDeletedDomains, listDomainsByExpiry } from '../src/core/commands/domainQueries.ts';
import { addYears } from '../src/core/dates.ts';
import { makeTestCore, closeTestCore, START, type TestCore } from './support/coreHarness.ts';
import { createTestSchema, type TestSchema } from './support/postgresTestDb.ts';
import { SecretBox } from '../src/core/secrets/secretBox.ts';
import { newSecretKey } from '../src/core/secrets/keyRing.ts';

const DAY = 86_400_000;
const T = START.getTime();
const iso = (ms: number) => new Date(ms).toISOString();

const cores: Array<Core & { dataDir?: string }> = [];
after(async () => { for (const c of cores) await closeTestCore(c).catch(() => {}); });

// ---- the fixture: every kind of due domain, several of each (more than a batch of 3) ----------------------------

interface Fixture { expected: Omit<LifecycleReport, 'asyncCompleted'>; profileId: number; richId: number }

/** `.net` is served by a "remote registry" here: its auto-renewals are left to the registry. */
function withRemoteNet(core: Core): Core {
  const sandbox = core.registry;
  core.registry = Object.assign(Object.create(sandbox), { isRemote: (tld: string) => tld === 'net' });
  return core;
}

/**
 * `stale`: two auto-renew domains twelve years past expiry, which one pass renews ten times (its limit) and then,
 * still expired, carries through expiry and redemption to the purge. Passes running at once each renew such a domain
 * up to ten times, so how far it gets depends on how they interleave: the concurrency tests leave them out.
 */
async function buildFixture(core: Core, { stale = true } = {}): Promise<Fixture> {
  const rich = (await createReseller(core, { username: 'rich', fundsMinor: 100_000_000 })).reseller.id;
  const poor = (await createReseller(core, { username: 'poor', fundsMinor: 0 })).reseller.id;
  const gainer = (await createReseller(core, { username: 'gainer', fundsMinor: 100_000 })).reseller.id;
  const profile = async (resellerId: number) => (await core.db.insertInto('profiles')
    .values({ reseller_id: resellerId, reg_username: `p${resellerId}`, password_hash: 'x', created_at: iso(T - 5 * 365 * DAY) })
    .returning('id').executeTakeFirstOrThrow()).id;
  const profiles = new Map<number, number>([[rich, await profile(rich)], [poor, await profile(poor)]]);
  let n = 0;
  const domain = async (kind: string, resellerId: number, f: Partial<Database['domains'] extends infer D ? { [K in keyof D]: unknown } : never>, tld = 'com') => {
    n++;
    const expires = String(f.expires_at);
    return (await core.db.insertInto('domains').values({
      name: `${kind}${n}.${tld}`, tld, roid: `D${n}-TEST`, profile_id: profiles.get(resellerId)!, reseller_id: resellerId,
      created_at: iso(Math.min(new Date(expires).getTime() - 365 * DAY, T - 400 * DAY)), expires_at: expires, updated_at: iso(T - 300 * DAY),
      transferred_at: null, deleted_at: (f.deleted_at as string | null) ?? null, auth_code: 'Auth-Code-1', locked: 0,
      auto_renew: (f.auto_renew as number) ?? 0, let_expire: (f.let_expire as number) ?? 0, whois_privacy: 'disabled', descr: '', affiliate_id: '',
      rgp_status: (f.rgp_status as string | null) ?? null, redemption_ends_at: (f.redemption_ends_at as string | null) ?? null,
      purge_at: (f.purge_at as string | null) ?? null, launch_phase: null, cr_reseller_id: resellerId, up_reseller_id: null,
      launch_application_id: null, registry_pending_until: null, pending_order_id: null,
    }).returning('id').executeTakeFirstOrThrow()).id;
  };
  const K = 7;
  const transferDomains: number[] = [];
  for (let i = 0; i < K; i++) {
    const m = i * 60_000; // distinct times, and a few equal ones below (ties are ordered by id)
    await domain('renewonce', rich, { auto_renew: 1, expires_at: iso(T - DAY - m) });
    await domain('renewthrice', rich, { auto_renew: 1, expires_at: iso(T - 2 * 365 * DAY - 200 * DAY - m) });
    await domain('shortfunds', poor, { auto_renew: 1, expires_at: iso(T - 40 * DAY - m) });
    await domain('lapse', rich, { expires_at: iso(T - 70 * DAY - (i % 2) * 60_000) });
    await domain('grace', rich, { expires_at: iso(T - 20 * DAY - m) });
    await domain('letexpire', rich, { auto_renew: 1, let_expire: 1, expires_at: iso(T - 35 * DAY - m) });
    await domain('nolreport', rich, { expires_at: iso(T + 300 * DAY), rgp_status: 'pendingRestore', redemption_ends_at: iso(T - DAY - m), purge_at: iso(T - 2 * DAY) });
    await domain('purgeonly', rich, { expires_at: iso(T - 65 * DAY), rgp_status: 'pendingDelete', redemption_ends_at: iso(T - 5 * DAY), purge_at: iso(T - 3_600_000 - m) });
    await domain('remote', rich, { auto_renew: 1, expires_at: iso(T - DAY - m) }, 'net');
    await domain('gone', rich, { expires_at: iso(T - 400 * DAY), deleted_at: iso(T - 300 * DAY) });
    transferDomains.push(await domain('future', rich, { auto_renew: 1, expires_at: iso(T + 10 * DAY + m) }));
  }
  const S = stale ? 2 : 0;
  for (let i = 0; i < S; i++) await domain('stale', rich, { auto_renew: 1, expires_at: iso(T - 12 * 365 * DAY - 3 * DAY - i) });
  for (const domainId of transferDomains.slice(0, 5)) {
    const name = (await core.db.selectFrom('domains').select('name').where('id', '=', domainId).executeTakeFirstOrThrow()).name;
    await core.db.insertInto('transfers').values({
      domain_id: domainId, domain_name: name, gaining_reseller_id: gainer, losing_reseller_id: rich, status: 'pending',
      requested_at: iso(T - 6 * DAY), action_deadline: iso(T - DAY - domainId), acted_at: null, period: 1, amount_minor: 1099, currency: 'USD',
      order_id: null, expires_at_after: null,
    }).execute();
  }
  return {
    richId: rich, profileId: profiles.get(rich)!,
    expected: {
      transfersApproved: 5,
      // once, three times, and the ten a pass allows for each stale domain
      autoRenewed: K * 1 + K * 3 + S * 10,
      // short funds, lapse, let-expire, and the stale ones still expired after ten renewals
      expired: K + K + K + S,
      restoresLapsed: K,
      // lapse and the lapsed restores (their redemption had ended) and stale
      pendingDelete: K + K + S,
      // lapse, purgeonly, stale
      purged: K + K + S,
    },
  };
}

const counts = (r: LifecycleReport) => ({ transfersApproved: r.transfersApproved, autoRenewed: r.autoRenewed, expired: r.expired, restoresLapsed: r.restoresLapsed, pendingDelete: r.pendingDelete, purged: r.purged });
const ZERO = { transfersApproved: 0, autoRenewed: 0, expired: 0, restoresLapsed: 0, pendingDelete: 0, purged: 0 };
function sum(reports: LifecycleReport[]) {
  const s = { ...ZERO };
  for (const r of reports) for (const k of Object.keys(s) as Array<keyof typeof s>) s[k] += r[k];
  return s;
}

/** Everything a pass writes, by name (ids and the order of rows written by concurrent passes left out). */
async function snapshot(db: Kysely<Database>) {
  const domains = await db.selectFrom('domains').select(['name', 'reseller_id', 'expires_at', 'rgp_status', 'redemption_ends_at', 'purge_at', 'deleted_at']).orderBy('name').execute();
  const history = (await db.selectFrom('history').leftJoin('domains', 'domains.id', 'history.domain_id')
    .select(['domains.name', 'history.action', 'history.at', 'history.detail']).where('history.object_type', '=', 'domain').execute())
    .map((h) => `${h.name} ${h.action} ${h.at} ${h.action === 'auto_renew' ? JSON.parse(h.detail).to : ''}`).sort();
  const polls = (await db.selectFrom('poll_messages').select(['reseller_id', 'kind', 'message', 'created_at']).execute())
    .map((p) => `${p.reseller_id} ${p.kind} ${p.created_at} ${p.message}`).sort();
  const orders = (await db.selectFrom('orders').select(['domain_name', 'kind', 'amount_minor', 'created_at']).execute())
    .map((o) => `${o.domain_name} ${o.kind} ${o.amount_minor} ${o.created_at}`).sort();
  const ledger = (await db.selectFrom('ledger_entries').select(['reseller_id', 'amount_minor', 'description']).execute())
    .map((l) => `${l.reseller_id} ${l.amount_minor} ${l.description}`).sort();
  const balances = await db.selectFrom('resellers').select(['username', 'balance_minor']).orderBy('username').execute();
  const transfers = await db.selectFrom('transfers').select(['domain_name', 'status', 'acted_at']).orderBy('domain_name').execute();
  return { domains, history, polls, orders, ledger, balances, transfers };
}

async function sqliteFixture(options: { stale?: boolean } = {}): Promise<{ core: TestCore; fx: Fixture }> {
  const core = await makeTestCore();
  cores.push(core);
  withRemoteNet(core);
  return { core, fx: await buildFixture(core, options) };
}

/** No event is recorded twice, and the passes' reports add up to the events recorded. */
async function eachEventOnce(db: Kysely<Database>, reports: LifecycleReport[]): Promise<void> {
  const history = await db.selectFrom('history').select(['domain_id', 'action', 'at']).where('object_type', '=', 'domain')
    .where('action', 'in', ['auto_renew', 'expire', 'restore_lapsed', 'pending_delete', 'purge', 'transfer_approved', 'transfer']).execute();
  const keys = history.map((h) => `${h.domain_id} ${h.action} ${h.at}`);
  assert.equal(new Set(keys).size, keys.length, 'an event recorded twice');
  const total = sum(reports);
  const n = (action: string) => history.filter((h) => h.action === action).length;
  assert.deepEqual([n('auto_renew'), n('expire'), n('restore_lapsed'), n('pending_delete'), n('purge')],
    [total.autoRenewed, total.expired, total.restoresLapsed, total.pendingDelete, total.purged]);
}

/** A single pass's outcome on the fixture without the stale domains: what any number of concurrent passes must reach. */
let concurrentReference: Awaited<ReturnType<typeof snapshot>> | undefined;
async function withoutStaleReference(): Promise<Awaited<ReturnType<typeof snapshot>>> {
  if (!concurrentReference) {
    const { core, fx } = await sqliteFixture({ stale: false });
    assert.deepEqual(counts(await runLifecycle(core)), fx.expected);
    concurrentReference = await snapshot(core.db);
  }
  return concurrentReference;
}

// ---- one pass, batches smaller than the due set -----------------------------------------------------------------

let reference: Awaited<ReturnType<typeof snapshot>> | undefined;

async function onePass(options: LifecycleOptions): Promise<Awaited<ReturnType<typeof snapshot>>> {
  const { core, fx } = await sqliteFixture();
  const report = await runLifecycle(core, options);
  assert.deepEqual(counts(report), fx.expected, `one pass with ${JSON.stringify(options)}`);
  const snap = await snapshot(core.db);
  // A second pass at the same time finds nothing left to do and changes nothing.
  assert.deepEqual(counts(await runLifecycle(core, options)), ZERO);
  assert.deepEqual(await snapshot(core.db), snap);
  return snap;
}

test('one pass with the default batches carries every due domain through every stage that came due', async () => {
  reference = await onePass({});
  const byName = new Map(reference.domains.map((d) => [d.name.replace(/\d+\./, '.'), d]));
  const events = (name: string) => reference!.history.filter((h) => h.startsWith(`${name} `)).map((h) => h.split(' ')[1]);
  // The first domain of each kind (the lowest number in its name).
  const first = (kind: string) => reference!.domains.filter((d) => d.name.startsWith(kind))
    .sort((a, b) => Number(/\d+/.exec(a.name)![0]) - Number(/\d+/.exec(b.name)![0]))[0].name;
  assert.deepEqual(events(first('renewonce')), ['auto_renew']);
  assert.deepEqual(events(first('renewthrice')), ['auto_renew', 'auto_renew', 'auto_renew']);
  assert.deepEqual(events(first('shortfunds')), ['expire']);
  assert.deepEqual(events(first('lapse')).sort(), ['expire', 'pending_delete', 'purge']);
  assert.deepEqual(events(first('grace')), []);
  assert.deepEqual(events(first('letexpire')), ['expire']);
  assert.deepEqual(events(first('nolreport')).sort(), ['pending_delete', 'restore_lapsed']);
  assert.deepEqual(events(first('purgeonly')), ['purge']);
  assert.deepEqual(events(first('remote')), [], 'a remote registry renews on its own');
  assert.deepEqual(events(first('stale')).filter((e) => e === 'auto_renew').length, 10);
  assert.deepEqual(events(first('stale')).filter((e) => e !== 'auto_renew').sort(), ['expire', 'pending_delete', 'purge']);
  assert.ok(byName.size > 0);
  // Each event at its nominal time: the renewal at the expiry, the purge at purge_at.
  const once = reference.domains.find((d) => d.name === first('renewonce'))!;
  assert.equal(once.rgp_status, null);
  assert.ok(new Date(once.expires_at).getTime() > T);
  const thrice = reference.domains.find((d) => d.name === first('renewthrice'))!;
  assert.equal(thrice.expires_at, addYears(new Date(T - 2 * 365 * DAY - 200 * DAY), 3).toISOString());
  const purged = reference.domains.find((d) => d.name === first('purgeonly'))!;
  assert.equal(purged.deleted_at, iso(T - 3_600_000));
  assert.equal(reference.domains.find((d) => d.name === first('shortfunds'))!.rgp_status, 'redemptionPeriod');
  assert.equal(reference.domains.find((d) => d.name === first('nolreport'))!.rgp_status, 'pendingDelete');
  assert.ok(reference.transfers.filter((t) => t.status === 'serverApproved').length === 5);
});

test('batches of 3, and of one domain per transaction (sliceMs 0), give exactly the same outcome', async () => {
  assert.ok(reference, 'runs after the default-batch test');
  assert.deepEqual(await onePass({ batchSize: 3 }), reference);
  assert.deepEqual(await onePass({ batchSize: 1 }), reference);
  assert.deepEqual(await onePass({ batchSize: 4, sliceMs: 0 }), reference);
});

test('concurrent passes on SQLite never apply an event twice', async () => {
  const expected = await withoutStaleReference();
  const { core, fx } = await sqliteFixture({ stale: false });
  const reports = await Promise.all([
    runLifecycle(core, { batchSize: 2 }), runLifecycle(core, { batchSize: 3, sliceMs: 0 }), runLifecycle(core, { batchSize: 5 }), runLifecycle(core),
  ]);
  assert.deepEqual(sum(reports), fx.expected);
  await eachEventOnce(core.db, reports);
  assert.deepEqual(await snapshot(core.db), expected);
});

test('with the stale domains too, concurrent passes record each event once', async () => {
  const { core } = await sqliteFixture();
  const reports = await Promise.all([runLifecycle(core, { batchSize: 2 }), runLifecycle(core, { batchSize: 3, sliceMs: 0 }), runLifecycle(core)]);
  await eachEventOnce(core.db, reports);
});

test('a pass stopped between batches (server shutdown) leaves the rest to the next pass, each event once', async () => {
  assert.ok(reference);
  const { core, fx } = await sqliteFixture();
  const stop = new AbortController();
  stop.abort();
  assert.deepEqual(counts(await runLifecycle(core, { signal: stop.signal })), ZERO);
  const midway = new AbortController();
  const partial = runLifecycle(core, { batchSize: 2, signal: midway.signal });
  setImmediate(() => midway.abort());
  const first = await partial;
  const rest = await runLifecycle(core, { batchSize: 2 });
  assert.ok(sum([first]).autoRenewed + sum([first]).transfersApproved < fx.expected.autoRenewed + fx.expected.transfersApproved, 'stopped early');
  assert.deepEqual(sum([first, rest]), fx.expected);
  assert.deepEqual(await snapshot(core.db), reference);
});

// ---- query plans ----------------------------------------------------------------------------------------------

/** Records every query a core runs, compiled, so its plan can be asked for. */
function recording(core: Core): { core: Core; queries: CompiledQuery[] } {
  const nodes: RootOperationNode[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => { nodes.push(args.node); return args.node; },
    transformResult: async (args) => args.result,
  };
  const db = core.db.withPlugin(plugin);
  const queries: CompiledQuery[] = [];
  const out = { core: { ...core, db }, queries };
  Object.defineProperty(out, 'queries', { get: () => nodes.map((n) => core.db.getExecutor().compileQuery(n, { queryId: 'plan' } as never)) });
  return out;
}

async function sqlitePlan(db: Kysely<Database>, q: CompiledQuery): Promise<string> {
  const r = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${q.sql}`, [...q.parameters]));
  return r.rows.map((row) => row.detail).join(' | ');
}

test('SQLite: every due-row query searches its own index; list queries page through theirs', async () => {
  const { core, fx } = await sqliteFixture();
  const q = dueQueries(core, new Date(T));
  const after = { at: iso(T - 10 * DAY), id: 3 };
  const lifecycle: Array<[string, CompiledQuery]> = [
    ['domains_autorenew_due', q.autoRenew(undefined, 100).compile()],
    ['domains_autorenew_due', q.autoRenew(after, 100).compile()],
    ['domains_expiry_due', q.expire(after, 100).compile()],
    ['domains_rgp_redemption', q.redemptionEnds('pendingRestore', after, 100).compile()],
    ['domains_rgp_redemption', q.redemptionEnds('redemptionPeriod', after, 100).compile()],
    ['domains_rgp_purge', q.purge(after, 100).compile()],
  ];
  for (const [index, compiled] of lifecycle) {
    const plan = await sqlitePlan(core.db, compiled);
    assert.match(plan, new RegExp(`^SEARCH domains USING INDEX ${index} \\(`), `${compiled.sql}\n${plan}`);
    assert.doesNotMatch(plan, /TEMP B-TREE/, plan);
  }
  const rec = recording(core);
  await runLifecycle(rec.core); // the transfer query (and everything else a pass reads)
  const transferPlans = await Promise.all(rec.queries.filter((c) => /from "transfers" where "status" = \?/.test(c.sql)).map((c) => sqlitePlan(core.db, c)));
  assert.ok(transferPlans.length > 0);
  for (const plan of transferPlans) assert.match(plan, /^SEARCH transfers USING (COVERING )?INDEX transfers_pending_due/, plan);

  const lists = recording(core);
  await listProfileDomains(lists.core, { profileId: fx.profileId, page: 1, limit: 2 });
  await listProfileDomains(lists.core, { profileId: fx.profileId, page: 0, limit: 2, minToExpiryDays: -100, maxToExpiryDays: 100 });
  await listDomainsByExpiry(lists.core, { resellerId: fx.richId, from: iso(T - 100 * DAY), to: iso(T + 100 * DAY), page: 1, limit: 2 });
  await listDeletedDomains(lists.core, { resellerId: fx.richId, page: 0, limit: 2 });
  const plans = await Promise.all(lists.queries.filter((c) => /from "domains"/.test(c.sql)).map(async (c) => [c.sql, await sqlitePlan(core.db, c)] as const));
  const expect = (pattern: RegExp, index: string) => {
    const matching = plans.filter(([s]) => pattern.test(s));
    assert.ok(matching.length > 0, `a query like ${pattern}`);
    for (const [s, plan] of matching) assert.match(plan, new RegExp(`SEARCH domains USING (COVERING )?INDEX ${index} `), `${s}\n${plan}`);
  };
  expect(/^select count\(\*\) as "n" from "domains" where "profile_id"/, 'domains_profile_names');
  expect(/^select \* from "domains" where "id" in \(select "id" from "domains" where "profile_id"/, 'domains_profile_names');
  expect(/^select count\(\*\) as "n" from "domains" where "reseller_id" = \? and "deleted_at" is null and "rgp_status" is null/, 'domains_reseller_expiry_live');
  expect(/^select "name", "expires_at", "auto_renew", "let_expire" from "domains"/, 'domains_reseller_expiry_live');
  expect(/^select "id", "name", "deleted_at"/, 'domains_reseller_gone');
  for (const [s, plan] of plans) assert.doesNotMatch(plan, /(^|\| )SCAN domains/, `${s}\n${plan}`);
});

// ---- PostgreSQL: real parallel passes, and the partial indexes match its queries too ------------------------------

let ts: TestSchema | undefined;
after(async () => { await ts?.drop(); });

test('PostgreSQL: concurrent passes never apply an event twice; the due-row queries can use the 008 indexes', async () => {
  const expected = await withoutStaleReference();
  ts = await createTestSchema('regd_lcb');
  const clock = new ManualClock(START);
  const core = withRemoteNet({ db: await openPostgresStore(ts.url), clock, registry: new SandboxRegistry(undefined, clock), mode: 'sandbox', secrets: new SecretBox([newSecretKey()]) });
  try {
    await seedPriceList(core);
    const fx = await buildFixture(core, { stale: false });
    const q = dueQueries(core, new Date(T));
    const after = { at: iso(T - 10 * DAY), id: 3 };
    for (const [index, compiled] of [
      ['domains_autorenew_due', q.autoRenew(after, 100).compile()], ['domains_expiry_due', q.expire(after, 100).compile()],
      ['domains_rgp_redemption', q.redemptionEnds('pendingRestore', after, 100).compile()], ['domains_rgp_purge', q.purge(after, 100).compile()],
    ] as const) {
      // A table this small is read sequentially when allowed to; forbidding it shows whether the index applies at all.
      const plan = await core.db.connection().execute(async (conn) => {
        await conn.executeQuery(CompiledQuery.raw('SET enable_seqscan = off'));
        try {
          const r = await conn.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${compiled.sql}`, [...compiled.parameters]));
          return r.rows.map((row) => row['QUERY PLAN']).join('\n');
        } finally {
          await conn.executeQuery(CompiledQuery.raw('RESET enable_seqscan'));
        }
      });
      assert.doesNotMatch(plan, /Seq Scan/, plan);
      assert.match(plan, /domains_(autorenew_due|expiry_due|rgp_redemption|rgp_purge)/, plan);
      void index;
    }
    const reports = await Promise.all([
      runLifecycle(core, { batchSize: 2 }), runLifecycle(core, { batchSize: 3, sliceMs: 0 }), runLifecycle(core, { batchSize: 5 }), runLifecycle(core),
    ]);
    assert.deepEqual(sum(reports), fx.expected);
    await eachEventOnce(core.db, reports);
    assert.deepEqual(await snapshot(core.db), expected);
    assert.deepEqual(counts(await runLifecycle(core)), ZERO);
  } finally {
    await core.db.destroy();
  }
});
