// The password-guessing throttle: one rule for every door that checks a password (EPP login over TLS and HTTPS,
// XCP SET/UPDATE COOKIE over HTTPS and TCP, and the JSON API and web UI to come). Failed password checks are
// counted per source address (the connection's own address, never a client-supplied one) and per account; past a
// limit the address or account is locked for a time that doubles with every further failure. While locked, a login
// is refused without checking the password. The counters live in the store (table login_throttle), so a lock
// survives a restart and holds for every server process on the same store. Time is core.clock, so the sandbox
// clock (`regd sandbox clock advance`) moves locks too.
//
// Policy (README "Hardening"): 5 failures for one account, or 20 from one address, within 15 minutes lock it for
// 1 minute; each further failure after a lock doubles the lock (2, 4, 8 ... minutes, at most 1 hour). A series is
// forgotten 15 minutes after its first failure, or 15 minutes after its last lock ended. A successful login clears
// the account's series (not the address's: one good account must not launder an address's guesses). Unknown
// accounts count like known ones, so a lock says nothing about which accounts exist.
import crypto from 'node:crypto';
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { isPostgres } from '../../store/dialectOf.ts';
import { canonicalAddress } from './sourceAddressAllowed.ts';

export interface ThrottlePolicy {
  windowMs: number;
  accountLimit: number;
  addressLimit: number;
  firstLockMs: number;
  maxLockMs: number;
}

export const LOGIN_THROTTLE: ThrottlePolicy = {
  windowMs: 15 * 60_000,
  accountLimit: 5,
  addressLimit: 20,
  firstLockMs: 60_000,
  maxLockMs: 3_600_000,
};

export type ThrottleKind = 'address' | 'account';

/** A series of failures, times in epoch milliseconds. */
export interface ThrottleState { windowStart: number; failures: number; lockedUntil: number | null }

// ---- The arithmetic (pure) ----

/** The state as it stands at `now`: a series past its window (counted from its last lock's end, if any) is gone. */
export function currentState(s: ThrottleState | undefined, now: number, policy: ThrottlePolicy = LOGIN_THROTTLE): ThrottleState | undefined {
  if (!s) return undefined;
  return now >= (s.lockedUntil ?? s.windowStart) + policy.windowMs ? undefined : s;
}

/** How long the failure numbered `failures` locks for: none below the limit, then 1 min doubling, capped. */
export function lockDurationMs(failures: number, limit: number, policy: ThrottlePolicy = LOGIN_THROTTLE): number {
  if (failures < limit) return 0;
  const doublings = Math.min(failures - limit, 30);
  return Math.min(policy.firstLockMs * 2 ** doublings, policy.maxLockMs);
}

/** The state after one more failure at `now`. */
export function afterFailure(s: ThrottleState | undefined, now: number, limit: number, policy: ThrottlePolicy = LOGIN_THROTTLE): ThrottleState {
  const cur = currentState(s, now, policy) ?? { windowStart: now, failures: 0, lockedUntil: null };
  const failures = cur.failures + 1;
  const lock = lockDurationMs(failures, limit, policy);
  return { windowStart: cur.windowStart, failures, lockedUntil: lock > 0 ? now + lock : cur.lockedUntil };
}

/** Whole seconds until the lock ends (0: not locked). */
export function retryAfterSeconds(s: ThrottleState | undefined, now: number): number {
  if (!s || s.lockedUntil === null || s.lockedUntil <= now) return 0;
  return Math.ceil((s.lockedUntil - now) / 1000);
}

export function limitFor(kind: ThrottleKind, policy: ThrottlePolicy = LOGIN_THROTTLE): number {
  return kind === 'address' ? policy.addressLimit : policy.accountLimit;
}

// ---- Keys ----

/** Who is trying: the connection's source address and the account named (its kind of account in the key). */
export interface LoginAttempt { address: string; account: string }

function boundedKey(key: string): string {
  // Client input can be long; keep the key short and exact.
  return key.length > 128 ? `sha256:${crypto.createHash('sha256').update(key).digest('hex')}` : key;
}

export function resellerLoginAttempt(remoteAddress: string, clID: string): LoginAttempt {
  return { address: canonicalAddress(remoteAddress) || 'unknown', account: boundedKey(`reseller:${clID.trim().toLowerCase()}`) };
}

export function profileLoginAttempt(remoteAddress: string, resellerId: number, regUsername: string): LoginAttempt {
  return { address: canonicalAddress(remoteAddress) || 'unknown', account: boundedKey(`profile:${resellerId}:${regUsername}`) };
}

// ---- The store ----

