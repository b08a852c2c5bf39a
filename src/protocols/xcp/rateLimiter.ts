// The XCP command rate per reseller (OpenSRS answers 300 "Exceeded max command rate"). A token bucket per reseller:
// it holds up to `perSecond` commands and refills at `perSecond` a second, so a reseller may burst one second's
// worth and then keeps the rate. Real time, not the sandbox clock: the limit protects the server.
// `regd serve --xcp-rate N` sets it (through REGD_XCP_RATE, read once); unset or 0 means no limit.

export class RateLimiter {
  private readonly buckets = new Map<number, { tokens: number; at: number }>();

  constructor(readonly perSecond: number, private readonly now: () => number = () => performance.now()) {
    if (!(perSecond > 0)) throw new Error('the XCP rate must be a positive number of commands per second');
  }

  /** Takes one command's token for the reseller; false when the reseller is over its rate. */
  take(resellerId: number): boolean {
    const t = this.now();
    const b = this.buckets.get(resellerId) ?? { tokens: this.perSecond, at: t };
    b.tokens = Math.min(this.perSecond, b.tokens + ((t - b.at) / 1000) * this.perSecond);
    b.at = t;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.set(resellerId, b);
    // Idle resellers' full buckets carry no information; drop them now and then so the map stays small.
    if (this.buckets.size > 10_000) {
      for (const [k, v] of this.buckets) if (v.tokens >= this.perSecond) this.buckets.delete(k);
    }
    return ok;
  }
}

export const RATE_ENV = 'REGD_XCP_RATE';

/** Parses a rate ("20", "0.5"); 0 or empty means unlimited. */
export function parseRate(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new Error(`Invalid XCP rate '${text}': use a number of commands per second (0: unlimited)`);
  return n === 0 ? undefined : n;
}

let configured: RateLimiter | null | undefined;

/** The process-wide limiter every XCP door shares, configured from REGD_XCP_RATE on first use. */
export function processRateLimiter(): RateLimiter | undefined {
  if (configured === undefined) {
    const rate = parseRate(process.env[RATE_ENV]);
    configured = rate === undefined ? null : new RateLimiter(rate);
  }
  return configured ?? undefined;
}

export const RATE_EXCEEDED_TEXT = 'Exceeded max command rate';
