// The steady load of the memory soak (bench/soak.ts): paced workers on every door, reads mostly, some writes, some
// refused input and some connection churn, since per-connection state that outlives its connection is one of the
// things a soak is for. Each worker starts a request every `intervalMs` (or as soon as the previous one answered,
// when the server is slower than that), so the request rate stays the same over the whole soak.
import https from 'node:https';
import { EppClient, EppError } from '../src/client/epp/index.ts';
import { XcpClient } from '../src/client/xcpClient.ts';
import { XcpTcpClient } from '../src/client/xcpTcpClient.ts';

export interface SoakTarget {
  ports: { xcp: number; xcpTcp: number; epp: number; http: number };
  ca: string;
  reseller: { username: string; privateKey: string; password: string };
  apiToken: string;
  /** Domains the reseller holds, for info requests. */
  domains: string[];
}

export type SoakDoor = 'EPP/TLS' | 'EPP/HTTPS' | 'XCP/HTTPS' | 'XCP/TCP' | 'API';

export interface SoakCounts { ok: Record<SoakDoor, number>; errors: Record<SoakDoor, number>; errorSamples: string[] }

export function newCounts(): SoakCounts {
  const zero = (): Record<SoakDoor, number> => ({ 'EPP/TLS': 0, 'EPP/HTTPS': 0, 'XCP/HTTPS': 0, 'XCP/TCP': 0, API: 0 });
  return { ok: zero(), errors: zero(), errorSamples: [] };
}

