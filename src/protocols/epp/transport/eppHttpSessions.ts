// Server-side state for EPP over HTTPS: which session_id cookie belongs to which logged-in EPP session, and how many
// failed logins each remote address has made. HTTP has no connection to close, so both live here instead.
import crypto from 'node:crypto';
import type { EppProcessor } from '../eppProcessor.ts';
import type { EppSession } from '../eppTypes.ts';

export const DEFAULT_HTTP_SESSION_IDLE_MS = 30 * 60_000;

export interface CookieSession {
  readonly cookie: string;
  readonly session: EppSession;
  lastUsed: number;
  ended: boolean;
  /** Commands of one session run one at a time, in arrival order, as they would on one TLS connection. */
  tail: Promise<unknown>;
}

export class EppCookieSessions {
  private readonly byCookie = new Map<string, CookieSession>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly processor: EppProcessor, readonly idleMs = DEFAULT_HTTP_SESSION_IDLE_MS, private readonly now: () => number = Date.now) {
    // Expired sessions must give their reseller's slot back even if their cookie is never presented again.
    this.sweeper = setInterval(() => this.sweep(), Math.max(1_000, Math.min(idleMs, 60_000)));
    this.sweeper.unref();
  }

  get size(): number { return this.byCookie.size; }

  /** Registers a logged-in session under a new cookie: 32 bytes from the CSPRNG, base64url (43 characters). */
  create(session: EppSession): CookieSession {
    const cookie = crypto.randomBytes(32).toString('base64url');
    const entry: CookieSession = { cookie, session, lastUsed: this.now(), ended: false, tail: Promise.resolve() };
    this.byCookie.set(cookie, entry);
    return entry;
  }

  /** The live session for a cookie; an expired one is ended on the spot and reported as unknown. */
  get(cookie: string): CookieSession | undefined {
    const entry = this.byCookie.get(cookie);
    if (!entry) return undefined;
    if (this.now() - entry.lastUsed > this.idleMs) {
      this.end(entry);
      return undefined;
    }
    return entry;
  }

  touch(entry: CookieSession): void {
    if (!entry.ended) entry.lastUsed = this.now();
  }

  /** Runs fn after every earlier command of the same session has finished. */
  run<T>(entry: CookieSession, fn: () => Promise<T>): Promise<T> {
    const result = entry.tail.then(fn);
    entry.tail = result.catch(() => undefined);
    return result;
  }

  end(entry: CookieSession): void {
    if (entry.ended) return;
    entry.ended = true;
    this.byCookie.delete(entry.cookie);
    this.processor.endSession(entry.session);
  }

  sweep(): void {
    const now = this.now();
    for (const entry of this.byCookie.values()) if (now - entry.lastUsed > this.idleMs) this.end(entry);
  }

  /** Shutdown: stop the sweeper and give every slot back. */
  close(): void {
    clearInterval(this.sweeper);
    for (const entry of [...this.byCookie.values()]) this.end(entry);
  }
}

/**
 * Failed EPP logins per remote address. Over TLS the count lives on the connection (three failures close it); over
 * HTTPS every cookieless request starts a fresh session, so the count is carried per address instead: the third
 * failure in a row from one address answers 2501 and starts the count again, just as a new TLS connection would.
 */
export class LoginFailuresByAddress {
  private readonly byAddress = new Map<string, { count: number; at: number }>();

  constructor(private readonly windowMs = 15 * 60_000, private readonly maxEntries = 10_000, private readonly now: () => number = Date.now) {}

  get(address: string): number {
    const e = this.byAddress.get(address);
    if (!e) return 0;
    if (this.now() - e.at > this.windowMs) {
      this.byAddress.delete(address);
      return 0;
    }
    return e.count;
  }

  set(address: string, count: number): void {
    this.byAddress.delete(address); // re-insert so Map order stays oldest-first
    if (count <= 0) return;
    this.byAddress.set(address, { count, at: this.now() });
    // Bounded memory under a flood of addresses: forget the oldest (a forgotten address just starts from 0).
    while (this.byAddress.size > this.maxEntries) this.byAddress.delete(this.byAddress.keys().next().value!);
  }
}
