// `regd serve`: starts every front door that exists on one core and stops them cleanly.
import type { Core } from '../core/core.ts';
import { openCore } from './openCore.ts';
import { recordServerMode } from '../core/sandboxClock.ts';
import { loadOrCreateTlsMaterial } from '../transport/tlsMaterial.ts';
import { startHttpOverTls } from '../transport/httpOverTls.ts';
import { createRouter } from '../transport/httpRouter.ts';
import { startXcpHttps } from '../protocols/xcp/xcpHttpsDoor.ts';
import { startXcpTcp } from '../protocols/xcp/tcp/xcpTcpServer.ts';
import type { XcpTcpFramingMode } from '../protocols/xcp/tcp/framingMode.ts';
import { EppProcessor } from '../protocols/epp/eppProcessor.ts';
import { startEppTls } from '../protocols/epp/transport/eppTlsServer.ts';
import { createEppHttpsDoor, EPP_HTTP_PATH } from '../protocols/epp/transport/eppHttpsDoor.ts';
import { DEFAULT_MAX_FRAME_BYTES } from '../protocols/epp/transport/eppFraming.ts';
import { createApiHttpsDoor } from '../protocols/api/apiHttpsDoor.ts';
import { createWebDoor } from '../protocols/web/webDoor.ts';
import { healthRoutes } from './healthRoutes.ts';
import { API_BASE_PATH } from '../protocols/api/apiApp.ts';
import { startLifecycleTimer } from './lifecycleTimer.ts';
import { startRegistryPollTimer } from './registryPollTimer.ts';
import { reconcileOrders } from '../core/orders/reconcileOrders.ts';
import { RegistryRouter } from '../registry/registryRouter.ts';
import type { UpstreamConfig } from './upstreamConfig.ts';
import type { ConnectionCapsOptions } from '../transport/connectionCaps.ts';

export interface ServeOptions {
  dataDir: string;
  databaseUrl?: string;
  host: string;
  xcpPort: number;
  xcpTcpPort: number;
  eppPort: number;
  httpPort: number;
  mode: 'sandbox' | 'live';
  tlsCert?: string;
  tlsKey?: string;
  /** Live EPP sessions per reseller, over TLS and HTTPS together. Default 10. */
  eppMaxSessions?: number;
  /** EPP over TLS: close a connection that has not logged in within this time. Default: preLoginTimeoutMs. */
  eppPreLoginTimeoutMs?: number;
  /**
   * Every door: the time a new connection gets to send its first complete HTTP request headers (HTTPS), to finish
   * the XCP/TCP handshake, or to log in over EPP/TLS (unless eppPreLoginTimeoutMs says otherwise). Default 10 s.
   */
  preLoginTimeoutMs?: number;
  /** Open connections per remote address, per door; past it the door's refusal (HTTP 503, EPP 2502, XCP/TCP 310). Default 128. */
  maxConnectionsPerAddress?: number;
  /** Open connections in total, per door. Default 1024. */
  maxConnections?: number;
  /** stop(): how long in-flight requests and commands get before what is left is force-closed. Default 10 s. */
  shutdownTimeoutMs?: number;
  /** EPP over TLS: close a connection without a command for this long. Default 10 min. */
  eppIdleTimeoutMs?: number;
  /** EPP over HTTPS: end a session whose cookie has not been used for this long. Default 30 min. */
  eppHttpsIdleTimeoutMs?: number;
  /** How often the registry life cycle runs (auto-approve, auto-renew, expiry, purge). Default 5 s. */
  lifecycleIntervalMs?: number;
  /** Remote registries (EPP upstreams) per TLD (--config, --upstream). */
  upstream?: UpstreamConfig;
  /** How long a command waits for a registry before answering "pending". */
  registryDeadlineMs?: number;
  /** XCP over TCP framing (--xcp-tcp-framing): auto (default), content-length or two-byte. */
  xcpTcpFraming?: XcpTcpFramingMode;
}

export interface RunningServer {
  core: Core;
  listeners: Array<{ name: string; url: string }>;
  /**
   * Stops accepting on every door at once, lets in-flight requests and commands answer (bounded by
   * shutdownTimeoutMs, then force-closes what is left), stops the timers, closes the registry upstreams and the
   * store. Resolves true if everything finished within the bound, false if something had to be forced.
   */
  stop(): Promise<boolean>;
}

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
export const DEFAULT_PRE_LOGIN_TIMEOUT_MS = 10_000;
/** stop(): the registry upstreams and the store get this long after the doors before stop gives up on them. */
const CLOSE_STORE_ALLOWANCE_MS = 5_000;