export interface SoakLoadOptions {
  target: SoakTarget;
  counts: SoakCounts;
  /** Per worker; default 100 ms (10 requests per second each). */
  intervalMs?: number;
  /** A new connection (EPP: a new session) every this many requests per worker; default 200 (XCP over TCP: at most 90). */
  reconnectEvery?: number;
  stopped: () => boolean;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
let unique = 0;
const fresh = (tld = 'com') => `soak-${process.pid}-${Date.now().toString(36)}-${unique++}.${tld}`;
const CONTACT = { firstName: 'Soak', lastName: 'Tester', address1: '1 Main Street', city: 'Toronto', state: 'ON', country: 'CA', postalCode: 'M1M1M1', phone: '+1.4165551212', email: 'soak@example.com' };

/** A domain:check that fails the EPP schema: the validator's error path, once in a while. */
const INVALID_CHECK = '<check><domain:check xmlns:domain="urn:ietf:params:xml:ns:domain-1.0"><domain:bogus>x</domain:bogus></domain:check></check>';

/**
 * Runs one paced worker: `step(i)` is request number i on this worker. A failed request is counted and the worker
 * goes on (`reset` drops its connection, so the next request opens a new one).
 */
async function paced(door: SoakDoor, o: SoakLoadOptions, step: (i: number) => Promise<void>, reset: () => Promise<void>): Promise<void> {
  const interval = o.intervalMs ?? 100;
  for (let i = 0; !o.stopped(); i++) {
    const t0 = Date.now();
    try {
      await step(i);
      o.counts.ok[door]++;
    } catch (err) {
      o.counts.errors[door]++;
      if (o.counts.errorSamples.length < 20) o.counts.errorSamples.push(`${door}: ${(err as Error).message}`.slice(0, 300));
      await reset().catch(() => undefined);
    }
    await sleep(Math.max(0, interval - (Date.now() - t0)));
  }
  await reset().catch(() => undefined);
}

function eppWorker(transport: 'tls' | 'https', o: SoakLoadOptions, contact: string): Promise<void> {
  const t = o.target;
  let client: EppClient | undefined;
  const connect = () => EppClient.connect({
    transport, host: '127.0.0.1', port: transport === 'tls' ? t.ports.epp : t.ports.http, clID: t.reseller.username,
    password: t.reseller.password, ca: t.ca, reconnect: false, timeoutMs: 30_000,
  });
  const door: SoakDoor = transport === 'tls' ? 'EPP/TLS' : 'EPP/HTTPS';
  return paced(door, o, async (i) => {
    // A new session (and, over TLS, a new connection) every 200 commands: logins and connection churn.
    if (client && i % (o.reconnectEvery ?? 200) === 0) { await client.logout().catch(() => undefined); await client.close(); client = undefined; }
    client ??= await connect();
    const k = i % 50;
    if (k === 7) await client.domainCreate({ name: fresh(), period: 1, registrant: contact, contacts: [{ type: 'admin', id: contact }, { type: 'tech', id: contact }], authInfo: 'Soak-Pw-1', nameservers: ['ns1.example.net', 'ns2.example.net'] });
    else if (k === 23) {
      try {
        await client.command(INVALID_CHECK);
        throw new Error('a schema-invalid check was accepted');
      } catch (err) {
        if (!(err instanceof EppError) || err.code !== 2001) throw err;
      }
    } else if (k % 2 === 0) await client.domainInfo(t.domains[i % t.domains.length]!);
    else await client.domainCheck([fresh(), `taken-${i}.com`, t.domains[i % t.domains.length]!]);
  }, async () => { const c = client; client = undefined; await c?.close(); });
}

function xcpHttpsWorker(o: SoakLoadOptions, w: number): Promise<void> {
  const t = o.target;
  let client: XcpClient | undefined;
  return paced('XCP/HTTPS', o, async (i) => {
    // A new agent (new TLS connections) every 200 requests.
    if (client && i % (o.reconnectEvery ?? 200) === 0) { client.close(); client = undefined; }
    client ??= new XcpClient({ host: '127.0.0.1', port: t.ports.xcp, username: t.reseller.username, privateKey: t.reseller.privateKey, ca: t.ca, insecure: false, maxSockets: 2 });
    const k = i % 50;
    if (k === 11) await client.register({ domain: fresh('net'), period: 1, contacts: CONTACT, regUsername: `soak${w}`, regPassword: 'Soak-Secret-1', nameservers: ['ns1.example.net', 'ns2.example.net'] });
    else if (k % 3 === 0) await client.getBalance();
    else if (k % 3 === 1) await client.getDomain(t.domains[i % t.domains.length]!, 'all_info');
    else await client.lookup(i % 2 ? fresh() : `taken-${i}.com`);
  }, async () => { client?.close(); client = undefined; });
}

function xcpTcpWorker(o: SoakLoadOptions): Promise<void> {
  const t = o.target;
  let client: XcpTcpClient | undefined;
  let calls = 0;
  return paced('XCP/TCP', o, async (i) => {
    // The TCP door allows 100 commands per connection: a new handshake every 90.
    if (client && calls >= Math.min(90, o.reconnectEvery ?? 90)) { client.close(); client = undefined; }
    if (!client) { client = await XcpTcpClient.connect({ host: '127.0.0.1', port: t.ports.xcpTcp, username: t.reseller.username, privateKey: t.reseller.privateKey }); calls = 0; }
    calls++;
    if (i % 3 === 0) await client.getBalance();
    else await client.lookup(i % 2 ? fresh('org') : `taken-${i}.org`);
  }, async () => { client?.close(); client = undefined; });
}

function apiWorker(o: SoakLoadOptions): Promise<void> {
  const t = o.target;
  let agent: https.Agent | undefined;
  return paced('API', o, async (i) => {
    if (agent && i % (o.reconnectEvery ?? 200) === 0) { agent.destroy(); agent = undefined; }
    agent ??= new https.Agent({ keepAlive: true, maxSockets: 1, ca: t.ca });
    const a = agent;
    const status = await new Promise<number>((resolve, reject) => {
      const req = https.request({ host: '127.0.0.1', port: t.ports.http, path: '/api/v1/balance', agent: a, headers: { authorization: `Bearer ${t.apiToken}` } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
      req.on('error', reject);
      req.end();
    });
    if (status !== 200) throw new Error(`GET /api/v1/balance: HTTP ${status}`);
  }, async () => { agent?.destroy(); agent = undefined; });
}

/** Every worker, until `stopped()`: 3 EPP/TLS, 2 EPP/HTTPS, 2 XCP/HTTPS, 2 XCP/TCP, 2 API. */
export async function runSoakLoad(o: SoakLoadOptions, eppContact: string): Promise<void> {
  await Promise.all([
    eppWorker('tls', o, eppContact), eppWorker('tls', o, eppContact), eppWorker('tls', o, eppContact),
    eppWorker('https', o, eppContact), eppWorker('https', o, eppContact),
    xcpHttpsWorker(o, 0), xcpHttpsWorker(o, 1),
    xcpTcpWorker(o), xcpTcpWorker(o),
    apiWorker(o), apiWorker(o),
  ]);
}
