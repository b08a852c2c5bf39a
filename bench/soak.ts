// `npm run soak -- --minutes 60`: the memory soak (issue 14 finding 8). Starts `regd serve` on a fresh data folder
// with bench/soakProbe.ts loaded (so the server answers memory samples over IPC after a full GC; the server has no
// hook of its own), drives the steady mixed load of bench/soakLoad.ts on every door, and samples the server each
// minute: RSS and its anonymous part from /proc/PID/status, the JS heap after GC, external and ArrayBuffer memory,
// the libxml2-wasm heap and the live handles. Writes the curve as a table into the "Memory soak" section of
// BENCHMARKS.md (between the soak markers; the text after them is kept) and as bench/plots/soak.svg.
//   --minutes N      how long (default 10)      --sample-s S    sampling period (default 60)
//   --interval-ms M  per worker, between requests (default 100: ~110 requests/s in all)
//   --dry            print only, write nothing  --json FILE     also write the samples as JSON
//   --reconnect-every K  a new connection (EPP: session) per worker every K requests (default 200)
//   --natural        no forced GC before a sample: the server's memory as its own GC leaves it
//   --snapshots DIR  heap snapshots of the server at the start and the end of the load (for the DevTools comparison)
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import { EppClient } from '../src/client/epp/index.ts';
import type { ProbeSample } from './soakProbe.ts';
import { newCounts, runSoakLoad, type SoakCounts, type SoakTarget } from './soakLoad.ts';

const execFileP = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REGD_BIN = path.join(ROOT, 'bin', 'regd.js');
const PROBE = path.join(ROOT, 'bench', 'soakProbe.ts');
const REPORT = path.join(ROOT, 'BENCHMARKS.md');
const PLOT = path.join(ROOT, 'bench', 'plots', 'soak.svg');
const BEGIN = '<!-- soak:begin (written by `npm run soak`; the text after soak:end is kept) -->';
const END = '<!-- soak:end -->';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    'sample-s': { type: 'string', default: '60' },
    'interval-ms': { type: 'string', default: '100' },
    dry: { type: 'boolean', default: false },
    json: { type: 'string' },
    snapshots: { type: 'string' },
    natural: { type: 'boolean', default: false },
    'reconnect-every': { type: 'string', default: '200' },
  },
});
const minutes = Number(values.minutes);
const sampleMs = Number(values['sample-s']) * 1000;
const intervalMs = Number(values['interval-ms']);
const reconnectEvery = Number(values['reconnect-every']);

interface Row {
  atS: number;
  requests: number;
  errors: number;
  /** /proc/PID/status, bytes. */
  vmRss: number;
  rssAnon: number;
  rssFile: number;
  probe: ProbeSample;
}

const MiB = (b: number) => b / 1024 / 1024;
const f1 = (b: number) => MiB(b).toFixed(1);
const log = (line: string) => console.log(`soak: ${line}`);

function procStatus(pid: number): { vmRss: number; rssAnon: number; rssFile: number } {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
  return { vmRss: kb('VmRSS'), rssAnon: kb('RssAnon'), rssFile: kb('RssFile') };
}

class Probe {
  private next = 0;
  private readonly waiting = new Map<number, (m: unknown) => void>();
  constructor(private readonly child: ChildProcess) {
    child.on('message', (m: { id?: number }) => {
      const w = m.id === undefined ? undefined : this.waiting.get(m.id);
      if (w) { this.waiting.delete(m.id!); w(m); }
    });
  }

  private ask<T>(msg: Record<string, unknown>): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => { this.waiting.delete(id); reject(new Error(`the server did not answer ${msg.type} within 120 s`)); }, 120_000);
      this.waiting.set(id, (m) => { clearTimeout(timer); resolve(m as T); });
      this.child.send({ ...msg, id });
    });
  }

  async sample(): Promise<ProbeSample> {
    const m = await this.ask<{ sample: ProbeSample; gc: boolean }>({ type: 'sample', noGc: values.natural });
    if (!m.gc) throw new Error('the server has no gc(): it must run with --expose-gc');
    return m.sample;
  }

  async heapSnapshot(file: string): Promise<string> {
    return (await this.ask<{ file: string }>({ type: 'heapsnapshot', file })).file;
  }
}

