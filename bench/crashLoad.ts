// The write load of the crash-consistency run (bench/crashRun.ts): several workers, each on one door of one reseller
// (XCP over HTTPS and over TCP, EPP over TLS and over HTTPS), registering, renewing, changing nameservers and
// contacts and deleting domains over real sockets until the server dies under them. Every change is recorded in a
// model: applied when its success reply arrived, "maybe" when the reply never came (the server was killed while it
// ran), not applied when the server refused it. The checker (bench/crashCheck.ts) holds the store to that model.
//
// Each worker works only on its own domains (and its own EPP contact), one command at a time, so at a kill every
// object has at most one change whose outcome is unknown; that makes the model exact instead of a range.
import { EppClient, EppError } from '../src/client/epp/index.ts';
import { XcpClient } from '../src/client/xcpClient.ts';
import { XcpTcpClient } from '../src/client/xcpTcpClient.ts';
import { XcpError } from '../src/client/xcp/xcpReply.ts';
import { contactSetAssoc, type XcpCommands } from '../src/client/xcp/xcpCommands.ts';
import type { XcpContact } from '../src/client/xcp/xcpTypes.ts';

export type Door = 'xcp-https' | 'xcp-tcp' | 'epp-tls' | 'epp-https';
export const DOORS: readonly Door[] = ['xcp-https', 'xcp-tcp', 'epp-tls', 'epp-https'];

/** A change sent to the server. */
export type Op =
  | { kind: 'register'; years: number }
  | { kind: 'renew'; years: number }
  | { kind: 'ns'; to: string[] }
  | { kind: 'contact'; email: string }
  | { kind: 'delete' };

export interface DomainModel {
  name: string;
  tld: string;
  reseller: string;
  worker: number;
  door: Door;
  /** Registered and not deleted, as far as acknowledged replies (and resolved crashes) say. */
  live: boolean;
  /** Registration period plus every renewal that took effect. */
  years: number;
  /** YYYY-MM-DD (UTC): the renewal guard (XCP's current expiration year, EPP's curExpDate). */
  expiry: string;
  nameservers: string[];
  /** XCP-registered domains: their owner contact's e-mail (EPP domains share their worker's contact). */
  ownerEmail?: string;
  /** An asynchronous TLD (.de): answered "submitted"; left alone afterwards (it cannot be changed while it waits). */
  async: boolean;
  /** Sent, never answered: the server died while it ran. Resolved from the store after the restart. */
  maybe?: Op;
}

export interface ContactModel { handle: string; worker: number; reseller: string; email: string; maybe?: { email: string } }

export interface CrashModel {
  domains: Map<string, DomainModel>;
  /** EPP workers' contacts, by handle. */
  contacts: Map<string, ContactModel>;
  /** Each EPP worker's contact handle, reused across rounds. */
  workerContact: Map<number, string>;
}

export function newModel(): CrashModel {
  return { domains: new Map(), contacts: new Map(), workerContact: new Map() };
}

export interface ResellerLogin { username: string; privateKey: string; password: string }

export interface Ports { xcp: number; xcpTcp: number; epp: number; http: number }

export interface LoadStats {
  /** Acknowledged changes by kind. */
  acked: Record<string, number>;
  /** Refused by the server (none is expected: every command is valid). */
  refused: string[];
  /** Sent without an answer (the kill). */
  uncertain: number;
  /** Workers that could not connect or log in (the server died first, or something is wrong). */
  sessionFailures: string[];
  /** Commands or logins that failed without an answer before the kill: the server (or the client) broke on its own. */
  unexpected: string[];
}

/** mulberry32: a small, fast, seedable PRNG, so a run is reproduced from its printed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The server answered and said no: the change did not happen. */
class Refused extends Error {}

const REG_PASSWORD = 'Crash-Secret-1';

function xcpContact(email: string): XcpContact {
  return {
    firstName: 'Crash', lastName: 'Tester', orgName: 'Example Inc.', address1: '32 Oak Street', city: 'Toronto', state: 'ON',
    country: 'CA', postalCode: 'M1M1M1', phone: '+1.4165551212', email,
  };
}

