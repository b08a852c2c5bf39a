// The password-guessing throttle's rule (core/access/loginThrottle.ts): the arithmetic of windows and doubling
// locks, the store-backed counters on a ManualClock, and the equal hashing cost for unknown accounts.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  LOGIN_THROTTLE as P, afterFailure, currentState, forgetFinishedSeries, lockDurationMs, loginLock, recordLoginFailure,
  recordLoginSuccess, resellerLoginAttempt, retryAfterSeconds, type ThrottleState,
} from '../src/core/access/loginThrottle.ts';
import { eppHarness, type EppHarness } from './support/eppHarness.ts';
import { hashPassword, verifyPasswordOrDummy } from '../src/core/passwordHash.ts';
import { authenticateReseller, createReseller } from '../src/core/commands/resellers.ts';

const MIN = 60_000;

function failures(n: number, start: number, step: number, limit = P.accountLimit, s?: ThrottleState): ThrottleState {
  for (let i = 0; i < n; i++) s = afterFailure(s, start + i * step, limit);
  return s!;
}

describe('the arithmetic', () => {
  test('no lock below the limit; 1 minute at it, doubling per further failure, capped at 1 hour', () => {
    assert.equal(lockDurationMs(4, 5), 0);
    assert.equal(lockDurationMs(5, 5), MIN);
    assert.equal(lockDurationMs(6, 5), 2 * MIN);
    assert.equal(lockDurationMs(9, 5), 16 * MIN);
    assert.equal(lockDurationMs(11, 5), 60 * MIN);
    assert.equal(lockDurationMs(5000, 5), 60 * MIN);
    assert.equal(lockDurationMs(19, 20), 0);
    assert.equal(lockDurationMs(20, 20), MIN);
  });

  test('the fifth failure within 15 minutes locks for a minute; the retry hint counts down in whole seconds', () => {
    const s = failures(5, 0, 1000);
    assert.equal(s.failures, 5);
    assert.equal(s.lockedUntil, 4000 + MIN);
    assert.equal(retryAfterSeconds(s, 4000), 60);
    assert.equal(retryAfterSeconds(s, 4001), 60);
    assert.equal(retryAfterSeconds(s, 4000 + MIN - 1), 1);
    assert.equal(retryAfterSeconds(s, 4000 + MIN), 0);
  });

  test('failures spread over more than the window never lock', () => {
    let s: ThrottleState | undefined;
    for (let i = 0; i < 50; i++) {
      s = afterFailure(s, i * 4 * MIN, 5); // four per quarter hour, window from the first failure of a series
      assert.equal(s.lockedUntil, null, `failure ${i}`);
    }
  });

  test('a failure after a lock ends (within the window) doubles it; a quiet window after the lock forgets it all', () => {
    let s = failures(5, 0, 0);
    assert.equal(s.lockedUntil, MIN);
    s = afterFailure(s, MIN + 5 * MIN, 5);
    assert.equal(s.failures, 6);
    assert.equal(s.lockedUntil, 6 * MIN + 2 * MIN);
    s = afterFailure(s, 8 * MIN, 5);
    assert.equal(s.lockedUntil, 8 * MIN + 4 * MIN);
    // 15 minutes after the lock ended the series is over: a failure starts a new one.
    assert.equal(currentState(s, 12 * MIN + P.windowMs), undefined);
    const fresh = afterFailure(s, 12 * MIN + P.windowMs, 5);
    assert.deepEqual(fresh, { windowStart: 12 * MIN + P.windowMs, failures: 1, lockedUntil: null });
  });
});

describe('the store-backed rule', () => {
  let h: EppHarness;
  before(async () => { h = await eppHarness(); });
  after(async () => { await h.close(); });

  test('five failures lock the account from every address; the lock ends with its minute; success clears the count', async () => {
    const a = resellerLoginAttempt('::ffff:192.0.2.1', 'SomeOne');
    const elsewhere = resellerLoginAttempt('198.51.100.7', 'someone ');
    for (let i = 0; i < 4; i++) await recordLoginFailure(h.core, a);
    assert.equal(await loginLock(h.core, a), undefined);
    await recordLoginFailure(h.core, a);
    const lock = await loginLock(h.core, elsewhere);
    assert.equal(lock?.scope, 'account');
    assert.equal(lock?.retryAfterSeconds, 60);
    assert.equal(lock?.kind, 'auth_failed');
    h.clock.advance(MIN);
    assert.equal(await loginLock(h.core, a), undefined);
    await recordLoginSuccess(h.core, a);
    for (let i = 0; i < 4; i++) await recordLoginFailure(h.core, a);
    assert.equal(await loginLock(h.core, a), undefined, 'the success started the count afresh');
  });

  test('twenty failures from one address lock it for every account; the address key is the canonical address', async () => {
    h.clock.advance(60 * MIN);
    for (let i = 0; i < 20; i++) await recordLoginFailure(h.core, resellerLoginAttempt('::ffff:203.0.113.5', `made-up-${i}`));
    const lock = await loginLock(h.core, resellerLoginAttempt('203.0.113.5', 'anyone'));
    assert.equal(lock?.scope, 'address');
    assert.equal(await loginLock(h.core, resellerLoginAttempt('203.0.113.6', 'anyone')), undefined);
    h.clock.advance(60 * MIN);
    await forgetFinishedSeries(h.core, (await h.core.clock.now()).getTime());
    assert.equal((await h.core.db.selectFrom('login_throttle').selectAll().execute()).length, 0);
  });
});

describe('no timing oracle', () => {
  let h: EppHarness;
  before(async () => { h = await eppHarness(); });
  after(async () => { await h.close(); });

  const time = async (f: () => Promise<unknown>) => { const t0 = performance.now(); await f(); return performance.now() - t0; };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

  test('an unknown account is checked against a dummy hash: false, and as slow as a real check', async () => {
    const stored = await hashPassword('right-password');
    assert.equal(await verifyPasswordOrDummy('right-password', undefined), false);
    assert.equal(await verifyPasswordOrDummy('right-password', stored), true);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time(() => verifyPasswordOrDummy('wrong', stored)));
      unknown.push(await time(() => verifyPasswordOrDummy('wrong', undefined)));
    }
    assert.ok(median(unknown) * 2 >= median(known), `unknown ${median(unknown)} ms vs known ${median(known)} ms`);
  });

  test('authenticateReseller spends the hashing time on an unknown clID too', async () => {
    const { password } = await createReseller(h.core, { username: 'timed', fundsMinor: 0 });
    assert.ok(await authenticateReseller(h.core, 'timed', password));
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time(() => authenticateReseller(h.core, 'timed', 'wrong-pass')));
      unknown.push(await time(() => authenticateReseller(h.core, `nobody${i}`, 'wrong-pass')));
    }
    assert.ok(median(unknown) * 2 >= median(known), `unknown ${median(unknown)} ms vs known ${median(known)} ms`);
  });
});
