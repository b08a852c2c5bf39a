// What a benchmark script started (child servers, a temporary folder) goes away on every exit path: normal end,
// an error, SIGINT/SIGTERM, or process exit (children are killed synchronously then).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { killAllChildrenSync, type ListeningChild } from './children.ts';

export interface ExitCleanup {
  children: ListeningChild[];
  /** Makes (once) and returns the run's temporary folder, removed at exit. */
  tmpDir(prefix: string): string;
  cleanup(): Promise<void>;
}

export function exitCleanup(log: (line: string) => void): ExitCleanup {
  let dir: string | undefined;
  const children: ListeningChild[] = [];
  const removeTmpDirSync = () => {
    if (!dir) return;
    try { fs.rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ }
    dir = undefined;
  };
  const cleanup = async () => {
    for (const c of children.splice(0).reverse()) await c.stop().catch(() => {});
    removeTmpDirSync();
  };
  process.on('exit', () => { killAllChildrenSync(); removeTmpDirSync(); });
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      log(`${signal}, cleaning up`);
      void cleanup().finally(() => process.exit(code));
    });
  }
  return {
    children,
    tmpDir: (prefix) => (dir ??= fs.mkdtempSync(path.join(os.tmpdir(), prefix))),
    cleanup,
  };
}
