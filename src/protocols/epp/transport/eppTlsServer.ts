// EPP over TLS (RFC 5734): one EPP session per TLS connection. The server speaks first (the greeting), then answers
// each framed command in the order received, one at a time. It closes the connection after a reply that ends the
// session (logout 1500, 2501, 2502), when no login succeeds in time, when the connection sits idle, and on a frame
// it cannot read. Client errors never reach the process: every socket has an error handler.
//
// Client certificates are requested but not verified against a CA: regd pins a reseller to the SHA-256
// fingerprint of its certificate instead (resellers.epp_cert_sha256), so a self-signed one is fine. The TLS
// handshake itself proves the client holds the certificate's private key.
import crypto from 'node:crypto';
import type { Socket } from 'node:net';
import tls from 'node:tls';
import type { EppProcessor, EppReply } from '../eppProcessor.ts';
import type { EppSession } from '../eppTypes.ts';
import { renderResponse } from '../eppResponse.ts';
import { DEFAULT_MAX_FRAME_BYTES, EppFrameDecoder, EppFrameError, FRAME_HEADER_BYTES, encodeFrame } from './eppFraming.ts';
import { listenGracefully } from '../../../transport/listenGracefully.ts';
import { ConnectionCaps, endRefused, rawSocketOf, type ConnectionCapsOptions } from '../../../transport/connectionCaps.ts';

export interface EppTlsOptions {
  cert: string;
  key: string;
  host?: string;
  port: number;
  /** A connection that has not logged in successfully within this time is closed. Default 10 s. */
  preLoginTimeoutMs?: number;
  /** A connection with no command for this long is closed. Default 10 min. */
  idleTimeoutMs?: number;
  /** Largest frame accepted, header included. Default 1 MiB. */
  maxFrameBytes?: number;
  /** Largest frame accepted before login, header included. Default: the processor's pre-login limit + the header. */
  maxPreLoginFrameBytes?: number;
  /** Ask clients for a certificate (for per-reseller pinning). Default true. */
  requestCert?: boolean;
  /** Open connections per remote address and in total; past a cap the connection gets a 2502 response instead of the greeting, then closes. */
  connectionCaps?: ConnectionCapsOptions;
  /** close(): how long in-flight commands get before their connections are destroyed. Default 5 s. */
  shutdownGraceMs?: number;
}

export interface EppTlsServer {
  port: number;
  /** Stops accepting, lets in-flight commands answer, and resolves once every connection is closed. */
  close(): Promise<void>;
  server: tls.Server;
}

export const DEFAULT_PRE_LOGIN_TIMEOUT_MS = 10_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 10 * 60_000;
/** After we end a connection, give the peer this long to read our last frame and hang up before destroying it. */
const LINGER_MS = 2_000;
/** close(): how long in-flight commands get before their connections are destroyed. */
const SHUTDOWN_GRACE_MS = 5_000;

interface Limits { preLoginTimeoutMs: number; idleTimeoutMs: number; maxFrameBytes: number; maxPreLoginFrameBytes: number }

/** The SHA-256 fingerprint of the client's certificate as stored in resellers.epp_cert_sha256, if it sent one. */
export function peerCertSha256(socket: tls.TLSSocket): string | undefined {
  const fp = socket.getPeerCertificate()?.fingerprint256;
  return fp ? fp.replace(/:/g, '').toLowerCase() : undefined;
}

function stripMappedV4(addr: string | undefined): string {
  if (!addr) return '';
  return addr.startsWith('::ffff:') && addr.includes('.') ? addr.slice(7) : addr;
}

