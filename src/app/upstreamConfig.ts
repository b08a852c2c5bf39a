// Which TLDs regd serves from real registries over EPP, read from `--upstream TLD=epps://CLID:PASSWORD@HOST:PORT`
// flags (the common case: one line, policy and prices from defaults) and from `--config regd.toml` (everything:
// client certificates, pool size, timeouts, per-TLD policy and prices). The format is documented with a full example
// in README.md, "Upstream registries". Every mistake is reported as one line naming the field, and never with the
// password in it.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parseAmount } from '../core/money.ts';
import type { RegistryOperation } from '../registry/registryPort.ts';
import type { LaunchPhaseName } from '../registry/tldPolicy.ts';
import { defaultUpstreamTld } from '../registry/epp/defaultUpstreamTld.ts';
import { parseUpstreamUrl, redactUrl, type UpstreamEndpoint } from '../registry/epp/upstreamUrl.ts';
import type { UpstreamSettings, UpstreamTld } from '../registry/epp/upstreamSettings.ts';

export type { UpstreamSettings, UpstreamTld } from '../registry/epp/upstreamSettings.ts';

export interface UpstreamConfig {
  /** One entry per registry (one session pool each); every TLD appears in exactly one. */
  upstreams: UpstreamSettings[];
}

export interface LoadUpstreamConfigOptions {
  configFile?: string;
  /** The values of the repeatable `--upstream` flag. */
  upstreamFlags: string[];
  /** `--upstream-ca FILE`: a CA certificate to trust for every upstream that names no `ca` of its own. */
  upstreamCa?: string;
}

const NS = {
  domain: 'urn:ietf:params:xml:ns:domain-1.0',
  contact: 'urn:ietf:params:xml:ns:contact-1.0',
  host: 'urn:ietf:params:xml:ns:host-1.0',
  rgp: 'urn:ietf:params:xml:ns:rgp-1.0',
  fee: 'urn:ietf:params:xml:ns:epp:fee-1.0',
  launch: 'urn:ietf:params:xml:ns:launch-1.0',
};

export const UPSTREAM_DEFAULTS = {
  // fee: premium prices (fee:check) and the fee agreed to for premium names; launch: trademark claims in a claims
  // phase (claims_notice_required). Each is used only if the registry offers it.
  extURIs: [NS.rgp, NS.fee, NS.launch],
  poolSize: 2,
  commandTimeoutMs: 30_000,
  keepaliveMs: 240_000,
  breakerFailures: 5,
  breakerCooldownMs: 30_000,
  validateReplies: false,
};

const OPERATIONS: RegistryOperation[] = ['check', 'info', 'create', 'renew', 'transfer', 'update', 'delete', 'restore',
  'hostCreate', 'hostUpdate', 'hostDelete', 'contactCreate', 'contactUpdate', 'contactDelete', 'poll'];

const TLD_SYNTAX = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

function parseTld(raw: string, where: string): string {
  const tld = raw.trim().toLowerCase().replace(/^\./, '');
  if (!TLD_SYNTAX.test(tld)) throw new Error(`${where}: "${raw}" is not a TLD (e.g. com or co.uk)`);
  return tld;
}

/** The object URIs to log in with: contacts only where the registry keeps them, hosts only for host objects. */
function objURIsFor(tlds: UpstreamTld[]): string[] {
  const uris = [NS.domain];
  if (tlds.some((t) => !t.thin)) uris.push(NS.contact);
  if (tlds.some((t) => t.hostModel === 'hostObj')) uris.push(NS.host);
  return uris;
}

// ---- flags ---------------------------------------------------------------------------------------------------

/** One `--upstream` value: `com=epps://…` or several TLDs sharing a registry, `com,net=epps://…`. */
export function parseUpstreamFlag(flag: string): { tlds: string[]; endpoint: UpstreamEndpoint } {
  const eq = flag.indexOf('=');
  const shown = `--upstream ${flag.slice(0, eq + 1)}${redactUrl(flag.slice(eq + 1))}`;
  if (eq <= 0) throw new Error(`${shown}: expected TLD=epps://CLID:PASSWORD@HOST:PORT`);
  const tlds = flag.slice(0, eq).split(',').map((t) => parseTld(t, shown));
  try {
    return { tlds, endpoint: parseUpstreamUrl(flag.slice(eq + 1).trim()) };
  } catch (err) {
    throw new Error(`${shown}: ${(err as Error).message}`);
  }
}

