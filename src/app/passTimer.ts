// Runs a background pass on a timer: passes never overlap (a tick during a running pass is skipped), a failed pass
// is logged and the next one tries again. close() stops the timer, signals the running pass to stop (a pass that
// works in batches stops after its current one) and waits for it.
export function startPassTimer(name: string, intervalMs: number, pass: (signal: AbortSignal) => Promise<unknown>,
  log: (line: string) => void = console.error): { close(): Promise<void> } {
  let running: Promise<void> | undefined;
  const stop = new AbortController();
  const tick = () => {
    if (running || stop.signal.aborted) return;
    running = pass(stop.signal).then(() => undefined, (err) => { log(`regd: ${name} pass failed: ${(err as Error).message}`); })
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