/** One door's way of sending each change; throws Refused when the server says no, anything else when unsure. */
interface DoorSession {
  register(name: string, years: number, ns: string[], email: string): Promise<{ expiry?: string; async: boolean }>;
  renew(d: DomainModel, years: number): Promise<{ expiry?: string }>;
  setNameservers(d: DomainModel, to: string[]): Promise<void>;
  /** XCP: the domain's owner contact; EPP: the worker's own contact (shared by its domains). */
  changeContact(d: DomainModel | undefined, email: string): Promise<void>;
  remove(d: DomainModel): Promise<void>;
  close(): Promise<void>;
}

const day = (s: string | undefined): string | undefined => (s ? s.slice(0, 10) : undefined);

async function xcpRefusal<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof XcpError) throw new Refused(`XCP ${err.message}`);
    throw err;
  }
}

class XcpSession implements DoorSession {
  private calls = 0;
  constructor(private client: XcpCommands & { close(): void }, private readonly reconnect: (() => Promise<XcpCommands & { close(): void }>) | undefined,
    private readonly regUsername: string) {}

  /** The TCP door closes a session after 100 commands (350): a new one before that. */
  private async c(): Promise<XcpCommands> {
    if (this.reconnect && ++this.calls > 90) {
      this.client.close();
      this.client = await this.reconnect();
      this.calls = 1;
    }
    return this.client;
  }

  async register(name: string, years: number, ns: string[], email: string) {
    const r = await xcpRefusal((await this.c()).register({
      domain: name, period: years, contacts: xcpContact(email), nameservers: ns, regUsername: this.regUsername, regPassword: REG_PASSWORD,
    }));
    return { expiry: day(r.expirationDate), async: r.async };
  }

  async renew(d: DomainModel, years: number) {
    const r = await xcpRefusal((await this.c()).renew({ domain: d.name, period: years, currentExpirationYear: Number(d.expiry.slice(0, 4)) }));
    return { expiry: day(r.expirationDate) };
  }

  async setNameservers(d: DomainModel, to: string[]) {
    await xcpRefusal((await this.c()).updateNameservers(d.name, { assign: to }));
  }

  async changeContact(d: DomainModel | undefined, email: string) {
    await xcpRefusal((await this.c()).modify(d!.name, 'contact_info', { contact_set: contactSetAssoc({ owner: xcpContact(email) }), affect_domains: '0' }));
  }

  async remove(d: DomainModel) {
    const reply = await (await this.c()).call('DOMAIN', 'REVOKE', { domain: d.name });
    if (reply.responseCode !== 200) throw new Refused(`XCP REVOKE ${reply.responseCode} ${reply.responseText}`);
  }

  async close() { this.client.close(); }
}

async function eppRefusal<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof EppError) throw new Refused(`EPP ${err.code} ${err.message}`);
    throw err;
  }
}

class EppSession implements DoorSession {
  constructor(private readonly client: EppClient, private readonly contact: () => string | undefined) {}

  async register(name: string, years: number, ns: string[]) {
    const handle = this.contact();
    if (!handle) throw new Refused('no contact');
    const r = await eppRefusal(this.client.domainCreate({
      name, period: years, registrant: handle, contacts: [{ type: 'admin', id: handle }, { type: 'tech', id: handle }],
      authInfo: 'Crash-Pw-1', nameservers: ns,
    }));
    return { expiry: day(r.data.exDate), async: r.code === 1001 };
  }

  async renew(d: DomainModel, years: number) {
    const r = await eppRefusal(this.client.domainRenew({ name: d.name, curExpDate: d.expiry, period: years }));
    return { expiry: day(r.data.exDate) };
  }

  async setNameservers(d: DomainModel, to: string[]) {
    await eppRefusal(this.client.domainUpdate({ name: d.name, add: { nameservers: to }, rem: { nameservers: d.nameservers } }));
  }

  async changeContact(_d: DomainModel | undefined, email: string) {
    await eppRefusal(this.client.contactUpdate({ id: this.contact()!, chg: { email } }));
  }

  async remove(d: DomainModel) {
    await eppRefusal(this.client.domainDelete(d.name));
  }

  async close() { await this.client.close().catch(() => undefined); }
}

export interface WorkerSpec { index: number; door: Door; reseller: ResellerLogin }

/** Two resellers, each with one worker per door (or `perDoor` of them). */
export function workerSpecs(resellers: ResellerLogin[], perDoor = 1): WorkerSpec[] {
  const specs: WorkerSpec[] = [];
  for (const reseller of resellers) for (const door of DOORS) for (let k = 0; k < perDoor; k++) specs.push({ index: specs.length, door, reseller });
  return specs;
}