function endpointName(e: UpstreamEndpoint): string {
  return `${e.host.includes(':') ? `[${e.host}]` : e.host}:${e.port}${e.path ?? ''}`;
}

/** Flags naming the same registry and login share one upstream (one session pool), whatever their TLDs. */
function upstreamsFromFlags(flags: string[]): UpstreamSettings[] {
  const byEndpoint = new Map<string, UpstreamSettings>();
  for (const flag of flags) {
    const { tlds, endpoint } = parseUpstreamFlag(flag);
    const key = JSON.stringify(endpoint);
    let u = byEndpoint.get(key);
    if (!u) {
      u = { name: endpointName(endpoint), ...endpoint, objURIs: [], ...UPSTREAM_DEFAULTS, extURIs: [...UPSTREAM_DEFAULTS.extURIs], tlds: [] };
      byEndpoint.set(key, u);
    }
    for (const tld of tlds) {
      if (u.tlds.some((t) => t.policy.tld === tld)) throw new Error(`--upstream ${tld}=…: .${tld} is given twice`);
      u.tlds.push(defaultUpstreamTld(tld));
    }
  }
  for (const u of byEndpoint.values()) u.objURIs = objURIsFor(u.tlds);
  return [...byEndpoint.values()];
}

// ---- TOML ----------------------------------------------------------------------------------------------------

type Table = Record<string, unknown>;

/** Reads one TOML table, naming each field by its dotted path in errors and refusing keys it does not know. */
class Fields {
  private readonly seen = new Set<string>();
  constructor(private readonly t: Table, readonly at: string) {}

  private name(key: string): string { return `${this.at}.${key}`; }
  fail(key: string, msg: string): never { throw new Error(`${this.name(key)}: ${msg}`); }

  has(key: string): boolean { return this.t[key] !== undefined; }

  private raw(key: string): unknown { this.seen.add(key); return this.t[key]; }

  str(key: string): string | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.trim() === '') this.fail(key, 'expected a non-empty string');
    return v;
  }

  int(key: string, min: number, max: number): number | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) this.fail(key, `expected a whole number from ${min} to ${max}`);
    return v;
  }

  /** Seconds in the file (fractions allowed), milliseconds inside. */
  seconds(key: string): number | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > 86_400) this.fail(key, 'expected a number of seconds (more than 0, at most 86400)');
    return Math.round(v * 1000);
  }

  bool(key: string): boolean | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') this.fail(key, 'expected true or false');
    return v;
  }

  strList(key: string): string[] | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s.trim() === '')) this.fail(key, 'expected a list of strings');
    return v as string[];
  }

  intList(key: string, min: number, max: number): number[] | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.length === 0 || v.some((n) => typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)) {
      this.fail(key, `expected a non-empty list of whole numbers from ${min} to ${max}`);
    }
    return [...new Set(v as number[])].sort((a, b) => a - b);
  }

  /** An amount of money, "10.99" or 10.99, in minor units. */
  amount(key: string): number | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    let minor = NaN;
    try {
      if (typeof v === 'string' || typeof v === 'number') minor = parseAmount(String(v));
    } catch { /* reported below */ }
    if (!(minor >= 0)) this.fail(key, `expected an amount such as "10.99", got ${JSON.stringify(v)}`);
    return minor;
  }

  table(key: string): Fields | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Date) this.fail(key, 'expected a table');
    return new Fields(v as Table, this.name(key));
  }

  /** The sub-tables of a table, in file order. */
  entries(): Array<[string, unknown]> { return Object.entries(this.t); }

  /** Throws on the first key nobody read: a typo should not be silently ignored. */
  done(): void {
    for (const key of Object.keys(this.t)) if (!this.seen.has(key)) this.fail(key, 'unknown key');
  }
}

