// Long-lived EPP sessions to one registry. Registries cap sessions per login and charge (in time) for each login,
// so sessions are opened lazily up to the configured size, reused, kept alive with <hello/> while idle, and replaced
// only when they break. Every call goes through the circuit breaker; connection attempts after a failure are spaced
// out (exponential back-off), and a registry that answers 2502 (too many sessions) shrinks the pool to what it
// allowed for a while instead of being asked again and again.
import { EppConnectionError, EppError, EppProtocolError } from '../../client/epp/errors.ts';
import { CircuitBreaker } from './circuitBreaker.ts';
import { isSessionEnding, RegistryUnavailable } from './outcomes.ts';
import type { SessionConnector, UpstreamSession } from './upstreamSession.ts';

export interface SessionPoolOptions {
  /** The upstream's name, for log lines. */
  name: string;
  size: number;
  connect: SessionConnector;
  /** An idle session says <hello/> this often. */
  keepaliveMs: number;
  /** How long a call waits for a free session (all busy) before giving up as unavailable. */
  acquireTimeoutMs: number;
  breaker: CircuitBreaker;
  log: (line: string) => void;
}

interface Slot { session: UpstreamSession; lastUsed: number }
interface Waiter { resolve: (slot: Slot) => void; reject: (err: Error) => void; timer: NodeJS.Timeout }

/** Thrown inside the pool when the registry refused a login for the session cap: wait for a session instead. */
class SessionLimit extends Error {}

const BACKOFF_BASE_MS = 100;
const BACKOFF_MAX_MS = 5_000;
/** After a 2502 the pool stays at the size the registry allowed for this long, then tries its full size again. */
const CAP_RECOVERY_MS = 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function describeConnectError(err: unknown, clIDHint: string): string {
  if (err instanceof EppError) return `login${clIDHint} refused: ${err.code} ${err.message}${err.reason ? ` (${err.reason})` : ''}`;
  if (err instanceof EppConnectionError) return `cannot connect: ${err.message}`;
  if (err instanceof EppProtocolError) return `malformed greeting or login reply: ${err.message}`;
  return `cannot connect: ${(err as Error)?.message ?? String(err)}`;
}

