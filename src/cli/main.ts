// The `regd` command. Other tools script against this contract: keep flags and output formats stable.
import fs from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadUpstreamConfig, type UpstreamConfig } from '../app/upstreamConfig.ts';
import type { RunningServer } from '../app/serve.ts';
import { openCore } from '../app/openCore.ts';
import { addResellerFunds, CONTACT_ID_MODES, createReseller, regenerateResellerKey, setResellerContactIdMode } from '../core/commands/resellers.ts';
import { parseAmount, formatAmount } from '../core/money.ts';
import { parseDuration } from '../core/duration.ts';
import { advanceSandboxClock, sandboxClockOffset } from '../core/sandboxClock.ts';
import { CoreError } from '../core/errors.ts';
import { setResellerEppCertPin } from '../core/commands/resellerCertPin.ts';
import { setResellerQuotas } from '../core/commands/resellerQuotas.ts';
import { respondToTrade } from '../core/commands/trades.ts';
import { parseRate, RATE_ENV } from '../protocols/xcp/rateLimiter.ts';
import { DEFAULT_XCP_TCP_FRAMING_MODE, XCP_TCP_FRAMING_MODES } from '../protocols/xcp/tcp/framingMode.ts';
import { addXcpCommand } from './xcpCommand.ts';
import { addEppCommand } from './eppCommand.ts';
import { createApiToken, DEFAULT_TOKEN_NAME, listApiTokens, revokeApiToken } from '../protocols/api/apiTokens.ts';
import { setAuditNodeId, setDefaultAuditContext } from '../core/audit/auditContext.ts';
import { readAuditLog } from '../core/audit/auditLog.ts';
import { rotateKeys } from '../core/secrets/rotateKeys.ts';
import { MAX_SEED_RESELLERS, seedStore } from '../app/seedStore.ts';
import { seedProgressReporter } from '../app/seedStoreProgress.ts';

const DEFAULT_DATA = process.env.REGD_DATA ?? path.resolve('data');

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}

/** Seconds on the command line (fractions allowed, so tests can use short timeouts), milliseconds inside. */
function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number of 0 or more');
  return n;
}

function isoTime(value: string): Date {
  const d = new Date(value);
  if (!/^\d{4}-\d\d-\d\dT/.test(value) || !Number.isFinite(d.getTime())) throw new InvalidArgumentError('must be an ISO date and time, e.g. 2026-01-01T00:00:00Z');
  return d;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number of seconds');
  return Math.round(n * 1000);
}

// Parsed to milliseconds; the help shows the default in seconds, as typed.
const secondsOption = (flags: string, description: string, defaultSeconds: number) =>
  new Option(flags, description).argParser(seconds).default(defaultSeconds * 1000, String(defaultSeconds));

function xcpRate(value: string): number {
  try { return parseRate(value) ?? 0; } catch (e) { throw new InvalidArgumentError((e as Error).message); }
}

/** A quota: a count, or "unlimited" (kept as the word: commander turns a parsed null into ''). */
function quota(value: string): number | 'unlimited' {
  if (value.trim().toLowerCase() === 'unlimited') return 'unlimited';
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number of 0 or more, or "unlimited"');
  return n;
}

function amount(value: string): number {
  try { return parseAmount(value); } catch (e) { throw new InvalidArgumentError((e as Error).message); }
}

const dataOption = () => new Option('--data <dir>', 'data folder (SQLite file, TLS material)').default(DEFAULT_DATA);
const dbOption = () => new Option('--database-url <url>', 'PostgreSQL connection URL instead of the embedded SQLite store').env('REGD_DATABASE_URL');
const modeOption = () => new Option('--mode <mode>', 'sandbox (test environment, no IP checks) or live').choices(['sandbox', 'live']).default('sandbox');

interface StoreFlags { data: string; databaseUrl?: string; mode?: 'sandbox' | 'live' }

async function withCore<T>(flags: StoreFlags, fn: (core: Awaited<ReturnType<typeof openCore>>) => Promise<T>): Promise<T> {
  const core = await openCore({ dataDir: path.resolve(flags.data), databaseUrl: flags.databaseUrl, mode: flags.mode ?? 'sandbox' });
  try { return await fn(core); } finally { await core.db.destroy(); }
}