export class LoginLockedError extends CoreError {
  constructor(readonly scope: ThrottleKind, readonly retryAfterSeconds: number) {
    super('auth_failed', scope === 'address'
      ? `Too many failed logins from this address: locked, try again in ${retryAfterSeconds} seconds`
      : `Too many failed logins for this account: locked, try again in ${retryAfterSeconds} seconds`);
    this.name = 'LoginLockedError';
  }
}

interface Row { kind: string; key: string; window_start: string; failures: number; locked_until: string | null }

const toState = (r: Row): ThrottleState => ({
  windowStart: Date.parse(r.window_start), failures: Number(r.failures), lockedUntil: r.locked_until === null ? null : Date.parse(r.locked_until),
});

const subjects = (a: LoginAttempt): Array<[ThrottleKind, string]> => [['address', a.address], ['account', a.account]];

/** The lock that refuses this attempt now, the address's first (it is the wider one), or undefined. */
export async function loginLock(core: Core, attempt: LoginAttempt): Promise<LoginLockedError | undefined> {
  const rows = await core.db.selectFrom('login_throttle').selectAll()
    .where((eb) => eb.or(subjects(attempt).map(([kind, key]) => eb.and([eb('kind', '=', kind), eb('key', '=', key)]))))
    .execute();
  if (rows.length === 0) return undefined;
  const now = (await core.clock.now()).getTime();
  for (const kind of ['address', 'account'] as const) {
    const row = rows.find((r) => r.kind === kind);
    const wait = row ? retryAfterSeconds(toState(row), now) : 0;
    if (wait > 0) return new LoginLockedError(kind, wait);
  }
  return undefined;
}

/** Throws LoginLockedError while the attempt's address or account is locked. */
export async function assertLoginAllowed(core: Core, attempt: LoginAttempt): Promise<void> {
  const lock = await loginLock(core, attempt);
  if (lock) throw lock;
}

/** Counts one failed password check against the address and the account. */
export async function recordLoginFailure(core: Core, attempt: LoginAttempt): Promise<void> {
  const now = await core.clock.now();
  const pg = isPostgres(core.db);
  await core.db.transaction().execute(async (trx) => {
    for (const [kind, key] of subjects(attempt)) {
      // Make the row exist, then read it locked (PostgreSQL; SQLite transactions are already exclusive) and update.
      await trx.insertInto('login_throttle').values({ kind, key, window_start: now.toISOString(), failures: 0, locked_until: null })
        .onConflict((oc) => oc.columns(['kind', 'key']).doNothing()).execute();
      let q = trx.selectFrom('login_throttle').selectAll().where('kind', '=', kind).where('key', '=', key);
      if (pg) q = q.forUpdate();
      const row = await q.executeTakeFirstOrThrow();
      const prev = Number(row.failures) === 0 ? undefined : toState(row);
      const next = afterFailure(prev, now.getTime(), limitFor(kind));
      await trx.updateTable('login_throttle').set({
        window_start: new Date(next.windowStart).toISOString(), failures: next.failures,
        locked_until: next.lockedUntil === null ? null : new Date(next.lockedUntil).toISOString(),
      }).where('kind', '=', kind).where('key', '=', key).execute();
    }
  });
  // Forget finished series now and then, so guesses at made-up accounts do not pile up rows.
  if (Math.random() < 0.05) await forgetFinishedSeries(core, now.getTime());
}

/** Deletes the rows whose series is over (currentState would drop them). */
export async function forgetFinishedSeries(core: Core, now: number, policy: ThrottlePolicy = LOGIN_THROTTLE): Promise<void> {
  const cutoff = new Date(now - policy.windowMs).toISOString();
  await core.db.deleteFrom('login_throttle')
    .where((eb) => eb.or([
      eb.and([eb('locked_until', 'is', null), eb('window_start', '<=', cutoff)]),
      eb('locked_until', '<=', cutoff),
    ])).execute();
}

/** A successful login clears the account's series; the address keeps its count. */
export async function recordLoginSuccess(core: Core, attempt: LoginAttempt): Promise<void> {
  await core.db.deleteFrom('login_throttle').where('kind', '=', 'account').where('key', '=', attempt.account).execute();
}

/**
 * The whole rule around one password check: refuses (LoginLockedError) while locked, without calling `check`;
 * otherwise runs it and counts a failure (undefined) or clears the account (a value).
 */
export async function throttledCheck<T>(core: Core, attempt: LoginAttempt, check: () => Promise<T | undefined>): Promise<T | undefined> {
  await assertLoginAllowed(core, attempt);
  const result = await check();
  if (result === undefined) await recordLoginFailure(core, attempt);
  else await recordLoginSuccess(core, attempt);
  return result;
}
