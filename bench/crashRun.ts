// The crash-consistency loop, shared by `npm run crash` (bench/crash.ts) and test/crashConsistency.e2e.test.ts:
// start `regd serve` on a data folder (SQLite, or PostgreSQL with a database URL), run the write load of
// bench/crashLoad.ts, SIGKILL the server at a random moment (seeded), check the store as the kill left it, move the
// sandbox clock past the reconciler's first look at an order (a minute) and an asynchronous registry's answer (two),
// restart on the same data, and check again once the start-up reconciliation has settled what was in flight. The
// checks are bench/crashCheck.ts's; a last graceful stop (SIGTERM, exit 0) and a final check end the run.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { openStore } from '../src/store/openStore.ts';
import { advanceSandboxClock } from '../src/core/sandboxClock.ts';
import { newModel, runCrashLoad, seededRandom, workerSpecs, type LoadStats, type Ports, type ResellerLogin } from './crashLoad.ts';
import { modelInvariants, openPostgresSnapshot, openSqliteSnapshot, readStore, storeInvariants, type StoreFacts } from './crashCheck.ts';

const execFileP = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REGD_BIN = path.join(ROOT, 'bin', 'regd.js');

export interface CrashRunOptions {
  rounds: number;
  seed: number;
  /** PostgreSQL instead of SQLite: a server URL; the run makes (and drops) its own schema there. */
  postgresUrl?: string;
  /** The kill comes this long after every worker has logged in: uniform in [min, max] ms. */
  killWindowMs: [number, number];
  /** Workers per door and reseller (two resellers, four doors). Default 1. */
  perDoor?: number;
  log?: (line: string) => void;
}

export interface RoundReport {
  round: number;
  killAfterMs: number;
  /** Clock advance plus restart, until every door listened again. */
  restartMs: number;
  load: LoadStats;
  /** The store as the kill left it. */
  atKill: StoreFacts;
  /** Orders the restarted server's start-up reconciliation asked about (from its log line). */
  reconciledAtStart: number;
  /** Unanswered changes found applied / not applied after the restart. */
  applied: number;
  notApplied: number;
  violations: string[];
}

export interface CrashRunReport {
  seed: number;
  store: 'sqlite' | 'postgres';
  rounds: RoundReport[];
  final: StoreFacts;
  /** Violations of the final check after a graceful stop (the rounds carry their own). */
  finalViolations: string[];
  gracefulExitCode: number | null;
  durationMs: number;
}

interface Server { child: ChildProcess; ports: Ports; output: string[]; exited: Promise<number | null> }

const LISTENING: Array<[keyof Ports, RegExp]> = [
  ['xcp', /listening: XCP over HTTPS on https:\/\/[^:]+:(\d+)\//],
  ['xcpTcp', /listening: XCP over TCP on \S+:(\d+)$/],
  ['epp', /listening: EPP over TLS on \S+:(\d+)$/],
  ['http', /listening: EPP over HTTPS on https:\/\/\S+:(\d+)\/epp$/],
];

function startServer(dataDir: string, env: NodeJS.ProcessEnv): Promise<Server> {
  const child = spawn(process.execPath, [REGD_BIN, 'serve', '--data', dataDir, '--host', '127.0.0.1', '--xcp-port', '0', '--xcp-tcp-port', '0',
    '--epp-port', '0', '--http-port', '0', '--mode', 'sandbox'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const found: Partial<Ports> = {};
    let buf = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`regd serve did not start:\n${output.join('\n')}`)); }, 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) {
        output.push(line);
        for (const [key, re] of LISTENING) {
          const m = re.exec(line);
          if (m) found[key] = Number(m[1]);
        }
        if (LISTENING.every(([key]) => found[key] !== undefined)) {
          clearTimeout(timer);
          resolve({ child, ports: found as Ports, output, exited });
        }
      }
    });
    child.stderr!.on('data', (c: Buffer) => output.push(c.toString().trimEnd()));
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`regd serve exited (${code}) before listening:\n${output.join('\n')}`)); });
  });
}

async function cli(dataDir: string, env: NodeJS.ProcessEnv, ...args: string[]): Promise<string> {
  return (await execFileP(process.execPath, [REGD_BIN, ...args, '--data', dataDir], { cwd: ROOT, env, timeout: 60_000 })).stdout;
}

