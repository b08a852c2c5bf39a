// The JSON API's request rate per caller: a token bucket per key (the source address for every request, then the
// reseller a token names, or the registrant a session names). A bucket holds up to `burst` requests and refills at
// `requestsPerSecond`, so a caller may burst and then keeps the rate; past it the answer is 429 rate_limited with
// Retry-After (whole seconds until the next request would pass). Real time, not the sandbox clock: the limit
// protects the server.
//
// The counters live in this process. One server is one limit; behind a load balancer each process counts on its
// own, so the effective limit is the sum: moving the buckets into the store is for when regd scales out.
import type { MiddlewareHandler } from 'hono';
import { canonicalAddress } from '../../core/access/sourceAddressAllowed.ts';
import { ApiProblem } from './problem.ts';
import type { ApiEnv } from './apiEnv.ts';

export interface ApiRateLimit {
  /** Sustained requests a second per caller. */
  requestsPerSecond: number;
  /** Requests a caller may make at once before the rate applies. */
  burst: number;
}

/** Generous: no well-behaved client or browser page meets it; a runaway loop does. */
export const DEFAULT_API_RATE_LIMIT: ApiRateLimit = { requestsPerSecond: 20, burst: 100 };

/** Set by `regd serve` (or a test) for a server whose caller passes no limit: "RATE", "RATE:BURST", or 0 for none. */
export const API_RATE_LIMIT_ENV = 'REGD_API_RATE_LIMIT';

/** Parses REGD_API_RATE_LIMIT: undefined when unset, false for "0" (no limit). The burst defaults to five seconds' worth. */
export function parseApiRateLimit(text: string | undefined): ApiRateLimit | false | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?::\s*(\d+)\s*)?$/.exec(text);
  const rate = m ? Number(m[1]) : NaN;
  if (!m || !Number.isFinite(rate)) throw new Error(`Invalid API rate limit '${text}': use RATE or RATE:BURST (requests a second, burst), 0 for none`);
  if (rate === 0) return false;
  const burst = m[2] === undefined ? Math.max(1, Math.ceil(rate * 5)) : Number(m[2]);
  if (burst < 1) throw new Error(`Invalid API rate limit '${text}': the burst must be at least 1`);
  return { requestsPerSecond: rate, burst };
}

export class RateLimitedError extends ApiProblem {
  constructor(readonly retryAfterSeconds: number, message = `Too many requests: try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`) {
    super('rate_limited', message);
    this.name = 'RateLimitedError';
  }
}

const MAX_IDLE_BUCKETS = 10_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(readonly limit: ApiRateLimit, private readonly now: () => number = () => performance.now()) {
    if (!(limit.requestsPerSecond > 0) || !(limit.burst >= 1)) throw new Error('the API rate limit needs a positive rate and a burst of at least 1');
  }

  /** Takes one request's token for `key`; 0 when it passes, else the whole seconds until it would. */
  take(key: string): number {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.limit.burst, at: t };
    b.tokens = Math.min(this.limit.burst, b.tokens + ((t - b.at) / 1000) * this.limit.requestsPerSecond);
    b.at = t;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.forgetIdle();
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.limit.requestsPerSecond));
  }

  /** A full bucket carries no information; dropping them now and then keeps the map as small as the active callers. */
  private forgetIdle(): void {
    if (this.buckets.size <= MAX_IDLE_BUCKETS) return;
    const t = this.now();
    for (const [k, v] of this.buckets) {
      if (v.tokens + ((t - v.at) / 1000) * this.limit.requestsPerSecond >= this.limit.burst) this.buckets.delete(k);
    }
  }
}

/** Throws RateLimitedError when `key` is over its rate; a no-op without a limiter. */
export function takeRequest(buckets: TokenBuckets | undefined, key: string): void {
  const wait = buckets?.take(key) ?? 0;
  if (wait > 0) throw new RateLimitedError(wait);
}

/** The first check of every request: its source address (before any token is looked up in the store). */
export function rateLimitByAddress(buckets: TokenBuckets | undefined): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    takeRequest(buckets, `address:${canonicalAddress(c.env?.remoteAddress ?? '') || 'unknown'}`);
    await next();
  };
}