async function openSession(spec: WorkerSpec, ports: Ports, ca: string, model: CrashModel): Promise<DoorSession> {
  const r = spec.reseller;
  if (spec.door === 'xcp-https') {
    return new XcpSession(new XcpClient({ host: '127.0.0.1', port: ports.xcp, username: r.username, privateKey: r.privateKey, ca, insecure: false, maxSockets: 1 }),
      undefined, `crash${spec.index}`);
  }
  if (spec.door === 'xcp-tcp') {
    const connect = () => XcpTcpClient.connect({ host: '127.0.0.1', port: ports.xcpTcp, username: r.username, privateKey: r.privateKey, timeoutMs: 20_000 });
    return new XcpSession(await connect(), connect, `crash${spec.index}`);
  }
  const client = await EppClient.connect({
    transport: spec.door === 'epp-tls' ? 'tls' : 'https', host: '127.0.0.1', port: spec.door === 'epp-tls' ? ports.epp : ports.http,
    clID: r.username, password: r.password, ca, reconnect: false, timeoutMs: 20_000, clTRIDPrefix: `crash${spec.index}`,
  });
  // The worker's contact: created once, in its first round, and reused after restarts.
  if (!model.workerContact.has(spec.index)) {
    const email = `w${spec.index}-0@example.com`;
    const created = await client.contactCreate({
      id: `crash${spec.index}`, email, voice: '+31.104482299', authInfo: 'Contact-Pw1',
      postalInfo: { type: 'loc', name: 'Crash Registrant', org: 'Example B.V.', street: ['Main street 15'], city: 'Rotterdam', pc: '3024 BN', cc: 'NL' },
    });
    model.workerContact.set(spec.index, created.data.id);
    model.contacts.set(created.data.id, { handle: created.data.id, worker: spec.index, reseller: r.username, email });
  }
  return new EppSession(client, () => model.workerContact.get(spec.index));
}

export interface LoadOptions {
  ports: Ports;
  ca: string;
  model: CrashModel;
  workers: WorkerSpec[];
  /** Seeds each worker's own choices (with the round and the worker's index), so a run replays from its seed. */
  seed: number;
  round: number;
  /** Resolves when the load should end on its own (the server is being killed, or the round is over). */
  stop: Promise<void>;
  /** Called once every worker has its session (or could not get one): the kill is timed from here. */
  onReady?: () => void;
  /** True from the moment the SIGKILL is sent: a failure before that is unexpected. */
  killed?: () => boolean;
}

/**
 * Runs the workers until `stop` resolves or every worker has hit a dead server. A worker stops at its first
 * unanswered command: with the server gone nothing after it could be answered either.
 */
export async function runCrashLoad(o: LoadOptions): Promise<LoadStats> {
  const stats: LoadStats = { acked: {}, refused: [], uncertain: 0, sessionFailures: [], unexpected: [] };
  let stopped = false;
  void o.stop.then(() => { stopped = true; });
  let waiting = o.workers.length;
  const opened = () => { if (--waiting === 0) o.onReady?.(); };
  await Promise.all(o.workers.map((spec) => runWorker(spec, o, stats, () => stopped, opened)));
  return stats;
}

const TLD_WEIGHTS: Array<[string, number]> = [['com', 5], ['net', 2], ['org', 2], ['de', 1]];

function pick<T>(rng: () => number, weighted: Array<[T, number]>): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let x = rng() * total;
  for (const [v, w] of weighted) if ((x -= w) < 0) return v;
  return weighted[weighted.length - 1]![0];
}

