// Minimal HTTP/1.x server on top of node:tls.
//
// Why not node:http? OpenSRS clients send request lines llhttp rejects
// ("POST horizon.opensrs.net HTTP/1.0"), omit Host on HTTP/1.0, and
// string-match the literal status line "HTTP/1.1 200 OK". Owning the parser
// lets us accept exactly those quirks and nothing more.
//
// Model: one request at a time per connection; pipelined bytes stay buffered
// until the previous reply has been written, so replies are always in order.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import tls from 'node:tls';
import { listenGracefully } from './listenGracefully.ts';
import { ConnectionCaps, endRefused, rawSocketOf, type Admission, type ConnectionCapsOptions } from './connectionCaps.ts';
import {
  HttpParseError,
  findHeadEnd,
  framingFor,
  leadingBlankBytes,
  nextScanStart,
  parseHead,
  type ParsedHead,
  type RequestFraming,
} from './httpRequestParser.ts';

export interface HttpRequest {
  method: string;
  target: string;
  httpVersion: '1.0' | '1.1';
  /** Lower-cased names; repeated headers joined with ', '. */
  headers: Map<string, string>;
  body: Buffer;
  remoteAddress: string;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export type HttpHandler = (req: HttpRequest) => Promise<HttpResponse>;

export interface HttpOverTlsOptions {
  cert: string;
  key: string;
  host?: string;
  port: number;
  handler: HttpHandler;
  /** Default 1 MiB. */
  maxBodyBytes?: number;
  /** Default 16 KiB. */
  maxHeaderBytes?: number;
  /** Default 60 s. Also bounds how long one request may take to arrive. */
  idleTimeoutMs?: number;
  /**
   * Default 10 s: a new connection must send its first request's complete headers within this time (the TLS
   * handshake included), and every later request its headers within this time of its first byte.
   */
  headerTimeoutMs?: number;
  /** Open connections per remote address and in total; past a cap: 503 with Retry-After, then close. */
  connectionCaps?: ConnectionCapsOptions;
  /** close(): how long in-flight requests get before their connections are destroyed. Default 2 s. */
  shutdownGraceMs?: number;
  /**
   * The body of replies the server makes itself (400, 411, 413, 431, 500, ...): a protocol may want its own
   * error format there (XCP answers an oversized body with an OPS reply). Defaults to a plain-text reason.
   */
  errorResponse?: (status: number) => HttpResponse;
}

export interface HttpOverTlsServer {
  port: number;
  close(): Promise<void>;
  server: tls.Server;
}

// Reason phrases: Node's own table (RFC 9110's names, 422 included), not a copy of it.
const REASONS: Readonly<Record<number, string | undefined>> = STATUS_CODES;

/** After we end() a connection, give the peer this long to read the reply and
 * hang up before we destroy it (avoids an RST discarding our last reply). */
const LINGER_MS = 2_000;
/** close(): how long to wait for in-flight replies before destroying. */
const SHUTDOWN_GRACE_MS = 2_000;
export const DEFAULT_HEADER_TIMEOUT_MS = 10_000;
/** Retry-After on a 503 for too many connections, in seconds. */
const RETRY_AFTER_SECONDS = '5';
/** Headers the transport owns; handler values for these are ignored. */
const RESERVED = new Set(['content-length', 'connection', 'transfer-encoding', 'keep-alive']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Unknown';
}

function stripMappedV4(addr: string | undefined): string {
  if (!addr) return '';
  return addr.startsWith('::ffff:') && addr.includes('.') ? addr.slice(7) : addr;
}

/** Serialise a response; throws on values that could split the response. */
function serialize(res: HttpResponse, keepAlive: boolean, omitBody: boolean): Buffer {
  if (!Number.isInteger(res.status) || res.status < 200 || res.status > 599) {
    throw new Error(`handler returned invalid status ${String(res.status)}`);
  }
  const body = typeof res.body === 'string' ? Buffer.from(res.body, 'utf8') : res.body;
  if (!Buffer.isBuffer(body)) throw new Error('handler returned a non-string, non-Buffer body');
  let contentType = 'text/xml';
  const extra: string[] = [];
  for (const [name, value] of Object.entries(res.headers ?? {})) {
    if (!HEADER_NAME.test(name) || typeof value !== 'string' || !HEADER_VALUE.test(value)) {
      throw new Error(`handler returned an invalid header ${JSON.stringify(name)}`);
    }
    const lower = name.toLowerCase();
    if (lower === 'content-type') contentType = value;
    else if (!RESERVED.has(lower)) extra.push(`${name}: ${value}\r\n`);
  }
  const head =
    `HTTP/1.1 ${res.status} ${reasonPhrase(res.status)}\r\n` +
    `Content-Length: ${body.length}\r\n` +
    `Content-Type: ${contentType}\r\n` +
    `Connection: ${keepAlive ? 'keep-alive' : 'close'}\r\n` +
    extra.join('') +
    '\r\n';
  const headBuf = Buffer.from(head, 'latin1');
  return omitBody ? headBuf : Buffer.concat([headBuf, body]);
}

function plainError(status: number): HttpResponse {
  return { status, headers: { 'Content-Type': 'text/plain' }, body: `${reasonPhrase(status)}\n` };
}

interface Limits {
  maxBodyBytes: number;
  maxHeaderBytes: number;
  idleTimeoutMs: number;
  headerTimeoutMs: number;
  errorResponse: (status: number) => HttpResponse;
}

class Connection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private scanFrom = 0;
  private pending: { head: ParsedHead; framing: RequestFraming; bodyStart: number } | undefined;
  private busy = false;
  private closing = false;
  private paused = false;
  private timer: NodeJS.Timeout | undefined;
  private timerKind: 'idle' | 'request' | undefined;
  /** Running while a request's headers are awaited: from the connection's start, then from a request's first byte. */
  private headerTimer: NodeJS.Timeout | undefined;
  private readonly remoteAddress: string;