function readPemFile(file: string, baseDir: string, where: string, kind: 'CERTIFICATE' | 'PRIVATE KEY'): string {
  const full = path.resolve(baseDir, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch (err) {
    throw new Error(`${where}: cannot read ${full}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const ok = kind === 'CERTIFICATE' ? text.includes('-----BEGIN CERTIFICATE-----') : /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text);
  if (!ok) throw new Error(`${where}: ${full} holds no PEM ${kind.toLowerCase()}`);
  return text;
}

function readPrices(f: Fields, t: UpstreamTld): void {
  const currency = f.str('currency');
  if (currency !== undefined) {
    if (!/^[A-Z]{3}$/.test(currency)) f.fail('currency', 'expected a three-letter currency code such as USD');
    t.policy.currency = currency;
  }
  for (const action of ['register', 'renew', 'transfer'] as const) {
    const p = f.table(action);
    if (!p) continue;
    const price = p.amount('price');
    const cost = p.amount('cost');
    if (price === undefined && cost === undefined) p.fail('price', 'give a price, a cost or both');
    // One given alone stands for both: no invented margin.
    t.policy.prices[action] = price ?? cost!;
    t.cost[action] = cost ?? price!;
    p.done();
  }
  f.done();
}

function readTld(f: Fields, tld: string): UpstreamTld {
  const t = defaultUpstreamTld(tld);
  const p = t.policy;
  p.periods = f.intList('periods', 1, 10) ?? p.periods;
  p.maxYearsAhead = f.int('max_years_ahead', 1, 10) ?? Math.max(p.maxYearsAhead, ...p.periods);
  if (p.periods.some((y) => y > p.maxYearsAhead)) f.fail('max_years_ahead', `must be at least the longest period (${Math.max(...p.periods)})`);
  p.transferLockDays = f.int('transfer_lock_days', 0, 365) ?? p.transferLockDays;
  p.transferWindowDays = f.int('transfer_window_days', 0, 60) ?? p.transferWindowDays;
  p.minNameservers = f.int('min_nameservers', 0, 13) ?? p.minNameservers;
  p.maxNameservers = f.int('max_nameservers', 1, 13) ?? p.maxNameservers;
  if (p.minNameservers > p.maxNameservers) f.fail('min_nameservers', `is more than max_nameservers (${p.maxNameservers})`);
  p.supportsLock = f.bool('supports_lock') ?? p.supportsLock;
  p.supportsWhoisPrivacy = f.bool('whois_privacy') ?? p.supportsWhoisPrivacy;
  p.asynchronous = f.bool('asynchronous') ?? p.asynchronous;
  const phase = f.str('launch_phase');
  if (phase !== undefined) {
    if (!/^(open|sunrise|landrush|claims|custom:[a-z0-9-]+)$/.test(phase)) f.fail('launch_phase', 'expected open, sunrise, landrush, claims or custom:NAME');
    p.launchPhase = phase as LaunchPhaseName;
  }
  p.claimsNoticeRequired = f.bool('claims_notice_required') ?? p.claimsNoticeRequired;
  t.thin = f.bool('thin') ?? t.thin;
  t.premiumNames = f.bool('premium_names') ?? t.premiumNames;
  const hostModel = f.str('host_model');
  if (hostModel !== undefined) {
    if (hostModel !== 'hostObj' && hostModel !== 'hostAttr') f.fail('host_model', 'expected "hostObj" or "hostAttr"');
    t.hostModel = hostModel;
  }
  const lacks = f.strList('lacks');
  if (lacks) {
    const bad = lacks.find((l) => !OPERATIONS.includes(l as RegistryOperation));
    if (bad !== undefined) f.fail('lacks', `unknown operation "${bad}" (one of ${OPERATIONS.join(', ')})`);
    t.lacks = lacks as RegistryOperation[];
  }
  const grace = f.table('grace');
  if (grace) {
    t.grace = {
      add: grace.int('add', 0, 365) ?? t.grace.add,
      renew: grace.int('renew', 0, 365) ?? t.grace.renew,
      autoRenew: grace.int('auto_renew', 0, 365) ?? t.grace.autoRenew,
      transfer: grace.int('transfer', 0, 365) ?? t.grace.transfer,
      redemption: grace.int('redemption', 0, 365) ?? t.grace.redemption,
      pendingDelete: grace.int('pending_delete', 0, 365) ?? t.grace.pendingDelete,
    };
    grace.done();
  }
  const prices = f.table('prices');
  if (prices) readPrices(prices, t);
  f.done();
  return t;
}

function readUpstream(name: string, f: Fields, baseDir: string): UpstreamSettings {
  const url = f.str('url');
  let endpoint: Partial<UpstreamEndpoint> = {};
  if (url !== undefined) {
    try {
      endpoint = parseUpstreamUrl(url, { passwordOptional: true });
    } catch (err) {
      f.fail('url', (err as Error).message);
    }
  }
  const transport = f.str('transport');
  if (transport !== undefined && transport !== 'tls' && transport !== 'https') f.fail('transport', 'expected "tls" or "https"');
  endpoint.transport = (transport as 'tls' | 'https' | undefined) ?? endpoint.transport ?? 'tls';
  endpoint.host = f.str('host') ?? endpoint.host;
  endpoint.port = f.int('port', 1, 65535) ?? endpoint.port ?? (endpoint.transport === 'tls' ? 700 : 443);
  const urlPath = f.str('path');
  if (urlPath !== undefined && endpoint.transport !== 'https') f.fail('path', 'only an https upstream has a path');
  if (urlPath !== undefined && !urlPath.startsWith('/')) f.fail('path', 'must start with /');
  endpoint.path = endpoint.transport === 'https' ? urlPath ?? endpoint.path ?? '/epp' : undefined;
  endpoint.clID = f.str('clid') ?? endpoint.clID;
  // One source of the password: in the url, the password key, or an environment variable (keeps it out of the file).
  const passwordEnv = f.str('password_env');
  const password = f.str('password');
  const sources = [endpoint.password ? 'url' : undefined, password !== undefined ? 'password' : undefined, passwordEnv !== undefined ? 'password_env' : undefined]
    .filter((s): s is string => s !== undefined);
  if (sources.length > 1) f.fail(sources[1], `the password is given twice (${sources.join(' and ')}): give one`);
  if (passwordEnv !== undefined) {
    const fromEnv = process.env[passwordEnv];
    if (!fromEnv) f.fail('password_env', `environment variable ${passwordEnv} is not set`);
    endpoint.password = fromEnv;
  } else {
    endpoint.password = password ?? endpoint.password;
  }
  if (!endpoint.host) f.fail('host', 'missing (give url or host)');
  if (!endpoint.clID) f.fail('clid', 'missing (give url or clid)');
  if (!endpoint.password) f.fail('password', 'missing (give url, password or password_env)');

  const certFile = f.str('client_cert');
  const keyFile = f.str('client_key');
  if ((certFile === undefined) !== (keyFile === undefined)) f.fail(certFile === undefined ? 'client_cert' : 'client_key', 'client_cert and client_key go together');
  const caFile = f.str('ca');

  const tlds: UpstreamTld[] = [];
  const addTld = (t: UpstreamTld, where: string) => {
    if (tlds.some((o) => o.policy.tld === t.policy.tld)) throw new Error(`${where}: .${t.policy.tld} is given twice`);
    tlds.push(t);
  };
  for (const raw of f.strList('tlds') ?? []) addTld(defaultUpstreamTld(parseTld(raw, `${f.at}.tlds`)), `${f.at}.tlds`);
  const tldTables = f.table('tld');
  if (tldTables) {
    for (const [raw] of tldTables.entries()) {
      const at = `${tldTables.at}.${raw}`;
      addTld(readTld(tldTables.table(raw)!, parseTld(raw, at)), at);
    }
    tldTables.done();
  }
  if (tlds.length === 0) f.fail('tlds', 'this upstream serves no TLD (give tlds = [...] or [upstream.NAME.tld.TLD] tables)');

  const extensions = f.strList('extensions');
  const settings: UpstreamSettings = {
    name,
    transport: endpoint.transport,
    host: endpoint.host!,
    port: endpoint.port,
    path: endpoint.path,
    clID: endpoint.clID!,
    password: endpoint.password!,
    cert: certFile !== undefined ? readPemFile(certFile, baseDir, `${f.at}.client_cert`, 'CERTIFICATE') : undefined,
    key: keyFile !== undefined ? readPemFile(keyFile, baseDir, `${f.at}.client_key`, 'PRIVATE KEY') : undefined,
    ca: caFile !== undefined ? readPemFile(caFile, baseDir, `${f.at}.ca`, 'CERTIFICATE') : undefined,
    objURIs: objURIsFor(tlds),
    extURIs: extensions ?? [...UPSTREAM_DEFAULTS.extURIs],
    poolSize: f.int('pool_size', 1, 64) ?? UPSTREAM_DEFAULTS.poolSize,
    commandTimeoutMs: f.seconds('command_timeout') ?? UPSTREAM_DEFAULTS.commandTimeoutMs,
    keepaliveMs: f.seconds('keepalive') ?? UPSTREAM_DEFAULTS.keepaliveMs,
    breakerFailures: f.int('breaker_failures', 1, 1000) ?? UPSTREAM_DEFAULTS.breakerFailures,
    breakerCooldownMs: f.seconds('breaker_cooldown') ?? UPSTREAM_DEFAULTS.breakerCooldownMs,
    validateReplies: f.bool('validate_replies') ?? UPSTREAM_DEFAULTS.validateReplies,
    tlds,
  };
  f.done();
  return settings;
}

/** Parses regd.toml's text. `source` names the file in messages; relative file names resolve against baseDir. */
export function parseUpstreamToml(text: string, source: string, baseDir: string): UpstreamSettings[] {
  let doc: Table;
  try {
    doc = parseToml(text) as Table;
  } catch (err) {
    throw new Error(`${source}: ${(err as Error).message.split('\n')[0]}`);
  }
  const root = new Fields(doc, source);
  const upstream = root.table('upstream');
  root.done();
  if (!upstream) return [];
  const out: UpstreamSettings[] = [];
  for (const [name] of upstream.entries()) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(name)) upstream.fail(name, 'an upstream name is letters, digits, ".", "_" and "-"');
    out.push(readUpstream(name, upstream.table(name)!, baseDir));
  }
  upstream.done();
  return out;
}

/** Reads and validates the flags and the file together; throws an Error with a one-line message. */
export function loadUpstreamConfig(opts: LoadUpstreamConfigOptions): UpstreamConfig {
  const upstreams: UpstreamSettings[] = [];
  if (opts.configFile !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(opts.configFile, 'utf8');
    } catch (err) {
      throw new Error(`--config ${opts.configFile}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    upstreams.push(...parseUpstreamToml(text, path.basename(opts.configFile), path.dirname(path.resolve(opts.configFile))));
  }
  upstreams.push(...upstreamsFromFlags(opts.upstreamFlags));
  if (opts.upstreamCa !== undefined) {
    const ca = readPemFile(opts.upstreamCa, process.cwd(), '--upstream-ca', 'CERTIFICATE');
    for (const u of upstreams) u.ca ??= ca;
  }
  const names = new Set<string>();
  const servedBy = new Map<string, string>();
  for (const u of upstreams) {
    if (names.has(u.name)) throw new Error(`upstream ${u.name}: the name is used twice`);
    names.add(u.name);
    for (const t of u.tlds) {
      const other = servedBy.get(t.policy.tld);
      if (other !== undefined) throw new Error(`.${t.policy.tld}: served by both upstream ${other} and upstream ${u.name}`);
      servedBy.set(t.policy.tld, u.name);
    }
  }
  return { upstreams };
}
