// EPP over HTTPS, Openprovider style: every document is a POST to one path, the session is the session_id cookie that
// a successful login sets. The server ends a session (logout, expiry, 2500-series) by clearing the cookie; the
// transport then reports itself dead so the session logs in again. Keep-alive sockets carry the POSTs.
import https from 'node:https';
import net from 'node:net';
import { EppConnectionError, EppProtocolError, EppTimeoutError } from './errors.ts';
import { HELLO_XML } from './envelope.ts';
import type { EppTransport, OpenedTransport, TransportOptions } from './transport.ts';

const COOKIE = 'session_id';

export class HttpsTransport implements EppTransport {
  readonly kind = 'https';
  private readonly agent: https.Agent;
  private cookie: string | undefined;
  /** Set once the server has cleared a cookie we held: the session it named is over. */
  private lost = false;
  private closed = false;

  private constructor(private readonly o: TransportOptions) {
    const servername = o.servername ?? (net.isIP(o.host) ? undefined : o.host);
    this.agent = new https.Agent({
      keepAlive: true, maxSockets: 1, ca: o.ca, cert: o.cert, key: o.key, servername, rejectUnauthorized: o.insecure !== true,
    });
  }

  get alive(): boolean { return !this.closed && !this.lost; }

  /** No connection to open over HTTP: a <hello/> fetches the greeting and proves the endpoint answers. */
  static async open(o: TransportOptions): Promise<OpenedTransport> {
    const transport = new HttpsTransport(o);
    try {
      const greetingXml = await transport.post(HELLO_XML, o.timeoutMs, false);
      return { transport, greetingXml };
    } catch (err) {
      transport.agent.destroy();
      throw err;
    }
  }

  send(xml: string, timeoutMs: number): Promise<string> {
    if (this.closed) return Promise.reject(new EppConnectionError('the EPP client is closed', { sent: false }));
    return this.post(xml, timeoutMs, true);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.agent.destroy();
  }

  private post(xml: string, timeoutMs: number, isCommand: boolean): Promise<string> {
    const body = Buffer.from(xml, 'utf8');
    const headers: Record<string, string> = { 'Content-Type': 'application/epp+xml', 'Content-Length': String(body.length) };
    if (this.cookie !== undefined) headers.Cookie = `${COOKIE}=${this.cookie}`;
    const where = `${this.o.host}:${this.o.port}`;
    return new Promise((resolve, reject) => {
      // "sent" once the whole body has been handed to the socket: before that the server cannot have acted on it.
      let written = false;
      let settled = false;
      const settle = (fn: () => void) => { if (!settled) { settled = true; clearTimeout(timer); fn(); } };
      const req = https.request({ host: this.o.host, port: this.o.port, method: 'POST', path: this.o.path ?? '/epp', agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => settle(() => reject(new EppConnectionError(`EPP over HTTPS: ${err.message}`, { sent: true, cause: err }))));
        res.on('end', () => settle(() => {
          this.absorbCookies(res.headers['set-cookie']);
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status === 200) return resolve(text);
          // A proxy or an overloaded server: the command's fate is unknown, like a dropped connection.
          if (status >= 500) return reject(new EppConnectionError(`EPP over HTTPS at ${where}: HTTP ${status}`, { sent: true }));
          reject(new EppProtocolError(`EPP over HTTPS at ${where}: HTTP ${status} instead of an EPP reply`, text));
        }));
      });
      const timer = setTimeout(() => settle(() => {
        req.destroy();
        reject(new EppTimeoutError(`no reply from the EPP server at ${where} within ${timeoutMs} ms`, isCommand || written));
      }), timeoutMs);
      req.on('finish', () => { written = true; });
      req.on('error', (err) => settle(() => reject(new EppConnectionError(
        written ? `EPP over HTTPS at ${where} failed: ${err.message}` : `cannot reach EPP server ${where}: ${err.message}`,
        { sent: written, cause: err }))));
      req.end(body);
    });
  }

  private absorbCookies(setCookies: string[] | undefined): void {
    for (const c of setCookies ?? []) {
      const m = new RegExp(`^\\s*${COOKIE}=([^;]*)`).exec(c);
      if (!m) continue;
      const cleared = m[1] === '' || /;\s*max-age=0/i.test(c);
      if (cleared) {
        if (this.cookie !== undefined) this.lost = true;
        this.cookie = undefined;
      } else {
        this.cookie = m[1];
      }
    }
  }
}
