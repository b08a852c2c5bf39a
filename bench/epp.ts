// The EPP part of `npm run bench`: EPP over TLS domain:check, domain:info and domain:create with N concurrent
// sessions (each its own TLS connection, logged in once, one command in flight), beside a canned-reply server on the
// same 4-byte-framed TLS transport and certificate. Appends an "EPP over TLS" section to BENCHMARKS.md (bench/run.ts
// writes the file first). Every loop is bounded; child processes and the temporary folder are removed on exit.
//
// Environment: BENCH_CONCURRENCY (default 1,8,32), BENCH_EPP_REQUESTS (default 1000), BENCH_DURATION_S (default 8),
// BENCH_OUT ("-" for none).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EppTlsClient } from '../src/client/eppClient.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import { eppCommand, loginXml } from '../test/support/eppHarness.ts';
import { PROJECT_ROOT, REGD_BIN, createReseller, killAllChildrenSync, spawnListening, type ListeningChild } from './children.ts';
import { percentile, runLoad, throughput, type LoadResult } from './load.ts';

const concurrency = (process.env.BENCH_CONCURRENCY ?? '1,8,32').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const maxRequests = Number(process.env.BENCH_EPP_REQUESTS ?? 1000);
const durationS = Number(process.env.BENCH_DURATION_S ?? 8);
const out = process.env.BENCH_OUT === '-' ? undefined : path.resolve(PROJECT_ROOT, process.env.BENCH_OUT || 'BENCHMARKS.md');
const HOST = '127.0.0.1';
const D = `xmlns:domain="${NS.domain}"`;
const runId = Date.now().toString(36);

type Command = 'check' | 'info' | 'create';
interface Row { command: Command; n: number; target: 'regd' | 'canned'; result: LoadResult }

const children: ListeningChild[] = [];
let tmpDir: string | undefined;
function cleanupSync(): void {
  killAllChildrenSync();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
}
process.once('SIGINT', () => { cleanupSync(); process.exit(130); });
process.once('SIGTERM', () => { cleanupSync(); process.exit(143); });

const checkXml = (name: string) => eppCommand(`<check><domain:check ${D}><domain:name>${name}</domain:name></domain:check></check>`);
const infoXml = (name: string) => eppCommand(`<info><domain:info ${D}><domain:name>${name}</domain:name></domain:info></info>`);
const createXml = (name: string, handle: string) => eppCommand(`<create><domain:create ${D}><domain:name>${name}</domain:name>` +
  `<domain:period unit="y">1</domain:period><domain:ns><domain:hostObj>ns1.example.net</domain:hostObj><domain:hostObj>ns2.example.net</domain:hostObj></domain:ns>` +
  `<domain:registrant>${handle}</domain:registrant><domain:contact type="admin">${handle}</domain:contact><domain:contact type="tech">${handle}</domain:contact>` +
  `<domain:authInfo><domain:pw/></domain:authInfo></domain:create></create>`);
const contactXml = eppCommand(`<create><contact:create xmlns:contact="${NS.contact}"><contact:id>ignored</contact:id>` +
  `<contact:postalInfo type="loc"><contact:name>Bench Registrant</contact:name><contact:addr><contact:street>Main street 15</contact:street>` +
  `<contact:city>Rotterdam</contact:city><contact:pc>3024 BN</contact:pc><contact:cc>NL</contact:cc></contact:addr></contact:postalInfo>` +
  `<contact:voice>+31.104482299</contact:voice><contact:email>bench@example.com</contact:email><contact:authInfo><contact:pw/></contact:authInfo></contact:create></create>`);

const codeOf = (xml: string) => Number(/<result code="(\d+)"/.exec(xml)?.[1] ?? 0);

async function openSessions(port: number, ca: string, n: number, user: string, pw: string): Promise<EppTlsClient[]> {
  const sessions: EppTlsClient[] = [];
  for (let i = 0; i < n; i++) {
    const c = await EppTlsClient.connect({ host: HOST, port, ca });
    const code = codeOf(await c.command(loginXml(user, pw)));
    if (code !== 1000) throw new Error(`login failed with ${code}`);
    sessions.push(c);
  }
  return sessions;
}

async function scenario(target: Row['target'], port: number, ca: string, creds: { username: string; password: string },
  command: Command, n: number, handle: string, infoNames: string[]): Promise<LoadResult> {
  const sessions = await openSessions(port, ca, n, creds.username, creds.password);
  const idle = [...sessions];
  const xmlFor = (i: number): string => {
    if (command === 'check') return checkXml(i % 2 === 0 ? `bench-${runId}-free-${i}.com` : `taken-${runId}-${i}.com`);
    if (command === 'info') return infoXml(infoNames[i % infoNames.length]!);
    return createXml(`bench-${runId}-${target}-${n}-${i}.com`, handle);
  };
  try {
    return await runLoad({
      concurrency: n, maxRequests, maxDurationMs: durationS * 1000, requestTimeoutMs: 30_000,
      request: async (i) => {
        const s = idle.pop()!;
        try {
          const code = codeOf(await s.command(xmlFor(i)));
          if (code !== 1000) throw new Error(`${command}: result code ${code}`);
        } finally {
          idle.push(s);
        }
      },
    });
  } finally {
    for (const s of sessions) await s.close().catch(() => {});
  }
}

const fmt = (v: number) => (Number.isNaN(v) ? '-' : v >= 100 ? v.toFixed(0) : v.toFixed(2));