class EppConnection {
  private readonly decoder: EppFrameDecoder;
  readonly session: EppSession;
  /** Complete frames waiting for their turn; a frame error ends the queue (nothing after it is readable). */
  private queue: Array<Buffer | EppFrameError> = [];
  private queuedBytes = 0;
  /** True while the greeting or a command is being answered (and until our write buffer drains). */
  private busy = true;
  private closing = false;
  private closed = false;
  private paused = false;
  private peerEnded = false;
  private preLoginExpired = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private preLoginTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: tls.TLSSocket,
    private readonly processor: EppProcessor,
    private readonly limits: Limits,
    private readonly isShuttingDown: () => boolean,
    onClosed: (c: EppConnection) => void,
  ) {
    // An anonymous client gets the small pre-login limit, checked as each header arrives so an oversized frame is
    // refused before it is buffered or parsed; login raises it. (A frame pipelined behind the login, whose header
    // arrives before the login is answered, is still held to the pre-login limit.)
    this.decoder = new EppFrameDecoder(limits.maxPreLoginFrameBytes);
    this.session = processor.newSession(stripMappedV4(socket.remoteAddress), peerCertSha256(socket));
    this.session.door = 'epp-tls';
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    // Resets, bad records, EPIPE: nothing to tell the peer.
    socket.on('error', () => socket.destroy());
    socket.on('end', () => {
      // Peer half-closed: answer what it already sent, then close our side.
      this.peerEnded = true;
      if (!this.busy) this.pump();
    });
    socket.on('close', () => {
      this.closed = true;
      this.clearTimers();
      processor.endSession(this.session); // frees the reseller's session slot
      onClosed(this);
    });
    this.preLoginTimer = setTimeout(() => this.onPreLoginTimeout(), limits.preLoginTimeoutMs);
    this.preLoginTimer.unref();
    void this.sendGreeting();
  }

  /** Graceful shutdown: close now if nothing is in flight, else right after the current reply. */
  drain(): void {
    // Commands already received (a pipelined logout among them) are still answered; nothing more is read.
    if (!this.paused) {
      this.paused = true;
      this.socket.pause();
    }
    if (!this.busy) this.pump();
  }

  private async sendGreeting(): Promise<void> {
    let xml: string;
    try {
      xml = await this.processor.greeting();
    } catch (err) {
      console.error('regd: EPP greeting failed:', err);
      this.socket.destroy();
      return;
    }
    if (this.socket.destroyed) return;
    await this.write(encodeFrame(xml));
    this.busy = false;
    this.pump();
  }

  private onData(chunk: Buffer): void {
    if (this.closing) return; // lingering: discard whatever the peer still sends
    if (this.queue.at(-1) instanceof EppFrameError) return; // the stream is already unreadable
    const { frames, error } = this.decoder.push(chunk);
    for (const f of frames) {
      this.queue.push(f);
      this.queuedBytes += f.length;
    }
    if (error) this.queue.push(error);
    // A client may pipeline; stop reading rather than buffer without bound while commands are being answered.
    if (!this.paused && this.queuedBytes + this.decoder.bufferedBytes > 2 * this.limits.maxFrameBytes) {
      this.paused = true;
      this.socket.pause();
    }
    if (!this.busy) this.pump();
  }

  /** Starts the next queued command, or waits for one (idle timer), or closes when nothing more can come. */
  private pump(): void {
    if (this.busy || this.closing) return;
    // Shutting down: answer what was already received, then close cleanly (a logout among it has had its 1500).
    if (this.isShuttingDown() && !(this.queue[0] instanceof Buffer)) return this.finish();
    // Pre-login time ran out while the greeting or a command was in flight: that reply went out, now close.
    if (this.preLoginExpired && !this.session.reseller) return this.finish();
    const item = this.queue.shift();
    if (item === undefined) {
      if (this.paused && !this.isShuttingDown()) {
        this.paused = false;
        this.socket.resume();
      }
      if (this.peerEnded) return this.finish();
      this.armIdleTimer();
      return;
    }
    this.clearIdleTimer();
    if (item instanceof EppFrameError) {
      // RFC 5730 2500: the server is closing the connection because of this error. Nothing after a bad header can
      // be framed again, so there is no way to keep the session.
      return this.finish(encodeFrame(renderResponse(
        { code: 2500, msg: `Command failed; server closing connection: ${item.message}${this.session.reseller ? '' : ' before login'}` },
        { svTRID: `RG-FRAME-${crypto.randomBytes(4).toString('hex').toUpperCase()}` })));
    }
    this.queuedBytes -= item.length;
    void this.run(item);
  }

  private async run(frame: Buffer): Promise<void> {
    this.busy = true;
    let reply: EppReply;
    try {
      reply = await this.processor.process(this.session, frame);
    } catch (err) {
      // The processor turns every failure into a result; this is only a safety net.
      console.error('regd: EPP processing failed:', err);
      reply = { xml: renderResponse({ code: 2400 }, { svTRID: `RG-ERR-${crypto.randomBytes(4).toString('hex').toUpperCase()}` }), close: false };
    }
    if (this.closed) {
      // The peer went away while a login was in flight: the 'close' handler ran before the login claimed its slot,
      // so give the slot back here or it would stay taken for good.
      this.processor.endSession(this.session);
      return;
    }
    if (this.closing) return;
    if (this.session.reseller) {
      this.clearPreLoginTimer();
      this.decoder.maxFrameBytes = this.limits.maxFrameBytes;
    }
    if (reply.close) return this.finish(encodeFrame(reply.xml));
    await this.write(encodeFrame(reply.xml));
    this.busy = false;
    this.pump();
  }

  /** Writes and, if the client is not reading, waits until it does before taking the next command. */
  private write(bytes: Buffer): Promise<void> {
    if (this.socket.write(bytes)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => { this.socket.off('drain', done); this.socket.off('close', done); resolve(); };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
  }

  /** Sends the last frame (if any), flushes, and closes. */
  private finish(last?: Buffer): void {
    if (this.closing) return;
    this.closing = true;
    this.busy = false;
    this.queue = [];
    this.queuedBytes = 0;
    this.clearTimers();
    if (last) this.socket.end(last);
    else this.socket.end();
    // Keep reading (and discarding) so unread bytes from the peer do not turn our close into an RST that could
    // discard the last frame, but do not wait forever on a peer that never hangs up.
    if (this.paused) this.socket.resume();
    const linger = setTimeout(() => this.socket.destroy(), LINGER_MS);
    linger.unref();
    this.socket.once('close', () => clearTimeout(linger));
  }

  private onPreLoginTimeout(): void {
    this.preLoginTimer = undefined;
    if (this.session.reseller) return;
    this.preLoginExpired = true;
    if (!this.busy) this.finish();
  }

  private armIdleTimer(): void {
    // Armed once per wait for a command, not re-armed by partial frames: a client dripping one byte at a time is
    // as idle as one that sends nothing.
    if (this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (!this.busy) this.finish();
    }, this.limits.idleTimeoutMs);
    this.idleTimer.unref();
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private clearPreLoginTimer(): void {
    if (this.preLoginTimer) clearTimeout(this.preLoginTimer);
    this.preLoginTimer = undefined;
  }

  private clearTimers(): void {
    this.clearIdleTimer();
    this.clearPreLoginTimer();
  }
}

