// Environment parsing shared by the parts of `npm run bench` (bench/run.ts: XCP, bench/epp.ts: EPP, bench/gateway.ts:
// regd in front of regd), and which of them BENCH_SUITES selects. package.json runs the scripts in turn; each exits at
// once when its suite is not chosen.
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

export const SUITES = ['xcp', 'epp', 'gateway'] as const;
export type Suite = (typeof SUITES)[number];

/** BENCH_SUITES, e.g. "xcp,epp,gateway" (the default: every suite), "epp", "xcp" or "gateway". */
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

/**
 * Replaces a suite's section of the report (from its heading to the next `## ` heading, or the end) or appends it,
 * leaving every other section as it is. Each suite after the first writes its own section this way.
 */
export function writeSection(file: string, heading: string, text: string): void {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const at = existing.indexOf(`\n${heading}\n`);
  if (at < 0) {
    fs.writeFileSync(file, `${existing.trimEnd()}\n\n${text.trimEnd()}\n`);
    return;
  }
  const next = existing.indexOf('\n## ', at + 1);
  const rest = next >= 0 ? `\n${existing.slice(next + 1)}` : '';
  fs.writeFileSync(file, `${existing.slice(0, at).trimEnd()}\n\n${text.trimEnd()}\n${rest}`);
}

/** The headings of bench/run.ts's own part of the report (the XCP suite, at the top). */
export const XCP_SECTION_HEADINGS = ['## Results', '## How it is measured', '## Reading the numbers'];

/**
 * The sections other suites wrote (everything from the first `## ` heading that is not the XCP suite's), which
 * bench/run.ts keeps when it rewrites the top of the report.
 */
export function otherSections(file: string, read: (f: string) => string | undefined): string {
  const text = read(file);
  if (!text) return '';
  for (const m of text.matchAll(/\n(## [^\n]*)\n/g)) {
    if (!XCP_SECTION_HEADINGS.includes(m[1]!)) return text.slice(m.index! + 1);
  }
  return '';
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