/** A fresh schema on the PostgreSQL server, reached through a URL whose search_path names it. */
async function postgresSchema(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 10_000 });
  await admin.connect();
  admin.on('error', () => undefined);
  const schema = `regd_crash_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE SCHEMA "${schema}"`);
  const u = new URL(baseUrl);
  u.searchParams.set('options', `${u.searchParams.get('options') ? `${u.searchParams.get('options')} ` : ''}-c search_path=${schema}`);
  return {
    url: u.toString(),
    async drop() {
      try { await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`); } finally { await admin.end(); }
    },
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function runCrash(opts: CrashRunOptions): Promise<CrashRunReport> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const rng = seededRandom(opts.seed);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-crash-'));
  const pgSchema = opts.postgresUrl ? await postgresSchema(opts.postgresUrl) : undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, ...(pgSchema ? { REGD_DATABASE_URL: pgSchema.url } : {}) };
  if (!pgSchema) delete env.REGD_DATABASE_URL;
  const snapshot = () => (pgSchema ? openPostgresSnapshot(pgSchema.url) : Promise.resolve(openSqliteSnapshot(path.join(dataDir, 'regd.sqlite'))));
  const model = newModel();
  const rounds: RoundReport[] = [];
  let server: Server | undefined;
  try {
    // The first creates the store; the second may run beside the server's start.
    const resellers: ResellerLogin[] = [JSON.parse((await cli(dataDir, env, 'reseller', 'create', 'crasha', '--funds', '1000000', '--json')).trim()) as ResellerLogin];
    const second = cli(dataDir, env, 'reseller', 'create', 'crashb', '--funds', '1000000', '--json');
    server = await startServer(dataDir, env);
    resellers.push(JSON.parse((await second).trim()) as ResellerLogin);
    const workers = workerSpecs(resellers, opts.perDoor ?? 1);
    const ca = fs.readFileSync(path.join(dataDir, 'tls', 'cert.pem'), 'utf8');
    for (let round = 1; round <= opts.rounds; round++) {
      const killAfterMs = Math.round(opts.killWindowMs[0] + rng() * (opts.killWindowMs[1] - opts.killWindowMs[0]));
      const victim = server;
      // Timed from the moment every worker is logged in, so a slow start (a loaded machine) does not eat the window.
      let ready!: () => void;
      const allIn = new Promise<void>((resolve) => { ready = resolve; });
      let killing = false;
      const killed = allIn.then(() => sleep(killAfterMs)).then(async () => { killing = true; victim.child.kill('SIGKILL'); await victim.exited; });
      const load = await runCrashLoad({ ports: victim.ports, ca, model, workers, seed: opts.seed, round, stop: killed, onReady: ready, killed: () => killing });
      await killed;
      server = undefined;

      // The store exactly as the kill left it: consistent on its own, every acknowledged change already there.
      const violations: string[] = [];
      let snap = await snapshot();
      let data = await readStore(snap).finally(() => snap.close());
      const atKillStore = storeInvariants(data, false);
      violations.push(...atKillStore.violations.map((x) => `at the kill: ${x}`), ...modelInvariants(data, model, false).violations.map((x) => `at the kill: ${x}`));

      // Time passes (the reconciler first looks at an order a minute after it was placed), then the restart.
      const restartAt = Date.now();
      // What `regd sandbox clock advance 3m` does, in this process: a CLI run costs a node start per round.
      const store = await openStore({ dataDir, databaseUrl: pgSchema?.url });
      await advanceSandboxClock(store, 'sandbox', 3 * 60_000).finally(() => store.destroy());
      server = await startServer(dataDir, env);
      const restartMs = Date.now() - restartAt;
      const reconciled = server.output.map((l) => /reconciled (\d+) order/.exec(l)).find(Boolean);
      snap = await snapshot();
      data = await readStore(snap).finally(() => snap.close());
      violations.push(...storeInvariants(data, true).violations.map((x) => `after the restart: ${x}`));
      const resolved = modelInvariants(data, model, true);
      violations.push(...resolved.violations.map((x) => `after the restart: ${x}`));
      const report: RoundReport = {
        round, killAfterMs, restartMs, load, atKill: atKillStore.facts, reconciledAtStart: reconciled ? Number(reconciled[1]) : 0,
        applied: resolved.applied, notApplied: resolved.notApplied, violations,
      };
      rounds.push(report);
      log(`round ${round}: killed after ${killAfterMs} ms; acknowledged ${JSON.stringify(load.acked)}, unanswered ${load.uncertain}` +
        `${load.refused.length ? `, refused ${load.refused.length}` : ''}; at the kill ${atKillStore.facts.inFlight} order(s) in flight ${JSON.stringify(atKillStore.facts.inFlightKinds)}, ` +
        `${atKillStore.facts.liveDomains} live domains; after the restart ${report.reconciledAtStart} reconciled, unanswered changes applied ${resolved.applied} / not ${resolved.notApplied}; ` +
        `restart ${(restartMs / 1000).toFixed(1)} s; ${violations.length} violation(s)`);
      for (const x of [...violations, ...load.refused.map((r) => `refused: ${r}`), ...load.unexpected].slice(0, 20)) log(`  ${x}`);
    }

    // A graceful stop at the end: exit 0, and the store still holds everything.
    const last = server;
    server = undefined;
    last.child.kill('SIGTERM');
    const gracefulExitCode = await last.exited;
    const snap = await snapshot();
    const data = await readStore(snap).finally(() => snap.close());
    const end = storeInvariants(data, true);
    const finalViolations = [...end.violations, ...modelInvariants(data, model, true).violations];
    return { seed: opts.seed, store: pgSchema ? 'postgres' : 'sqlite', rounds, final: end.facts, finalViolations, gracefulExitCode, durationMs: Date.now() - started };
  } finally {
    if (server) { server.child.kill('SIGKILL'); await server.exited; }
    await pgSchema?.drop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Every violation of a run, each with its round. */
export function allViolations(r: CrashRunReport): string[] {
  return [...r.rounds.flatMap((x) => [...x.violations, ...x.load.refused.map((f) => `refused (every command is valid): ${f}`),
    ...x.load.unexpected].map((v) => `round ${x.round}: ${v}`)),
    ...r.finalViolations.map((v) => `final: ${v}`), ...(r.gracefulExitCode === 0 ? [] : [`final: the graceful stop exited ${r.gracefulExitCode}`])];
}
