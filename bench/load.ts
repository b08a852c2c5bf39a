// A bounded closed-loop load generator: N workers, each with one request in flight, draw request numbers from a shared
// counter until either the request budget is spent or the deadline passes; requests already in flight then finish
// (each bounded by its own timeout). Latency is measured per request with performance.now().
import { performance } from 'node:perf_hooks';

export interface LoadOptions {
  concurrency: number;
  maxRequests: number;
  maxDurationMs: number;
  /** Per-request bound, so a stuck request cannot hold the run open. */
  requestTimeoutMs: number;
  /** Sends request number i from worker `worker` (0..concurrency-1) and throws if the reply is not the expected one. */
  request: (i: number, worker: number) => Promise<void>;
}

export interface LoadResult {
  concurrency: number;
  /** Requests that got the expected reply. */
  ok: number;
  /** Requests that failed: transport error, timeout or an unexpected response code. */
  errors: number;
  /** Up to five distinct error messages. */
  errorSamples: string[];
  elapsedMs: number;
  /** Latency of every request that got the expected reply, in ms, sorted ascending. */
  latencies: number[];
}

export class TimeoutError extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no reply within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const errorSamples = new Set<string>();
  let errors = 0;
  let next = 0;
  const start = performance.now();
  const deadline = start + opts.maxDurationMs;

  const worker = async (_: unknown, w: number): Promise<void> => {
    while (next < opts.maxRequests && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      try {
        await withTimeout(opts.request(i, w), opts.requestTimeoutMs);
        latencies.push(performance.now() - t0);
      } catch (err) {
        errors += 1;
        if (errorSamples.size < 5) errorSamples.add(err instanceof Error ? err.message : String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const elapsedMs = performance.now() - start;
  latencies.sort((a, b) => a - b);
  return { concurrency: opts.concurrency, ok: latencies.length, errors, errorSamples: [...errorSamples], elapsedMs, latencies };
}

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export function throughput(r: LoadResult): number {
  return r.elapsedMs > 0 ? r.ok / (r.elapsedMs / 1000) : 0;
}
