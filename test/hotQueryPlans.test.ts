// The hot queries stay index searches on a seeded store (issue 11: a million domains as fast as a thousand). Every
// statement that the code of a hot path runs is recorded at the SQLite driver, with its parameters, as the path runs
// it on a store filled by `regd sandbox seed` (src/app/seedStore.ts), and `EXPLAIN QUERY PLAN` of each must not read
// a table that grows with the domains from end to end (`SCAN domains`, also `SCAN ... USING INDEX`, which reads the
// whole index). So the test follows the code: a query changed there is the query planned here.
//
// The paths: a domain by name (every domain command), check and LOOKUP, the core reads of EPP domain:info, the XCP `get domain list` pages (offset, as XCP names them)
// and the reseller's and registrant's keyset listings (JSON API, web), GET_DOMAINS_BY_EXPIREDATE, the life-cycle pass
// with nothing due and with a batch of every event due (the due-row reads of test/lifecycleBatches.test.ts and every
// write of the events), the poll queue (next message, count, ack), the login throttle, API token and web session
// lookups, SET COOKIE and its lookup, and a reseller's login. The store has no statistics (regd never runs ANALYZE);
// the plans come from the indexes, so a small store gives the plans of a large one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, type SqliteDatabase as KyselySqliteDatabase, type SqliteStatement } from 'kysely';
import { ImmediateSqliteDialect } from '../src/store/immediateSqliteDialect.ts';
import { CachedStatements } from '../src/store/statementCache.ts';
import type { Database } from '../src/store/schema.ts';
import type { Core } from '../src/core/core.ts';
import { ManualClock } from '../src/core/clock.ts';
import { SandboxRegistry } from '../src/registry/sandbox/sandboxRegistry.ts';
import { secretBoxFor } from '../src/core/secrets/secretBox.ts';
import { seedStore, type SeedReport } from '../src/app/seedStore.ts';
import { findLiveDomain } from '../src/core/commands/findDomain.ts';
import { checkAvailability } from '../src/core/commands/checkAvailability.ts';
import { readDomainObject } from '../src/core/commands/domainObjectView.ts';
import { domainAllows } from '../src/core/domainGuard.ts';
import { RENEW_BLOCKED_BY } from '../src/core/commands/renewDomain.ts';
import { renewGraceStatuses } from '../src/core/rgpPeriods.ts';
import { listProfileDomains } from '../src/core/commands/listProfileDomains.ts';
import { listResellerDomains } from '../src/core/commands/listResellerDomains.ts';
import { listDomainsByExpiry } from '../src/core/commands/domainQueries.ts';
import { runLifecycle } from '../src/core/lifecycle.ts';
import { ackPoll, peekPoll } from '../src/core/commands/pollQueue.ts';
import { loginLock, recordLoginFailure, recordLoginSuccess, resellerLoginAttempt, throttledCheck } from '../src/core/access/loginThrottle.ts';
import { authenticateApiToken, createApiToken } from '../src/protocols/api/apiTokens.ts';
import { createSession, findSession } from '../src/core/access/sessions.ts';
import { authenticateReseller, findResellerByUsername } from '../src/core/commands/resellers.ts';
import { resolveCookie, setCookie } from '../src/core/commands/cookies.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-01-01T00:00:00.000Z');
/** Tables whose size follows the number of domains (or of logins and sessions): never read end to end. */
const BIG = ['domains', 'history', 'orders', 'ledger_entries', 'poll_messages', 'domain_contacts', 'domain_nameservers', 'contacts', 'profiles',
  'transfers', 'cookies', 'login_throttle', 'web_sessions', 'api_tokens', 'hosts', 'outbox', 'notes', 'trades'];
const FULL_SCAN = new RegExp(`(^|\\| )SCAN (${BIG.join('|')})\\b`);

interface Statement { sql: string; params: unknown[] }

/** A SQLite connection for Kysely that records every statement it runs, with its parameters. */
class RecordingDatabase implements KyselySqliteDatabase {
  readonly log: Statement[] = [];
  constructor(private readonly inner: KyselySqliteDatabase) {}
  prepare(sql: string): SqliteStatement {
    const st = this.inner.prepare(sql);
    const note = (params: ReadonlyArray<unknown>) => { this.log.push({ sql, params: [...params] }); };
    return {
      reader: st.reader,
      all: (params) => { note(params); return st.all(params); },
      run: (params) => { note(params); return st.run(params); },
      iterate: (params) => { note(params); return st.iterate(params); },
    };
  }
  close(): void { this.inner.close(); }
}

let dir: string;
let seeded: SeedReport;
let recorder: RecordingDatabase;
let core: Core & { clock: ManualClock };
let explainDb: SqliteDatabase.Database;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-plans-'));
  seeded = await seedStore({ domains: 3000, resellers: 4, seed: 3, now: NOW, dataDir: dir });
  const sqlite = new SqliteDatabase(path.join(dir, 'regd.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  recorder = new RecordingDatabase(new CachedStatements(sqlite));
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: recorder }) });
  const clock = new ManualClock(NOW);
  core = { db, clock, registry: new SandboxRegistry(undefined, clock), mode: 'sandbox', secrets: await secretBoxFor(dir) };
  explainDb = new SqliteDatabase(path.join(dir, 'regd.sqlite'), { readonly: true });
});