export function buildProgram(): Command {
  const program = new Command('regd').description('regd: a domain reseller platform (OpenSRS XML API, EPP)').showHelpAfterError();

  program.command('serve')
    .description('start every front door on one core')
    .addOption(dataOption()).addOption(dbOption()).addOption(modeOption())
    .option('--host <address>', 'address to listen on', '0.0.0.0')
    .option('--xcp-port <port>', 'XCP (OpenSRS XML API) over HTTPS', port, 55443)
    .option('--xcp-tcp-port <port>', 'legacy OpenSRS TCP protocol (Blowfish/DES sessions); 0 picks a free port', port, 55000)
    .option('--xcp-rate <n>', 'XCP commands per second per reseller before code 300 (0: unlimited)', xcpRate)
    .addOption(new Option('--xcp-tcp-framing <mode>', 'XCP over TCP framing: auto (Content-Length greeting, then the client\'s), content-length, or two-byte (2-byte length header from the first byte, for old clients)')
      .choices(XCP_TCP_FRAMING_MODES).default(DEFAULT_XCP_TCP_FRAMING_MODE))
    .option('--epp-port <port>', 'EPP over TLS (RFC 5734); 0 picks a free port', port, 700)
    .option('--http-port <port>', 'HTTPS listener: EPP over HTTPS at /epp (later also the JSON API and web UI); 0 picks a free port', port, 8443)
    .option('--epp-max-sessions <n>', 'live EPP sessions per reseller, TLS and HTTPS together', positiveInt, 10)
    .option('--max-connections-per-address <n>', 'open connections from one address, per door; past it HTTP 503, EPP 2502, XCP/TCP 310', positiveInt, 128)
    .option('--max-connections <n>', 'open connections in total, per door', positiveInt, 1024)
    .addOption(secondsOption('--prelogin-timeout <seconds>', 'every door: time a new connection gets to send complete HTTP request headers, finish the XCP/TCP handshake or log in over EPP/TLS', 10))
    .addOption(new Option('--epp-prelogin-timeout <seconds>', 'EPP over TLS: close connections that have not logged in by then (default: --prelogin-timeout)').argParser(seconds))
    .addOption(secondsOption('--shutdown-timeout <seconds>', 'on SIGTERM/SIGINT: how long in-flight requests get before the rest is force-closed (exit 1)', 10))
    .addOption(secondsOption('--epp-idle-timeout <seconds>', 'EPP over TLS: close connections idle this long', 600))
    .addOption(secondsOption('--epp-https-idle-timeout <seconds>', 'EPP over HTTPS: end sessions whose cookie is unused this long', 1800))
    .option('--tls-cert <file>', 'PEM certificate (default: a self-signed one made on first start)')
    .option('--tls-key <file>', 'PEM private key for --tls-cert')
    .option('--config <file>', 'regd.toml: remote registries (EPP upstreams) per TLD, with policies and prices (README "Upstream registries")')
    .option('--upstream <tld=url>', 'serve a TLD from a remote registry, e.g. com=epps://CLID:PASSWORD@HOST:700 (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--upstream-ca <file>', 'PEM CA certificate to trust for upstream registries (e.g. a self-signed one)')
    .addOption(secondsOption('--registry-deadline <seconds>', 'how long a command waits for a registry before answering "pending" (XCP 250, EPP 1001)', 8))
    .option('--node-id <name>', 'this node\'s name in the audit log (default: the host name)')
    .action(async (o) => {
      // Changes nobody asked for over a door (life cycle, reconciler) are the system's; each request names its own.
      setDefaultAuditContext({ door: 'system' });
      if (o.nodeId) setAuditNodeId(String(o.nodeId));
      let upstream: UpstreamConfig | undefined;
      try {
        upstream = o.config || o.upstream.length > 0
          ? loadUpstreamConfig({ configFile: o.config, upstreamFlags: o.upstream, upstreamCa: o.upstreamCa }) : undefined;
      } catch (err) {
        console.error(`regd: ${(err as Error).message}`);
        process.exit(2);
      }
      // Signal handlers go in first: a SIGTERM that arrives while the doors are still opening must stop them too.
      let stopRequested: string | undefined;
      let server: RunningServer | undefined;
      const shutdown = (signal: string) => {
        stopRequested = signal;
        if (!server) return;
        console.log(`${signal}: stopping`);
        // A backstop: whatever hangs, the process is gone shortly after the bound (stop() itself gives up by then).
        setTimeout(() => { console.error('regd: shutdown did not finish; exiting'); process.exit(1); }, o.shutdownTimeout + 10_000).unref();
        server.stop().then((clean) => process.exit(clean ? 0 : 1), (err) => { console.error(err); process.exit(1); });
      };
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      process.once('SIGINT', () => shutdown('SIGINT'));
      // The XCP doors share one rate limiter configured from the environment (see rateLimiter.ts).
      if (o.xcpRate !== undefined) process.env[RATE_ENV] = String(o.xcpRate);
      // Loaded here, not at the top: every door and the schema validator are only needed by `serve`, and the other
      // commands (run by scripts and tests, often) start several times faster without them.
      const { serve } = await import('../app/serve.ts');
      server = await serve({
        dataDir: path.resolve(o.data), databaseUrl: o.databaseUrl, host: o.host, xcpPort: o.xcpPort, xcpTcpPort: o.xcpTcpPort,
        eppPort: o.eppPort, httpPort: o.httpPort, mode: o.mode, tlsCert: o.tlsCert, tlsKey: o.tlsKey,
        eppMaxSessions: o.eppMaxSessions, eppPreLoginTimeoutMs: o.eppPreloginTimeout, eppIdleTimeoutMs: o.eppIdleTimeout,
        eppHttpsIdleTimeoutMs: o.eppHttpsIdleTimeout, upstream, registryDeadlineMs: o.registryDeadline,
        xcpTcpFraming: o.xcpTcpFraming, preLoginTimeoutMs: o.preloginTimeout, maxConnectionsPerAddress: o.maxConnectionsPerAddress,
        maxConnections: o.maxConnections, shutdownTimeoutMs: o.shutdownTimeout,
      });
      if (stopRequested) shutdown(stopRequested);
    });

  const reseller = program.command('reseller').description('manage reseller accounts');
  reseller.command('create <name>')
    .description('create a reseller; prints its username, private key and password once')
    .option('--funds <amount>', 'initial funds, e.g. 1000 or 99.95', amount)
    .option('--allow-ip <ip>', 'an address allowed in live mode (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--json', 'print one JSON line {"username","privateKey","password"}')
    .addOption(dataOption()).addOption(dbOption())
    .action(async (name: string, o) => withCore(o, async (core) => {
      const { reseller: r, password } = await createReseller(core, { username: name, fundsMinor: o.funds, allowedIps: o.allowIp });
      if (o.json) {
        console.log(JSON.stringify({ username: r.username, privateKey: r.privateKey, password }));
      } else {
        console.log(`reseller:    ${r.username}\nprivate key: ${r.privateKey}\npassword:    ${password}\nbalance:     ${formatAmount(r.balanceMinor)} ${r.currency}`);
        console.log('Keep the key and password now: the password is stored hashed and cannot be shown again.');
      }
    }));
  reseller.command('key <name>')
    .description('show nothing; with --regenerate, replace the private key and print the new one')
    .option('--regenerate', 'generate a new private key (the old one stops working at once)')
    .option('--json', 'print {"username","privateKey"}')
    .addOption(dataOption()).addOption(dbOption())
    .action(async (name: string, o) => {
      if (!o.regenerate) throw new InvalidArgumentError('use --regenerate to replace the private key');
      await withCore(o, async (core) => {
        const key = await regenerateResellerKey(core, name);
        console.log(o.json ? JSON.stringify({ username: name, privateKey: key }) : key);
      });
    });
  reseller.command('funds <name> <amount>')
    .description('add funds to a reseller (e.g. 250 or 99.95)')
    .option('--json', 'print {"username","balance"}')
    .addOption(dataOption()).addOption(dbOption())
    .action(async (name: string, value: string, o) => withCore(o, async (core) => {
      const balance = await addResellerFunds(core, name, amount(value));
      console.log(o.json ? JSON.stringify({ username: name, balance: formatAmount(balance) }) : `balance: ${formatAmount(balance)}`);
    }));
  reseller.command('epp-cert <name>')
    .description('pin EPP logins to a TLS client certificate (by SHA-256 fingerprint), or remove the pin')
    .option('--sha256 <hex>', 'the certificate fingerprint: 64 hex digits, colons allowed (openssl x509 -noout -fingerprint -sha256)')
    .option('--clear', 'remove the pin: any client certificate, or none, is accepted again')
    .option('--json', 'print {"username","eppCertSha256"}')
    .addOption(dataOption()).addOption(dbOption())
    .action(async (name: string, o) => {
      if (Boolean(o.sha256) === Boolean(o.clear)) throw new InvalidArgumentError('give exactly one of --sha256 HEX or --clear');
      await withCore(o, async (core) => {
        const pin = await setResellerEppCertPin(core, name, o.clear ? null : o.sha256);
        console.log(o.json ? JSON.stringify({ username: name, eppCertSha256: pin }) : pin ? `epp certificate pin: ${pin}` : 'epp certificate pin removed');
      });
    });

  reseller.command('quota <name>')
    .description('limit how many domains (code 440) and nameservers (code 445) a reseller may hold')
    .option('--domains <n>', 'most live domains, or "unlimited"', quota)
    .option('--nameservers <n>', 'most nameserver objects, or "unlimited"', quota)
    .option('--json', 'print {"username","maxDomains","maxNameservers"} (null: unlimited)')
    .addOption(dataOption()).addOption(dbOption())
    .action(async (name: string, o) => withCore(o, async (core) => {
      const unlimited = (v: number | 'unlimited' | undefined) => (v === 'unlimited' ? null : v);
      const q = await setResellerQuotas(core, name, { maxDomains: unlimited(o.domains), maxNameservers: unlimited(o.nameservers) });
      const show = (v: number | null) => (v === null ? 'unlimited' : String(v));
      console.log(o.json ? JSON.stringify({ username: name, ...q }) : `domains: ${show(q.maxDomains)}\nnameservers: ${show(q.maxNameservers)}`);
    }));
  reseller.command('contact-ids <name> [mode]')
    .description('who names the reseller\'s EPP contacts: assigned (the server, ignoring <contact:id>; Openprovider, the default) ' +
      'or client (the <contact:id> sent, RFC 5733); without a mode, show the current one')
    .option('--json', 'print {"username","contactIds"}')
    .addOption(dataOption()).addOption(dbOption())
    .action(async (name: string, mode: string | undefined, o) => {
      if (mode !== undefined && !(CONTACT_ID_MODES as readonly string[]).includes(mode)) throw new InvalidArgumentError('the mode is assigned or client');
      await withCore(o, async (core) => {
        const m = await setResellerContactIdMode(core, name, mode);
        console.log(o.json ? JSON.stringify({ username: name, contactIds: m }) : `contact ids: ${m}`);
      });
    });

  // JSON API bearer tokens: shown once at creation, stored hashed.
  const token = reseller.command('token').description('JSON API tokens (Authorization: Bearer ...) of a reseller');
  token.command('create <name>')
    .description('create an API token; prints it once (only its hash is kept)')
    .option('--token-name <label>', 'what to call the token, for listing and revoking', DEFAULT_TOKEN_NAME)
    .option('--json', 'print {"token","name","username"}')
    .addOption(dataOption()).addOption(dbOption())
    .action(async (name: string, o) => withCore(o, async (core) => {
      const t = await createApiToken(core, name, o.tokenName);
      if (o.json) console.log(JSON.stringify({ token: t.token, name: t.name, username: name }));
      else console.log(`token:  ${t.token}\nname:   ${t.name}\nKeep the token now: it is stored hashed and cannot be shown again.`);
    }));
  token.command('revoke <name> <tokenName>')
    .description('revoke an API token by its name; it stops working at once')
    .option('--json', 'print {"username","revoked"}')
    .addOption(dataOption()).addOption(dbOption())
    .action(async (name: string, tokenName: string, o) => withCore(o, async (core) => {
      await revokeApiToken(core, name, tokenName);
      console.log(o.json ? JSON.stringify({ username: name, revoked: tokenName }) : `revoked: ${tokenName}`);
    }));
  token.command('list <name>')
    .description('list a reseller\'s API tokens by name, with when each was created and last used')
    .option('--json', 'print [{"name","createdAt","lastUsedAt"}] (lastUsedAt null: never used)')
    .addOption(dataOption()).addOption(dbOption())
    .action(async (name: string, o) => withCore(o, async (core) => {
      const tokens = await listApiTokens(core, name);
      if (o.json) console.log(JSON.stringify(tokens));
      else if (tokens.length === 0) console.log('no API tokens');
      else for (const t of tokens) console.log(`${t.name}\tcreated ${t.createdAt}\tlast used ${t.lastUsedAt ?? 'never'}`);
    }));

  const sandbox = program.command('sandbox').description('sandbox registry controls');
  sandbox.command('trade <decision> <domain>')
    .description('answer a pending ownership trade as the registrant it waits for: accept or decline (refused in live mode)')
    .option('--json', 'print {"domain","status"}')
    .addOption(dataOption()).addOption(dbOption()).addOption(modeOption())
    .action(async (decision: string, domain: string, o) => {
      if (decision !== 'accept' && decision !== 'decline') throw new InvalidArgumentError('the decision is accept or decline');
      await withCore(o, async (core) => {
        const t = await respondToTrade(core, domain, decision);
        console.log(o.json ? JSON.stringify({ domain, status: t.status }) : `trade ${t.id}: ${t.status}`);
      });
    });
  sandbox.command('seed')
    .description('fill an empty store with realistic data, fast: resellers, registrant profiles, contacts, nameservers, ' +
      'domains with expiries spread over three years, orders, ledger, history, transfers and poll messages (the same data ' +
      'for the same --seed); refused in live mode and on a store that has domains. A progress bar on a terminal, a line ' +
      'per tenth otherwise. An interrupted seed leaves a store to delete. --json prints the resellers\' credentials: secrets')
    .requiredOption('--domains <n>', 'how many domains', positiveInt)
    .option('--resellers <n>', `how many resellers, 2-${MAX_SEED_RESELLERS} (reseller1 holds 60 % of the domains; the last, "poor", has no funds)`, positiveInt, 20)
    .option('--seed <n>', 'the random seed: the same seed gives the same names, dates and flags', nonNegativeInt, 1)
    .option('--now <iso>', 'lay the data out around this time (default: the sandbox clock), e.g. 2026-01-01T00:00:00Z', isoTime)
    .option('--json', 'print {"domains","now","seed","resellers":[{"username","privateKey","password","balance","domains"}],"registrantPassword",' +
      '"largeProfileId","rows","store","bytes","seconds"}: ' +
      'this prints secrets (every reseller\'s private key and password, the registrants\' password)')
    .addOption(dataOption()).addOption(dbOption()).addOption(modeOption())
    .action(async (o) => {
      const dataDir = path.resolve(o.data);
      const progress = seedProgressReporter(process.stderr);
      // Ctrl-C: put the terminal back (the bar hides the cursor) and say what is left.
      const interrupted = () => {
        progress.stop();
        process.stderr.write('\nregd: seed interrupted: the store is incomplete; delete it and seed again\n');
        process.exit(130);
      };
      process.once('SIGINT', interrupted);
      let report: Awaited<ReturnType<typeof seedStore>>;
      try {
        report = await seedStore({ domains: o.domains, resellers: o.resellers, seed: o.seed, now: o.now, dataDir, databaseUrl: o.databaseUrl, mode: o.mode, onProgress: progress.update });
      } finally {
        process.off('SIGINT', interrupted);
        progress.stop();
      }
      const seconds = Math.round(report.ms / 100) / 10;
      const size = report.store === 'postgresql' ? undefined : fs.statSync(report.store).size;
      if (o.json) {
        console.log(JSON.stringify({
          domains: report.info.domains, now: report.info.now, seed: o.seed,
          resellers: report.resellers.map((r) => ({ username: r.username, privateKey: r.privateKey, password: r.password, balance: formatAmount(r.balanceMinor), domains: r.domains })),
          registrantPassword: report.registrantPassword, largeProfileId: report.info.bigProfileId, rows: report.rows, store: report.store, bytes: size ?? null, seconds,
        }));
        return;
      }
      const n = (v: number) => v.toLocaleString('en-US');
      console.log(`seeded ${n(report.info.domains)} domains in ${seconds} s (${n(Math.round(report.info.domains / Math.max(0.001, report.ms / 1000)))} domains/s) ` +
        `into ${report.store}${size === undefined ? '' : ` (${(size / 1e6).toFixed(0)} MB)`}, laid out around ${report.info.now}`);
      console.log(`resellers: ${report.resellers.map((r) => `${r.username} (${n(r.domains)} domains${r.balanceMinor === 0 ? ', no funds' : ''})`).join(', ')}`);
      const { domains: _d, resellers: _r, ...rest } = report.rows;
      console.log(`rows: ${Object.entries(rest).map(([t, v]) => `${t} ${n(v)}`).join(', ')}`);
      console.log(`registrant profiles: user${report.info.bigProfileId} holds ${n(report.info.bigProfileDomains)} domains of ${report.resellers[0].username}`);
      console.log('Keys and passwords are printed only with --json; `regd reseller key NAME --regenerate` gives a reseller a new key.');
    });
  const clock = sandbox.command('clock').description('the sandbox clock (grace periods, transfer windows, expiry)');
  clock.command('advance <duration>')
    .description('move the sandbox clock forward, e.g. 61d, 6h, 30m (works under a running server)')
    .addOption(dataOption()).addOption(dbOption()).addOption(modeOption())
    .action(async (duration: string, o) => withCore(o, async (core) => {
      let ms: number;
      try { ms = parseDuration(duration); } catch (e) { throw new InvalidArgumentError((e as Error).message); }
      const now = await advanceSandboxClock(core.db, core.mode, ms);
      console.log(now.toISOString());
    }));
  clock.command('show')
    .description('print the sandbox clock and its offset from real time')
    .addOption(dataOption()).addOption(dbOption())
    .action(async (o) => withCore(o, async (core) => {
      const offset = await sandboxClockOffset(core.db);
      console.log(`${(await core.clock.now()).toISOString()} (offset ${Math.round(offset / 1000)}s)`);
    }));
  const keys = program.command('keys').description('the key ring that seals secrets at rest (DATA/secret.key, or REGD_SECRET_KEY)');
  keys.command('rotate')
    .description('put a new key first in the ring and seal every stored secret under it; old keys stay to open values ' +
      'until --drop-retired (run after every server has restarted or met the new key) removes the ones nothing uses')
    .option('--drop-retired', 'instead of rotating: remove retired keys no stored value is sealed under')
    .option('--json', 'print {"currentKeyId","resealed","retiredKeyIds","droppedKeyIds"}')
    .addOption(dataOption()).addOption(dbOption())
    .action(async (o) => withCore(o, async (core) => {
      const r = await rotateKeys(core, path.resolve(o.data), { dropRetired: Boolean(o.dropRetired) });
      if (o.json) console.log(JSON.stringify(r));
      else console.log(`current key: ${r.currentKeyId}\nresealed rows: ${r.resealed}\nretired keys: ${r.retiredKeyIds.join(', ') || 'none'}${o.dropRetired ? `\ndropped keys: ${r.droppedKeyIds.join(', ') || 'none'}` : ''}`);
    }));

  program.command('audit [domain]')
    .description('the audit log: every change to a domain (or, with --reseller, by a reseller), newest first, with who made it ' +
      '(actor, door, source address, node)')
    .option('--reseller <name>', 'the changes of one reseller')
    .option('--limit <n>', 'at most this many entries', positiveInt, 100)
    .option('--json', 'print [{"id","at","domain","reseller","objectType","objectId","action","detail","actor","door","sourceIp","nodeId"}]')
    .addOption(dataOption()).addOption(dbOption())
    .action(async (domain: string | undefined, o) => withCore(o, async (core) => {
      const entries = await readAuditLog(core, { domain, reseller: o.reseller, limit: o.limit });
      if (o.json) { console.log(JSON.stringify(entries)); return; }
      if (entries.length === 0) console.log('no entries');
      for (const e of entries) {
        console.log([e.at, e.domain ?? `${e.objectType}:${e.objectId}`, e.action, e.actor ?? '-', e.door ?? '-', e.sourceIp ?? '-', e.nodeId ?? '-'].join('\t'));
      }
    }));
  addXcpCommand(program);
  addEppCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  // Whatever the command line changes (reseller create, funds, keys) is the operator's doing, over no network door.
  setDefaultAuditContext({ door: 'cli', actor: 'operator' });
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof CoreError || err instanceof InvalidArgumentError) {
      console.error(`regd: ${err.message}`);
    } else {
      console.error('regd:', err instanceof Error ? err.message : err);
    }
    process.exitCode = 1;
  }
}