function table(rows: Row[]): string {
  const lines = ['| command | N | regd req/s | regd p50 ms | regd p99 ms | canned req/s | canned p50 ms | canned p99 ms | errors regd / canned |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const command of ['check', 'info', 'create'] as const) {
    for (const n of concurrency) {
      const r = rows.find((x) => x.command === command && x.n === n && x.target === 'regd')!.result;
      const c = rows.find((x) => x.command === command && x.n === n && x.target === 'canned')!.result;
      lines.push(`| domain:${command} | ${n} | ${fmt(throughput(r))} | ${fmt(percentile(r.latencies, 0.5))} | ${fmt(percentile(r.latencies, 0.99))} | ` +
        `${fmt(throughput(c))} | ${fmt(percentile(c.latencies, 0.5))} | ${fmt(percentile(c.latencies, 0.99))} | ${r.errors} / ${c.errors} |`);
    }
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  const load = os.loadavg();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-bench-epp-'));
  const regd = await spawnListening('regd serve', [REGD_BIN, 'serve', '--data', tmpDir, '--host', HOST, '--xcp-port', '0',
    '--xcp-tcp-port', '0', '--epp-port', '0', '--http-port', '0', '--epp-max-sessions', '64'], /listening: EPP over TLS on [^\s]+:(\d+)$/);
  children.push(regd);
  const creds = await createReseller(tmpDir, 'eppbench', '10000000');
  const canned = await spawnListening('canned EPP server', ['--import', 'tsx', path.join(PROJECT_ROOT, 'bench', 'cannedEppServer.ts'),
    '--data', tmpDir, '--host', HOST, '--port', '0'], /listening: canned EPP over TLS on [^\s]+:(\d+)$/, { stdinPipe: true });
  children.push(canned);
  const ca = fs.readFileSync(path.join(tmpDir, 'tls', 'cert.pem'), 'utf8');

  // Setup over EPP itself: a registrant contact and domains for domain:info.
  const [setup] = await openSessions(regd.port, ca, 1, creds.username, creds.password);
  const handle = /<contact:id>([^<]+)<\/contact:id>/.exec(await setup!.command(contactXml))?.[1];
  if (!handle) throw new Error('contact:create gave no handle');
  const infoNames: string[] = [];
  for (let i = 0; i < 20; i++) {
    const name = `bench-${runId}-info-${i}.com`;
    const code = codeOf(await setup!.command(createXml(name, handle)));
    if (code !== 1000) throw new Error(`setup create failed with ${code}`);
    infoNames.push(name);
  }
  await setup!.close();

  const rows: Row[] = [];
  for (const command of ['check', 'info', 'create'] as const) {
    for (const n of concurrency) {
      for (const [target, port] of [['canned', canned.port], ['regd', regd.port]] as const) {
        const result = await scenario(target, port, ca, creds, command, n, handle, infoNames);
        rows.push({ command, n, target, result });
        console.log(`bench: ${target.padEnd(6)} domain:${command.padEnd(6)} N=${String(n).padEnd(3)} ${fmt(throughput(result)).padStart(7)} req/s ` +
          `p50 ${fmt(percentile(result.latencies, 0.5))} ms p99 ${fmt(percentile(result.latencies, 0.99))} ms (${result.ok} ok, ${result.errors} errors)`);
      }
    }
  }
  const md = table(rows);
  console.log(`\n${md}\n`);
  if (out) {
    const section = [
      '', '## EPP over TLS', '',
      'EPP `domain:check` (one name), `domain:info` and `domain:create` (1 year, fresh .com name, contacts by handle, ' +
        'two hostObj nameservers) with N sessions, each its own TLS connection logged in once with one command in flight, ' +
        'beside `bench/cannedEppServer.ts`: the same 4-byte-framed TLS transport and certificate, answering every frame ' +
        'with one fixed response. Measured by the same `npm run bench` (script `bench/epp.ts`), ' +
        `${new Date().toISOString()}, load average at start ${load.map((v) => v.toFixed(2)).join(' / ')}; ` +
        `up to ${maxRequests} requests or ${durationS} s per scenario.`, '',
      md, '',
      '- regd parses each command twice (saxes for the tree, libxml2-wasm for schema validation) and answers from the ' +
        'store; `domain:create` also writes the domain, contact links, nameservers, order, ledger entry and history in one ' +
        'SQLite transaction with `synchronous=FULL`, so its rate is bounded by fsync, as SW_REGISTER is above without the ' +
        'scrypt cost (EPP checks the password once per session, at login).',
      '- The canned server skips all of that; the gap between the two columns is regd\'s own cost per command.', '',
    ].join('\n');
    const existing = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '# Benchmarks\n';
    const cut = existing.indexOf('\n## EPP over TLS');
    fs.writeFileSync(out, (cut >= 0 ? existing.slice(0, cut) : existing).trimEnd() + '\n' + section);
  }
  return rows.some((r) => r.result.errors > 0) ? 1 : 0;
}

const watchdog = setTimeout(() => { console.error('bench/epp: gave up after 10 minutes'); cleanupSync(); process.exit(1); }, 600_000);
watchdog.unref();
main().then((code) => { cleanupSync(); process.exit(code); }, (err: unknown) => {
  console.error('bench/epp: failed:', err);
  cleanupSync();
  process.exit(1);
});