interface Door { close(): Promise<void> | void }

export async function serve(opts: ServeOptions, log: (line: string) => void = console.log): Promise<RunningServer> {
  const core = await openCore({
    dataDir: opts.dataDir, databaseUrl: opts.databaseUrl, mode: opts.mode, upstream: opts.upstream,
    registryDeadlineMs: opts.registryDeadlineMs, log: (line) => log(`regd: ${line}`),
  });
  const shutdownGraceMs = opts.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const preLoginTimeoutMs = opts.preLoginTimeoutMs ?? DEFAULT_PRE_LOGIN_TIMEOUT_MS;
  const connectionCaps: ConnectionCapsOptions = { maxPerAddress: opts.maxConnectionsPerAddress, maxTotal: opts.maxConnections };
  // The listeners and the timers all stop at once (a door still accepting while another drains would defeat the
  // point); `finals` (the EPP/HTTPS sessions, then the registry upstreams) close after them, before the store.
  const doors: Door[] = [];
  const finals: Door[] = [];
  const stopDoors = async () => {
    await Promise.all(doors.splice(0).map(async (d) => {
      try { await d.close(); } catch (err) { log(`regd: closing a door failed: ${(err as Error).message}`); }
    }));
    for (const d of finals.splice(0)) {
      try { await d.close(); } catch (err) { log(`regd: closing failed: ${(err as Error).message}`); }
    }
  };
  const listeners: Array<{ name: string; url: string }> = [];
  const notes: string[] = [];
  try {
    await recordServerMode(core.db, opts.mode);
    // Orders a previous run left in flight (killed between reserving and settling): ask their registry now.
    const recovered = await reconcileOrders(core).catch((err) => { log(`regd: reconciling orders at start failed: ${(err as Error).message}`); return undefined; });
    if (recovered && recovered.asked > 0) log(`reconciled ${recovered.asked} order(s) left in flight: ${recovered.completed} completed, ${recovered.failed} failed, ${recovered.stillPending} still pending`);
    const tls = await loadOrCreateTlsMaterial({ dataDir: opts.dataDir, certPath: opts.tlsCert, keyPath: opts.tlsKey });
    const host = displayHost(opts.host);

    const xcp = await startXcpHttps(core, {
      cert: tls.cert, key: tls.key, host: opts.host, port: opts.xcpPort,
      headerTimeoutMs: preLoginTimeoutMs, connectionCaps, shutdownGraceMs,
    });
    doors.push(xcp);
    listeners.push({ name: 'XCP over HTTPS', url: `https://${host}:${xcp.port}/` });

    // The legacy OpenSRS TCP protocol (Blowfish/DES sessions); its command rate (300) is XCP's shared limiter (--xcp-rate).
    const xcpTcp = await listenOrExplain('XCP over TCP', '--xcp-tcp-port', opts.xcpTcpPort, notes, () => startXcpTcp(core, {
      host: opts.host, port: opts.xcpTcpPort, framing: opts.xcpTcpFraming,
      handshakeTimeoutMs: preLoginTimeoutMs, connectionCaps, shutdownGraceMs,
    }));
    if (xcpTcp) {
      doors.push(xcpTcp);
      listeners.push({ name: 'XCP over TCP', url: `${host}:${xcpTcp.port}` });
    }

    // One processor for both EPP doors, so the per-reseller session cap counts TLS and HTTPS sessions together.
    const epp = new EppProcessor(core, { maxSessionsPerReseller: opts.eppMaxSessions });
    const eppTls = await listenOrExplain('EPP over TLS', '--epp-port', opts.eppPort, notes, () => startEppTls(epp, {
      cert: tls.cert, key: tls.key, host: opts.host, port: opts.eppPort,
      preLoginTimeoutMs: opts.eppPreLoginTimeoutMs ?? preLoginTimeoutMs, idleTimeoutMs: opts.eppIdleTimeoutMs,
      connectionCaps, shutdownGraceMs,
    }));
    if (eppTls) {
      doors.push(eppTls);
      listeners.push({ name: 'EPP over TLS', url: `${host}:${eppTls.port}` });
    }

    // The HTTPS listener is shared: EPP at /epp and the JSON API under /api/v1; the web UI adds its routes here too.
    const eppHttps = createEppHttpsDoor(epp, { sessionIdleMs: opts.eppHttpsIdleTimeoutMs });
    finals.push(eppHttps);
    const api = createApiHttpsDoor(core);
    // Last: the web interface answers every path the others do not claim.
    const web = createWebDoor(core);
    const https = await listenOrExplain('EPP over HTTPS', '--http-port', opts.httpPort, notes, () => startHttpOverTls({
      cert: tls.cert, key: tls.key, host: opts.host, port: opts.httpPort,
      handler: createRouter([...healthRoutes(core), ...eppHttps.routes, ...api.routes, ...web.routes]),
      maxBodyBytes: DEFAULT_MAX_FRAME_BYTES,
      headerTimeoutMs: preLoginTimeoutMs, connectionCaps, shutdownGraceMs,
    }));
    if (https) {
      doors.push(https);
      listeners.push({ name: 'EPP over HTTPS', url: `https://${host}:${https.port}${EPP_HTTP_PATH}` });
      listeners.push({ name: 'JSON API', url: `https://${host}:${https.port}${API_BASE_PATH}/` });
      listeners.push({ name: 'web interface', url: `https://${host}:${https.port}/` });
    }

    // Stopped by stop() with the doors (a pass under way finishes), before the store is destroyed.
    doors.push(startLifecycleTimer(core, opts.lifecycleIntervalMs ?? 5_000));
    // Remote registries' poll queues (transfers away, auto-renewals, answers to pending actions), on their own timer.
    const remotes = core.registry instanceof RegistryRouter ? core.registry.remotes() : [];
    if (remotes.length > 0) doors.push(startRegistryPollTimer(core, remotes, opts.lifecycleIntervalMs ?? 5_000));
    // Closed after the doors and timers, so no command is left holding an upstream session.
    finals.push({ close: () => core.registry.close() });

    log(`regd ${opts.mode} mode, data in ${opts.databaseUrl ? 'PostgreSQL' : opts.dataDir}${tls.selfSigned ? `, self-signed certificate ${tls.certPath}` : ''}`);
  } catch (err) {
    await stopDoors();
    await core.db.destroy();
    throw err;
  }
  for (const l of listeners) log(`listening: ${l.name} on ${l.url}`);
  for (const n of notes) log(n);
  const resellers = await core.db.selectFrom('resellers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(resellers.n) === 0) {
    log(`no resellers yet: create the first one with  regd reseller create NAME --funds 1000 --data ${opts.dataDir}`);
    log('  (from this folder: npx regd reseller create NAME --funds 1000)');
  }
  let stopping: Promise<boolean> | undefined;
  const stop = async (): Promise<boolean> => {
    // Every door's stragglers are destroyed at shutdownGraceMs; this timer, set first, fires no later than theirs,
    // so "exceeded" is true exactly when something was still open at the bound.
    let exceeded = false;
    const bound = setTimeout(() => { exceeded = true; }, shutdownGraceMs);
    bound.unref();
    const closeAll = (async () => {
      await stopDoors();
      clearTimeout(bound);
      await core.db.destroy();
    })();
    // The registry upstreams and the store get a little longer; past that stop gives up on them.
    const giveUp = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), shutdownGraceMs + CLOSE_STORE_ALLOWANCE_MS).unref());
    const outcome = await Promise.race([closeAll.then(() => 'done' as const), giveUp]);
    if (outcome === 'late') log('regd: stopping took too long; giving up on what is left');
    if (exceeded) log(`regd: in-flight work did not finish within ${shutdownGraceMs / 1000} s; the rest was force-closed`);
    return outcome === 'done' && !exceeded;
  };
  return {
    core,
    listeners,
    stop() {
      stopping ??= stop();
      return stopping;
    },
  };
}

/**
 * Starts a door; if its port cannot be had (700 needs privileges, 8443 may be taken), explains which flag to change
 * and returns undefined so the other doors keep running. Any other failure is a real error and propagates.
 */
async function listenOrExplain<T>(name: string, flag: string, port: number, notes: string[], start: () => Promise<T>): Promise<T | undefined> {
  try {
    return await start();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' ? 'permission denied' : code === 'EADDRINUSE' ? 'address already in use' : undefined;
    if (!why) throw err;
    notes.push(`${name}: cannot listen on port ${port} (${why}); choose another with ${flag}`);
    return undefined;
  }
}

function displayHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