export class SessionPool {
  private readonly idle: Slot[] = [];
  private readonly waiters: Waiter[] = [];
  /** Sessions open or opening. */
  private total = 0;
  private cap: number;
  private capLoweredAt = 0;
  private connectFailures = 0;
  private nextConnectAt = 0;
  private lastConnectError = '';
  private closed = false;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly opts: SessionPoolOptions, private readonly clIDHint = '') {
    this.cap = opts.size;
    // Checked twice per period, so an idle session says hello after between one and one and a half periods.
    this.timer = setInterval(() => void this.keepalive(), Math.max(100, Math.floor(opts.keepaliveMs / 2)));
    this.timer.unref();
  }

  get breaker(): CircuitBreaker { return this.opts.breaker; }

  /**
   * Runs one command on a session. Throws what the command threw, or RegistryUnavailable when no session could be
   * had (circuit open, connect or login failed, all sessions busy too long, shutting down).
   */
  async run<T>(fn: (session: UpstreamSession) => Promise<T>): Promise<T> {
    if (this.closed) throw new RegistryUnavailable('regd is closing its sessions');
    const breaker = this.opts.breaker;
    if (!breaker.tryPass()) {
      throw new RegistryUnavailable(`not trying for ${Math.ceil(breaker.retryInMs() / 1000)} s after ${breaker.consecutiveFailures} failures in a row (last: ${breaker.lastError})`);
    }
    let acquired: { slot: Slot; fresh: boolean };
    try {
      acquired = await this.acquire();
    } catch (err) {
      breaker.released();
      throw err;
    }
    try {
      return await this.use(acquired.slot, fn);
    } catch (err) {
      // A session that sat idle may have been dropped by the registry; the command never left, so one retry on a
      // fresh session is safe and hides the idle disconnect from the caller.
      if (acquired.fresh || !(err instanceof EppConnectionError) || err.sent) throw err;
      let retry: { slot: Slot; fresh: boolean };
      try {
        retry = await this.acquire();
      } catch (again) {
        breaker.released();
        throw again;
      }
      return await this.use(retry.slot, fn);
    }
  }

  private async use<T>(slot: Slot, fn: (session: UpstreamSession) => Promise<T>): Promise<T> {
    const breaker = this.opts.breaker;
    try {
      const value = await fn(slot.session);
      breaker.succeeded();
      this.release(slot);
      return value;
    } catch (err) {
      if (err instanceof EppError) {
        // The registry answered: it is up. A 2500-series answer also ends the session.
        breaker.succeeded();
        if (isSessionEnding(err.code)) this.drop(slot);
        else this.release(slot);
      } else if (err instanceof EppConnectionError || err instanceof EppProtocolError) {
        // The connection is broken or out of step (a late reply could be read as the next command's): replace it.
        this.drop(slot);
        if (breaker.failed(err.message)) this.opts.log(`circuit open after ${breaker.consecutiveFailures} failures: ${err.message}`);
      } else {
        breaker.released();
        this.release(slot);
      }
      throw err;
    }
  }

  private async acquire(): Promise<{ slot: Slot; fresh: boolean }> {
    for (;;) {
      if (this.closed) throw new RegistryUnavailable('regd is closing its sessions');
      const slot = this.idle.pop(); // the most recently used: the one least likely to have been dropped
      if (slot) return { slot, fresh: false };
      if (this.cap < this.opts.size && Date.now() - this.capLoweredAt > CAP_RECOVERY_MS) this.cap = this.opts.size;
      if (this.total < this.cap) {
        try {
          return { slot: await this.open(), fresh: true };
        } catch (err) {
          if (err instanceof SessionLimit) continue;
          throw err;
        }
      }
      return { slot: await this.waitForSession(), fresh: false };
    }
  }

  private waitForSession(): Promise<Slot> {
    return new Promise<Slot>((resolve, reject) => {
      const waiter: Waiter = {
        resolve, reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(new RegistryUnavailable(`all ${this.total} sessions busy for ${Math.round(this.opts.acquireTimeoutMs / 1000)} s`));
        }, this.opts.acquireTimeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  private async open(): Promise<Slot> {
    this.total++;
    try {
      const wait = this.nextConnectAt - Date.now();
      if (wait > 0) {
        if (wait > this.opts.acquireTimeoutMs) throw new RegistryUnavailable(`reconnecting in ${Math.ceil(wait / 1000)} s (last: ${this.lastConnectError})`);
        await sleep(wait);
      }
      if (this.closed) throw new RegistryUnavailable('regd is closing its sessions');
      const session = await this.opts.connect();
      this.connectFailures = 0;
      this.nextConnectAt = 0;
      if (this.closed) {
        void this.quit(session);
        throw new RegistryUnavailable('regd is closing its sessions');
      }
      return { session, lastUsed: Date.now() };
    } catch (err) {
      this.total--;
      if (err instanceof RegistryUnavailable) throw err;
      if (err instanceof EppError && err.code === 2502 && this.total > 0) {
        this.cap = this.total;
        this.capLoweredAt = Date.now();
        this.opts.log(`the registry allows ${this.total} session(s) (2502 at login); using that many for now`);
        throw new SessionLimit();
      }
      const message = describeConnectError(err, this.clIDHint);
      this.connectFailures++;
      this.lastConnectError = message;
      this.nextConnectAt = Date.now() + Math.min(BACKOFF_BASE_MS * 2 ** (this.connectFailures - 1), BACKOFF_MAX_MS);
      this.opts.log(message);
      if (this.opts.breaker.failed(message)) {
        this.opts.log(`circuit open after ${this.opts.breaker.consecutiveFailures} failures: failing fast for a while`);
      }
      throw new RegistryUnavailable(message);
    }
  }

  private release(slot: Slot): void {
    slot.lastUsed = Date.now();
    if (this.closed) {
      this.total--;
      void this.quit(slot.session);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) {
      clearTimeout(waiter.timer);
      waiter.resolve(slot);
      return;
    }
    this.idle.push(slot);
  }

  /** Forgets a broken session; a waiting caller gets a new one in its place. */
  private drop(slot: Slot): void {
    this.total--;
    void Promise.resolve().then(() => slot.session.close()).catch(() => undefined);
    if (this.closed || this.waiters.length === 0 || this.total >= this.cap) return;
    const waiter = this.waiters.shift()!;
    clearTimeout(waiter.timer);
    this.open().then(waiter.resolve, (err: Error) => waiter.reject(err instanceof SessionLimit ? new RegistryUnavailable('the registry allows no more sessions (2502)') : err));
  }

  private async quit(session: UpstreamSession): Promise<void> {
    try {
      await session.logout();
    } catch { /* the session may already be gone; closing is what matters */ }
    try {
      await session.close();
    } catch { /* already closed */ }
  }

  /** Says <hello/> on sessions idle for keepaliveMs, so the registry's idle timeout does not drop them. */
  private async keepalive(): Promise<void> {
    const now = Date.now();
    const due = this.idle.filter((s) => now - s.lastUsed >= this.opts.keepaliveMs);
    for (const slot of due) {
      const i = this.idle.indexOf(slot);
      if (i < 0) continue; // taken meanwhile
      this.idle.splice(i, 1);
      try {
        await slot.session.hello();
        this.release(slot);
      } catch (err) {
        this.opts.log(`keepalive: session dropped (${(err as Error).message})`);
        this.drop(slot);
      }
    }
  }

  /** Logs out of every session and stops the keepalive; calls still running finish and then their sessions close. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(new RegistryUnavailable('regd is closing its sessions'));
    }
    const idle = this.idle.splice(0);
    this.total -= idle.length;
    await Promise.all(idle.map((s) => this.quit(s.session)));
  }
}