  constructor(
    private readonly socket: tls.TLSSocket,
    private readonly handler: HttpHandler,
    private readonly limits: Limits,
    private readonly isShuttingDown: () => boolean,
    private readonly onClosed: (c: Connection) => void,
  ) {
    // Captured now: remoteAddress becomes undefined once the socket is gone.
    this.remoteAddress = stripMappedV4(socket.remoteAddress);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    // Resets, bad records, EPIPE: nothing to tell the peer, just drop it.
    socket.on('error', () => socket.destroy());
    socket.on('end', () => {
      // Peer half-closed. Unless a reply is still being computed, we're done.
      if (!this.busy) this.shutdownWrite();
    });
    socket.on('close', () => {
      this.clearTimer();
      this.clearHeaderTimer();
      this.onClosed(this);
    });
    this.setTimer('idle');
    this.armHeaderTimer();
  }

  /** Graceful server shutdown: close now if idle, else after the reply. */
  drain(): void {
    if (!this.busy) this.shutdownWrite();
  }

  private onData(chunk: Buffer): void {
    if (this.closing) return; // lingering: discard whatever the peer still sends
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (this.busy) {
      // Backpressure pipelined input instead of buffering without bound.
      if (!this.paused && this.buffered > this.limits.maxHeaderBytes + this.limits.maxBodyBytes) {
        this.paused = true;
        this.socket.pause();
      }
      return;
    }
    this.pump();
  }

  private flatten(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.buffered)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private consume(n: number): void {
    const rest = this.flatten().subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
  }