export async function startEppTls(processor: EppProcessor, opts: EppTlsOptions): Promise<EppTlsServer> {
  const maxFrameBytes = opts.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  const limits: Limits = {
    preLoginTimeoutMs: opts.preLoginTimeoutMs ?? DEFAULT_PRE_LOGIN_TIMEOUT_MS,
    idleTimeoutMs: opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    maxFrameBytes,
    maxPreLoginFrameBytes: Math.min(maxFrameBytes, opts.maxPreLoginFrameBytes ?? processor.maxPreLoginBytes + FRAME_HEADER_BYTES),
  };
  let shuttingDown = false;
  const rawSockets = new Set<Socket>();
  const connections = new Set<EppConnection>();
  const caps = new ConnectionCaps(opts.connectionCaps);
  /** Raw sockets whose connection got past the handshake; close() drops the others at once. */
  const established = new WeakSet<Socket>();
  /** Raw sockets over a cap, with the reason: they get a 2502 instead of the greeting once the handshake is done. */
  const refused = new WeakMap<Socket, string>();

  const server = tls.createServer({
    cert: opts.cert,
    key: opts.key,
    minVersion: 'TLSv1.2',
    requestCert: opts.requestCert ?? true,
    // Any certificate is accepted at the TLS layer; login compares its fingerprint with the reseller's pin.
    rejectUnauthorized: false,
    // A peer half-closing after its last command still gets the answer; EppConnection decides when we end.
    allowHalfOpen: true,
    // The handshake counts against the pre-login allowance.
    handshakeTimeout: limits.preLoginTimeoutMs,
  });

  // Every raw TCP socket, including ones still handshaking, so close() can bound shutdown time. The error
  // listener keeps a reset during the handshake from becoming an uncaught 'error'.
  server.on('connection', (raw: Socket) => {
    rawSockets.add(raw);
    raw.setNoDelay(true); // request/response traffic: do not let Nagle hold back a reply
    raw.on('error', () => {});
    raw.on('close', () => rawSockets.delete(raw));
    const admission = caps.admit(raw);
    if (admission && !admission.admitted) refused.set(raw, admission.message);
  });
  // Failed handshakes (plain TCP, scanners, timeouts): Node has already destroyed the socket.
  server.on('tlsClientError', () => {});
  server.on('secureConnection', (socket: tls.TLSSocket) => {
    if (shuttingDown) {
      socket.destroy();
      return;
    }
    const refusal = refused.get(rawSocketOf(socket));
    if (refusal !== undefined) {
      // RFC 5730 2502 "Session limit exceeded; server closing connection", sent where the greeting would be
      // (the EPP schema allows a <response> there); RFC 5734 lets a server refuse a connection this way.
      endRefused(socket, encodeFrame(renderResponse(
        { code: 2502, msg: `Session limit exceeded; server closing connection: ${refusal}` },
        { svTRID: `RG-CONN-${crypto.randomBytes(4).toString('hex').toUpperCase()}` })));
      return;
    }
    established.add(rawSocketOf(socket));
    connections.add(new EppConnection(socket, processor, limits, () => shuttingDown, (c) => connections.delete(c)));
  });

  const door = await listenGracefully(server, {
    port: opts.port, host: opts.host, name: 'EPP TLS server', sockets: rawSockets, graceMs: opts.shutdownGraceMs ?? SHUTDOWN_GRACE_MS,
    onShutdown: () => {
      shuttingDown = true;
      // Still handshaking (or refused): nothing is in flight there.
      for (const raw of rawSockets) if (!established.has(raw)) raw.destroy();
      for (const c of connections) c.drain();
    },
  });
  return { ...door, server };
}
