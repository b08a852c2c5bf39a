// `npm run bench`: starts `regd serve` and a canned-reply reference server (same TLS transport and certificate), each
// in its own child process on 127.0.0.1, drives LOOKUP and SW_REGISTER through XcpClient with N concurrent keep-alive
// connections, and reports throughput and p50/p99 latency for both side by side. Prints a markdown table and writes
// BENCHMARKS.md. Every loop is bounded; child processes and the temporary data folder are removed on every exit path.
//
// Environment (all optional):
//   BENCH_CONCURRENCY  comma-separated N values            (default 1,8,32)
//   BENCH_REQUESTS     measured requests per scenario       (default 2000)
//   BENCH_DURATION_S   time cap per measured scenario       (default 10)
//   BENCH_WARMUP       warm-up requests per scenario        (default 200)
//   BENCH_WARMUP_S     time cap per warm-up                 (default 3)
//   BENCH_OUT          report file, "-" for none            (default BENCHMARKS.md in the project root)
//   BENCH_SUITES       xcp, epp or xcp,epp                  (default xcp,epp; this script is the xcp part, bench/epp.ts
//                      the epp part, which appends its section to the report this one writes)
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { XcpClient } from '../src/client/xcpClient.ts';
import type { OpsAssoc, OpsItem } from '../src/protocols/ops/index.ts';
import { registerAttributes } from '../test/support/fixtures.ts';
import { CANNED_CODE } from './cannedReply.ts';
import {
  createReseller, killAllChildrenSync, startCannedServer, startRegdServer,
  type ListeningChild, type ResellerCredentials,
} from './children.ts';
import { percentile, runLoad, throughput, type LoadResult } from './load.ts';
import { envInt, envIntList, filesystemOf, otherSections, reportPath, selectedSuites } from './config.ts';

// ---------------------------------------------------------------------------------------------------------------
// Configuration

const config = {
  concurrency: envIntList('BENCH_CONCURRENCY', [1, 8, 32]),
  requests: envInt('BENCH_REQUESTS', 2000),
  durationS: envInt('BENCH_DURATION_S', 10),
  warmup: envInt('BENCH_WARMUP', 200),
  warmupS: envInt('BENCH_WARMUP_S', 3),
  out: reportPath(),
  suites: selectedSuites(),
};
const REQUEST_TIMEOUT_MS = 30_000;
const HOST = '127.0.0.1';

// ---------------------------------------------------------------------------------------------------------------
// Cleanup on every exit path

let tmpDir: string | undefined;
const cleanups: Array<() => Promise<void>> = [];
let cleaning: Promise<void> | undefined;

function removeTmpDirSync(): void {
  if (tmpDir) {
    try { fs.rmSync(tmpDir, { recursive: true, force: true }); } catch { /* best effort */ }
    tmpDir = undefined;
  }
}

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of cleanups.splice(0).reverse()) {
      try { await fn(); } catch (err) { process.stderr.write(`bench: cleanup step failed: ${String(err)}\n`); }
    }
    removeTmpDirSync();
  })();
  return cleaning;
}

process.on('exit', () => { killAllChildrenSync(); removeTmpDirSync(); });
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    process.stderr.write(`bench: ${signal}, cleaning up\n`);
    void cleanup().finally(() => process.exit(code));
  });
}

const log = (line: string) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------------------------
// Requests

type Command = 'LOOKUP' | 'SW_REGISTER';
type Target = 'regd' | 'canned';

interface Op { action: Command; attributes: Record<string, OpsItem> | OpsAssoc; expect: number[] }

const runId = Date.now().toString(36);
const PREREGISTERED_COUNT = 5;
const preregistered: string[] = [];
const LOOKUP_TLDS = ['com', 'net', 'org', 'io'];
let registerSeq = 0;

/** LOOKUP mix: one third available, one third taken at another registrar, one third registered by regd itself. */
function lookupOp(i: number): Op {
  switch (i % 3) {
    case 0: return { action: 'LOOKUP', attributes: { domain: `bench-${runId}-free-${i}.${LOOKUP_TLDS[i % LOOKUP_TLDS.length]}` }, expect: [210] };
    case 1: return { action: 'LOOKUP', attributes: { domain: `taken-bench-${i % 100}.com` }, expect: [211] };
    default: return { action: 'LOOKUP', attributes: { domain: preregistered[i % preregistered.length]! }, expect: [211] };
  }
}

