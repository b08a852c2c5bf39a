// Starts `regd serve` as a real child process on free ports with a temporary data folder, the way an operator
// would, and creates resellers through the real CLI.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { XcpClient } from '../../src/client/xcpClient.ts';

const execFileP = promisify(execFile);
export const REGD_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/regd.js');

export interface ResellerCredentials { username: string; privateKey: string; password: string }

export interface RegdServer {
  dataDir: string;
  xcpPort: number;
  output: string[];
  child: ChildProcess;
  cli(...args: string[]): Promise<string>;
  createReseller(name: string, funds?: string, extra?: string[]): Promise<ResellerCredentials>;
  xcpClient(r: ResellerCredentials): XcpClient;
  stop(): Promise<number | null>;
}

export async function startRegd(opts: { mode?: 'sandbox' | 'live'; env?: Record<string, string>; extraArgs?: string[] } = {}): Promise<RegdServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-test-'));
  const env = { ...process.env, ...opts.env };
  const child = spawn(process.execPath, [REGD_BIN, 'serve', '--data', dataDir, '--host', '127.0.0.1', '--xcp-port', '0',
    '--mode', opts.mode ?? 'sandbox', ...(opts.extraArgs ?? [])], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const xcpPort = await new Promise<number>((resolve, reject) => {
    let buf = '';
    const onData = (chunk: Buffer) => {
      buf += chunk.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) {
        output.push(line);
        const m = /listening: XCP over HTTPS on https:\/\/[^:]+:(\d+)\//.exec(line);
        if (m) resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
    child.once('exit', (code) => reject(new Error(`regd serve exited with ${code}: ${output.join('\n')}`)));
    setTimeout(() => reject(new Error(`regd serve did not start: ${output.join('\n')}`)), 30_000).unref();
  });
  const cli = async (...args: string[]) => (await execFileP(process.execPath, [REGD_BIN, ...args, '--data', dataDir], { env })).stdout;
  const clients: XcpClient[] = [];
  return {
    dataDir, xcpPort, output, child, cli,
    async createReseller(name, funds = '1000', extra = []) {
      const out = await cli('reseller', 'create', name, '--funds', funds, '--json', ...extra);
      return JSON.parse(out.trim()) as ResellerCredentials;
    },
    xcpClient(r) {
      const c = new XcpClient({ host: '127.0.0.1', port: xcpPort, username: r.username, privateKey: r.privateKey,
        ca: fs.readFileSync(path.join(dataDir, 'tls', 'cert.pem'), 'utf8') });
      clients.push(c);
      return c;
    },
    async stop() {
      for (const c of clients) c.close();
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      const code = await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
