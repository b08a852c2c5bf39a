// Small EPP clients for regd's two EPP doors, used by the tests and the benchmark, and usable by resellers:
// EppTlsClient speaks RFC 5734 (framed XML over TLS, optionally with a client certificate), EppHttpsClient posts
// documents to /epp and carries the session_id cookie like a browser would.
import https from 'node:https';
import tls from 'node:tls';
import { EppFrameDecoder, encodeFrame } from '../protocols/epp/transport/eppFraming.ts';

export interface EppTlsClientOptions {
  host: string;
  port: number;
  /** PEM CA to trust (e.g. the server's self-signed certificate); omitted: certificate checks are off. */
  ca?: string;
  /** PEM client certificate and key, for resellers pinned to a certificate. */
  cert?: string;
  key?: string;
  /** Largest frame accepted from the server. Default 16 MiB (large info replies are legitimate). */
  maxFrameBytes?: number;
  timeoutMs?: number;
}

type Waiter = { resolve: (xml: string) => void; reject: (err: Error) => void };

export class EppTlsClient {
  /** The greeting the server sent on connect. */
  greeting = '';
  /** Resolves when the connection has closed (for any reason). */
  readonly closed: Promise<void>;
  private readonly decoder: EppFrameDecoder;
  private readonly frames: string[] = [];
  private readonly waiters: Waiter[] = [];
  private ended: Error | undefined;

  private constructor(readonly socket: tls.TLSSocket, maxFrameBytes: number) {
    this.decoder = new EppFrameDecoder(maxFrameBytes);
    socket.on('data', (chunk: Buffer) => {
      const { frames, error } = this.decoder.push(chunk);
      for (const f of frames) this.deliver(f.toString('utf8'));
      if (error) socket.destroy(error);
    });
    socket.on('error', (err) => this.fail(err));
    this.closed = new Promise((resolve) => socket.once('close', () => {
      this.fail(new Error('EPP connection closed'));
      resolve();
    }));
  }

  static async connect(opts: EppTlsClientOptions): Promise<EppTlsClient> {
    const socket = tls.connect({
      host: opts.host, port: opts.port, ca: opts.ca, cert: opts.cert, key: opts.key,
      rejectUnauthorized: opts.ca !== undefined,
    });
    const client = new EppTlsClient(socket, opts.maxFrameBytes ?? 16 * 1024 * 1024);
    const timeout = setTimeout(() => socket.destroy(new Error('no EPP greeting in time')), opts.timeoutMs ?? 10_000);
    try {
      client.greeting = await client.nextFrame();
    } catch (err) {
      socket.destroy();
      throw err;
    } finally {
      clearTimeout(timeout);
    }
    return client;
  }

  /** Sends one EPP document and resolves with the server's reply. Commands may be pipelined; replies come in order. */
  command(xml: string | Buffer): Promise<string> {
    const reply = this.nextFrame();
    this.socket.write(encodeFrame(xml));
    return reply;
  }

  /** The next frame from the server (for tests that write raw bytes with sendRaw). */
  nextFrame(): Promise<string> {
    const ready = this.frames.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Writes bytes as they are, without framing. */
  sendRaw(bytes: Buffer): void { this.socket.write(bytes); }

  /** Closes our side and waits for the connection to go away. */
  async close(): Promise<void> {
    this.socket.end();
    const force = setTimeout(() => this.socket.destroy(), 2_000);
    await this.closed;
    clearTimeout(force);
  }

  private deliver(xml: string): void {
    const w = this.waiters.shift();
    if (w) w.resolve(xml);
    else this.frames.push(xml);
  }

  private fail(err: Error): void {
    this.ended ??= err;
    for (const w of this.waiters.splice(0)) w.reject(err);
  }
}

export interface EppHttpsClientOptions {
  host: string;
  port: number;
  ca?: string;
  /** Default /epp. */
  path?: string;
}

export interface EppHttpReply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

export class EppHttpsClient {
  /** The session_id cookie set by the last successful login; cleared when the server clears it. */
  sessionId: string | undefined;
  private readonly agent: https.Agent;

  constructor(private readonly opts: EppHttpsClientOptions) {
    this.agent = new https.Agent({ keepAlive: true, ca: opts.ca, rejectUnauthorized: opts.ca !== undefined });
  }

  /** Posts one EPP document and resolves with the reply document. */
  async command(xml: string): Promise<string> {
    const res = await this.post(xml);
    if (res.status !== 200) throw new Error(`EPP over HTTPS: HTTP ${res.status}: ${res.body}`);
    return res.body;
  }

  /** Posts with the current cookie (or `cookie`, to send any value) and keeps whatever session_id the server sets. */
  post(xml: string, cookie: string | undefined = this.sessionId): Promise<EppHttpReply> {
    const body = Buffer.from(xml, 'utf8');
    const headers: Record<string, string> = { 'Content-Type': 'application/epp+xml', 'Content-Length': String(body.length) };
    if (cookie !== undefined) headers.Cookie = `session_id=${cookie}`;
    return new Promise((resolve, reject) => {
      const req = https.request({ host: this.opts.host, port: this.opts.port, method: 'POST', path: this.opts.path ?? '/epp', agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          this.absorbCookies(res.headers['set-cookie']);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void { this.agent.destroy(); }

  private absorbCookies(setCookies: string[] | undefined): void {
    for (const c of setCookies ?? []) {
      const m = /^session_id=([^;]*)/.exec(c);
      if (!m) continue;
      // An empty value or Max-Age=0 is the server deleting the cookie.
      this.sessionId = m[1] && !/;\s*max-age=0/i.test(c) ? m[1] : undefined;
    }
  }
}
