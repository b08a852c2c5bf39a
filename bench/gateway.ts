// The gateway part of `npm run bench`: regd as a registrar gateway in front of another regd. regd U is the registry (a
// plain `regd serve` whose sandbox serves .com); regd D serves .com from U (`--upstream com=epps://CLID:PASSWORD@U
// --upstream-ca U's cert`, CLID/PASSWORD a reseller of U), once with the default upstream pool (2 sessions) and once
// with a larger one (`pool_size` in a temporary regd.toml). In one run, over EPP over TLS with N concurrent sessions:
// domain:check of fresh names (D asks U every time), domain:check of a small set of names (D answers from its 30 s
// availability cache) and domain:create (fresh names, 1 year, a registrant contact made once per session), each
// through D and straight at U. Then a separate D, started under `node --cpu-prof`, takes the create load at the
// largest N and its profile is summarised. Writes (or replaces) the "Gateway" section of the report. Every loop is
// bounded; child processes and the temporary folder are removed on every exit path.
//
// Environment (all optional):
//   BENCH_SUITES                  this script runs only when gateway is listed (the default lists every suite)
//   BENCH_GATEWAY_CONCURRENCY     comma-separated N values                      (default 1,4,16)
//   BENCH_GATEWAY_COMMANDS        some of check,cached,create                   (default all three)
//   BENCH_GATEWAY_REQUESTS        measured commands per scenario                 (default 20000)
//   BENCH_GATEWAY_DURATION_S      measured time per scenario and target          (default 3)
//   BENCH_GATEWAY_SLICES          ...cut into this many slices, targets in turn  (default 3)
//   BENCH_GATEWAY_WARMUP          warm-up commands per scenario                  (default 200)
//   BENCH_GATEWAY_WARMUP_S        time cap per warm-up                           (default 1)
//   BENCH_GATEWAY_POOL            the larger upstream pool size of the second D  (default 16)
//   BENCH_GATEWAY_PROFILE         0 skips the CPU profile of D                   (default 1)
//   BENCH_GATEWAY_KEEP_PROFILE    copy D's .cpuprofile to this file               (default: not kept)
//   BENCH_OUT                     report file, "-" for none                      (default BENCHMARKS.md in the project root)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EppTlsClient } from '../src/client/eppClient.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import { eppCommand, loginXml } from '../test/support/eppHarness.ts';
import {
  createReseller, REGD_BIN, spawnListening, startRegdServer,
  type ListeningChild, type ResellerCredentials,
} from './children.ts';
import { envInt, envIntList, filesystemOf, reportPath, selectedSuites, writeSection } from './config.ts';
import { exitCleanup } from './exitCleanup.ts';
import { percentile, runLoad, throughput, type LoadResult } from './load.ts';

// ---------------------------------------------------------------------------------------------------------------
// Configuration

type Command = 'check' | 'cached' | 'create';
const ALL_COMMANDS: readonly Command[] = ['check', 'cached', 'create'];

function selectedCommands(): Command[] {
  const raw = process.env.BENCH_GATEWAY_COMMANDS;
  if (raw === undefined || raw.trim() === '') return [...ALL_COMMANDS];
  const list = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const bad = list.filter((s) => !(ALL_COMMANDS as readonly string[]).includes(s));
  if (list.length === 0 || bad.length) throw new Error(`BENCH_GATEWAY_COMMANDS must list some of ${ALL_COMMANDS.join(',')}, got ${JSON.stringify(raw)}`);
  return ALL_COMMANDS.filter((c) => list.includes(c));
}

const config = {
  suites: selectedSuites(),
  concurrency: envIntList('BENCH_GATEWAY_CONCURRENCY', [1, 4, 16]),
  commands: selectedCommands(),
  requests: envInt('BENCH_GATEWAY_REQUESTS', 20_000),
  durationS: envInt('BENCH_GATEWAY_DURATION_S', 3),
  slices: envInt('BENCH_GATEWAY_SLICES', 3),
  warmup: envInt('BENCH_GATEWAY_WARMUP', 200),
  warmupS: envInt('BENCH_GATEWAY_WARMUP_S', 1),
  pool: envInt('BENCH_GATEWAY_POOL', 16),
  profile: (process.env.BENCH_GATEWAY_PROFILE ?? '1').trim() !== '0',
  out: reportPath(),
};
if (config.pool > 64) throw new Error('BENCH_GATEWAY_POOL must be at most 64 (regd.toml pool_size is 1-64)');

const GATEWAY_SECTION_HEADING = '## Gateway: regd in front of regd';
const HOST = '127.0.0.1';
const REQUEST_TIMEOUT_MS = 30_000;
const SESSION_REPLY_TIMEOUT_MS = 20_000;
/** The size of the name set the cached-check scenario cycles through (half available, half taken at U). */
const HOT_NAMES = 32;
const FUNDS = '100000000';
const D = `xmlns:domain="${NS.domain}"`;
const runId = Date.now().toString(36);
const NMAX = Math.max(...config.concurrency);
const VERDICT_N = config.concurrency.includes(16) ? 16 : NMAX;

