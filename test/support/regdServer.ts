// Starts `regd serve` as a real child process on free ports with a temporary data folder, the way an operator
// would, and creates resellers through the real CLI.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { XcpClient } from '../../src/client/xcpClient.ts';
import { EppHttpsClient, EppTlsClient } from '../../src/client/eppClient.ts';

const execFileP = promisify(execFile);
export const REGD_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/regd.js');

export interface ResellerCredentials { username: string; privateKey: string; password: string }

export interface RegdServer {
  dataDir: string;
  xcpPort: number;
  /** XCP over TCP (the legacy OpenSRS protocol); 0 if that door could not listen. */
  xcpTcpPort: number;
  /** EPP over TLS; 0 if that door could not listen. */
  eppPort: number;
  /** The HTTPS listener (EPP at /epp); 0 if it could not listen. */
  httpPort: number;
  /** The server's self-signed certificate, to trust in clients ('' if the server runs on --tls-cert). */
  caPem: string;
  output: string[];
  child: ChildProcess;
  cli(...args: string[]): Promise<string>;
  createReseller(name: string, funds?: string, extra?: string[]): Promise<ResellerCredentials>;
  xcpClient(r: ResellerCredentials): XcpClient;
  /** Connects to EPP over TLS (optionally with a client certificate) and reads the greeting. */
  eppTls(opts?: { cert?: string; key?: string }): Promise<EppTlsClient>;
  /** A client for EPP over HTTPS at /epp that keeps the session_id cookie. */
  eppHttps(): EppHttpsClient;
  stop(): Promise<number | null>;
}

export async function startRegd(opts: { mode?: 'sandbox' | 'live'; env?: Record<string, string>; extraArgs?: string[]; /** reuse a data folder (a restart) */ dataDir?: string } = {}): Promise<RegdServer> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'regd-test-'));
  const env = { ...process.env, ...opts.env };
  // Free ports for every door (port 700 would need privileges); extraArgs may override them, the last flag wins.
  const child = spawn(process.execPath, [REGD_BIN, 'serve', '--data', dataDir, '--host', '127.0.0.1', '--xcp-port', '0',
    '--xcp-tcp-port', '0', '--epp-port', '0', '--http-port', '0', '--mode', opts.mode ?? 'sandbox', ...(opts.extraArgs ?? [])], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  // Every door reports one line: "listening: ..." or, for an EPP door whose port is unavailable, "...: cannot listen".
  const ports = await new Promise<{ xcp: number; xcpTcp: number; epp: number; http: number }>((resolve, reject) => {
    const found: { xcp?: number; xcpTcp?: number; epp?: number; http?: number } = {};
    let buf = '';
    const onData = (chunk: Buffer) => {
      buf += chunk.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) {
        output.push(line);
        let m = /listening: XCP over HTTPS on https:\/\/[^:]+:(\d+)\//.exec(line);
        if (m) found.xcp = Number(m[1]);
        m = /listening: XCP over TCP on \S+:(\d+)$/.exec(line);
        if (m) found.xcpTcp = Number(m[1]);
        m = /listening: EPP over TLS on \S+:(\d+)$/.exec(line);
        if (m) found.epp = Number(m[1]);
        m = /listening: EPP over HTTPS on https:\/\/\S+:(\d+)\/epp$/.exec(line);
        if (m) found.http = Number(m[1]);
        if (/^XCP over TCP: cannot listen/.test(line)) found.xcpTcp = 0;
        if (/^EPP over TLS: cannot listen/.test(line)) found.epp = 0;
        if (/^EPP over HTTPS: cannot listen/.test(line)) found.http = 0;
        if (found.xcp !== undefined && found.xcpTcp !== undefined && found.epp !== undefined && found.http !== undefined) {
          resolve({ xcp: found.xcp, xcpTcp: found.xcpTcp, epp: found.epp, http: found.http });
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
    child.once('exit', (code) => reject(new Error(`regd serve exited with ${code}: ${output.join('\n')}`)));
    setTimeout(() => reject(new Error(`regd serve did not start: ${output.join('\n')}`)), 30_000).unref();
  });
  const { xcp: xcpPort, xcpTcp: xcpTcpPort, epp: eppPort, http: httpPort } = ports;
  const cli = async (...args: string[]) => (await execFileP(process.execPath, [REGD_BIN, ...args, '--data', dataDir], { env })).stdout;
  // Absent when a test passes its own --tls-cert.
  const selfSigned = path.join(dataDir, 'tls', 'cert.pem');
  const caPem = fs.existsSync(selfSigned) ? fs.readFileSync(selfSigned, 'utf8') : '';
  const clients: Array<{ close(): unknown }> = [];
  return {
    dataDir, xcpPort, xcpTcpPort, eppPort, httpPort, caPem, output, child, cli,
    async createReseller(name, funds = '1000', extra = []) {
      const out = await cli('reseller', 'create', name, '--funds', funds, '--json', ...extra);
      return JSON.parse(out.trim()) as ResellerCredentials;
    },
    xcpClient(r) {
      const c = new XcpClient({ host: '127.0.0.1', port: xcpPort, username: r.username, privateKey: r.privateKey,
        ca: fs.readFileSync(selfSigned, 'utf8') });
      clients.push(c);
      return c;
    },
    async eppTls(tlsOpts = {}) {
      const c = await EppTlsClient.connect({ host: '127.0.0.1', port: eppPort, ca: caPem || undefined, ...tlsOpts });
      clients.push({ close: () => c.socket.destroy() });
      return c;
    },
    eppHttps() {
      const c = new EppHttpsClient({ host: '127.0.0.1', port: httpPort, ca: caPem || undefined });
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