async function runWorker(spec: WorkerSpec, o: LoadOptions, stats: LoadStats, stopped: () => boolean, opened: () => void): Promise<void> {
  const rng = seededRandom((o.seed ^ Math.imul(o.round + 1, 0x9e3779b1) ^ Math.imul(spec.index + 1, 0x85ebca6b)) >>> 0);
  const isEpp = spec.door.startsWith('epp');
  let session: DoorSession;
  try {
    session = await openSession(spec, o.ports, o.ca, o.model);
  } catch (err) {
    // A worker that cannot log in before the kill sits the round out (its contact create, if sent, is harmless).
    stats.sessionFailures.push(`${spec.door} w${spec.index}: ${(err as Error).message}`);
    if (o.killed && !o.killed()) stats.unexpected.push(`${spec.door} w${spec.index}: no session before the kill: ${(err as Error).message}`);
    opened();
    return;
  }
  opened();
  let n = 0;
  const own = () => [...o.model.domains.values()].filter((d) => d.worker === spec.index && d.live && !d.async && !d.maybe);
  try {
    while (!stopped()) {
      const mine = own();
      const kind = mine.length < 3 ? 'register' : pick(rng, [['register', 30], ['renew', 20], ['ns', 20], ['contact', 15], ['delete', 10]] as Array<[Op['kind'], number]>);
      let d = kind === 'register' ? undefined : mine[Math.floor(rng() * mine.length)]!;
      // Each change is noted as "maybe" before it is sent and settled when the answer comes.
      try {
        if (kind === 'register') {
          const tld = isEpp ? pick(rng, TLD_WEIGHTS.filter(([t]) => t !== 'de')) : pick(rng, TLD_WEIGHTS);
          const name = `crash-${o.seed.toString(36)}-r${o.round}-w${spec.index}-${n++}.${tld}`;
          const ns = [`ns1.w${spec.index}-${n}.example.net`, `ns2.w${spec.index}-${n}.example.net`];
          const email = `${name.split('.')[0]}@example.com`;
          const m: DomainModel = {
            name, tld, reseller: spec.reseller.username, worker: spec.index, door: spec.door, live: false, years: 0, expiry: '',
            nameservers: ns, ownerEmail: isEpp ? undefined : email, async: false, maybe: { kind: 'register', years: 1 },
          };
          o.model.domains.set(name, m);
          d = m;
          const r = await session.register(name, 1, ns, email);
          Object.assign(m, { live: true, years: 1, expiry: r.expiry ?? '', async: r.async, maybe: undefined });
        } else if (kind === 'renew') {
          // Stay inside each TLD's horizon: ten years ahead for com, net and org; .de allows two, so no renewal there.
          if (d!.years >= (d!.tld === 'de' ? 1 : 8)) continue;
          d!.maybe = { kind: 'renew', years: 1 };
          const r = await session.renew(d!, 1);
          Object.assign(d!, { years: d!.years + 1, expiry: r.expiry ?? bumpYear(d!.expiry), maybe: undefined });
        } else if (kind === 'ns') {
          const to = [`ns1.w${spec.index}-${n}.example.org`, `ns2.w${spec.index}-${n++}.example.org`];
          d!.maybe = { kind: 'ns', to };
          await session.setNameservers(d!, to);
          Object.assign(d!, { nameservers: to, maybe: undefined });
        } else if (kind === 'contact') {
          const email = `w${spec.index}-${n++}@example.com`;
          if (isEpp) {
            const c = o.model.contacts.get(o.model.workerContact.get(spec.index)!)!;
            c.maybe = { email };
            await session.changeContact(undefined, email);
            Object.assign(c, { email, maybe: undefined });
          } else {
            d!.maybe = { kind: 'contact', email };
            await session.changeContact(d!, email);
            Object.assign(d!, { ownerEmail: email, maybe: undefined });
          }
        } else {
          d!.maybe = { kind: 'delete' };
          await session.remove(d!);
          Object.assign(d!, { live: false, maybe: undefined });
        }
        stats.acked[kind] = (stats.acked[kind] ?? 0) + 1;
      } catch (err) {
        if (err instanceof Refused) {
          // The server answered no: nothing changed. Every command here is valid, so the checker reports these.
          stats.refused.push(`${spec.door} w${spec.index} ${kind} ${d?.name ?? ''}: ${err.message}`);
          if (d) d.maybe = undefined;
          const handle = o.model.workerContact.get(spec.index);
          if (handle) o.model.contacts.get(handle)!.maybe = undefined;
          continue;
        }
        stats.uncertain++;
        if (o.killed && !o.killed()) stats.unexpected.push(`${spec.door} w${spec.index} ${kind} ${d?.name ?? ''}: failed before the kill: ${(err as Error).message}`);
        return;
      }
    }
  } finally {
    await session.close();
  }
}

function bumpYear(date: string): string {
  return date ? `${Number(date.slice(0, 4)) + 1}${date.slice(4)}` : date;
}