const t0 = performance.now();
const log = (line: string) => process.stderr.write(`bench/gateway: [${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);

// ---------------------------------------------------------------------------------------------------------------
// Cleanup on every exit path

const { children, tmpDir: makeTmpDir, cleanup } = exitCleanup(log);

// ---------------------------------------------------------------------------------------------------------------
// Servers

type TargetId = 'U' | 'D' | 'DP';
interface Target {
  id: TargetId;
  label: string;
  child: ListeningChild;
  eppPort: number;
  ca: string;
  creds: ResellerCredentials;
}

/**
 * `regd serve` as a gateway (D): the same doors and session cap as startRegdServer (children.ts) plus `extra`
 * (the upstream flags), and node flags before the entry point (--cpu-prof).
 */
function startGateway(name: string, dataDir: string, extra: string[], nodeFlags: string[] = []): Promise<ListeningChild> {
  return spawnListening(name,
    [...nodeFlags, REGD_BIN, 'serve', '--data', dataDir, '--host', HOST, '--xcp-port', '0', '--xcp-tcp-port', '0', '--epp-port', '0',
      '--http-port', '0', '--epp-max-sessions', '64', '--mode', 'sandbox', ...extra],
    /listening: EPP over TLS on \S+:(\d+)\s*$/);
}

const upstreamUrl = (login: ResellerCredentials, eppPort: number) =>
  `epps://${encodeURIComponent(login.username)}:${encodeURIComponent(login.password)}@${HOST}:${eppPort}`;

/** The flag form, exactly as an operator would start a gateway on the default pool. */
const flagArgs = (login: ResellerCredentials, u: Target, caFile: string) => ['--upstream', `com=${upstreamUrl(login, u.eppPort)}`, '--upstream-ca', caFile];

/** The same upstream from a regd.toml, with a larger pool. */
function tomlArgs(login: ResellerCredentials, u: Target, caFile: string, dir: string, pool: number): string[] {
  const file = path.join(dir, 'regd.toml');
  fs.writeFileSync(file, [
    '[upstream.u]',
    `url = ${JSON.stringify(upstreamUrl(login, u.eppPort))}`,
    `ca = ${JSON.stringify(caFile)}`,
    `pool_size = ${pool}`,
    'tlds = ["com"]',
    '',
  ].join('\n'));
  return ['--config', file];
}

async function gatewayTarget(id: TargetId, label: string, dataDir: string, args: string[], nodeFlags: string[] = []): Promise<Target> {
  const child = await startGateway(`regd ${label}`, dataDir, args, nodeFlags);
  children.push(child);
  const creds = await createReseller(dataDir, 'alice', FUNDS);
  return { id, label, child, eppPort: child.port, ca: fs.readFileSync(path.join(dataDir, 'tls', 'cert.pem'), 'utf8'), creds };
}

// ---------------------------------------------------------------------------------------------------------------
// EPP commands and reply checks

const checkXml = (name: string) => eppCommand(`<check><domain:check ${D}><domain:name>${name}</domain:name></domain:check></check>`, 'BENCH');
const createXml = (name: string, handle: string) => eppCommand(`<create><domain:create ${D}><domain:name>${name}</domain:name>` +
  '<domain:period unit="y">1</domain:period><domain:ns><domain:hostObj>ns1.example.net</domain:hostObj><domain:hostObj>ns2.example.net</domain:hostObj></domain:ns>' +
  `<domain:registrant>${handle}</domain:registrant><domain:contact type="admin">${handle}</domain:contact><domain:contact type="tech">${handle}</domain:contact>` +
  '<domain:authInfo><domain:pw>Domain-Pw1</domain:pw></domain:authInfo></domain:create></create>', 'BENCH');
const contactXml = eppCommand(`<create><contact:create xmlns:contact="${NS.contact}"><contact:id>bench-owner</contact:id>` +
  '<contact:postalInfo type="loc"><contact:name>Bench Registrant</contact:name><contact:org>Example B.V.</contact:org>' +
  '<contact:addr><contact:street>Main street 15</contact:street><contact:city>Rotterdam</contact:city><contact:pc>3024 BN</contact:pc>' +
  '<contact:cc>NL</contact:cc></contact:addr></contact:postalInfo><contact:voice>+31.104482299</contact:voice>' +
  '<contact:email>bench@example.com</contact:email><contact:authInfo><contact:pw>Contact-Pw1</contact:pw></contact:authInfo></contact:create></create>', 'BENCH');

class UnexpectedReply extends Error {}
const codeOf = (xml: string) => Number(/<result\s+code="(\d+)"/.exec(xml)?.[1] ?? 0);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function expectCode(xml: string, what: string, code = 1000): void {
  const got = codeOf(xml);
  if (got !== code) {
    const msg = /<msg[^>]*>([^<]*)<\/msg>/.exec(xml)?.[1];
    throw new UnexpectedReply(`${what}: result code ${got || 'missing'}${msg ? ` (${msg})` : ''}, expected ${code}`);
  }
}

interface Planned { xml: (s: Session) => string; verify: (reply: string) => void }

function checkPlan(name: string, avail: boolean): Planned {
  return {
    xml: () => checkXml(name),
    verify: (reply) => {
      expectCode(reply, 'domain:check');
      const m = new RegExp(`<domain:name\\s+avail="(\\w+)"\\s*>${escapeRe(name)}</domain:name>`).exec(reply);
      const got = m?.[1] === 'true' || m?.[1] === '1' ? true : m?.[1] === 'false' || m?.[1] === '0' ? false : undefined;
      if (got !== avail) throw new UnexpectedReply(`domain:check ${avail ? 'available' : 'taken'} name: avail=${m?.[1] ?? 'missing'}`);
    },
  };
}

const hotNames = Array.from({ length: HOT_NAMES }, (_, k) => (k % 2 === 0 ? `gw-${runId}-hot-${k}.com` : `taken-gw-${runId}-hot-${k}.com`));
let seq = 0;

/**
 * Command number i of a scenario. Fresh checks alternate an available name and a name taken at U's sandbox
 * (taken-…), never asked before by anyone; cached checks cycle through the same HOT_NAMES names; creates register
 * a fresh name with the session's own contact.
 */
function plan(command: Command, target: TargetId, i: number): Planned {
  if (command === 'cached') {
    const name = hotNames[i % hotNames.length]!;
    return checkPlan(name, !name.startsWith('taken-'));
  }
  seq += 1;
  if (command === 'check') {
    return i % 2 === 0 ? checkPlan(`gw-${runId}-${target.toLowerCase()}-f${seq}.com`, true) : checkPlan(`taken-gw-${runId}-${target.toLowerCase()}-${seq}.com`, false);
  }
  const name = `gw-${runId}-${target.toLowerCase()}-c${seq}.com`;
  return {
    xml: (s) => createXml(name, s.handle!),
    verify: (reply) => {
      expectCode(reply, 'domain:create');
      if (!reply.includes(`<domain:name>${name}</domain:name>`)) throw new UnexpectedReply('domain:create: creData does not name the domain');
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Sessions: one TLS connection per worker, logged in once, with its own contact for creates

interface Session { c: EppTlsClient; handle?: string }

/** One command, bounded: without a reply in time the connection is destroyed (the pending command then fails). */
async function send(c: EppTlsClient, xml: string): Promise<string> {
  const timer = setTimeout(() => c.socket.destroy(new Error(`no reply within ${SESSION_REPLY_TIMEOUT_MS} ms`)), SESSION_REPLY_TIMEOUT_MS);
  try {
    return await c.command(xml);
  } finally {
    clearTimeout(timer);
  }
}

async function openSession(t: Target, withContact: boolean): Promise<Session> {
  const c = await EppTlsClient.connect({ host: HOST, port: t.eppPort, ca: t.ca, timeoutMs: SESSION_REPLY_TIMEOUT_MS });
  try {
    expectCode(await send(c, loginXml(t.creds.username, t.creds.password)), 'login');
    if (!withContact) return { c };
    const reply = await send(c, contactXml);
    expectCode(reply, 'contact:create');
    const handle = /<contact:id>([^<]+)<\/contact:id>/.exec(reply)?.[1];
    if (!handle) throw new UnexpectedReply('contact:create: no handle in creData');
    return { c, handle };
  } catch (err) {
    c.socket.destroy();
    throw err;
  }
}

class Sessions {
  reopened = 0;
  private constructor(private readonly t: Target, private readonly withContact: boolean, private readonly slots: Array<Session | undefined>) {}

  static async open(t: Target, n: number, withContact: boolean): Promise<Sessions> {
    const opened = await Promise.allSettled(Array.from({ length: n }, () => openSession(t, withContact)));
    const ok = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = opened.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      for (const s of ok) s.c.socket.destroy();
      throw new Error(`could not open ${n} EPP sessions at ${t.label}: ${String(failed.reason)}`);
    }
    return new Sessions(t, withContact, ok);
  }

  /** Sends on worker w's own session; a transport failure drops it, and the worker's next command logs in anew. */
  async run(w: number, p: Planned): Promise<void> {
    let s = this.slots[w];
    if (!s) {
      s = await openSession(this.t, this.withContact);
      this.slots[w] = s;
      this.reopened += 1;
    }
    let reply: string;
    try {
      reply = await send(s.c, p.xml(s));
    } catch (err) {
      this.slots[w] = undefined;
      s.c.socket.destroy();
      throw err;
    }
    p.verify(reply);
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.splice(0).map((s) => s?.c.close().catch(() => {})));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// CPU and scheduler time per process, from /proc: utime + stime of the whole process (every thread, libuv's pool
// too) and, for the main thread (the event loop), the time on a CPU and the time runnable but waiting for one
// (/proc/<pid>/task/<pid>/schedstat): on a shared machine the latter is what other work costs the event loop.

const TICK_MS = 10; // USER_HZ is 100 on Linux
function cpuMsOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return Number.NaN;
  }
}
/** [on a CPU, waiting for a CPU] of a process's main thread, in ms. */
function schedMsOf(pid: number | undefined): [number, number] {
  if (pid === undefined) return [Number.NaN, Number.NaN];
  try {
    const [run, wait] = fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return [run! / 1e6, wait! / 1e6];
  } catch {
    return [Number.NaN, Number.NaN];
  }
}
const selfCpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/** Per command, in ms: CPU of the client, U and D (whole processes); U's and D's event loop waiting for a CPU. */
interface Cpu { client: number; u: number; d: number; uWait: number; dWait: number; dRun: number }
const CPU_KEYS = ['client', 'u', 'd', 'uWait', 'dWait', 'dRun'] as const;
function cpuNow(u: Target, d: Target | undefined): Cpu {
  const us = schedMsOf(u.child.child.pid);
  const ds = d ? schedMsOf(d.child.child.pid) : [Number.NaN, Number.NaN];
  return { client: selfCpuMs(), u: cpuMsOf(u.child.child.pid), d: d ? cpuMsOf(d.child.child.pid) : Number.NaN, uWait: us[1], dWait: ds[1]!, dRun: ds[0]! };
}

// ---------------------------------------------------------------------------------------------------------------
// Scenarios: for one (command, N), every target's sessions are opened and warmed up, then the measured time is cut
// into slices taken in turn (U, D, D; then D, D, U; ...), so load from elsewhere on the machine that comes and goes
// falls on all targets alike.

interface ScenarioResult {
  command: Command; n: number; target: TargetId; warmup: LoadResult; measured: LoadResult; reopened: number;
  /** Per successful measured command, by process. */
  cpuPerReq: Cpu;
  /** hrtime (µs, CLOCK_MONOTONIC) of the measured slices, to cut a CPU profile to them. */
  windowsUs: Array<[number, number]>;
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

function mergeLoads(parts: LoadResult[]): LoadResult {
  const latencies = parts.flatMap((p) => p.latencies).sort((a, b) => a - b);
  return {
    concurrency: parts[0]?.concurrency ?? 0,
    ok: parts.reduce((s, p) => s + p.ok, 0),
    errors: parts.reduce((s, p) => s + p.errors, 0),
    errorSamples: [...new Set(parts.flatMap((p) => p.errorSamples))].slice(0, 5),
    elapsedMs: parts.reduce((s, p) => s + p.elapsedMs, 0),
    latencies,
  };
}

function assertRunning(t: Target): void {
  if (t.child.child.exitCode !== null || t.child.child.signalCode !== null) {
    throw new Error(`${t.child.name} is no longer running:\n${t.child.output.slice(-20).join('\n')}`);
  }
}

async function runGroup(targets: Target[], u: Target, command: Command, n: number): Promise<ScenarioResult[]> {
  targets.forEach(assertRunning);
  const opened: Sessions[] = [];
  try {
    for (const t of targets) opened.push(await Sessions.open(t, n, command === 'create'));
    const load = (k: number, maxRequests: number, seconds: number) => runLoad({
      concurrency: n, maxRequests, maxDurationMs: seconds * 1000, requestTimeoutMs: REQUEST_TIMEOUT_MS,
      request: (i, w) => opened[k]!.run(w, plan(command, targets[k]!.id, i)),
    });
    const warmups: LoadResult[] = [];
    for (let k = 0; k < targets.length; k++) warmups.push(await load(k, config.warmup, config.warmupS));
    const parts: LoadResult[][] = targets.map(() => []);
    const cpu: Cpu[] = targets.map(() => ({ client: 0, u: 0, d: 0, uWait: 0, dWait: 0, dRun: 0 }));
    const windows: Array<Array<[number, number]>> = targets.map(() => []);
    for (let s = 0; s < config.slices; s++) {
      for (let j = 0; j < targets.length; j++) {
        const k = (j + s) % targets.length;
        const t = targets[k]!;
        const d = t.id === 'U' ? undefined : t;
        const c0 = cpuNow(u, d);
        const t0 = nowUs();
        parts[k]!.push(await load(k, Math.ceil(config.requests / config.slices), config.durationS / config.slices));
        windows[k]!.push([t0, nowUs()]);
        const c1 = cpuNow(u, d);
        for (const key of CPU_KEYS) cpu[k]![key] += c1[key] - c0[key];
      }
    }
    return targets.map((t, k) => {
      const measured = mergeLoads(parts[k]!);
      const per = Object.fromEntries(CPU_KEYS.map((key) => [key, measured.ok > 0 ? cpu[k]![key] / measured.ok : Number.NaN])) as unknown as Cpu;
      return { command, n, target: t.id, warmup: warmups[k]!, measured, reopened: opened[k]!.reopened, cpuPerReq: per, windowsUs: windows[k]! };
    });
  } finally {
    await Promise.all(opened.map((s) => s.close()));
  }
}

/** Before anything is measured: every command on every target for a moment, so no scenario pays for a cold JIT. */
async function warmEverything(targets: Target[], commands: readonly Command[]): Promise<void> {
  for (const command of commands) {
    for (const t of targets) {
      const sessions = await Sessions.open(t, 4, command === 'create');
      try {
        const r = await runLoad({
          concurrency: 4, maxRequests: 100_000, maxDurationMs: config.warmupS * 1000, requestTimeoutMs: REQUEST_TIMEOUT_MS,
          request: (i, w) => sessions.run(w, plan(command, t.id, i)),
        });
        if (r.errors > 0) throw new Error(`warming ${t.label} up with ${command}: ${r.errors} errors: ${r.errorSamples.join('; ')}`);
      } finally {
        await sessions.close();
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// CPU profile of D (node --cpu-prof): self time by where the code lives, cut to the measured window

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }
interface Bucket { key: string; ms: number; share: number }
interface ProfileSummary { file: string; windowed: boolean; totalMs: number; samples: number; buckets: Bucket[]; top: Bucket[] }

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** Where a script lives: src/<dir>/<dir>, node_modules/<package>, node:<module>, wasm. */
function placeOf(url: string): string {
  if (url.startsWith('wasm://')) return 'wasm (libxml2-wasm)';
  const nm = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (nm) return `node_modules/${nm[1]}`;
  const src = /\/src\/(.+)\/[^/]+$/.exec(url);
  if (src) return `src/${src[1]!.split('/').slice(0, 2).join('/')}`;
  if (/\/src\/[^/]+$/.test(url)) return 'src';
  if (url.startsWith('node:')) return `node:${url.slice(5).replace(/^internal\//, '').split('/')[0]}`;
  return url ? 'other' : '';
}

function summariseProfile(file: string, windows: Array<[number, number]>): ProfileSummary {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // A native frame (no script) is charged to the place of the nearest caller that has one: "native, from kysely".
  const bucketOf = new Map<number, string>();
  const bucket = (id: number): string => {
    const cached = bucketOf.get(id);
    if (cached) return cached;
    const n = byId.get(id)!;
    const name = n.callFrame.functionName;
    let key: string;
    if (SPECIAL.has(name)) key = name;
    else if (n.callFrame.url) key = placeOf(n.callFrame.url);
    else {
      let up = parent.get(id);
      while (up !== undefined && !byId.get(up)!.callFrame.url) up = parent.get(up);
      key = `native code called from ${up !== undefined ? placeOf(byId.get(up)!.callFrame.url) : 'V8'}`;
    }
    bucketOf.set(id, key);
    return key;
  };
  const fnKey = (id: number): string => {
    const f = byId.get(id)!.callFrame;
    if (SPECIAL.has(f.functionName)) return f.functionName;
    // tsx compiles each src/ file to one line, so a line number there says nothing.
    const where = !f.url ? 'native' : f.url.includes('/src/') && !f.url.includes('/node_modules/')
      ? f.url.replace(/^.*?\/src\//, 'src/') : `${f.url.replace(/^file:\/\/.*?\/node_modules\//, 'node_modules/')}:${f.lineNumber + 1}`;
    return `${f.functionName || '(anonymous)'} (${where})`;
  };
  let t = p.startTime;
  const times = p.samples.map((_, i) => (t += p.timeDeltas[i] ?? 0));
  // The profile's clock is CLOCK_MONOTONIC in µs, as process.hrtime: keep the samples of the measured slices, unless
  // they do not fall inside the profile (then the whole profile, startup included, is summarised).
  const windowed = windows.length > 0 && windows.every(([a, b]) => a >= p.startTime && b <= p.endTime);
  const inWindow = (t: number) => windows.some(([a, b]) => t >= a && t <= b);
  const byBucket = new Map<string, number>();
  const byFn = new Map<string, number>();
  let totalUs = 0;
  let samples = 0;
  for (let i = 0; i < p.samples.length; i++) {
    if (windowed && !inWindow(times[i]!)) continue;
    const dt = p.timeDeltas[i + 1] ?? 0; // time until the next sample is what this one stands for
    const id = p.samples[i]!;
    byBucket.set(bucket(id), (byBucket.get(bucket(id)) ?? 0) + dt);
    byFn.set(fnKey(id), (byFn.get(fnKey(id)) ?? 0) + dt);
    totalUs += dt;
    samples += 1;
  }
  const toList = (m: Map<string, number>) => [...m].map(([key, us]) => ({ key, ms: us / 1000, share: totalUs ? us / totalUs : 0 })).sort((a, b) => b.ms - a.ms);
  return { file, windowed, totalMs: totalUs / 1000, samples, buckets: toList(byBucket), top: toList(byFn).filter((b) => !SPECIAL.has(b.key)).slice(0, 12) };
}

/** The profile of D's main thread: the largest .cpuprofile in the folder (the loader thread writes a small one too). */
function mainProfile(dir: string): string | undefined {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f)) : [];
  return files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
}

// ---------------------------------------------------------------------------------------------------------------
// Report

const fmtMs = (v: number) => (Number.isNaN(v) ? '-' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const fmtRate = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
const fmtX = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}x` : '-');
const fmtPct = (v: number) => `${(100 * v).toFixed(v >= 0.1 ? 0 : 1)} %`;
const COMMAND_LABEL: Record<Command, string> = { check: 'check, fresh names', cached: 'check, cached names', create: 'create' };

function pick(results: ScenarioResult[], command: Command, n: number, target: TargetId): ScenarioResult | undefined {
  return results.find((r) => r.command === command && r.n === n && r.target === target);
}
const rate = (r: ScenarioResult | undefined) => (r ? throughput(r.measured) : Number.NaN);
const p50 = (r: ScenarioResult | undefined) => (r ? percentile(r.measured.latencies, 0.5) : Number.NaN);
const p99 = (r: ScenarioResult | undefined) => (r ? percentile(r.measured.latencies, 0.99) : Number.NaN);
const errorsOf = (r: ScenarioResult | undefined) => (r ? String(r.measured.errors + r.warmup.errors) : '-');

function resultsTable(results: ScenarioResult[], labels: Record<TargetId, string>): string {
  const lines = [
    `| domain: | N | U req/s | U p50 / p99 ms | ${labels.D} req/s | p50 / p99 ms | D/U req/s | D/U p50 | ` +
      `${labels.DP} req/s | p50 / p99 ms | D/U req/s | D/U p50 | commands U / D / D | errors U / D / D |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const command of config.commands) {
    for (const n of config.concurrency) {
      const u = pick(results, command, n, 'U');
      const d = pick(results, command, n, 'D');
      const dp = pick(results, command, n, 'DP');
      if (!u) continue;
      const cols = (r: ScenarioResult | undefined) => (r
        ? [fmtRate(rate(r)), `${fmtMs(p50(r))} / ${fmtMs(p99(r))}`, fmtPct(rate(r) / rate(u)), fmtX(p50(r) / p50(u))]
        : ['-', '-', '-', '-']);
      const count = (r: ScenarioResult | undefined) => (r ? String(r.measured.ok + r.measured.errors) : '-');
      lines.push(`| ${COMMAND_LABEL[command]} | ${n} | ${fmtRate(rate(u))} | ${fmtMs(p50(u))} / ${fmtMs(p99(u))} | ${cols(d).join(' | ')} | ` +
        `${cols(dp).join(' | ')} | ${count(u)} / ${count(d)} / ${count(dp)} | ${errorsOf(u)} / ${errorsOf(d)} / ${errorsOf(dp)} |`);
    }
  }
  return lines.join('\n');
}

function cpuTable(results: ScenarioResult[], labels: Record<TargetId, string>): string {
  const lines = [
    '| domain: | N | load on | client ms | U ms | D ms | all ms | cores busy | U waiting for a CPU ms | D waiting for a CPU ms |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const command of config.commands) {
    for (const target of ['U', 'D', 'DP'] as const) {
      const r = pick(results, command, VERDICT_N, target);
      if (!r) continue;
      const c = r.cpuPerReq;
      const all = c.client + c.u + (target === 'U' ? 0 : c.d);
      lines.push(`| ${COMMAND_LABEL[command]} | ${VERDICT_N} | ${labels[target]} | ${fmtMs(c.client)} | ${fmtMs(c.u)} | ${target === 'U' ? '-' : fmtMs(c.d)} | ` +
        `${fmtMs(all)} | ${(all * rate(r) / 1000).toFixed(2)} | ${fmtMs(c.uWait)} | ${target === 'U' ? '-' : fmtMs(c.dWait)} |`);
    }
  }
  return lines.join('\n');
}

function errorNotes(results: ScenarioResult[], labels: Record<TargetId, string>): string[] {
  return results.filter((r) => r.measured.errors + r.warmup.errors > 0).map((r) =>
    `- ${labels[r.target]} ${COMMAND_LABEL[r.command]} N=${r.n}: ${r.measured.errors} errors measured, ${r.warmup.errors} in warm-up` +
    `${r.reopened ? `, ${r.reopened} sessions reopened` : ''}: ${[...new Set([...r.measured.errorSamples, ...r.warmup.errorSamples])].join('; ')}`);
}

/** "under 2x" per command at VERDICT_N: the slowdown in throughput (U / D) and in p50 (D / U), for both pool sizes. */
function verdict(results: ScenarioResult[], labels: Record<TargetId, string>): string[] {
  const lines: string[] = [];
  for (const command of config.commands) {
    const u = pick(results, command, VERDICT_N, 'U');
    if (!u) continue;
    const parts: string[] = [];
    for (const target of ['D', 'DP'] as const) {
      const d = pick(results, command, VERDICT_N, target);
      if (!d) continue;
      const slow = rate(u) / rate(d);
      const lat = p50(d) / p50(u);
      parts.push(`${labels[target]}: U's rate / D's rate ${fmtX(slow)}, D's p50 / U's p50 ${fmtX(lat)} — ` +
        `${slow < 2 && lat < 2 ? '**under 2x**' : slow < 2 ? '**under 2x in throughput**, not in latency' : '**not under 2x**'}`);
    }
    lines.push(`- **${COMMAND_LABEL[command]}** at N=${VERDICT_N}: ${parts.join('; ')}.`);
  }
  return lines;
}

function profileSection(prof: ProfileSummary | undefined, profRun: ScenarioResult | undefined, profLabel: string): string[] {
  if (!prof || !profRun) return ['No CPU profile in this run (BENCH_GATEWAY_PROFILE=0 or the profile was not written).', ''];
  const busy = prof.buckets.filter((b) => b.key !== '(idle)').reduce((s, b) => s + b.ms, 0);
  const idle = prof.buckets.find((b) => b.key === '(idle)')?.ms ?? 0;
  const lines = [
    `A separate D (${profLabel}, started as \`node --cpu-prof --cpu-prof-dir <tmp> bin/regd.js serve …\`) took the create ` +
      `load at N=${profRun.n} for up to ${config.durationS} s after a warm-up: ${fmtRate(rate(profRun))} creates/s, p50 ` +
      `${fmtMs(p50(profRun))} ms, p99 ${fmtMs(p99(profRun))} ms (V8's sampling profiler slows D a little). ` +
      `${prof.windowed ? 'Only the samples of the measured window are counted' : 'The whole profile is counted (startup and setup included: the measured window could not be matched to the profile\'s clock)'}: ` +
      `${prof.samples} samples, ${fmtMs(prof.totalMs)} ms, of which D's main thread was busy ${fmtPct(busy / (prof.totalMs || 1))} and idle ` +
      `${fmtPct(idle / (prof.totalMs || 1))}. Self time by where the code lives (native calls are charged to the place that made them):`,
    '',
    '| where | ms | share of busy time |',
    '| --- | ---: | ---: |',
    ...prof.buckets.filter((b) => b.key !== '(idle)' && b.ms / (busy || 1) >= 0.01)
      .map((b) => `| ${b.key} | ${fmtMs(b.ms)} | ${fmtPct(b.ms / (busy || 1))} |`),
    '',
    'Top functions by self time:',
    '',
    '| function | ms | share of busy time |',
    '| --- | ---: | ---: |',
    ...prof.top.map((b) => `| \`${b.key.replace(/\|/g, '\\|')}\` | ${fmtMs(b.ms)} | ${fmtPct(b.ms / (busy || 1))} |`),
    '',
  ];
  const creates = profRun.measured.ok;
  if (prof.windowed && creates > 0) {
    const c = profRun.cpuPerReq;
    const busyPer = busy / creates;
    const blocked = busyPer - c.dRun - c.dWait;
    lines.push(`Per create, D's main thread (the event loop) was busy ${fmtMs(busyPer)} ms (profile, not idle); ` +
      `\`/proc/<pid>/task/<pid>/schedstat\` counts ${fmtMs(c.dRun)} ms of it on a CPU and ${fmtMs(c.dWait)} ms runnable but ` +
      'waiting for a CPU (a wait that also starts when the loop wakes up from idle, so the two overlap the profile\'s idle ' +
      'time a little). ' + (blocked > 0.1 * busyPer
        ? `That leaves about ${fmtMs(blocked)} ms per create in which the loop was blocked inside a call without using a CPU: ` +
          'in regd that is better-sqlite3, which is synchronous, waiting for the fsync of a commit (`synchronous=FULL`).'
        : 'Nothing much is left for time blocked in a call without a CPU (the fsync of a commit, which better-sqlite3 waits ' +
          'for on the event loop): on this machine the commits are not what holds D back, CPU is.') +
      ` The whole D process used ${fmtMs(c.d)} ms of CPU per create (all threads), U ${fmtMs(c.u)} ms.`, '');
  }
  return lines;
}

interface Meta {
  date: string; loadStart: number[]; loadEnd: number[]; totalS: number; setupS: number; fsInfo: string;
  labels: Record<TargetId, string>; prof?: ProfileSummary; profRun?: ScenarioResult; profLabel: string;
}

function interpretation(results: ScenarioResult[], meta: Meta): string[] {
  const L = meta.labels;
  const lines: string[] = [];
  const at = (c: Command, t: TargetId) => pick(results, c, VERDICT_N, t);
  const cpuAll = (r: ScenarioResult | undefined) => (r ? r.cpuPerReq.client + r.cpuPerReq.u + (r.target === 'U' ? 0 : r.cpuPerReq.d) : Number.NaN);
  const cores = os.cpus().length;
  const ratioRange = (c: Command) => {
    const u = at(c, 'U');
    const rs = (['D', 'DP'] as const).map((t) => at(c, t)).filter((r): r is ScenarioResult => !!r && !!u);
    if (!u || rs.length === 0) return undefined;
    const measured = rs.map((r) => rate(r) / rate(u));
    const predicted = rs.map((r) => cpuAll(u) / cpuAll(r));
    const span = (v: number[]) => {
      const [lo, hi] = [fmtPct(Math.min(...v)), fmtPct(Math.max(...v))];
      return lo === hi ? lo : `${lo.replace(' %', '')}-${hi}`;
    };
    return { measured: span(measured), predicted: span(predicted) };
  };
  const create = ratioRange('create');
  const fresh = ratioRange('check');
  const busyMachine = meta.loadStart[0]! > cores / 2 || meta.loadEnd[0]! > cores / 2;
  const queued = results.filter((r) => r.n === VERDICT_N && (r.cpuPerReq.uWait > r.cpuPerReq.u || r.cpuPerReq.dWait > r.cpuPerReq.d)).length;
  lines.push(`- **Everything shares ${cores} cores${busyMachine ? ', and this machine was busy with other work' : ''}** (load average ` +
    `${meta.loadStart[0]!.toFixed(1)} at the start, ${meta.loadEnd[0]!.toFixed(1)} at the end, on ${cores} cores)` +
    (queued ? `: in ${queued} of the rows of the CPU table U's or D's event loop waited longer for a core than its whole process ran. ` : '. ') +
    'Once the cores are the limit, throughput follows the CPU a command costs: through D a command costs the CPU of ' +
    'three processes (client, D, U), straight at U of two, and the extra hop shows up as CPU rather than as network ' +
    'latency (everything is on loopback). The ratio of CPU per command (U\'s path / D\'s path) and the measured D/U ' +
    `rate at N=${VERDICT_N}` +
    (create ? `: create ${create.predicted} from CPU, ${create.measured} measured` : '') +
    (fresh ? `; fresh check ${fresh.predicted} from CPU, ${fresh.measured} measured` : '') +
    '. The CPU ratios are the steadier number on a shared machine, and the one that should carry over to a quieter one.');
  const uc = at('check', 'U');
  const dc = at('check', 'DP') ?? at('check', 'D');
  if (uc && dc) {
    lines.push(`- **check, fresh names**: every command through D is one domain:check at U on one of D's upstream sessions, on top of ` +
      `D's own EPP work (frame, parse, schema validation, the local lookup, reply) and the EPP client's (request, TLS, ` +
      `reply parse): D's CPU per command (${fmtMs(dc.cpuPerReq.d)} ms with ${L[dc.target]}) comes on top of U's ` +
      `(${fmtMs(dc.cpuPerReq.u)} ms through D, ${fmtMs(uc.cpuPerReq.u)} ms straight) and the client's: ${fmtMs(cpuAll(dc))} ms in all ` +
      `against ${fmtMs(cpuAll(uc))} ms straight at U.`);
  }
  const ucc = at('cached', 'U');
  const dcc = at('cached', 'DP') ?? at('cached', 'D');
  if (ucc && dcc) {
    lines.push(`- **check, cached names**: D answers from its 30 s availability cache without asking U (U's CPU per command ` +
      `through D: ${fmtMs(dcc.cpuPerReq.u)} ms), so D is just a regd answering checks: ${fmtMs(dcc.cpuPerReq.d)} ms of D's CPU per ` +
      `command against ${fmtMs(ucc.cpuPerReq.u)} ms of U's straight. The differences between the rates in this row are the noise ` +
      'of this machine (1 s slices on busy cores), not the hop.');
  }
  const ur = at('create', 'U');
  const d2 = at('create', 'D');
  const dp = at('create', 'DP');
  if (ur && (d2 || dp)) {
    const dd = dp ?? d2!;
    lines.push(`- **create**: straight at U a create is one order at U (reserve in one transaction, the sandbox registry ` +
      'in-process, complete in a second one: two commits with `synchronous=FULL`). Through D it is the same order at D, ' +
      'whose registry call is one EPP command at U on one of D\'s upstream sessions: the domain:create (the whole order at ' +
      'U, as above; plus a contact:create the first time a session\'s contact is used and the two host:creates once, both ' +
      'in the warm-up). D neither checks the name first (U\'s create answers "taken" itself) nor reads the domain back ' +
      'afterwards (the ROID D shows is its own). So a create through D costs U one command and adds D\'s own order, EPP server and ' +
      `EPP client work: U's CPU per create through D was ${fmtMs(dd.cpuPerReq.u)} ms against ${fmtMs(ur.cpuPerReq.u)} ms ` +
      `straight, D's ${fmtMs(dd.cpuPerReq.d)} ms, ${fmtMs(cpuAll(dd))} ms in all (client included) against ${fmtMs(cpuAll(ur))} ms.`);
  }
  const prof = meta.prof;
  if (prof && meta.profRun) {
    const busy = prof.buckets.filter((b) => b.key !== '(idle)').reduce((sum, b) => sum + b.ms, 0) || 1;
    const share = (re: RegExp) => prof.buckets.filter((b) => re.test(b.key)).reduce((sum, b) => sum + b.ms, 0) / busy;
    const fn = (name: string) => prof.top.find((b) => b.key.startsWith(`${name} (`));
    // Native calls are charged to their JavaScript caller: with regd's statement cache that is the cache's wrapper
    // around better-sqlite3's all/run, without it Kysely's executeQuery.
    const exec = prof.top.find((b) => b.key.includes('src/store/statementCache.ts') && !b.key.startsWith('prepare (')) ?? fn('executeQuery');
    const prep = fn('prepare');
    lines.push(`- **Where D's time goes (the profile above)**: the store, ${fmtPct(share(/kysely|better-sqlite3|src\/store/))} of D's ` +
      'busy time (Kysely building and compiling every query' +
      (exec ? `; ${fmtPct(exec.ms / busy)} is better-sqlite3 running the statements, commits (and their fsync) included, ` +
        'since its native calls are charged to their JavaScript caller' : '') +
      (prep ? `; better-sqlite3's \`prepare\`, ${fmtPct(prep.ms / busy)}: statements not yet in regd's statement cache` : '') + '). ' +
      `XML comes next, ${fmtPct(share(/saxes|wasm|src\/protocols|src\/client/))} (saxes parsing on both of D's sides, schema ` +
      'validation of the reseller\'s command, rendering, the EPP client), and socket writes ' +
      `${fmtPct(share(/stream_base_commons|node:tls|node:net|node:streams/))} (TLS on loopback, both the reseller\'s connection and ` +
      'the upstream sessions). The order code itself (src/core) is small. D\'s store work is its own full order (the same ' +
      'two transactions U runs for a create) plus about nine more reads around the registry call (the order, the held ' +
      'domain, its nameservers and contacts, and one `upstream_objects` lookup per contact role and per nameserver). ' +
      'Done since the first measurement: prepared statements are reused (src/store/statementCache.ts), and the check ' +
      'before and the domain:info after each create are gone. Left: one `upstream_objects` read per order instead of ' +
      'one per role and host, and Kysely\'s query building; most of the store\'s share is SQLite itself, D\'s own order (two commits with `synchronous=FULL`) beside U\'s.');
  }
  const poolDiffs = (['check', 'create'] as const).flatMap((c) => {
    const a = at(c, 'D');
    const b = at(c, 'DP');
    return a && b ? [{ c, diff: rate(b) / rate(a) - 1 }] : [];
  });
  if (poolDiffs.length) {
    const mixed = poolDiffs.some((x) => x.diff > 0) && poolDiffs.some((x) => x.diff < 0);
    const small = poolDiffs.every((x) => Math.abs(x.diff) < 0.15);
    const said = poolDiffs.map((x) => `${COMMAND_LABEL[x.c]} ${x.diff >= 0 ? '+' : ''}${(100 * x.diff).toFixed(0)} %`).join(', ');
    lines.push(`- **Pool size** (${L.DP} against ${L.D} at N=${VERDICT_N}: ${said}): ` +
      (mixed || small
        ? 'no consistent difference, the larger pool is not faster here. '
        : `the larger pool was ${poolDiffs[0]!.diff > 0 ? 'ahead' : 'behind'} in both, in every command (more than noise only if a quieter run agrees). `) +
      'On this setup the bottleneck is CPU (U\'s and D\'s single event loops on shared cores), and a command at U over ' +
      'loopback holds an upstream session only for about a millisecond of U\'s work, so two sessions are rarely what a ' +
      'command waits for. The pool matters when the registry is far away: a create holds a session for one round trip, ' +
      'so with a round trip of r seconds D cannot exceed pool_size / r creates per second — with 2 sessions and a ' +
      '50 ms round trip about 40/s, with 16 about 320/s (arithmetic, not measured here).');
  }
  if (meta.profRun && (d2 || dp)) {
    lines.push(`- The profiled D ran alone, not in turn with U and another D, so its rate (${fmtRate(rate(meta.profRun))} creates/s) ` +
      'is not comparable with the table; its shares are what the profile is for.');
  }
  return lines;
}

function section(results: ScenarioResult[], meta: Meta): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const L = meta.labels;
  const notes = errorNotes(results, L);
  return [
    GATEWAY_SECTION_HEADING,
    '',
    'regd as a registrar gateway. **U** is the registry: a plain `regd serve` whose sandbox serves `.com`. **D** serves ' +
      '`.com` from U over EPP over TLS, logged in at U as a reseller of U (`regd reseller create … --json --data <U>`), ' +
      `twice: **${L.D}** is \`regd serve --upstream com=epps://CLID:PASSWORD@127.0.0.1:<U's EPP port> --upstream-ca <U's cert.pem>\` ` +
      `(the default upstream pool: 2 sessions) and **${L.DP}** reads the same upstream from a temporary regd.toml with ` +
      `\`pool_size = ${config.pool}\`. The same load, with N concurrent EPP-over-TLS sessions, goes through each D and straight at U ` +
      '(as a reseller of U), in one run.',
    '',
    '```sh',
    'BENCH_SUITES=gateway npm run bench     # this section only (or: node --import tsx bench/gateway.ts)',
    '```',
    '',
    `- Date: ${meta.date}`,
    `- Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()}); Node ${process.version}`,
    `- Load average (1/5/15 min, \`os.loadavg()\`): ${meta.loadStart.map((v) => v.toFixed(2)).join(' / ')} when the suite started, ` +
      `${meta.loadEnd.map((v) => v.toFixed(2)).join(' / ')} when it ended. Other work on the machine (anything above ~0 before the ` +
      'suite starts) takes cores from U, D and the client alike; read the ratios, not the absolute rates.',
    `- Store: SQLite (WAL, \`synchronous=FULL\`) for U and D, each in its own temporary folder on ${meta.fsInfo}`,
    `- Settings: BENCH_GATEWAY_CONCURRENCY=${config.concurrency.join(',')} BENCH_GATEWAY_COMMANDS=${config.commands.join(',')} ` +
      `BENCH_GATEWAY_REQUESTS=${config.requests} BENCH_GATEWAY_DURATION_S=${config.durationS} BENCH_GATEWAY_WARMUP=${config.warmup} ` +
      `BENCH_GATEWAY_WARMUP_S=${config.warmupS} BENCH_GATEWAY_POOL=${config.pool} BENCH_GATEWAY_PROFILE=${config.profile ? 1 : 0}; ` +
      `suite ${meta.totalS.toFixed(0)} s (setup ${meta.setupS.toFixed(0)} s)`,
    '',
    `Throughput and latency; "D/U req/s" is D's rate as a share of U's at the same N, "D/U p50" how many times U's median latency D's is.`,
    '',
    resultsTable(results, L),
    '',
    notes.length ? ['Errors:', '', ...notes, ''].join('\n') : 'Every reply carried result code 1000 and the expected content (no errors).\n',
    `### Under 2x at ${VERDICT_N} sessions?`,
    '',
    ...verdict(results, L),
    '',
    `### CPU per command at N=${VERDICT_N}`,
    '',
    'CPU time (user + system, every thread, from `/proc/<pid>/stat` for U and D and `process.cpuUsage()` for the client) ' +
      'over the measured phase, divided by the commands answered; "cores busy" is all of it per second of the phase. ' +
      'The resolution is 10 ms per process per phase.',
    '',
    cpuTable(results, L),
    '',
    '### Where D spends its time (CPU profile, create)',
    '',
    ...profileSection(meta.prof, meta.profRun, meta.profLabel),
    '### How it is measured',
    '',
    '- U: `regd serve --data <tmp>/u --host 127.0.0.1 --epp-port 0 --epp-max-sessions 64 --mode sandbox …`, with three ' +
      'resellers from `regd reseller create … --funds ' + FUNDS + ' --json`: one per D (its registrar login at U) and one ' +
      'for the load straight at U. Each D is `regd serve` on its own data folder with the same doors and its own reseller ' +
      '`alice`. All on 127.0.0.1; the load comes from `EppTlsClient` (certificates verified) in the benchmark process.',
    `- Before anything is measured, every command runs for ${config.warmupS} s with 4 sessions against every target (so no ` +
      'scenario pays for a cold JIT). Per scenario (command × N): N sessions are opened and logged in at each of U, D and D ' +
      '(and, for create, each makes its own registrant contact with `contact:create`), not timed; each target gets a ' +
      `warm-up of ${config.warmup} commands or ${config.warmupS} s; then the measured time, ${config.durationS} s per target (at most ` +
      `${config.requests} commands), is cut into ${config.slices} slices taken in turn (U, D, D, then D, D, U, ...), so that load ` +
      'from elsewhere on the machine that comes and goes falls on the three alike. Worker k always uses session k. ' +
      'req/s = replies with the expected content / time measured; p50/p99 are nearest-rank percentiles of the time from ' +
      'sending the frame to receiving the reply.',
    '- **check, fresh names**: one name per command, never asked before by anyone, alternately available and taken at ' +
      'U\'s sandbox (`taken-…`), so D cannot answer from its cache and asks U every time; the reply must say `avail` as ' +
      `expected. **check, cached names**: the same ${HOT_NAMES} names over and over (half available, half \`taken-…\`): D ` +
      'asks U once per name (in the warm-up) and then answers from its 30 s cache. **create**: a fresh `.com` name, ' +
      '1 year, the session\'s contact as registrant, admin and tech, two `hostObj` nameservers (`ns1/ns2.example.net`); ' +
      'the reply must be 1000 with the name in creData (a 1001 "pending", which D answers when U takes longer than ' +
      '`--registry-deadline`, counts as an error).',
    `- CPU profile: after the table's scenarios, a third D (its own data folder and registrar login at U, the same upstream ` +
      `as ${L.DP}) runs under \`node --cpu-prof\` and takes the create load at N=${NMAX}; it is stopped with SIGTERM (regd then exits ` +
      'and Node writes the profile), and the samples taken during the measured phase are summed by function and by the ' +
      'folder or package of its script.',
    '',
    '### Reading the numbers',
    '',
    ...interpretation(results, meta),
    '',
  ].join('\n');
}


// ---------------------------------------------------------------------------------------------------------------
// Main

function logResult(label: string, r: ScenarioResult): void {
  const m = r.measured;
  log(`${label.padEnd(16)} ${COMMAND_LABEL[r.command].padEnd(19)} N=${String(r.n).padEnd(3)} ${fmtRate(throughput(m)).padStart(6)} req/s  ` +
    `p50 ${fmtMs(percentile(m.latencies, 0.5))} ms  p99 ${fmtMs(percentile(m.latencies, 0.99))} ms  ` +
    `(${m.ok + m.errors} commands in ${(m.elapsedMs / 1000).toFixed(1)} s, ${m.errors} errors; warm-up ${r.warmup.ok + r.warmup.errors}, ${r.warmup.errors} errors)`);
}

async function main(): Promise<number> {
  if (!config.suites.has('gateway')) {
    log('BENCH_SUITES does not include gateway, skipping the gateway suite');
    return 0;
  }
  const started = performance.now();
  const date = new Date().toISOString();
  const loadStart = os.loadavg();
  const scenarios = config.commands.length * config.concurrency.length * 3 + (config.profile ? 1 : 0);
  const watchdogMs = (scenarios * (2 * config.warmupS + config.durationS + 2 * REQUEST_TIMEOUT_MS / 1000) + 240) * 1000;
  setTimeout(() => {
    log(`still running after ${watchdogMs / 1000} s, giving up`);
    void cleanup().finally(() => process.exit(1));
  }, watchdogMs).unref();

  const tmpDir = makeTmpDir('regd-bench-gateway-');
  const dir = (name: string) => { const d = path.join(tmpDir!, name); fs.mkdirSync(d); return d; };
  const uDir = dir('u');
  const uChild = await startRegdServer(uDir);
  children.push(uChild);
  const caFile = path.join(uDir, 'tls', 'cert.pem');
  const [direct, loginD, loginDP, loginProf] = await Promise.all(['direct', 'gw-default', 'gw-pool', 'gw-prof'].map((n) => createReseller(uDir, n, FUNDS)));
  const u: Target = { id: 'U', label: 'U', child: uChild, eppPort: uChild.ports.epp!, ca: fs.readFileSync(caFile, 'utf8'), creds: direct! };
  log(`U: EPP over TLS on port ${u.eppPort}`);

  const labels: Record<TargetId, string> = { U: 'U', D: 'D, pool 2', DP: `D, pool ${config.pool}` };
  const dDir = dir('d-default');
  const dpDir = dir('d-pool');
  const [d, dp] = await Promise.all([
    gatewayTarget('D', labels.D, dDir, flagArgs(loginD!, u, caFile)),
    gatewayTarget('DP', labels.DP, dpDir, tomlArgs(loginDP!, u, caFile, dpDir, config.pool)),
  ]);
  log(`${labels.D}: EPP over TLS on port ${d!.eppPort}; ${labels.DP}: EPP over TLS on port ${dp!.eppPort}`);
  const targets = [u, d!, dp!];
  await warmEverything(targets, config.commands);
  const setupS = (performance.now() - started) / 1000;
  log(`setup and warm-up done in ${setupS.toFixed(1)} s`);

  const results: ScenarioResult[] = [];
  for (const command of config.commands) {
    for (const n of config.concurrency) {
      for (const r of await runGroup(targets, u, command, n)) {
        results.push(r);
        logResult(labels[r.target], r);
      }
    }
  }

  let prof: ProfileSummary | undefined;
  let profRun: ScenarioResult | undefined;
  const profLabel = `pool ${config.pool}`;
  if (config.profile) {
    const profDir = dir('profile');
    const pDir = dir('d-prof');
    const dprof = await gatewayTarget('DP', `D under --cpu-prof, ${profLabel}`, pDir, tomlArgs(loginProf!, u, caFile, pDir, config.pool),
      ['--cpu-prof', '--cpu-prof-dir', profDir]);
    await warmEverything([dprof], ['create']);
    [profRun] = await runGroup([dprof], u, 'create', NMAX);
    logResult('D --cpu-prof', profRun!);
    await dprof.child.stop();
    const file = mainProfile(profDir);
    if (file) {
      prof = summariseProfile(file, profRun!.windowsUs);
      log(`profile: ${prof.samples} samples${prof.windowed ? ' in the measured window' : ' (whole profile)'}; top: ` +
        prof.buckets.slice(0, 6).map((b) => `${b.key} ${fmtPct(b.share)}`).join(', '));
      if (process.env.BENCH_GATEWAY_KEEP_PROFILE) {
        fs.copyFileSync(file, process.env.BENCH_GATEWAY_KEEP_PROFILE);
        log(`profile copied to ${process.env.BENCH_GATEWAY_KEEP_PROFILE}`);
      }
    } else {
      log('no .cpuprofile was written');
    }
  }

  const totalS = (performance.now() - started) / 1000;
  process.stdout.write(`\n${resultsTable(results, labels)}\n\n${cpuTable(results, labels)}\n\n${verdict(results, labels).join('\n')}\n\n`);
  const notes = errorNotes(results, labels);
  if (notes.length) process.stdout.write(`Errors:\n${notes.join('\n')}\n\n`);
  if (config.out) {
    writeSection(config.out, GATEWAY_SECTION_HEADING, section(results, {
      date, loadStart, loadEnd: os.loadavg(), totalS, setupS, fsInfo: filesystemOf(os.tmpdir()), labels, prof, profRun, profLabel,
    }));
    log(`wrote the gateway section of ${path.relative(process.cwd(), config.out) || config.out}`);
  }
  const all = profRun ? [...results, profRun] : results;
  return all.some((r) => r.measured.errors > 0 || r.warmup.errors > 0) ? 1 : 0;
}

main().then(
  async (code) => { await cleanup(); process.exit(code); },
  async (err: unknown) => {
    log(`failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    await cleanup();
    process.exit(1);
  },
);