/** SW_REGISTER of a fresh name every time, all under the same registrant profile (so its password is verified). */
function registerOp(): Op {
  registerSeq += 1;
  return { action: 'SW_REGISTER', attributes: registerAttributes(`bench-${runId}-reg-${registerSeq}.com`), expect: [200] };
}

function opFor(command: Command, i: number): Op {
  return command === 'LOOKUP' ? lookupOp(i) : registerOp();
}

async function send(client: XcpClient, op: Op, expect: number[]): Promise<void> {
  const r = await client.call('DOMAIN', op.action, op.attributes);
  if (!expect.includes(r.responseCode)) {
    throw new Error(`${op.action}: expected ${expect.join('/')}, got ${r.responseCode} ${r.responseText}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Scenarios

interface Server { target: Target; child: ListeningChild }

interface ScenarioResult { target: Target; command: Command; n: number; warmup: LoadResult; measured: LoadResult }

async function runScenario(server: Server, command: Command, n: number, creds: ResellerCredentials, ca: string): Promise<ScenarioResult> {
  const { child } = server;
  if (child.child.exitCode !== null || child.child.signalCode !== null) {
    throw new Error(`${child.name} is no longer running:\n${child.output.slice(-20).join('\n')}`);
  }
  const client = new XcpClient({ host: HOST, port: child.port, username: creds.username, privateKey: creds.privateKey, ca, maxSockets: n });
  try {
    let offset = 0;
    const request = async (i: number) => {
      const op = opFor(command, offset + i);
      // The canned server answers everything with the same reply; regd must give the real, command-specific code.
      await send(client, op, server.target === 'canned' ? [CANNED_CODE] : op.expect);
    };
    const warmup = await runLoad({
      concurrency: n, maxRequests: config.warmup, maxDurationMs: config.warmupS * 1000, requestTimeoutMs: REQUEST_TIMEOUT_MS, request,
    });
    offset = warmup.ok + warmup.errors;
    const measured = await runLoad({
      concurrency: n, maxRequests: config.requests, maxDurationMs: config.durationS * 1000, requestTimeoutMs: REQUEST_TIMEOUT_MS, request,
    });
    return { target: server.target, command, n, warmup, measured };
  } finally {
    client.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Machine facts

/** Median wall time of one scrypt call with the parameters regd hashes registrant passwords with
 * (src/core/passwordHash.ts), after one untimed call; measured before any server runs. */
async function medianScryptMs(runs = 9): Promise<number> {
  const salt = crypto.randomBytes(16);
  const once = () => new Promise<void>((resolve, reject) =>
    crypto.scrypt('secret123', salt, 32, { N: 16384, r: 8, p: 1, maxmem: 256 * 16384 * 8 * 2 }, (err) => (err ? reject(err) : resolve())));
  await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await once();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

// ---------------------------------------------------------------------------------------------------------------
// Report

const fmtRate = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : 'n/a');
const fmtMs = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) : 'n/a');

function resultsTable(results: ScenarioResult[]): string {
  const rows = [
    '| command | N | regd req/s | regd p50 ms | regd p99 ms | canned req/s | canned p50 ms | canned p99 ms | regd / canned req/s | requests regd / canned | errors regd / canned |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const command of ['LOOKUP', 'SW_REGISTER'] as const) {
    for (const n of config.concurrency) {
      const regd = results.find((r) => r.target === 'regd' && r.command === command && r.n === n)?.measured;
      const canned = results.find((r) => r.target === 'canned' && r.command === command && r.n === n)?.measured;
      if (!regd || !canned) continue;
      const ratio = throughput(canned) > 0 ? `${((throughput(regd) / throughput(canned)) * 100).toFixed(1)} %` : 'n/a';
      rows.push(`| ${command} | ${n} | ${fmtRate(throughput(regd))} | ${fmtMs(percentile(regd.latencies, 0.5))} | ${fmtMs(percentile(regd.latencies, 0.99))} | ` +
        `${fmtRate(throughput(canned))} | ${fmtMs(percentile(canned.latencies, 0.5))} | ${fmtMs(percentile(canned.latencies, 0.99))} | ${ratio} | ` +
        `${regd.ok + regd.errors} / ${canned.ok + canned.errors} | ${regd.errors} / ${canned.errors} |`);
    }
  }
  return rows.join('\n');
}

function errorNotes(results: ScenarioResult[]): string[] {
  const notes: string[] = [];
  for (const r of results) {
    for (const [phase, res] of [['warm-up', r.warmup], ['measured', r.measured]] as const) {
      if (res.errors > 0) notes.push(`- ${r.target} ${r.command} N=${r.n} (${phase}): ${res.errors} errors, e.g. ${res.errorSamples.map((s) => `\`${s}\``).join('; ')}`);
    }
  }
  return notes;
}

function interpretation(results: ScenarioResult[], scryptMs: number): string[] {
  const get = (target: Target, command: Command, n: number) => results.find((r) => r.target === target && r.command === command && r.n === n)?.measured;
  const lines: string[] = [];
  const cores = os.cpus().length;
  const best = (target: Target, command: Command) => {
    let top: { n: number; rate: number } | undefined;
    for (const n of config.concurrency) {
      const m = get(target, command, n);
      if (m && (!top || throughput(m) > top.rate)) top = { n, rate: throughput(m) };
    }
    return top;
  };
  const lookupTop = best('regd', 'LOOKUP');
  const cannedLookupTop = best('canned', 'LOOKUP');
  if (lookupTop && cannedLookupTop) {
    lines.push(`- **LOOKUP** peaks at ${fmtRate(lookupTop.rate)} req/s (N=${lookupTop.n}) against ${fmtRate(cannedLookupTop.rate)} req/s for the canned ` +
      `server (N=${cannedLookupTop.n}), i.e. ${((lookupTop.rate / cannedLookupTop.rate) * 100).toFixed(0)} % of what the bare TLS transport plus ` +
      'client delivers here. The difference is regd\'s own work per request: the reseller row (a SQLite read) and the ' +
      'signature check, OPS decode of the request, name parsing, a SQLite read of the domain, the sandbox registry check and ' +
      'OPS encode of the reply, all on the server\'s single event loop.');
  }
  const n1 = config.concurrency[0]!;
  const reg1 = get('regd', 'SW_REGISTER', n1);
  const regTop = best('regd', 'SW_REGISTER');
  const cannedRegTop = best('canned', 'SW_REGISTER');
  if (reg1 && regTop && cannedRegTop) {
    lines.push(`- **SW_REGISTER** takes ${fmtMs(percentile(reg1.latencies, 0.5))} ms at p50 with N=${n1} and tops out at ` +
      `${fmtRate(regTop.rate)} req/s (N=${regTop.n}), against ${fmtRate(cannedRegTop.rate)} req/s for the canned server given the ` +
      'same request bodies. Nearly all of the difference is one ' +
      'deliberate cost: every registration under an existing registrant profile verifies the profile password with scrypt ' +
      `(N=16384, r=8, p=1, ~16 MiB of memory), which took ${fmtMs(scryptMs)} ms per call on this machine in isolation ` +
      '(median of 9, measured at the start of this run). That is what makes stored passwords expensive to attack, and it ' +
      'makes registration CPU-bound: scrypt runs on libuv\'s thread pool ' +
      `(${process.env.UV_THREADPOOL_SIZE ?? 4} threads), so a few verifications proceed in parallel until the ${cores} cores ` +
      'are busy; beyond that a higher N only queues (p50 ≈ N / throughput), which is why latency grows with N while ' +
      'throughput flattens. The remainder is the registration\'s two transactions (reserve: order, ledger debit, domain, ' +
      'four contacts, nameservers; settle: ROID, dates, history) in SQLite with `synchronous=FULL`, i.e. an fsync per commit.');
  }
  lines.push(`- The client runs in the benchmark process and the servers in their own processes, but all share the ${cores} ` +
    'cores of this machine, so the client\'s own TLS, signing and OPS decode compete with the server. The canned column ' +
    'has the same client and transport costs and is the ceiling this setup can show; compare the ratio column rather than ' +
    'absolute numbers across machines.');
  return lines;
}

interface RunMeta { date: string; scryptMs: number; fsInfo: string; totalS: number; loadStart: number[] }

function report(results: ScenarioResult[], meta: RunMeta): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const notes = errorNotes(results);
  return [
    '# Benchmarks',
    '',
    'Throughput and latency of regd\'s OpenSRS XML API (XCP over HTTPS) for `LOOKUP` and `SW_REGISTER`, beside a reference ' +
      'server measured in the same run that answers every POST with one canned OPS reply over the same TLS transport ' +
      '(`startHttpOverTls`) and the same self-signed certificate.',
    '',
    '```sh',
    'npm run bench',
    '```',
    '',
    `- Date: ${meta.date}`,
    `- Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node: ${process.version}`,
    `- Store: SQLite (WAL, \`synchronous=FULL\`) in a temporary folder on ${meta.fsInfo}`,
    `- scrypt (N=16384, r=8, p=1), one call: ${fmtMs(meta.scryptMs)} ms (median of 9 on this machine, before the servers start)`,
    `- Load average (1/5/15 min) when the run started: ${meta.loadStart.map((v) => v.toFixed(2)).join(' / ')} ` +
      '(anything else running on the machine skews the numbers)',
    `- Settings: BENCH_CONCURRENCY=${config.concurrency.join(',')} BENCH_REQUESTS=${config.requests} BENCH_DURATION_S=${config.durationS} ` +
      `BENCH_WARMUP=${config.warmup} BENCH_WARMUP_S=${config.warmupS}; whole run ${meta.totalS.toFixed(0)} s`,
    '',
    '## Results',
    '',
    resultsTable(results),
    '',
    notes.length ? ['Errors:', '', ...notes, ''].join('\n') : 'Every reply carried the expected response code (no errors).\n',
    '## How it is measured',
    '',
    '- `regd serve --data <tmp> --host 127.0.0.1 --xcp-port 0` and `bench/cannedServer.ts` each run in their own child ' +
      'process; the load comes from `XcpClient` (keep-alive `https.Agent`, `maxSockets` = N, certificate verified) in the ' +
      'benchmark process. Everything is on 127.0.0.1.',
    '- Closed loop: N workers each keep one request in flight. Per scenario (command × N × server): a warm-up of ' +
      `${config.warmup} requests or ${config.warmupS} s, whichever ends first (opens the connections), then ${config.requests} ` +
      `requests or ${config.durationS} s, whichever ends first. req/s = successful replies / elapsed time; p50/p99 are ` +
      'nearest-rank percentiles of the per-request latency (`performance.now()` around `XcpClient.call`, so they include ' +
      'client-side encoding, signing and decoding).',
    '- `LOOKUP` mixes three kinds of name in equal parts: available (210), taken at another registrar in the sandbox ' +
      `(\`taken-…\`, 211) and registered by regd itself in this run (211; ${PREREGISTERED_COUNT} names registered during setup).`,
    '- `SW_REGISTER` registers a fresh `.com` name per request (reg_type=new, handle=process, 1 year, four contacts, two ' +
      'nameservers) under one registrant profile, created by the first registration during setup; every later request ' +
      'verifies its password with scrypt.',
    '- Every reply is checked: regd must answer 210/211 as expected for `LOOKUP` and 200 for `SW_REGISTER`; the canned ' +
      `server always answers ${CANNED_CODE}. Anything else, a transport error or no reply within ${REQUEST_TIMEOUT_MS / 1000} s counts as an error.`,
    '- The canned server receives exactly the same requests (including the larger `SW_REGISTER` bodies) and skips all of ' +
      'regd\'s work: no authentication, no parsing, no store.',
    '',
    '## Reading the numbers',
    '',
    ...interpretation(results, meta.scryptMs),
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Main

async function main(): Promise<number> {
  if (!config.suites.has('xcp')) {
    log('bench: BENCH_SUITES does not include xcp, skipping the XCP suite');
    return 0;
  }
  const started = performance.now();
  const date = new Date().toISOString();
  const loadStart = os.loadavg();
  const scenarios = config.concurrency.length * 2 * 2;
  // Last resort: every loop is bounded, but never let a wedged run hang forever.
  const watchdogMs = (scenarios * (config.warmupS + config.durationS + 2 * REQUEST_TIMEOUT_MS / 1000) + 180) * 1000;
  setTimeout(() => {
    log(`bench: still running after ${watchdogMs / 1000} s, giving up`);
    void cleanup().finally(() => process.exit(1));
  }, watchdogMs).unref();

  log('bench: measuring scrypt cost');
  const scryptMs = await medianScryptMs();

  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-bench-'));
  const dataDir = tmpDir;
  log(`bench: data in ${dataDir}`);

  const regd = await startRegdServer(dataDir);
  cleanups.push(() => regd.stop());
  log(`bench: regd serve on port ${regd.port}`);
  const creds = await createReseller(dataDir, 'benchuser', '1000000');
  // regd serve has made the self-signed certificate by now; the canned server loads the same one.
  const canned = await startCannedServer(dataDir);
  cleanups.push(() => canned.stop());
  log(`bench: canned server on port ${canned.port}`);
  const ca = fs.readFileSync(path.join(dataDir, 'tls', 'cert.pem'), 'utf8');

  // Setup: the first registration creates the registrant profile (hashing its password); the names registered here
  // are the "registered by regd" part of the LOOKUP mix.
  const setupClient = new XcpClient({ host: HOST, port: regd.port, username: creds.username, privateKey: creds.privateKey, ca, maxSockets: 1 });
  try {
    for (let i = 1; i <= PREREGISTERED_COUNT; i++) {
      const name = `bench-${runId}-pre-${i}.com`;
      await send(setupClient, { action: 'SW_REGISTER', attributes: registerAttributes(name), expect: [200] }, [200]);
      preregistered.push(name);
    }
    for (const i of [0, 1, 2]) await send(setupClient, lookupOp(i), lookupOp(i).expect);
  } finally {
    setupClient.close();
  }

  const servers: Record<Target, Server> = { regd: { target: 'regd', child: regd }, canned: { target: 'canned', child: canned } };
  const results: ScenarioResult[] = [];
  for (const command of ['LOOKUP', 'SW_REGISTER'] as const) {
    for (const n of config.concurrency) {
      // Reference first, then regd, for every (command, N): drift over the run affects both alike.
      for (const target of ['canned', 'regd'] as const) {
        const r = await runScenario(servers[target], command, n, creds, ca);
        results.push(r);
        const m = r.measured;
        log(`bench: ${target.padEnd(6)} ${command.padEnd(11)} N=${String(n).padEnd(3)} ${fmtRate(throughput(m)).padStart(6)} req/s  ` +
          `p50 ${fmtMs(percentile(m.latencies, 0.5))} ms  p99 ${fmtMs(percentile(m.latencies, 0.99))} ms  ` +
          `(${m.ok + m.errors} requests in ${(m.elapsedMs / 1000).toFixed(1)} s, ${m.errors} errors; warm-up ${r.warmup.ok + r.warmup.errors}, ${r.warmup.errors} errors)`);
      }
    }
  }

  const totalS = (performance.now() - started) / 1000;
  const md = report(results, { date, scryptMs, fsInfo: filesystemOf(os.tmpdir()), totalS, loadStart });
  process.stdout.write(`\n${resultsTable(results)}\n\n`);
  const notes = errorNotes(results);
  if (notes.length) process.stdout.write(`Errors:\n${notes.join('\n')}\n\n`);
  if (config.out) {
    // The other suites' sections stay; each of them replaces its own when it runs after this script.
    const keep = otherSections(config.out, (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined));
    fs.writeFileSync(config.out, keep ? `${md.trimEnd()}\n\n${keep}` : md);
    log(`bench: wrote ${path.relative(process.cwd(), config.out) || config.out}`);
  }
  return results.some((r) => r.measured.errors > 0 || r.warmup.errors > 0) ? 1 : 0;
}

main().then(
  async (code) => { await cleanup(); process.exit(code); },
  async (err: unknown) => {
    process.stderr.write(`bench: failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    await cleanup();
    process.exit(1);
  },
);
