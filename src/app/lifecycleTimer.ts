// Runs the registry life cycle (transfer auto-approval, auto-renewal, expiry, redemption, purge) on a timer, so
// clock-driven events happen for a running server even when no client asks. Passes never overlap; a failed pass
// is logged and the next one tries again.
import type { Core } from '../core/core.ts';
import { runLifecycle } from '../core/lifecycle.ts';

export function startLifecycleTimer(core: Core, intervalMs: number): { close(): Promise<void> } {
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = runLifecycle(core).then(() => undefined, (err) => { console.error('regd: life-cycle pass failed:', err); })
      .finally(() => { running = undefined; });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}
