// Runs the registry life cycle (transfer auto-approval, auto-renewal, expiry, redemption, purge) on a timer, so
// clock-driven events happen for a running server even when no client asks. Passes never overlap; a failed pass
// is logged and the next one tries again. A pass works in small batches and yields to the event loop between them
// (src/core/lifecycle.ts), so however much has come due, requests keep being served while it runs; a pass that
// outlasts the interval simply delays the next one. Closing stops a running pass after its current batch.
import type { Core } from '../core/core.ts';
import { runLifecycle, type LifecycleOptions } from '../core/lifecycle.ts';

export function startLifecycleTimer(core: Core, intervalMs: number, options: LifecycleOptions = {}): { close(): Promise<void> } {
  let running: Promise<void> | undefined;
  const stop = new AbortController();
  const tick = () => {
    if (running || stop.signal.aborted) return;
    running = runLifecycle(core, { ...options, signal: stop.signal }).then(() => undefined, (err) => { console.error('regd: life-cycle pass failed:', err); })
      .finally(() => { running = undefined; });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      stop.abort();
      await running;
    },
  };
}