after(async () => {
  explainDb?.close();
  await core?.db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Planned { sql: string; plan: string }

/** Runs `fn`, and answers the plan of every statement it ran (transaction control left out), each shape once. */
async function plansOf(fn: () => Promise<unknown>): Promise<Planned[]> {
  recorder.log.length = 0;
  await fn();
  const seen = new Set<string>();
  const out: Planned[] = [];
  for (const s of recorder.log.splice(0)) {
    if (/^\s*(begin|commit|rollback|savepoint|release)\b/i.test(s.sql) || seen.has(s.sql)) continue;
    seen.add(s.sql);
    const rows = explainDb.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...(s.params as unknown[])) as Array<{ detail: string }>;
    out.push({ sql: s.sql, plan: rows.map((r) => r.detail).join(' | ') });
  }
  return out;
}

function noFullScans(label: string, plans: Planned[]): void {
  assert.ok(plans.length > 0, `${label}: ran no statement`);
  for (const p of plans) assert.doesNotMatch(p.plan, FULL_SCAN, `${label}: ${p.sql}\n  ${p.plan}`);
}

/** The one statement of `plans` whose SQL matches, searched through `index`. */
function uses(label: string, plans: Planned[], sqlPattern: RegExp, planPattern: RegExp): void {
  const matching = plans.filter((p) => sqlPattern.test(p.sql));
  assert.ok(matching.length > 0, `${label}: no statement like ${sqlPattern}\n${plans.map((p) => p.sql).join('\n')}`);
  for (const p of matching) assert.match(p.plan, planPattern, `${label}: ${p.sql}\n  ${p.plan}`);
}

const all: Array<[string, Planned[]]> = [];
async function check(label: string, fn: () => Promise<unknown>): Promise<Planned[]> {
  const plans = await plansOf(fn);
  all.push([label, plans]);
  if (process.env.REGD_SHOW_PLANS) for (const p of plans) console.log(`${label}\n  ${p.sql}\n  -> ${p.plan}`);
  noFullScans(label, plans);
  return plans;
}

const big = () => seeded.resellers[0];

test('a domain by name: the live-name index', async () => {
  const name = (await core.db.selectFrom('domains').select('name').where('deleted_at', 'is', null).orderBy('id').limit(1).executeTakeFirstOrThrow()).name;
  const plans = await check('findLiveDomain', async () => assert.ok(await findLiveDomain(core, name)));
  uses('findLiveDomain', plans, /from "domains" where "name" = \?/, /^SEARCH domains USING INDEX domains_live_name \(name=\?\)$/);
});

test('check and LOOKUP, and the core reads of EPP domain:info', async () => {
  const taken = (await core.db.selectFrom('domains').select('name').where('deleted_at', 'is', null).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).name;
  const plans = await check('check / LOOKUP', async () => {
    assert.equal((await checkAvailability(core, taken)).available, false);
    assert.equal((await checkAvailability(core, 'surely-free-4711.com')).available, true);
  });
  uses('check / LOOKUP', plans, /from "domains" where "name" = \?/, /^SEARCH domains USING (COVERING )?INDEX domains_live_name \(name=\?\)/);
  await check('domain:info', async () => {
    const d = (await findLiveDomain(core, taken))!;
    assert.ok(await readDomainObject(core, d));
    await domainAllows(core.db, d, RENEW_BLOCKED_BY, { pendingTransfer: false });
    await renewGraceStatuses(core.db, d, NOW);
  });
});

test('XCP get domain list (offset pages) and the keyset listings of a reseller and a registrant', async () => {
  const profileId = seeded.info.bigProfileId;
  await check('get domain list, page 0', () => listProfileDomains(core, { profileId, page: 0, limit: 40 }));
  const deep = await check('get domain list, page 20, expiring in 0-400 days', () => listProfileDomains(core, { profileId, page: 20, limit: 40, minToExpiryDays: 0, maxToExpiryDays: 400 }));
  uses('get domain list', deep, /^select count\(\*\)/, /SEARCH domains USING COVERING INDEX domains_profile_names \(profile_id=\?\)/);

  const first = await listResellerDomains(core, { resellerId: big().id, limit: 40 });
  assert.equal(first.items.length, 40);
  const after = first.items[39].name;
  const reseller = await check('reseller listing, keyset page', () => listResellerDomains(core, { resellerId: big().id, after, limit: 40 }));
  const registrant = await check('registrant listing, keyset page', () => listResellerDomains(core, { resellerId: big().id, profileId, after, limit: 40 }));
  await check('reseller listing, keyset page, one status', () => listResellerDomains(core, { resellerId: big().id, after, status: 'active', limit: 40 }));
  for (const [label, plans] of [['reseller listing', reseller], ['registrant listing', registrant]] as const) {
    // The page is one range of an index in name order: no sort of the reseller's (or profile's) domains.
    uses(label, plans, /from "domains" where "domains"\."reseller_id" = \?/, /^SEARCH domains USING (COVERING )?INDEX \w+ \((reseller_id|profile_id)=\? AND name>\?\)/);
    for (const p of plans) assert.doesNotMatch(p.plan, /TEMP B-TREE/, `${label}: ${p.sql}\n  ${p.plan}`);
  }
});

test('GET_DOMAINS_BY_EXPIREDATE: count and page from the covering expiry index', async () => {
  const plans = await check('GET_DOMAINS_BY_EXPIREDATE', () => listDomainsByExpiry(core, {
    resellerId: big().id, from: NOW.toISOString(), to: new Date(NOW.getTime() + 365 * DAY).toISOString(), page: 3, limit: 40,
  }));
  uses('GET_DOMAINS_BY_EXPIREDATE', plans, /from "domains"/, /^SEARCH domains USING COVERING INDEX domains_reseller_expiry_live \(reseller_id=\? AND expires_at>\? AND expires_at<\?\)$/);
});

test('the poll queue: next message, count and ack through the queue index', async () => {
  const poller = await core.db.selectFrom('poll_messages').select('reseller_id').where('acked_at', 'is', null).orderBy('id').limit(1).executeTakeFirstOrThrow();
  let next: Awaited<ReturnType<typeof peekPoll>> | undefined;
  const plans = await check('poll request and ack', async () => {
    next = await peekPoll(core, poller.reseller_id);
    await ackPoll(core, poller.reseller_id, next.message!.id);
  });
  assert.ok(next!.count > 0);
  uses('poll', plans, /^select .* from "poll_messages" where "reseller_id" = \? and "acked_at" is null/, /^SEARCH poll_messages USING (COVERING )?INDEX poll_messages_queue \(reseller_id=\? AND acked_at=\?\)/);
});

test('logins: the throttle, a reseller\'s password, API tokens, web sessions, SET COOKIE and its lookup', async () => {
  const r = big();
  const attempt = resellerLoginAttempt('192.0.2.7', r.username);
  await check('login throttle: a failure, the lock check, a success', async () => {
    await recordLoginFailure(core, attempt);
    assert.equal(await loginLock(core, attempt), undefined);
    await recordLoginSuccess(core, attempt);
  });
  await check('reseller login (EPP, web) under the throttle', async () => {
    assert.ok(await throttledCheck(core, attempt, () => authenticateReseller(core, r.username, r.password)));
  });
  await check('XCP: the reseller of a signed request', async () => assert.ok(await findResellerByUsername(core, r.username)));

  const { token } = await createApiToken(core, r.username, 'plans');
  const tokenPlans = await check('JSON API token', async () => assert.equal((await authenticateApiToken(core, token))?.id, r.id));
  uses('JSON API token', tokenPlans, /from "api_tokens" where "token_sha256" = \?/, /^SEARCH api_tokens USING INDEX sqlite_autoindex_api_tokens_\d \(token_sha256=\?\)$/);

  const { secret } = await createSession(core, { kind: 'reseller', resellerId: r.id, remoteAddress: '192.0.2.7' });
  const sessionPlans = await check('web session', async () => assert.ok(await findSession(core, secret, 'reseller')));
  uses('web session', sessionPlans, /from "web_sessions" where "secret_sha256" = \?/, /^SEARCH web_sessions USING INDEX sqlite_autoindex_web_sessions_\d \(secret_sha256=\?\)$/);

  const domain = await core.db.selectFrom('domains').innerJoin('profiles', 'profiles.id', 'domains.profile_id')
    .select(['domains.name', 'profiles.reg_username']).where('domains.reseller_id', '=', r.id).where('domains.profile_id', '!=', seeded.info.bigProfileId)
    .where('domains.deleted_at', 'is', null).orderBy('domains.id').limit(1).executeTakeFirstOrThrow();
  let cookie = '';
  await check('SET COOKIE', async () => {
    cookie = (await setCookie(core, { resellerId: r.id, regUsername: domain.reg_username, regPassword: seeded.registrantPassword, domain: domain.name, ip: '192.0.2.7', sourceAddress: '192.0.2.7' })).token;
  });
  await check('a cookie\'s lookup', () => resolveCookie(core, r.id, cookie));
});

test('the life-cycle pass: with nothing due, and with every kind of event due in small batches', async () => {
  const idle = await check('life-cycle pass, nothing due', () => runLifecycle(core));
  for (const p of idle.filter((q) => /from "domains"/.test(q.sql))) assert.match(p.plan, /^SEARCH domains USING INDEX domains_/, `${p.sql}\n  ${p.plan}`);
  // 70 days on: renewals, expiries into redemption, redemptions ended, restores lapsed, purges, transfers approved.
  core.clock.advance(70 * DAY);
  let report: Awaited<ReturnType<typeof runLifecycle>> | undefined;
  await check('life-cycle pass, events due', async () => { report = await runLifecycle(core, { batchSize: 7 }); });
  assert.ok(report!.autoRenewed > 7 && report!.expired > 7 && report!.pendingDelete > 0 && report!.purged > 0, JSON.stringify(report));
});
