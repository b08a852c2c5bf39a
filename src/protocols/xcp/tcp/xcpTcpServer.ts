// The legacy OpenSRS TCP door (port 55000): plain TCP, sessions encrypted with Blowfish or DES in Crypt::CBC's
// format after a challenge handshake. One XcpTcpSession per connection; per-reseller limits are shared here.
import net from 'node:net';
import type { Core } from '../../../core/core.ts';
import { XcpTcpSession, type XcpTcpLimits } from './xcpTcpSession.ts';
import { ConnectionCounter } from './connectionCounter.ts';
import { RateLimiter } from '../rateLimiter.ts';
import type { XcpTcpFraming } from './tcpFraming.ts';
import { DEFAULT_XCP_TCP_FRAMING_MODE, framingPlan, type XcpTcpFramingMode } from './framingMode.ts';
import { listenGracefully } from '../../../transport/listenGracefully.ts';
import { ConnectionCaps, endRefused, type ConnectionCapsOptions } from '../../../transport/connectionCaps.ts';
import { encodeReply } from '../xcpService.ts';
import { encodeFrame } from './tcpFraming.ts';

export interface XcpTcpOptions {
  host?: string;
  port: number;
  /** Default 60 s: idle connections, and connections not authenticated within this time, are closed. */
  idleTimeoutMs?: number;
  /** Default 10 s (at most idleTimeoutMs): a connection that has not completed the handshake by then is closed. */
  handshakeTimeoutMs?: number;
  /**
   * Open connections per remote address and in total (authenticated or not); past a cap the connection gets a plain
   * OPS reply 310 "Exceeded max simultaneous connections" instead of the greeting, then closes.
   */
  connectionCaps?: ConnectionCapsOptions;
  /** close(): how long replies in progress get before their connections are destroyed. Default 2 s. */
  shutdownGraceMs?: number;
  /** Default 10 authenticated connections per reseller; the next one gets 310. */
  maxConnectionsPerReseller?: number;
  /** Default 100 (the spec's figure); the command after that gets 350 and the connection closes. */
  maxCommandsPerConnection?: number;
  /**
   * Commands per second per reseller (a token bucket holding one second's worth); past it 300 and the connection
   * stays. Default: XCP's process-wide limiter (`regd serve --xcp-rate`, shared with XCP over HTTPS; unset means
   * unlimited). A number gives this listener its own limiter; 0: unlimited.
   */
  commandRatePerSecond?: number;
  /** Default 1 MiB; a longer message is answered with 465 and the connection closes. */
  maxMessageBytes?: number;
  /**
   * The listener's framing (framingMode.ts): 'auto' (default) greets with Content-Length and follows the client's
   * framing; 'content-length' and 'two-byte' fix both directions from the first byte.
   */
  framing?: XcpTcpFramingMode;
  /** Overrides the greeting's framing only (the reading side follows `framing`). */
  greetingFraming?: XcpTcpFraming;
}

export const XCP_TCP_DEFAULTS: XcpTcpLimits = {
  idleTimeoutMs: 60_000,
  handshakeTimeoutMs: 10_000,
  maxConnectionsPerReseller: 10,
  maxCommandsPerConnection: 100,
  maxMessageBytes: 1024 * 1024,
  greetingFraming: 'content-length',
};

export interface XcpTcpServer {
  port: number;
  close(): Promise<void>;
}

/** close(): how long to wait for replies in progress before destroying what is left. */
const SHUTDOWN_GRACE_MS = 2_000;

export async function startXcpTcp(core: Core, opts: XcpTcpOptions): Promise<XcpTcpServer> {
  const plan = framingPlan(opts.framing ?? DEFAULT_XCP_TCP_FRAMING_MODE);
  const limits: XcpTcpLimits = {
    idleTimeoutMs: opts.idleTimeoutMs ?? XCP_TCP_DEFAULTS.idleTimeoutMs,
    handshakeTimeoutMs: Math.min(opts.handshakeTimeoutMs ?? XCP_TCP_DEFAULTS.handshakeTimeoutMs, opts.idleTimeoutMs ?? XCP_TCP_DEFAULTS.idleTimeoutMs),
    maxConnectionsPerReseller: opts.maxConnectionsPerReseller ?? XCP_TCP_DEFAULTS.maxConnectionsPerReseller,
    maxCommandsPerConnection: opts.maxCommandsPerConnection ?? XCP_TCP_DEFAULTS.maxCommandsPerConnection,
    maxMessageBytes: opts.maxMessageBytes ?? XCP_TCP_DEFAULTS.maxMessageBytes,
    greetingFraming: opts.greetingFraming ?? plan.greeting,
    readFraming: plan.read,
  };
  const shared = {
    core,
    limits,
    connections: new ConnectionCounter(limits.maxConnectionsPerReseller),
    rateLimiter: opts.commandRatePerSecond === undefined ? undefined
      : opts.commandRatePerSecond > 0 ? new RateLimiter(opts.commandRatePerSecond) : null,
  };
  const sessions = new Set<XcpTcpSession>();
  const sockets = new Set<net.Socket>();
  const caps = new ConnectionCaps(opts.connectionCaps);
  let shuttingDown = false;

  // allowHalfOpen: a client that half-closes after its last command still gets the reply; the session decides when
  // to end our side.
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (shuttingDown) {
      socket.on('error', () => {});
      socket.destroy();
      return;
    }
    const admission = caps.admit(socket);
    if (!admission) return; // too many refusals at once: dropped
    if (!admission.admitted) {
      // Sent where the greeting would be, unencrypted (no session exists), in the greeting's framing.
      const reply = encodeReply('USER', { code: 310, text: `Exceeded max simultaneous connections: ${admission.message}`, success: false });
      endRefused(socket, encodeFrame(limits.greetingFraming, Buffer.from(reply, 'utf8')));
      return;
    }
    try {
      sessions.add(new XcpTcpSession(socket, shared, (s) => sessions.delete(s)));
    } catch (err) {
      console.error('regd: XCP/TCP connection setup failed:', err);
      socket.destroy();
    }
  });

  const door = await listenGracefully(server, {
    port: opts.port, host: opts.host, name: 'XCP/TCP server', sockets: sockets, graceMs: opts.shutdownGraceMs ?? SHUTDOWN_GRACE_MS,
    onShutdown: () => {
      shuttingDown = true;
      for (const s of sessions) s.stop();
    },
  });
  return door;
}
