// Runs the registry life cycle (transfer auto-approval, auto-renewal, expiry, redemption, purge) on a timer, so
// clock-driven events happen for a running server even when no client asks. A pass works in small batches and
// yields to the event loop between them (src/core/lifecycle.ts), so however much has come due, requests keep being
// served while it runs; a pass that outlasts the interval simply delays the next one (passTimer.ts).
import type { Core } from '../core/core.ts';
import { runLifecycle, type LifecycleOptions } from '../core/lifecycle.ts';
import { startPassTimer } from './passTimer.ts';

export function startLifecycleTimer(core: Core, intervalMs: number, options: LifecycleOptions = {}): { close(): Promise<void> } {
  return startPassTimer('life-cycle', intervalMs, (signal) => runLifecycle(core, { ...options, signal }));
}