function startServer(dataDir: string): Promise<{ child: ChildProcess; ports: SoakTarget['ports'] }> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', '--import', PROBE, REGD_BIN, 'serve', '--data', dataDir, '--host', '127.0.0.1',
    '--xcp-port', '0', '--xcp-tcp-port', '0', '--epp-port', '0', '--http-port', '0', '--epp-max-sessions', '20', '--mode', 'sandbox'],
  { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const patterns: Array<[keyof SoakTarget['ports'], RegExp]> = [
    ['xcp', /listening: XCP over HTTPS on https:\/\/[^:]+:(\d+)\//], ['xcpTcp', /listening: XCP over TCP on \S+:(\d+)$/],
    ['epp', /listening: EPP over TLS on \S+:(\d+)$/], ['http', /listening: EPP over HTTPS on https:\/\/\S+:(\d+)\/epp$/],
  ];
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const found: Partial<SoakTarget['ports']> = {};
    let buf = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) {
        output.push(line);
        for (const [k, re] of patterns) { const m = re.exec(line); if (m) found[k] = Number(m[1]); }
        if (patterns.every(([k]) => found[k] !== undefined)) resolve({ child, ports: found as SoakTarget['ports'] });
      }
    });
    child.stderr!.on('data', (c: Buffer) => { output.push(c.toString()); process.stderr.write(`regd: ${c}`); });
    child.once('exit', (code) => reject(new Error(`regd serve exited (${code}):\n${output.join('\n')}`)));
  });
}

/** Least-squares slope of y (bytes) over x (seconds), in MiB per minute. */
function slopeMiBPerMin(points: Array<[number, number]>): number {
  if (points.length < 2) return NaN;
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return MiB(num / den) * 60;
}

async function renderPlot(rows: Row[]): Promise<void> {
  const values = rows.flatMap((r) => [
    ['RSS', r.vmRss], ['RSS, anonymous', r.rssAnon], ['JS heap after GC', r.probe.heapUsed], ['libxml2-wasm heap', r.probe.wasm], ['external (incl. ArrayBuffers)', r.probe.external],
  ].map(([series, bytes]) => ({ minute: r.atS / 60, series, mib: MiB(bytes as number) })));
  const spec: vl.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `regd serve under steady mixed load: memory after a full GC, sampled every ${sampleMs / 1000} s`,
    width: 560, height: 280, background: 'white',
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'minute', type: 'quantitative', title: 'minutes of load' },
      y: { field: 'mib', type: 'quantitative', title: 'MiB' },
      color: { field: 'series', type: 'nominal', title: null, sort: null },
    },
  };
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  fs.mkdirSync(path.dirname(PLOT), { recursive: true });
  fs.writeFileSync(PLOT, await view.toSVG());
}

function reportBlock(rows: Row[], counts: SoakCounts, meta: { command: string; started: Date; durationS: number; load: string }): string {
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  const tail = rows.filter((r) => r.atS >= last.atS / 2);
  const slope = (pick: (r: Row) => number, rs: Row[]) => slopeMiBPerMin(rs.map((r) => [r.atS, pick(r)]));
  const requests = Object.values(counts.ok).reduce((a, b) => a + b, 0);
  const errors = Object.values(counts.errors).reduce((a, b) => a + b, 0);
  const lines = [
    BEGIN,
    '',
    '```sh',
    meta.command,
    '```',
    '',
    `- Date: ${meta.started.toISOString()}; ${Math.round(meta.durationS / 60)} minutes of load`,
    `- Machine: ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${os.release()}; Node ${process.version}; load average at the start ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')} (the machine is shared; memory, not speed, is what this measures)`,
    `- Load: ${meta.load}`,
    `- Requests answered: ${requests} (${Object.entries(counts.ok).map(([d, n]) => `${d} ${n}`).join(', ')}); errors: ${errors}${counts.errorSamples.length ? ` (${[...new Set(counts.errorSamples)].slice(0, 3).join('; ')})` : ''}`,
    `- RSS ${f1(first.vmRss)} → ${f1(last.vmRss)} MiB; slope over the whole run ${slope((r) => r.vmRss, rows).toFixed(2)} MiB/min, over the second half ${slope((r) => r.vmRss, tail).toFixed(2)} MiB/min (anonymous memory ${slope((r) => r.rssAnon, tail).toFixed(2)}); JS heap after GC ${slope((r) => r.probe.heapUsed, tail).toFixed(2)} MiB/min over the second half; libxml2-wasm heap ${f1(first.probe.wasm)} → ${f1(last.probe.wasm)} MiB`,
    '',
    '| minute | requests | errors | RSS MiB | RSS anon MiB | heap used after GC MiB | heap total MiB | external MiB | ArrayBuffers MiB | wasm MiB | sockets (TCP+TLS) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${(r.atS / 60).toFixed(r.atS % 60 === 0 ? 0 : 1)} | ${r.requests} | ${r.errors} | ${f1(r.vmRss)} | ${f1(r.rssAnon)} | ${f1(r.probe.heapUsed)} | ${f1(r.probe.heapTotal)} | ${f1(r.probe.external)} | ${f1(r.probe.arrayBuffers)} | ${f1(r.probe.wasm)} | ${(r.probe.handles.TCPSocketWrap ?? 0) + (r.probe.handles.TLSSocketWrap ?? 0) + (r.probe.handles.TCPWrap ?? 0)} |`),
    '',
    '![regd serve memory under the soak](bench/plots/soak.svg)',
    '',
    END,
  ];
  return lines.join('\n');
}

