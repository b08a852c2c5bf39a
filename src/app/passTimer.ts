// Runs a background pass on a timer: passes never overlap (a tick during a running pass is skipped), a failed pass
// is logged and the next one tries again, and close() waits for the pass in progress.
export function startPassTimer(name: string, intervalMs: number, pass: () => Promise<unknown>, log: (line: string) => void = console.error): { close(): Promise<void> } {
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = pass().then(() => undefined, (err) => { log(`regd: ${name} pass failed: ${(err as Error).message}`); })
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