  /** Parse and dispatch as many buffered requests as possible (one in flight). */
  private pump(): void {
    while (!this.busy && !this.closing) {
      if (!this.pending) {
        if (this.scanFrom === 0 && this.buffered > 0) {
          const blanks = leadingBlankBytes(this.flatten());
          if (blanks) this.consume(blanks);
        }
        if (this.buffered === 0) {
          this.setTimer('idle');
          return;
        }
        this.setTimer('request');
        this.armHeaderTimer();
        const buf = this.flatten();
        const found = findHeadEnd(buf, this.scanFrom);
        if (!found) {
          if (buf.length > this.limits.maxHeaderBytes) return this.fail(431);
          this.scanFrom = nextScanStart(buf.length);
          return;
        }
        this.scanFrom = 0;
        this.clearHeaderTimer();
        if (found.bodyStart > this.limits.maxHeaderBytes) return this.fail(431);
        try {
          const head = parseHead(buf.subarray(0, found.headEnd));
          const framing = framingFor(head, this.limits.maxBodyBytes);
          this.pending = { head, framing, bodyStart: found.bodyStart };
        } catch (err) {
          if (err instanceof HttpParseError) return this.fail(err.status);
          throw err;
        }
        const { framing, bodyStart } = this.pending;
        if (framing.expectContinue && this.buffered < bodyStart + framing.bodyLength) {
          this.socket.write('HTTP/1.1 100 Continue\r\n\r\n');
        }
      }
      const { head, framing, bodyStart } = this.pending;
      const end = bodyStart + framing.bodyLength;
      if (this.buffered < end) return; // wait for the rest of the body
      const buf = this.flatten();
      // Copy so the request body does not pin pipelined bytes in memory.
      const body = Buffer.from(buf.subarray(bodyStart, end));
      this.consume(end);
      this.pending = undefined;
      void this.dispatch({ ...head, body, remoteAddress: this.remoteAddress }, framing.keepAlive);
    }
  }

  private async dispatch(req: HttpRequest, clientKeepAlive: boolean): Promise<void> {
    this.busy = true;
    this.clearTimer(); // a slow handler is not an idle connection
    let res: HttpResponse;
    try {
      res = await this.handler(req);
    } catch (err) {
      res = this.internalError(err);
    }
    if (this.socket.destroyed) return;
    const keepAlive = clientKeepAlive && !this.isShuttingDown();
    let wire: Buffer;
    try {
      wire = serialize(res, keepAlive, req.method === 'HEAD');
    } catch (err) {
      wire = serialize(this.internalError(err), keepAlive, req.method === 'HEAD');
    }
    this.busy = false;
    if (!keepAlive) {
      this.closing = true;
      this.socket.end(wire);
      this.linger();
      return;
    }
    this.socket.write(wire);
    if (this.paused) {
      this.paused = false;
      this.socket.resume();
    }
    this.pump(); // next pipelined request, if one is complete
    // Peer half-closed earlier: once nothing is in flight, close our side too.
    if (!this.busy && this.socket.readableEnded) this.shutdownWrite();
  }

  private internalError(err: unknown): HttpResponse {
    // Full detail goes to our log only; the wire gets a generic body.
    console.error('regd: HTTP handler failed:', err);
    return this.limits.errorResponse(500);
  }

  /** Protocol error: reply and close without reading any further. */
  private fail(status: number): void {
    this.closing = true;
    this.chunks = [];
    this.buffered = 0;
    this.socket.end(serialize(this.limits.errorResponse(status), false, false));
    this.linger();
  }

  private armHeaderTimer(): void {
    if (this.headerTimer) return;
    this.headerTimer = setTimeout(() => {
      this.headerTimer = undefined;
      if (this.busy || this.closing || this.pending) return;
      if (this.buffered > 0) return this.fail(408);
      this.socket.destroy();
    }, this.limits.headerTimeoutMs);
    this.headerTimer.unref();
  }

  private clearHeaderTimer(): void {
    if (this.headerTimer) clearTimeout(this.headerTimer);
    this.headerTimer = undefined;
  }

  private shutdownWrite(): void {
    if (this.closing) return;
    this.closing = true;
    this.socket.end();
    this.linger();
  }

