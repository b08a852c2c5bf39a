// The life cycle and the domain lists on a large store (issue 11, "at scale it falls over"): how long a pass takes,
// the longest stretch it holds the event loop, how a small request fares meanwhile, and how long list pages take at
// page 0 and deep in a large profile.
//
//   node --import tsx bench/lifecycleScale.ts [--domains 100000 | --million] [--advance-days 365] [--no-due]
//                                             [--runs 5] [--keep] [--json] [--synchronous FULL|NORMAL]
//                                             [--wal-autocheckpoint PAGES]
//
// The store comes from bench/fillStore.ts (filled into $TMPDIR/regd-fill-N on first use, then reused as a template);
// each run works on a fresh copy, opened as regd opens it (migrations run: their time is reported). Steps:
//   1. an idle pass (nothing due at the fill's `now`), `--runs` times;
//   2. list pages: `get domain list` of the large profile (listProfileDomains) at page 0, page 1000 and the last
//      page, and the same with an expiry window; GET_DOMAINS_BY_EXPIREDATE (listDomainsByExpiry) of the large
//      reseller over one year at page 0 and its last page; GET_DELETED_DOMAINS (listDeletedDomains) of the large
//      reseller; each the median of `--runs`;
//   3. the clock moved `--advance-days` ahead and one pass that carries everything that came due, with a probe
//      request (a domain read by name) every 2 ms beside it; then an idle pass at that time.
// The event-loop figure is perf_hooks.monitorEventLoopDelay (1 ms resolution): its max is the longest time the loop
// could not run a timer, i.e. the longest block. On a busy machine a process that is simply descheduled shows up
// as a block too: the run starts by measuring an idle loop for 3 s (the machine's own noise). `--synchronous NORMAL`
// (no fsync per commit) and `--wal-autocheckpoint` (0: never inside a commit) tell the store's share of a block
// from the pass's own; regd runs with FULL and SQLite's default (1000 pages).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openSqliteStore } from '../src/store/openSqlite.ts';
import { ManualClock } from '../src/core/clock.ts';
import { SandboxRegistry } from '../src/registry/sandbox/sandboxRegistry.ts';
import { runLifecycle } from '../src/core/lifecycle.ts';
import { listProfileDomains } from '../src/core/commands/listProfileDomains.ts';
import { listDeletedDomains, listDomainsByExpiry } from '../src/core/commands/domainQueries.ts';
import { findLiveDomain } from '../src/core/commands/findDomain.ts';
import type { Core } from '../src/core/core.ts';
import { fillStore, type FillInfo } from './fillStore.ts';
import { secretBoxFor } from '../src/core/secrets/secretBox.ts';

const DAY = 86_400_000;
const args = process.argv.slice(2);
const arg = (flag: string): string | undefined => { const i = args.indexOf(flag); return i >= 0 ? args[i + 1] : undefined; };
const domains = args.includes('--million') ? 1_000_000 : Number(arg('--domains') ?? 100_000);
const advanceDays = Number(arg('--advance-days') ?? 365);
const runs = Number(arg('--runs') ?? 5);
const say = (line: string) => { if (!args.includes('--json')) console.log(line); };

const round = (ms: number) => (ms >= 100 ? Math.round(ms) : Math.round(ms * 100) / 100);
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : 0; };

interface Timed<T> { ms: number; value: T; blockMs: number; p99BlockMs: number; cpuBlockMs: number }

/**
 * Runs f with two watches on the event loop: monitorEventLoopDelay (wall time the loop could not run a timer) and a
 * 1 ms interval that also notes the process's CPU time between two of its ticks: on a shared machine a process that
 * waits for a core shows a long wall-time block with little CPU in it, while work that holds the loop shows both.
 * (A commit's fsync holds the loop without using the CPU, so cpuBlockMs leaves it out.)
 */
