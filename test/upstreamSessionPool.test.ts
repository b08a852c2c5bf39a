// The upstream session pool and circuit breaker with fake sessions: lazy opening up to the cap, reuse, shrinking on
// 2502, back-off and fail-fast with a half-open probe, replacing dropped sessions, keepalive, and closing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EppConnectionError, EppError, EppTimeoutError } from '../src/client/epp/errors.ts';
import { CircuitBreaker } from '../src/registry/epp/circuitBreaker.ts';
import { RegistryUnavailable } from '../src/registry/epp/outcomes.ts';
import { SessionPool } from '../src/registry/epp/sessionPool.ts';
import type { UpstreamSession } from '../src/registry/epp/upstreamSession.ts';

class FakeSession {
  static count = 0;
  readonly n = ++FakeSession.count;
  hellos = 0;
  loggedOut = false;
  closed = false;
  helloError: Error | undefined;
  async hello() { this.hellos++; if (this.helloError) throw this.helloError; return {}; }
  async logout() { this.loggedOut = true; }
  async close() { this.closed = true; }
}

const asSession = (s: FakeSession) => s as unknown as UpstreamSession;
const eppError = (code: number, message = 'no') => new EppError({ code, message, xml: '' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pool(opts: { size?: number; connect: () => Promise<FakeSession>; threshold?: number; cooldownMs?: number; keepaliveMs?: number; acquireTimeoutMs?: number }) {
  const log: string[] = [];
  const breaker = new CircuitBreaker(opts.threshold ?? 5, opts.cooldownMs ?? 1_000);
  const p = new SessionPool({
    name: 'fake', size: opts.size ?? 2, keepaliveMs: opts.keepaliveMs ?? 60_000, acquireTimeoutMs: opts.acquireTimeoutMs ?? 2_000,
    breaker, log: (l) => log.push(l), connect: async () => asSession(await opts.connect()),
  });
  return { p, log, breaker };
}

describe('SessionPool', () => {
  test('opens sessions lazily, never more than its size, and reuses them', async () => {
    const made: FakeSession[] = [];
    const { p } = pool({ size: 2, connect: async () => { const s = new FakeSession(); made.push(s); return s; } });
    assert.equal(made.length, 0, 'nothing opened before the first call');
    let busy = 0;
    let peak = 0;
    await Promise.all(Array.from({ length: 6 }, () => p.run(async () => { busy++; peak = Math.max(peak, busy); await sleep(20); busy--; })));
    assert.equal(made.length, 2);
    assert.equal(peak, 2);
    await p.run(async () => undefined);
    assert.equal(made.length, 2, 'a later call reuses a session');
    await p.close();
    assert.ok(made.every((s) => s.loggedOut && s.closed));
    await assert.rejects(p.run(async () => undefined), RegistryUnavailable);
  });

  test('a 2502 at login shrinks the pool to what the registry allowed; calls wait for that session', async () => {
    let n = 0;
    const { p, log } = pool({ size: 3, connect: async () => { if (++n > 1) throw eppError(2502, 'Session limit exceeded'); return new FakeSession(); } });
    const results = await Promise.all(Array.from({ length: 3 }, (_, i) => p.run(async () => { await sleep(10); return i; })));
    assert.deepEqual(results, [0, 1, 2]);
    assert.ok(log.some((l) => l.includes('allows 1 session(s)')), log.join('\n'));
    await p.close();
  });

  test('connection failures back off, open the circuit, fail fast, and one probe closes it again', async () => {
    let up = false;
    let attempts = 0;
    const { p, breaker, log } = pool({ threshold: 2, cooldownMs: 300, connect: async () => {
      attempts++;
      if (!up) throw new EppConnectionError('connect ECONNREFUSED 127.0.0.1:1', { sent: false });
      return new FakeSession();
    } });
    await assert.rejects(p.run(async () => undefined), /cannot connect: connect ECONNREFUSED/);
    const t0 = Date.now();
    await assert.rejects(p.run(async () => undefined), /cannot connect/);
    assert.ok(Date.now() - t0 >= 90, 'the second attempt waited out the back-off');
    assert.equal(breaker.state, 'open');
    assert.ok(log.some((l) => l.includes('circuit open after 2 failures')));
    const before = attempts;
    await assert.rejects(p.run(async () => undefined), /not trying for 1 s after 2 failures in a row \(last: cannot connect/);
    assert.equal(attempts, before, 'no connection attempt while open');

    await sleep(320);
    up = true;
    assert.equal(breaker.state, 'halfOpen');
    let release!: () => void;
    const probe = p.run(() => new Promise<void>((r) => { release = r; }));
    await sleep(150); // the probe waits out the connect back-off, then holds its session
    await assert.rejects(p.run(async () => undefined), /not trying/, 'only the probe goes through while half-open');
    release();
    await probe;
    assert.equal(breaker.state, 'closed');
    await p.run(async () => undefined);
    await p.close();
  });

  test('a session the registry dropped while idle is replaced and the command sent on a fresh one', async () => {
    const made: FakeSession[] = [];
    const { p } = pool({ connect: async () => { const s = new FakeSession(); made.push(s); return s; } });
    await p.run(async () => undefined);
    let calls = 0;
    const v = await p.run(async (s) => {
      calls++;
      if ((s as unknown as FakeSession).n === made[0].n) throw new EppConnectionError('the EPP connection was closed and reconnect is off', { sent: false });
      return 'sent';
    });
    assert.equal(v, 'sent');
    assert.equal(calls, 2);
    assert.equal(made.length, 2);
    assert.equal(made[0].closed, true);
    await p.close();
  });

  test('a timeout drops the session and is not retried (the command may have run)', async () => {
    const made: FakeSession[] = [];
    const { p, breaker } = pool({ connect: async () => { const s = new FakeSession(); made.push(s); return s; } });
    await p.run(async () => undefined);
    let calls = 0;
    await assert.rejects(p.run(async () => { calls++; throw new EppTimeoutError('no reply within 400 ms'); }), EppTimeoutError);
    assert.equal(calls, 1);
    assert.equal(made[0].closed, true);
    assert.equal(breaker.consecutiveFailures, 1);
    await p.run(async () => undefined);
    assert.equal(breaker.consecutiveFailures, 0);
    await p.close();
  });

  test('a registry refusal keeps the session; a 2500-series answer drops it', async () => {
    const made: FakeSession[] = [];
    const { p } = pool({ connect: async () => { const s = new FakeSession(); made.push(s); return s; } });
    await assert.rejects(p.run(async () => { throw eppError(2302, 'Object exists'); }), EppError);
    await p.run(async () => undefined);
    assert.equal(made.length, 1);
    await assert.rejects(p.run(async () => { throw eppError(2500, 'closing'); }), EppError);
    assert.equal(made[0].closed, true);
    await p.run(async () => undefined);
    assert.equal(made.length, 2);
    await p.close();
  });

  test('idle sessions say hello; one whose hello fails is dropped', async () => {
    const made: FakeSession[] = [];
    const { p, log } = pool({ size: 2, keepaliveMs: 1_000, connect: async () => { const s = new FakeSession(); made.push(s); return s; } });
    await Promise.all([p.run(() => sleep(10)), p.run(() => sleep(10))]);
    made[1].helloError = new EppConnectionError('connection reset', { sent: true });
    await sleep(1_700);
    assert.ok(made[0].hellos >= 1, 'the healthy idle session said hello');
    assert.equal(made[1].closed, true, 'the broken one was dropped');
    assert.ok(log.some((l) => l.startsWith('keepalive: session dropped')));
    await p.close();
  });

  test('all sessions busy beyond the wait: unavailable', async () => {
    const { p } = pool({ size: 1, acquireTimeoutMs: 50, connect: async () => new FakeSession() });
    const hold = p.run(() => sleep(200));
    await assert.rejects(p.run(async () => undefined), /all 1 sessions busy/);
    await hold;
    await p.close();
  });
});
