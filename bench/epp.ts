// The EPP part of `npm run bench`: EPP over TLS domain:check, domain:info and domain:create with N concurrent
// sessions (each its own TLS connection, logged in once, one command in flight), beside a canned-reply server on the
// same 4-byte-framed TLS transport and certificate (bench/cannedEppServer.ts). Appends an "EPP over TLS" section to
// the report bench/run.ts writes (or replaces the one already there). Every loop is bounded; child processes and the
// temporary folder are removed on every exit path.
//
// Environment (all optional):
//   BENCH_SUITES          xcp, epp or xcp,epp (default); this script runs only when epp is listed
//   BENCH_CONCURRENCY     comma-separated N values                 (default 1,8,32)
//   BENCH_EPP_COMMANDS    some of check,info,create                (default all three)
//   BENCH_EPP_REQUESTS    measured commands per scenario            (default 20000)
//   BENCH_EPP_DURATION_S  time cap per measured scenario            (default 5)
//   BENCH_EPP_WARMUP      warm-up commands per scenario             (default 200)
//   BENCH_EPP_WARMUP_S    time cap per warm-up                      (default 1)
//   BENCH_OUT             report file, "-" for none                 (default BENCHMARKS.md in the project root)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SqliteDatabase from 'better-sqlite3';
import { EppTlsClient } from '../src/client/eppClient.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import { eppCommand, loginXml } from '../test/support/eppHarness.ts';
import { EPP_SECTION_HEADING, envInt, envIntList, filesystemOf, reportPath, selectedSuites, writeSection } from './config.ts';
import {
  createReseller, startCannedEppServer, startRegdServer,
} from './children.ts';
import { exitCleanup } from './exitCleanup.ts';
import { percentile, runLoad, throughput, type LoadResult } from './load.ts';

const config = {
  suites: selectedSuites(),
  concurrency: envIntList('BENCH_CONCURRENCY', [1, 8, 32]),
  requests: envInt('BENCH_EPP_REQUESTS', 20_000),
  durationS: envInt('BENCH_EPP_DURATION_S', 5),
  warmup: envInt('BENCH_EPP_WARMUP', 200),
  warmupS: envInt('BENCH_EPP_WARMUP_S', 1),
  out: reportPath(),
};
const HOST = '127.0.0.1';
/** runLoad's bound per command; a session's own bound (below it) closes the connection so no late reply is misread. */
const REQUEST_TIMEOUT_MS = 30_000;
const SESSION_REPLY_TIMEOUT_MS = 20_000;
const INFO_DOMAINS = 20;
const D = `xmlns:domain="${NS.domain}"`;
const runId = Date.now().toString(36);

const log = (line: string) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------------------------
// Cleanup on every exit path

const { children, tmpDir: makeTmpDir, cleanup } = exitCleanup((line) => log(`bench/epp: ${line}`));

// ---------------------------------------------------------------------------------------------------------------
// Commands and reply checks

type Command = 'check' | 'info' | 'create';
type Target = 'regd' | 'canned';
const ALL_COMMANDS: readonly Command[] = ['check', 'info', 'create'];

/** BENCH_EPP_COMMANDS, e.g. "create" or "check,info"; default all three, always in the order above. */
function selectedCommands(): Command[] {
  const raw = process.env.BENCH_EPP_COMMANDS;
  if (raw === undefined || raw.trim() === '') return [...ALL_COMMANDS];
  const list = raw.split(',').map((s) => s.trim().toLowerCase().replace(/^domain:/, '')).filter(Boolean);
  const bad = list.filter((s) => !(ALL_COMMANDS as readonly string[]).includes(s));
  if (list.length === 0 || bad.length) throw new Error(`BENCH_EPP_COMMANDS must list some of ${ALL_COMMANDS.join(',')}, got ${JSON.stringify(raw)}`);
  return ALL_COMMANDS.filter((c) => list.includes(c));
}
const COMMANDS = selectedCommands();