async function timed<T>(f: () => Promise<T>): Promise<Timed<T>> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  let lastCpu = process.cpuUsage();
  let cpuBlockMs = 0;
  const ticker = setInterval(() => {
    const c = process.cpuUsage();
    cpuBlockMs = Math.max(cpuBlockMs, (c.user - lastCpu.user + c.system - lastCpu.system) / 1000);
    lastCpu = c;
  }, 1);
  // The monitor's timer starts with the next turn of the loop: a block right after enable() would go unseen.
  await new Promise((r) => setTimeout(r, 5));
  cpuBlockMs = 0;
  const t0 = performance.now();
  const value = await f();
  const ms = performance.now() - t0;
  // Let the monitor see the last stretch.
  await new Promise((r) => setTimeout(r, 3));
  clearInterval(ticker);
  h.disable();
  return { ms, value, blockMs: h.max / 1e6, p99BlockMs: h.percentile(99) / 1e6, cpuBlockMs };
}

async function main(): Promise<void> {
  const templateDir = path.join(os.tmpdir(), `regd-fill-${domains}`);
  const template = path.join(templateDir, 'regd.sqlite');
  if (!fs.existsSync(template)) {
    say(`filling ${template} with ${domains} domains ...`);
    fs.mkdirSync(templateDir, { recursive: true });
    await fillStore({ domains, resellers: 20, dataDir: templateDir, now: new Date('2026-01-01T00:00:00.000Z'), seed: 1, progress: true });
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-scale-run-'));
  fs.copyFileSync(template, path.join(workDir, 'regd.sqlite'));
  const results: Record<string, unknown> = { domains, advanceDays, node: process.version, cpus: os.cpus().length, load: os.loadavg().map((l) => Math.round(l * 100) / 100) };
  try {
    const noise = await timed(() => new Promise((r) => setTimeout(r, 3000)));
    results.idleLoopMaxBlockMs = round(noise.blockMs);
    say(`an idle event loop on this machine, 3 s: longest block ${round(noise.blockMs)} ms`);
    const opened = await timed(() => openSqliteStore(workDir));
    const db = opened.value;
    results.openMs = round(opened.ms);
    if (arg('--synchronous')) await sql.raw(`pragma synchronous = ${arg('--synchronous') === 'NORMAL' ? 'NORMAL' : 'FULL'}`).execute(db);
    if (arg('--wal-autocheckpoint')) await sql.raw(`pragma wal_autocheckpoint = ${Number(arg('--wal-autocheckpoint'))}`).execute(db);
    const info = JSON.parse((await db.selectFrom('settings').select('value').where('key', '=', 'bench.fill').executeTakeFirstOrThrow()).value) as FillInfo;
    const clock = new ManualClock(new Date(info.now));
    const core: Core = { db, clock, registry: new SandboxRegistry(undefined, clock), mode: 'sandbox', secrets: await secretBoxFor(workDir) };
    say(`store: ${domains} domains (${(fs.statSync(path.join(workDir, 'regd.sqlite')).size / 1e6).toFixed(0)} MB), opened and migrated in ${round(opened.ms)} ms; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

    // 1. idle passes
    const idle: Array<Timed<unknown>> = [];
    for (let i = 0; i < runs; i++) idle.push(await timed(() => runLifecycle(core)));
    results.idlePass = { medianMs: round(median(idle.map((r) => r.ms))), maxMs: round(Math.max(...idle.map((r) => r.ms))), maxBlockMs: round(Math.max(...idle.map((r) => r.blockMs))) };
    say(`idle pass: median ${round(median(idle.map((r) => r.ms)))} ms, max ${round(Math.max(...idle.map((r) => r.ms)))} ms, longest event-loop block ${round(Math.max(...idle.map((r) => r.blockMs)))} ms`);

    // 2. list pages
    const limit = 40;
    const live = (await listProfileDomains(core, { profileId: info.bigProfileId, page: 0, limit })).total;
    const lastPage = Math.floor((live - 1) / limit);
    const lists: Record<string, number> = {};
    const measure = async (label: string, f: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push((await timed(f)).ms);
      lists[label] = round(median(times));
      say(`  ${label}: ${round(median(times))} ms`);
    };
    say(`lists (limit ${limit}, median of ${runs}); the large profile has ${live} live domains, last page ${lastPage}:`);
    for (const page of [0, 1000, lastPage]) {
      await measure(`get domain list page ${page}`, () => listProfileDomains(core, { profileId: info.bigProfileId, page, limit }));
    }
    for (const page of [0, 100]) {
      await measure(`get domain list, expiring in 0-90 days, page ${page}`, () => listProfileDomains(core, { profileId: info.bigProfileId, page, limit, minToExpiryDays: 0, maxToExpiryDays: 90 }));
    }
    const from = info.now, to = new Date(new Date(info.now).getTime() + 365 * DAY).toISOString();
    const byExpiry0 = await listDomainsByExpiry(core, { resellerId: info.bigResellerId, from, to, page: 0, limit });
    const expiryLast = Math.max(0, Math.floor((byExpiry0.total - 1) / limit));
    for (const page of [0, expiryLast]) {
      await measure(`GET_DOMAINS_BY_EXPIREDATE (1 year, ${byExpiry0.total} domains) page ${page}`, () => listDomainsByExpiry(core, { resellerId: info.bigResellerId, from, to, page, limit }));
    }
    const deleted0 = await listDeletedDomains(core, { resellerId: info.bigResellerId, page: 0, limit });
    await measure(`GET_DELETED_DOMAINS (${deleted0.total} domains) page 0`, () => listDeletedDomains(core, { resellerId: info.bigResellerId, page: 0, limit }));
    results.lists = lists;

    // 3. a pass with everything that came due in advanceDays, and a probe request beside it
    if (!args.includes('--no-due')) {
      const sample = await db.selectFrom('domains').select('name').where('deleted_at', 'is', null).where('id', '<=', 2000).execute();
      clock.advance(advanceDays * DAY);
      const probes: number[] = [];
      let stop = false;
      const probe = async () => {
        while (!stop) {
          const t0 = performance.now();
          await findLiveDomain(core, sample[Math.floor(Math.random() * sample.length)].name);
          probes.push(performance.now() - t0);
          await new Promise((r) => setTimeout(r, 2));
        }
      };
      const probing = probe();
      const due = await timed(() => runLifecycle(core));
      stop = true;
      await probing;
      results.duePass = { ms: round(due.ms), maxBlockMs: round(due.blockMs), p99BlockMs: round(due.p99BlockMs), maxCpuBlockMs: round(due.cpuBlockMs), report: due.value, probe: { n: probes.length, p50Ms: round(pct(probes, 0.5)), p99Ms: round(pct(probes, 0.99)), maxMs: round(Math.max(...probes)) } };
      const events = Object.entries(due.value).filter(([, v]) => typeof v === 'number' && v > 0).map(([k, v]) => `${k} ${v}`).join(', ');
      say(`pass after +${advanceDays} days: ${round(due.ms)} ms (${events}); event-loop block longest ${round(due.blockMs)} ms, p99 ${round(due.p99BlockMs)} ms, ` +
        `most CPU between two 1 ms ticks ${round(due.cpuBlockMs)} ms; ` +
        `probe request p50 ${round(pct(probes, 0.5))} ms, p99 ${round(pct(probes, 0.99))} ms, max ${round(Math.max(...probes))} ms (${probes.length} probes)`);
      const after: Array<Timed<unknown>> = [];
      for (let i = 0; i < runs; i++) after.push(await timed(() => runLifecycle(core)));
      results.idleAfterDue = { medianMs: round(median(after.map((r) => r.ms))), maxBlockMs: round(Math.max(...after.map((r) => r.blockMs))) };
      say(`idle pass after it: median ${round(median(after.map((r) => r.ms)))} ms, longest block ${round(Math.max(...after.map((r) => r.blockMs)))} ms`);
    }
    await db.destroy();
  } finally {
    if (!args.includes('--keep')) fs.rmSync(workDir, { recursive: true, force: true });
    else say(`kept ${workDir}`);
  }
  if (args.includes('--json')) console.log(JSON.stringify(results));
}

await main();