function writeReport(block: string): void {
  let text = fs.readFileSync(REPORT, 'utf8');
  const b = text.indexOf(BEGIN);
  const e = text.indexOf(END);
  if (b >= 0 && e > b) text = text.slice(0, b) + block + text.slice(e + END.length);
  else if (text.includes('\n## Memory soak\n')) text = text.replace('\n## Memory soak\n', `\n## Memory soak\n\n${block}\n`);
  else text = `${text.trimEnd()}\n\n## Memory soak\n\n${block}\n`;
  fs.writeFileSync(REPORT, text);
}

async function main(): Promise<void> {
  if (!(minutes > 0) || !(sampleMs > 0) || !(intervalMs >= 0)) throw new Error('usage: npm run soak -- --minutes N [--sample-s S] [--interval-ms M] [--dry] [--json FILE] [--snapshots DIR]');
  const started = new Date();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-soak-'));
  let child: ChildProcess | undefined;
  const cleanup = () => { if (child && child.exitCode === null) child.kill('SIGKILL'); fs.rmSync(dataDir, { recursive: true, force: true }); };
  process.once('SIGINT', () => { cleanup(); process.exit(130); });
  try {
    const cli = async (...args: string[]) => (await execFileP(process.execPath, [REGD_BIN, ...args, '--data', dataDir], { cwd: ROOT })).stdout.trim();
    const reseller = JSON.parse(await cli('reseller', 'create', 'soak', '--funds', '100000000', '--json')) as SoakTarget['reseller'];
    const apiToken = (JSON.parse(await cli('reseller', 'token', 'create', 'soak', '--json')) as { token: string }).token;
    const server = await startServer(dataDir);
    child = server.child;
    const pid = child.pid!;
    const probe = new Probe(child);
    const ca = fs.readFileSync(path.join(dataDir, 'tls', 'cert.pem'), 'utf8');

    // Setup over EPP: a contact and the domains that info requests read.
    const setup = await EppClient.connect({ transport: 'tls', host: '127.0.0.1', port: server.ports.epp, clID: reseller.username, password: reseller.password, ca, reconnect: false });
    const contact = (await setup.contactCreate({ id: 'soak', email: 'soak@example.com', voice: '+31.104482299', authInfo: 'Contact-Pw1',
      postalInfo: { type: 'loc', name: 'Soak Registrant', street: ['Main street 15'], city: 'Rotterdam', pc: '3024 BN', cc: 'NL' } })).data.id;
    const domains: string[] = [];
    for (let i = 0; i < 20; i++) {
      const name = `soak-setup-${i}-${Date.now().toString(36)}.com`;
      await setup.domainCreate({ name, period: 1, registrant: contact, contacts: [{ type: 'admin', id: contact }, { type: 'tech', id: contact }], authInfo: 'Soak-Pw-1', nameservers: ['ns1.example.net'] });
      domains.push(name);
    }
    await setup.logout();
    await setup.close();

    const counts = newCounts();
    let stopped = false;
    const load = runSoakLoad({ target: { ports: server.ports, ca, reseller, apiToken, domains }, counts, intervalMs, reconnectEvery, stopped: () => stopped }, contact);
    const rows: Row[] = [];
    const t0 = Date.now();
    const total = () => [Object.values(counts.ok).reduce((a, b) => a + b, 0), Object.values(counts.errors).reduce((a, b) => a + b, 0)];
    const take = async () => {
      const probeSample = await probe.sample();
      const [requests, errors] = total();
      const row: Row = { atS: Math.round((Date.now() - t0) / 1000), requests: requests!, errors: errors!, ...procStatus(pid), probe: probeSample };
      rows.push(row);
      log(`${(row.atS / 60).toFixed(1)} min: ${row.requests} requests (${row.errors} errors), RSS ${f1(row.vmRss)} MiB (anon ${f1(row.rssAnon)}), heap after GC ${f1(row.probe.heapUsed)} MiB, external ${f1(row.probe.external)}, wasm ${f1(row.probe.wasm)}, handles ${JSON.stringify(row.probe.handles)}`);
      if (values.json) fs.writeFileSync(values.json, JSON.stringify(rows, null, 1));
    };
    if (values.snapshots) { fs.mkdirSync(values.snapshots, { recursive: true }); log(`heap snapshot ${await probe.heapSnapshot(path.resolve(values.snapshots, 'start.heapsnapshot'))}`); }
    await take();
    for (let k = 1; k * sampleMs <= minutes * 60_000; k++) {
      await new Promise((r) => setTimeout(r, Math.max(0, t0 + k * sampleMs - Date.now())));
      await take();
    }
    if (values.snapshots) log(`heap snapshot ${await probe.heapSnapshot(path.resolve(values.snapshots, 'end.heapsnapshot'))}`);
    stopped = true;
    await load;
    const durationS = (Date.now() - t0) / 1000;
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => (child!.exitCode !== null ? resolve(child!.exitCode) : child!.once('exit', resolve)));
    log(`stopped (exit ${code}); ${counts.errorSamples.length ? `error samples: ${counts.errorSamples.slice(0, 5).join(' | ')}` : 'no errors'}`);

    const command = `npm run soak -- --minutes ${minutes}${sampleMs !== 60_000 ? ` --sample-s ${sampleMs / 1000}` : ''}${intervalMs !== 100 ? ` --interval-ms ${intervalMs}` : ''}${reconnectEvery !== 200 ? ` --reconnect-every ${reconnectEvery}` : ''}${values.natural ? ' --natural' : ''}`;
    const loadText = `11 paced workers, each starting a request every ${intervalMs} ms: 3 EPP over TLS and 2 EPP over HTTPS sessions ` +
      '(domain:check of three names and domain:info in turn; every 50th command a domain:create and one a schema-invalid check answered 2001; ' +
      `a new login, over TLS a new connection, every ${reconnectEvery} commands), 2 XCP over HTTPS clients (LOOKUP, GET_BALANCE, GET DOMAIN all_info; ` +
      `every 50th an SW_REGISTER with a registrant password, so scrypt; a new agent and connections every ${reconnectEvery}), 2 XCP over TCP sessions ` +
      `(LOOKUP, GET_BALANCE; a new Blowfish handshake every ${Math.min(90, reconnectEvery)} commands) and 2 JSON API clients (GET /api/v1/balance, keep-alive, new ` +
      `connection every ${reconnectEvery}). ${values.natural ? 'Samples are taken as the server\'s own GC left its memory (--natural).' : 'Samples are taken after two full GCs in the server (`--expose-gc`, asked over IPC by bench/soakProbe.ts).'}`;
    const block = reportBlock(rows, counts, { command, started, durationS, load: loadText });
    if (values.dry) { console.log(block); return; }
    await renderPlot(rows);
    writeReport(block);
    log(`wrote the "Memory soak" section of BENCHMARKS.md and ${path.relative(ROOT, PLOT)}`);
  } finally {
    cleanup();
  }
}

await main();