const checkXml = (name: string) => eppCommand(`<check><domain:check ${D}><domain:name>${name}</domain:name></domain:check></check>`, 'BENCH');
const infoXml = (name: string) => eppCommand(`<info><domain:info ${D}><domain:name>${name}</domain:name></domain:info></info>`, 'BENCH');
const createXml = (name: string, handle: string) => eppCommand(`<create><domain:create ${D}><domain:name>${name}</domain:name>` +
  '<domain:period unit="y">1</domain:period><domain:ns><domain:hostObj>ns1.example.net</domain:hostObj><domain:hostObj>ns2.example.net</domain:hostObj></domain:ns>' +
  `<domain:registrant>${handle}</domain:registrant><domain:contact type="admin">${handle}</domain:contact><domain:contact type="tech">${handle}</domain:contact>` +
  '<domain:authInfo><domain:pw/></domain:authInfo></domain:create></create>', 'BENCH');
// As test/eppFullCycle.e2e.test.ts contactCreate: the server assigns the handle and answers it in creData.
const contactXml = eppCommand(`<create><contact:create xmlns:contact="${NS.contact}"><contact:id>client-chosen-id</contact:id>` +
  '<contact:postalInfo type="loc"><contact:name>Bench Registrant</contact:name><contact:org>Example B.V.</contact:org>' +
  '<contact:addr><contact:street>Main street 15</contact:street><contact:city>Rotterdam</contact:city><contact:pc>3024 BN</contact:pc>' +
  '<contact:cc>NL</contact:cc></contact:addr></contact:postalInfo><contact:voice>+31.104482299</contact:voice>' +
  '<contact:email>bench@example.com</contact:email><contact:authInfo><contact:pw>Contact-Pw1</contact:pw></contact:authInfo></contact:create></create>', 'BENCH');

class UnexpectedReply extends Error {}

const codeOf = (xml: string): number => Number(/<result\s+code="(\d+)"/.exec(xml)?.[1] ?? 0);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function expectCode(xml: string, what: string, code = 1000): void {
  const got = codeOf(xml);
  if (got !== code) {
    const msg = /<msg[^>]*>([^<]*)<\/msg>/.exec(xml)?.[1];
    throw new UnexpectedReply(`${what}: result code ${got || 'missing'}${msg ? ` (${msg})` : ''}, expected ${code}`);
  }
}

interface Planned { xml: string; verify: (reply: string) => void }

/** Shared state of the run: the registrant handle, the names registered in setup and a counter for fresh names. */
interface Fixture { handle: string; registered: string[]; seq: number }

/**
 * Command number i. domain:check mixes three kinds of name in equal parts: available, taken at another registrar in
 * the sandbox (taken-…) and registered by regd itself in setup. regd's replies are checked for code 1000 and the
 * content (availability, the name in infData/creData); the canned server's fixed reply only for code 1000.
 */
