// Child processes for the benchmark: `regd serve` and the canned reference server, each in its own process so neither
// shares an event loop with the load-generating client. Every child is tracked so it can be stopped on any exit path.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REGD_BIN = path.join(PROJECT_ROOT, 'bin', 'regd.js');
export const CANNED_SERVER = path.join(PROJECT_ROOT, 'bench', 'cannedServer.ts');
export const CANNED_EPP_SERVER = path.join(PROJECT_ROOT, 'bench', 'cannedEppServer.ts');

const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

export interface ListeningChild {
  name: string;
  port: number;
  /** The ports of the `also` lines (spawnListening), by name. */
  ports: Record<string, number>;
  child: ChildProcess;
  /** Recent stdout/stderr lines, for error messages. */
  output: string[];
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
/** Children we asked to stop: their exit is expected, not worth a warning. */
const stopping = new WeakSet<ChildProcess>();

/** Last-resort cleanup for synchronous exit paths (process 'exit'): SIGKILL whatever is still running. */
export function killAllChildrenSync(): void {
  for (const c of live) {
    if (c.exitCode === null && c.signalCode === null) {
      try { c.kill('SIGKILL'); } catch { /* already gone */ }
    }
  }
  live.clear();
}

function remember(lines: string[], text: string): void {
  for (const line of text.split('\n')) if (line.trim()) lines.push(line);
  if (lines.length > 200) lines.splice(0, lines.length - 200);
}

/**
 * Spawns `node <args>` and resolves once a stdout line has matched `ready` (whose first group is the port) and every
 * regex in `opts.also` has matched a line too (their first groups end up in `ports`).
 */
export function spawnListening(name: string, args: string[], ready: RegExp,
  opts: { stdinPipe?: boolean; also?: Record<string, RegExp> } = {}): Promise<ListeningChild> {
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    stdio: [opts.stdinPipe ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => { live.delete(child); resolve(); }));

  const stop = async (): Promise<void> => {
    stopping.add(child);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => { if (child.exitCode === null) child.kill('SIGKILL'); }, STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  return new Promise<ListeningChild>((resolve, reject) => {
    let buf = '';
    let done = false;
    let port: number | undefined;
    const ports: Record<string, number> = {};
    const also = Object.entries(opts.also ?? {});
    const fail = (err: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void stop().finally(() => reject(err));
    };
    const timer = setTimeout(() => fail(new Error(`${name} did not start within ${START_TIMEOUT_MS} ms:\n${output.join('\n')}`)), START_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) {
        remember(output, line);
        if (done) continue;
        const m = ready.exec(line);
        if (m) port = Number(m[1]);
        for (const [key, re] of also) {
          const a = re.exec(line);
          if (a) ports[key] = Number(a[1]);
        }
        if (port !== undefined && also.every(([key]) => ports[key] !== undefined)) {
          done = true;
          clearTimeout(timer);
          resolve({ name, port, ports, child, output, stop });
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => remember(output, chunk.toString()));
    child.once('error', (err) => fail(err));
    child.once('exit', (code, signal) => {
      if (!done) fail(new Error(`${name} exited (${signal ?? code}) before listening:\n${output.join('\n')}`));
      else if (!stopping.has(child)) process.stderr.write(`bench: ${name} exited unexpectedly (${signal ?? code})\n`);
    });
  });
}

/** `regd serve` on ephemeral ports: `port` is XCP over HTTPS, `ports.epp` EPP over TLS (64 sessions per reseller). */
export function startRegdServer(dataDir: string): Promise<ListeningChild> {
  return spawnListening('regd serve',
    [REGD_BIN, 'serve', '--data', dataDir, '--host', '127.0.0.1', '--xcp-port', '0', '--xcp-tcp-port', '0', '--epp-port', '0', '--http-port', '0',
      '--epp-max-sessions', '64', '--mode', 'sandbox'],
    /listening: XCP over HTTPS on https:\/\/[^/]+:(\d+)\//,
    { also: { epp: /listening: EPP over TLS on \S+:(\d+)\s*$/ } });
}

export function startCannedServer(dataDir: string): Promise<ListeningChild> {
  return spawnListening('canned server',
    ['--import', 'tsx', CANNED_SERVER, '--data', dataDir, '--host', '127.0.0.1', '--port', '0'],
    /listening: canned OPS over HTTPS on https:\/\/[^/]+:(\d+)\//, { stdinPipe: true });
}

export function startCannedEppServer(dataDir: string): Promise<ListeningChild> {
  return spawnListening('canned EPP server',
    ['--import', 'tsx', CANNED_EPP_SERVER, '--data', dataDir, '--host', '127.0.0.1', '--port', '0'],
    /listening: canned EPP over TLS on \S+:(\d+)\s*$/, { stdinPipe: true });
}

export interface ResellerCredentials { username: string; privateKey: string; password: string }

export async function createReseller(dataDir: string, name: string, funds: string): Promise<ResellerCredentials> {
  const { stdout } = await execFileP(process.execPath,
    [REGD_BIN, 'reseller', 'create', name, '--funds', funds, '--json', '--data', dataDir],
    { cwd: PROJECT_ROOT, timeout: START_TIMEOUT_MS });
  const line = stdout.trim().split('\n').pop() ?? '';
  const creds = JSON.parse(line) as ResellerCredentials;
  if (!creds.username || !creds.privateKey) throw new Error(`unexpected output from reseller create: ${stdout}`);
  return creds;
}