  private linger(): void {
    this.clearTimer();
    this.clearHeaderTimer();
    // Keep reading (and discarding) so the peer's unread bytes do not turn our
    // close into an RST, but do not wait on a peer that never hangs up.
    if (this.paused) this.socket.resume();
    this.timer = setTimeout(() => this.socket.destroy(), LINGER_MS);
    this.timer.unref();
  }

  private setTimer(kind: 'idle' | 'request'): void {
    // Not re-armed by further bytes: a request must fully arrive within one
    // timeout (defeats slow-drip clients), an idle socket gets one timeout.
    if (this.timerKind === kind) return;
    this.clearTimer();
    this.timerKind = kind;
    this.timer = setTimeout(() => {
      this.timerKind = undefined;
      if (this.busy) return;
      if (kind === 'request' && this.buffered > 0) return this.fail(408);
      this.socket.destroy();
    }, this.limits.idleTimeoutMs);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerKind = undefined;
  }
}

export async function startHttpOverTls(opts: HttpOverTlsOptions): Promise<HttpOverTlsServer> {
  const limits: Limits = {
    maxBodyBytes: opts.maxBodyBytes ?? 1024 * 1024,
    maxHeaderBytes: opts.maxHeaderBytes ?? 16 * 1024,
    idleTimeoutMs: opts.idleTimeoutMs ?? 60_000,
    headerTimeoutMs: opts.headerTimeoutMs ?? DEFAULT_HEADER_TIMEOUT_MS,
    errorResponse: opts.errorResponse ?? plainError,
  };
  let shuttingDown = false;
  const rawSockets = new Set<Socket>();
  const connections = new Set<Connection>();
  const caps = new ConnectionCaps(opts.connectionCaps);
  /** Raw sockets whose connection got past the handshake; close() drops the others at once. */
  const established = new WeakSet<Socket>();
  /** Raw sockets over a cap: they get a 503 once their handshake is done. */
  const refused = new WeakSet<Socket>();

  const server = tls.createServer({
    cert: opts.cert,
    key: opts.key,
    minVersion: 'TLSv1.2',
    // Lets a client that half-closes after sending its request still receive
    // the reply; Connection decides when we end our side.
    allowHalfOpen: true,
    handshakeTimeout: Math.min(limits.idleTimeoutMs, limits.headerTimeoutMs, 120_000),
  });

  // Every raw TCP socket, including ones still handshaking, so close() can
  // bound shutdown time. The error listener keeps a reset during the
  // handshake from becoming an uncaught 'error'.
  server.on('connection', (raw: Socket) => {
    rawSockets.add(raw);
    raw.on('error', () => {});
    raw.on('close', () => rawSockets.delete(raw));
    const admission: Admission | undefined = caps.admit(raw);
    if (admission && !admission.admitted) refused.add(raw);
  });
  // Handshake failures (plain-text HTTP, scanners, bad ClientHello): the socket
  // is already destroyed by Node; there is nothing useful to log per attempt.
  server.on('tlsClientError', () => {});
  server.on('secureConnection', (socket: tls.TLSSocket) => {
    if (shuttingDown) {
      socket.destroy();
      return;
    }
    if (refused.has(rawSocketOf(socket))) {
      const res = limits.errorResponse(503);
      endRefused(socket, serialize({ ...res, headers: { ...res.headers, 'Retry-After': RETRY_AFTER_SECONDS } }, false, false));
      return;
    }
    established.add(rawSocketOf(socket));
    connections.add(
      new Connection(socket, opts.handler, limits, () => shuttingDown, (c) => connections.delete(c)),
    );
  });

  const door = await listenGracefully(server, {
    port: opts.port, host: opts.host, name: 'TLS server', sockets: rawSockets, graceMs: opts.shutdownGraceMs ?? SHUTDOWN_GRACE_MS,
    onShutdown: () => {
      shuttingDown = true;
      // Still handshaking (or refused): nothing is in flight there.
      for (const raw of rawSockets) if (!established.has(raw)) raw.destroy();
      for (const c of connections) c.drain();
    },
  });
  return { ...door, server };
}
