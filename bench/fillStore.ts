// Fills a regd store with realistic rows, fast, for the life-cycle and list measurements at scale
// (bench/lifecycleScale.ts). The work is `regd sandbox seed`'s (src/app/seedStore.ts); this keeps the benchmarks'
// defaults (a fixed `now`, 20 resellers, a folder under $TMPDIR) and their FillInfo.
//
//   node --import tsx bench/fillStore.ts [--domains 100000 | --million] [--resellers 20] [--data DIR]
//                                        [--database-url URL] [--now 2026-01-01T00:00:00.000Z] [--seed 1]
//
// Prints one JSON line: the fill's parameters, the store, the seconds taken and the resellers' credentials.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedStore, type SeedInfo, type SeedReport } from '../src/app/seedStore.ts';

export type FillInfo = SeedInfo;

export interface FillOptions {
  domains: number;
  resellers: number;
  dataDir?: string;
  databaseUrl?: string;
  now: Date;
  seed: number;
  /** A progress line on stderr. */
  progress?: boolean;
}

export async function fillStoreReport(opts: FillOptions): Promise<SeedReport> {
  const started = Date.now();
  return seedStore({
    domains: opts.domains, resellers: opts.resellers, seed: opts.seed, now: opts.now, dataDir: opts.dataDir ?? 'data', databaseUrl: opts.databaseUrl,
    onProgress: opts.progress ? (p) => {
      if (p.stage === 'finishing') { process.stderr.write(`\rfill: ${p.detail}`.padEnd(80)); return; }
      const rate = p.done / Math.max(0.001, (Date.now() - started) / 1000);
      process.stderr.write(`\rfill: ${p.done}/${p.total} domains (${(100 * p.done / p.total).toFixed(1)} %), ${Math.round(rate)}/s, ETA ${Math.round((p.total - p.done) / rate)} s   `);
    } : undefined,
  }).finally(() => { if (opts.progress) process.stderr.write('\n'); });
}

export async function fillStore(opts: FillOptions): Promise<FillInfo> {
  return (await fillStoreReport(opts)).info;
}

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const args = process.argv.slice(2);
  const domains = args.includes('--million') ? 1_000_000 : Number(argValue(args, '--domains') ?? 100_000);
  const dataDir = argValue(args, '--data') ?? path.join(os.tmpdir(), `regd-fill-${domains}`);
  const databaseUrl = argValue(args, '--database-url');
  if (!databaseUrl) fs.mkdirSync(dataDir, { recursive: true });
  const report = await fillStoreReport({
    domains, resellers: Number(argValue(args, '--resellers') ?? 20), dataDir, databaseUrl,
    now: new Date(argValue(args, '--now') ?? '2026-01-01T00:00:00.000Z'), seed: Number(argValue(args, '--seed') ?? 1), progress: true,
  });
  const size = databaseUrl ? '' : `, ${(fs.statSync(path.join(dataDir, 'regd.sqlite')).size / 1e6).toFixed(0)} MB`;
  console.log(JSON.stringify({ ...report.info, store: report.store, seconds: Math.round(report.ms / 100) / 10, rows: report.rows,
    resellers: report.resellers.map((r) => ({ username: r.username, privateKey: r.privateKey, password: r.password })), registrantPassword: report.registrantPassword }) + size);
}