function plan(command: Command, target: Target, i: number, f: Fixture): Planned {
  const strict = target === 'regd';
  if (command === 'check') {
    const kind = i % 3;
    const name = kind === 0 ? `bench-${runId}-free-${i}.com` : kind === 1 ? `taken-bench-${i % 100}.com` : f.registered[i % f.registered.length]!;
    const avail = kind === 0 ? '1' : '0';
    return {
      xml: checkXml(name),
      verify: (reply) => {
        expectCode(reply, 'domain:check');
        if (!strict) return;
        const m = new RegExp(`<domain:name\\s+avail="(\\w+)"\\s*>${escapeRe(name)}</domain:name>`).exec(reply);
        const got = m?.[1] === 'true' ? '1' : m?.[1] === 'false' ? '0' : m?.[1];
        if (got !== avail) throw new UnexpectedReply(`domain:check ${name.startsWith('taken-') ? 'taken-…' : kind === 0 ? 'free' : 'registered'} name: avail=${got ?? 'missing'}, expected ${avail}`);
      },
    };
  }
  if (command === 'info') {
    const name = f.registered[i % f.registered.length]!;
    return {
      xml: infoXml(name),
      verify: (reply) => {
        expectCode(reply, 'domain:info');
        if (strict && !reply.includes(`<domain:name>${name}</domain:name>`)) throw new UnexpectedReply('domain:info: infData does not name the domain');
      },
    };
  }
  f.seq += 1;
  const name = `bench-${runId}-${f.seq}.com`;
  return {
    xml: createXml(name, f.handle),
    verify: (reply) => {
      expectCode(reply, 'domain:create');
      if (strict && !reply.includes(`<domain:name>${name}</domain:name>`)) throw new UnexpectedReply('domain:create: creData does not name the domain');
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Sessions: one TLS connection per worker, logged in once

interface Creds { username: string; password: string }

async function openSession(port: number, ca: string, creds: Creds): Promise<EppTlsClient> {
  const c = await EppTlsClient.connect({ host: HOST, port, ca, timeoutMs: SESSION_REPLY_TIMEOUT_MS });
  try {
    if (!c.greeting.includes('<greeting')) throw new UnexpectedReply('no <greeting> on connect');
    expectCode(await send(c, loginXml(creds.username, creds.password)), 'login');
  } catch (err) {
    c.socket.destroy();
    throw err;
  }
  return c;
}

/** One command, bounded: without a reply in time the connection is destroyed (the pending command then fails). */
async function send(c: EppTlsClient, xml: string): Promise<string> {
  const timer = setTimeout(() => c.socket.destroy(new Error(`no reply within ${SESSION_REPLY_TIMEOUT_MS} ms`)), SESSION_REPLY_TIMEOUT_MS);
  try {
    return await c.command(xml);
  } finally {
    clearTimeout(timer);
  }
}

class SessionPool {
  private readonly slots: Array<EppTlsClient | undefined>;
  /** Sessions opened again after a transport failure (each such failure is also counted as an error). */
  reopened = 0;

  private constructor(private readonly port: number, private readonly ca: string, private readonly creds: Creds, sessions: EppTlsClient[]) {
    this.slots = sessions;
  }

  static async open(port: number, ca: string, creds: Creds, n: number): Promise<SessionPool> {
    const opened = await Promise.allSettled(Array.from({ length: n }, () => openSession(port, ca, creds)));
    const sessions = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = opened.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      for (const s of sessions) s.socket.destroy();
      throw new Error(`could not open ${n} EPP sessions: ${String(failed.reason)}`);
    }
    return new SessionPool(port, ca, creds, sessions);
  }

  /** Sends on worker w's own session; a transport failure drops it, and the worker's next command logs in anew. */
  async run(w: number, p: Planned): Promise<void> {
    let s = this.slots[w];
    if (!s) {
      s = await openSession(this.port, this.ca, this.creds);
      this.slots[w] = s;
      this.reopened += 1;
    }
    let reply: string;
    try {
      reply = await send(s, p.xml);
    } catch (err) {
      this.slots[w] = undefined;
      s.socket.destroy();
      throw err;
    }
    p.verify(reply);
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.splice(0).map((s) => s?.close().catch(() => {})));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Scenarios

interface ScenarioResult { command: Command; n: number; target: Target; warmup: LoadResult; measured: LoadResult; reopened: number }

async function runScenario(target: Target, port: number, ca: string, creds: Creds, command: Command, n: number, f: Fixture): Promise<ScenarioResult> {
  const pool = await SessionPool.open(port, ca, creds, n);
  try {
    const load = (maxRequests: number, seconds: number) => runLoad({
      concurrency: n, maxRequests, maxDurationMs: seconds * 1000, requestTimeoutMs: REQUEST_TIMEOUT_MS,
      request: (i, w) => pool.run(w, plan(command, target, i, f)),
    });
    const warmup = await load(config.warmup, config.warmupS);
    const measured = await load(config.requests, config.durationS);
    return { command, n, target, warmup, measured, reopened: pool.reopened };
  } finally {
    await pool.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Report

const fmtMs = (v: number) => (Number.isNaN(v) ? '-' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const fmtRate = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
const fmtPct = (v: number) => (v >= 10 ? v.toFixed(1) : v.toFixed(2));

function pick(results: ScenarioResult[], command: Command, n: number, target: Target): ScenarioResult | undefined {
  return results.find((r) => r.command === command && r.n === n && r.target === target);
}

function resultsTable(results: ScenarioResult[]): string {
  const lines = [
    '| command | N | regd req/s | regd p50 ms | regd p99 ms | canned req/s | canned p50 ms | canned p99 ms | regd / canned req/s | requests regd / canned | errors regd / canned |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const command of COMMANDS) {
    for (const n of config.concurrency) {
      const r = pick(results, command, n, 'regd');
      const c = pick(results, command, n, 'canned');
      if (!r || !c) continue;
      const rm = r.measured;
      const cm = c.measured;
      lines.push(`| domain:${command} | ${n} | ${fmtRate(throughput(rm))} | ${fmtMs(percentile(rm.latencies, 0.5))} | ${fmtMs(percentile(rm.latencies, 0.99))} | ` +
        `${fmtRate(throughput(cm))} | ${fmtMs(percentile(cm.latencies, 0.5))} | ${fmtMs(percentile(cm.latencies, 0.99))} | ` +
        `${fmtPct((100 * throughput(rm)) / (throughput(cm) || 1))} % | ${rm.ok + rm.errors} / ${cm.ok + cm.errors} | ` +
        `${rm.errors + r.warmup.errors} / ${cm.errors + c.warmup.errors} |`);
    }
  }
  return lines.join('\n');
}

function errorNotes(results: ScenarioResult[]): string[] {
  return results.filter((r) => r.measured.errors + r.warmup.errors > 0).map((r) =>
    `- ${r.target} domain:${r.command} N=${r.n}: ${r.measured.errors} errors measured, ${r.warmup.errors} in warm-up` +
    `${r.reopened ? `, ${r.reopened} sessions reopened` : ''}: ${[...new Set([...r.measured.errorSamples, ...r.warmup.errorSamples])].join('; ')}`);
}

/**
 * Median time of a one-row write transaction in a fresh SQLite file with regd's settings (WAL, synchronous=FULL) in
 * `dir` (on the same filesystem as regd's store), after one untimed commit. better-sqlite3 is synchronous, so this is
 * time regd's event loop stands still per committed transaction (mostly the fsync of the WAL).
 */
function medianCommitMs(dir: string, runs = 201): number {
  const db = new SqliteDatabase(path.join(dir, 'commit-probe.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE probe (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO probe (v) VALUES (?)');
    const once = db.transaction(() => insert.run('x'.repeat(200)));
    once();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      once();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)]!;
  } finally {
    db.close();
  }
}

/**
 * SQL statements regd runs per command, counted once (2026-11-23) by wrapping better-sqlite3's `prepare` in
 * `regd serve` (Kysely prepares every statement it runs anew) and differencing runs of 500 and 1000 commands.
 * Not re-counted by this script: update it when the command paths change.
 */
const STATEMENTS: Record<Command, string> = {
  check: '1 SELECT (domains)',
  info: '8 SELECTs (reseller, settings, domain, its contacts, nameservers, hosts, DS records, pending transfer)',
  // Counted before orders became a state machine (issue 8); since then a create is two write transactions.
  create: 'two write transactions since orders became a state machine: reserve (the order, the held price and name, ' +
    'contacts, delegation) and settle (ROID, dates, history); counted on 2026-11-23 as 27 statements in what was then ' +
    'one transaction, not re-counted since',
};

/** Data-driven reading of the table: rates against the canned server at the same N, how latency moves with N, and why. */
function interpretation(results: ScenarioResult[], meta: Meta): string[] {
  const rate = (r: ScenarioResult | undefined) => (r ? throughput(r.measured) : 0);
  const p50 = (r: ScenarioResult | undefined) => (r ? percentile(r.measured.latencies, 0.5) : Number.NaN);
  const best = (command: Command, target: Target) => config.concurrency
    .map((n) => pick(results, command, n, target)).filter((r): r is ScenarioResult => !!r)
    .reduce<ScenarioResult | undefined>((a, b) => (!a || rate(b) > rate(a) ? b : a), undefined);
  const lines: string[] = [];
  const nMin = Math.min(...config.concurrency);
  const nMax = Math.max(...config.concurrency);
  const createPeak = best('create', 'regd');
  for (const command of COMMANDS) {
    const r = best(command, 'regd');
    if (!r) continue;
    const same = pick(results, command, r.n, 'canned');
    const one = pick(results, command, nMin, 'regd');
    const top = pick(results, command, nMax, 'regd');
    const cost = rate(r) > 0 ? ` (one every ${fmtMs(1000 / rate(r))} ms)` : '';
    lines.push(`- **domain:${command}**: regd peaks at ${fmtRate(rate(r))} commands/s at N=${r.n}${cost}, ` +
      `${fmtPct((100 * rate(r)) / (rate(same) || 1))} % of the canned server at the same N; p50 goes from ` +
      `${fmtMs(p50(one))} ms at N=${nMin} to ${fmtMs(p50(top))} ms at N=${nMax}. Store work: ${STATEMENTS[command]}.`);
  }
  lines.push(
    '- What regd does per command that the canned server does not: it decodes the frame, parses the document (saxes), ' +
      'validates it against the EPP schemas (libxml2-wasm), runs the command against the store through Kysely and ' +
      'better-sqlite3, and renders the reply. All of it runs on regd\'s one event loop and better-sqlite3 is ' +
      'synchronous, so once that loop is busy a higher N adds queueing (latency rises roughly as N / throughput) rather ' +
      'than throughput.',
    '- What dominates, from a one-off CPU profile of `regd serve` at N=8 (V8 sampling profiler at 200 µs, which itself ' +
      'slows regd down; shares of the busy time, not re-measured by this script): `domain:check` is mostly transport and ' +
      'document handling (the TLS socket write, which on loopback also carries the kernel\'s delivery to the client, ~1/3; ' +
      'XML parse ~12 %, schema validation ~12 %; the store ~20 %). `domain:info` and `domain:create` are dominated by the ' +
      'store (~60 %): building and compiling each query in Kysely, and preparing every statement anew in better-sqlite3 ' +
      '(~25 % and ~18 % on its own; statements are reused since, src/store/statementCache.ts), with schema validation ' +
      'under 10 %.',
  );
  if (COMMANDS.includes('create')) {
    lines.push(`- **domain:create** adds the commits: two write transactions with \`synchronous=FULL\` (the order is ` +
      'reserved, then settled once the registry has answered: the price of an order that survives a crash between ' +
      `the two), each fsync about ${fmtMs(meta.commitMs)} ms for a one-row transaction on this filesystem (median of 201, ` +
      'measured in this run), blocking the event loop for that long, since better-sqlite3 is synchronous. Commits cannot ' +
      `overlap, so with nothing else to do creates could not exceed ~${fmtRate(1000 / (2 * meta.commitMs))}/s whatever N ` +
      `is; the CPU work of each command (the statements, parsing, validation) comes on top${createPeak ? `: regd reaches ${fmtRate(rate(createPeak))}/s` : ''}. ` +
      'Creates run at about half their rate of 2026-11-23, when a create was one transaction.');
  }
  lines.push(
    '- No scrypt on the EPP create path: unlike XCP `SW_REGISTER` above (which verifies a registrant profile password with ' +
      'scrypt on every registration), EPP verifies the reseller password once per session, at login (outside the ' +
      'measured loop), and `domain:create` refers to contacts by handle, so no password is checked per command.',
    '- The canned server answers from memory with one fixed response, so its column is the ceiling of this transport and ' +
      'this client on this machine. Its runs are short (the ' +
      `${config.requests}-command budget takes one to a few seconds), so read its rates as an order of magnitude. Client, ` +
      `regd and the canned server share the ${os.cpus().length} cores of this machine; compare the ratio column rather than ` +
      'absolute numbers across machines.',
  );
  return lines;
}

interface Meta { date: string; loadStart: number[]; afterXcp: boolean; totalS: number; setupS: number; commitMs: number; fsInfo: string }

function section(results: ScenarioResult[], meta: Meta): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const notes = errorNotes(results);
  return [
    EPP_SECTION_HEADING,
    '',
    'EPP over TLS (RFC 5734 framing) `domain:check` (one name per command), `domain:info` and `domain:create` (fresh `.com` ' +
      'name, 1 year, registrant/admin/tech by contact handle, two `hostObj` nameservers) with N concurrent sessions, each ' +
      'its own TLS connection, logged in once, with one command in flight; beside `bench/cannedEppServer.ts`, a child ' +
      'process on the same 4-byte-framed TLS transport and self-signed certificate that sends a greeting on connect and ' +
      'answers every frame with one fixed `1000` response.',
    '',
    '```sh',
    'npm run bench                      # XCP, then EPP',
    'BENCH_SUITES=epp npm run bench     # EPP only (replaces this section)',
    '```',
    '',
    `- Date: ${meta.date}`,
    `- Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()}); Node ${process.version}`,
    `- Load average (1/5/15 min) when the EPP suite started: ${meta.loadStart.map((v) => v.toFixed(2)).join(' / ')}` +
      (meta.afterXcp ? ' (a lagging average: it still counts the XCP suite that ended just before)' : ''),
    `- Store: SQLite (WAL, \`synchronous=FULL\`) in a temporary folder on ${meta.fsInfo}; one-row commit ${fmtMs(meta.commitMs)} ms (median of 201, before the servers start)`,
    `- Settings: BENCH_CONCURRENCY=${config.concurrency.join(',')} BENCH_EPP_COMMANDS=${COMMANDS.join(',')} BENCH_EPP_REQUESTS=${config.requests} ` +
      `BENCH_EPP_DURATION_S=${config.durationS} BENCH_EPP_WARMUP=${config.warmup} BENCH_EPP_WARMUP_S=${config.warmupS}; ` +
      `EPP suite ${meta.totalS.toFixed(0)} s (setup ${meta.setupS.toFixed(0)} s)`,
    '',
    resultsTable(results),
    '',
    notes.length ? ['Errors:', '', ...notes, ''].join('\n') : 'Every reply carried result code 1000 and the expected content (no errors).\n',
    '### How it is measured',
    '',
    '- `regd serve --data <tmp> --host 127.0.0.1 --epp-port 0 --epp-max-sessions 64 --mode sandbox …` (started as for ' +
      'the XCP suite, but a fresh process with its own data folder) and `bench/cannedEppServer.ts` run in their own ' +
      'processes; the load comes from `EppTlsClient` (certificate verified) in the benchmark process, all on 127.0.0.1.',
    '- Setup, over EPP on one session: a reseller from `regd reseller create … --funds 10000000 --json`, one ' +
      `\`contact:create\` (the server assigns the handle, read from creData), then ${INFO_DOMAINS} \`domain:create\`s whose ` +
      'names `domain:info` and `domain:check` use.',
    `- Per scenario (command × N × server, canned first): N sessions are opened and logged in (not timed), then a warm-up of ` +
      `${config.warmup} commands or ${config.warmupS} s, then ${config.requests} commands or ${config.durationS} s, whichever ` +
      'ends first; the sessions then close. Worker k always uses session k. req/s = replies with the expected content / ' +
      'elapsed time; p50/p99 are nearest-rank percentiles of `performance.now()` around sending the frame and receiving the reply.',
    '- `domain:check` asks about one name per command, in equal parts available (`avail="1"`), taken at another ' +
      `registrar in the sandbox (\`taken-…\`, \`avail="0"\`) and registered by regd in setup (\`avail="0"\`). ` +
      '`domain:info` cycles through the setup domains. `domain:create` uses a fresh name every time.',
    '- Every reply is checked: result code 1000 and, from regd, the expected availability or the domain\'s name in ' +
      `infData/creData. Anything else, a transport error or no reply within ${SESSION_REPLY_TIMEOUT_MS / 1000} s is an error ` +
      '(a session that fails at the transport is closed and logged in again on the next command).',
    '',
    '### Reading the numbers',
    '',
    ...interpretation(results, meta),
    '',
  ].join('\n');
}


// ---------------------------------------------------------------------------------------------------------------
// Main

async function main(): Promise<number> {
  if (!config.suites.has('epp')) {
    log('bench/epp: BENCH_SUITES does not include epp, skipping the EPP suite');
    return 0;
  }
  const started = performance.now();
  const date = new Date().toISOString();
  const loadStart = os.loadavg();
  const scenarios = config.concurrency.length * COMMANDS.length * 2;
  const watchdogMs = (scenarios * (config.warmupS + config.durationS + 2 * REQUEST_TIMEOUT_MS / 1000) + 180) * 1000;
  setTimeout(() => {
    log(`bench/epp: still running after ${watchdogMs / 1000} s, giving up`);
    void cleanup().finally(() => process.exit(1));
  }, watchdogMs).unref();

  const tmpDir = makeTmpDir('regd-bench-epp-');
  const dataDir = tmpDir;
  const commitMs = medianCommitMs(dataDir);
  log(`bench/epp: one-row SQLite commit (WAL, synchronous=FULL) ${fmtMs(commitMs)} ms`);
  const regd = await startRegdServer(dataDir);
  children.push(regd);
  const eppPort = regd.ports.epp!;
  log(`bench/epp: regd serve, EPP over TLS on port ${eppPort}`);
  const creds = await createReseller(dataDir, 'eppbench', '10000000');
  // regd serve has made the self-signed certificate by now; the canned server loads the same one.
  const canned = await startCannedEppServer(dataDir);
  children.push(canned);
  log(`bench/epp: canned EPP server on port ${canned.port}`);
  const ca = fs.readFileSync(path.join(dataDir, 'tls', 'cert.pem'), 'utf8');

  // Setup over EPP itself: the registrant contact (server-assigned handle) and the domains domain:info asks about.
  const setup = await openSession(eppPort, ca, creds);
  const f: Fixture = { handle: '', registered: [], seq: 0 };
  try {
    const contact = await send(setup, contactXml);
    expectCode(contact, 'setup contact:create');
    const handle = /<contact:id>([^<]+)<\/contact:id>/.exec(contact)?.[1];
    if (!handle || handle === 'client-chosen-id') throw new Error(`contact:create gave no server-assigned handle:\n${contact}`);
    f.handle = handle;
    for (let i = 1; i <= INFO_DOMAINS; i++) {
      const name = `bench-${runId}-pre-${i}.com`;
      expectCode(await send(setup, createXml(name, handle)), `setup domain:create ${name}`);
      f.registered.push(name);
    }
  } finally {
    await setup.close().catch(() => {});
  }
  const setupS = (performance.now() - started) / 1000;
  log(`bench/epp: setup done (contact ${f.handle}, ${f.registered.length} domains) in ${setupS.toFixed(1)} s`);

  const ports: Record<Target, number> = { regd: eppPort, canned: canned.port };
  const results: ScenarioResult[] = [];
  for (const command of COMMANDS) {
    for (const n of config.concurrency) {
      // Reference first, then regd, for every (command, N): drift over the run affects both alike.
      for (const target of ['canned', 'regd'] as const) {
        const r = await runScenario(target, ports[target], ca, creds, command, n, f);
        results.push(r);
        const m = r.measured;
        log(`bench/epp: ${target.padEnd(6)} domain:${command.padEnd(6)} N=${String(n).padEnd(3)} ${fmtRate(throughput(m)).padStart(6)} req/s  ` +
          `p50 ${fmtMs(percentile(m.latencies, 0.5))} ms  p99 ${fmtMs(percentile(m.latencies, 0.99))} ms  ` +
          `(${m.ok + m.errors} commands in ${(m.elapsedMs / 1000).toFixed(1)} s, ${m.errors} errors; warm-up ${r.warmup.ok + r.warmup.errors}, ${r.warmup.errors} errors)`);
      }
    }
  }

  const totalS = (performance.now() - started) / 1000;
  process.stdout.write(`\n${resultsTable(results)}\n\n`);
  const notes = errorNotes(results);
  if (notes.length) process.stdout.write(`Errors:\n${notes.join('\n')}\n\n`);
  if (config.out) {
    writeSection(config.out, EPP_SECTION_HEADING, section(results, {
      date, loadStart, totalS, setupS, commitMs, fsInfo: filesystemOf(os.tmpdir()),
      // npm run bench runs bench/run.ts (XCP) first, in the same npm script.
      afterXcp: config.suites.has('xcp') && process.env.npm_lifecycle_event === 'bench',
    }));
    log(`bench/epp: wrote the EPP section of ${path.relative(process.cwd(), config.out) || config.out}`);
  }
  return results.some((r) => r.measured.errors > 0 || r.warmup.errors > 0) ? 1 : 0;
}

main().then(
  async (code) => { await cleanup(); process.exit(code); },
  async (err: unknown) => {
    log(`bench/epp: failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    await cleanup();
    process.exit(1);
  },
);
