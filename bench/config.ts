// Environment parsing shared by the two halves of `npm run bench` (bench/run.ts: XCP, bench/epp.ts: EPP), and which
// of them BENCH_SUITES selects. package.json runs both scripts in turn; each exits at once when its suite is not chosen.
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './children.ts';

export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return v;
}

export function envIntList(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (list.length === 0 || list.some((v) => !Number.isInteger(v) || v < 1 || v > 1024)) {
    throw new Error(`${name} must be a comma-separated list of integers in 1..1024, got ${JSON.stringify(raw)}`);
  }
  return [...new Set(list)];
}

export const SUITES = ['xcp', 'epp'] as const;
export type Suite = (typeof SUITES)[number];

/** BENCH_SUITES, e.g. "xcp,epp" (the default), "epp" or "xcp". */
export function selectedSuites(): Set<Suite> {
  const raw = process.env.BENCH_SUITES;
  if (raw === undefined || raw.trim() === '') return new Set(SUITES);
  const list = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const bad = list.filter((s) => !(SUITES as readonly string[]).includes(s));
  if (list.length === 0 || bad.length) throw new Error(`BENCH_SUITES must list some of ${SUITES.join(',')}, got ${JSON.stringify(raw)}`);
  return new Set(list as Suite[]);
}

/** BENCH_OUT: the report file, "-" for none; default BENCHMARKS.md in the project root. */
export function reportPath(): string | undefined {
  return process.env.BENCH_OUT === '-' ? undefined : path.resolve(PROJECT_ROOT, process.env.BENCH_OUT || 'BENCHMARKS.md');
}

/** The heading bench/epp.ts writes its section under; bench/run.ts keeps that section when EPP is not being re-run. */
export const EPP_SECTION_HEADING = '## EPP over TLS';

/** The EPP section of an existing report (from its heading to the end), or '' if there is none. */
export function existingEppSection(file: string, read: (f: string) => string | undefined): string {
  const text = read(file);
  if (!text) return '';
  const at = text.indexOf(`\n${EPP_SECTION_HEADING}\n`);
  return at >= 0 ? text.slice(at + 1) : '';
}

/** The filesystem type and mount point `dir` lives on (from /proc/mounts), for the report. */
export function filesystemOf(dir: string): string {
  try {
    const real = fs.realpathSync(dir);
    let best: { mount: string; type: string } | undefined;
    for (const line of fs.readFileSync('/proc/mounts', 'utf8').split('\n')) {
      const [, mount, type] = line.split(' ');
      if (!mount || !type) continue;
      const prefix = mount.endsWith('/') ? mount : `${mount}/`;
      if ((real === mount || real.startsWith(prefix)) && (!best || mount.length > best.mount.length)) best = { mount, type };
    }
    return best ? `${best.type} (mounted at ${best.mount})` : 'unknown filesystem';
  } catch {
    return 'unknown filesystem';
  }
}
