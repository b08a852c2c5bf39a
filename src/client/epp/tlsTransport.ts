// RFC 5734: EPP over TLS with the 4-byte length framing (shared with the server side, eppFraming.ts). One command is
// in flight at a time (the session serialises), so one waiter is enough; a frame that arrives with nobody waiting
// is not a reply to anything and is dropped (logged) rather than handed to the next command.
import net from 'node:net';
import tls from 'node:tls';
import { EppFrameDecoder, encodeFrame } from '../../protocols/epp/transport/eppFraming.ts';
import { EppConnectionError, EppProtocolError, EppTimeoutError } from './errors.ts';
import type { EppTransport, OpenedTransport, TransportOptions } from './transport.ts';

/** Large info replies are legitimate; 16 MiB bounds memory against a runaway server. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;

interface Waiter { resolve: (xml: string) => void; reject: (err: Error) => void; timer: NodeJS.Timeout; sent: boolean }

export class TlsTransport implements EppTransport {
  readonly kind = 'tls';
  private readonly decoder = new EppFrameDecoder(MAX_FRAME_BYTES);
  private waiter: Waiter | undefined;
  private ended: Error | undefined;
  private readonly closedP: Promise<void>;

  private constructor(private readonly socket: tls.TLSSocket, private readonly log: (line: string) => void) {
    socket.on('data', (chunk: Buffer) => {
      const { frames, error } = this.decoder.push(chunk);
      for (const f of frames) this.deliver(f.toString('utf8'));
      // Bytes that are not RFC 5734 frames (a web server, a proxy's error page): nothing after them can be read.
      if (error) this.fail(new EppProtocolError(`the server sent something that is not an EPP frame: ${error.message}`, chunk.subarray(0, 512).toString('latin1')), true);
    });
    socket.on('error', (err) => this.fail(new EppConnectionError(`EPP connection failed: ${err.message}`, { sent: true, cause: err })));
    // A half-close from the server ends the session just as a full close does.
    socket.on('end', () => this.fail(new EppConnectionError('the server closed the EPP connection', { sent: true }), true));
    this.closedP = new Promise((resolve) => socket.once('close', () => {
      this.fail(new EppConnectionError('the EPP connection closed', { sent: true }));
      resolve();
    }));
  }

  get alive(): boolean {
    return this.ended === undefined && !this.socket.destroyed && this.socket.writable;
  }

  /** Connects, completes the TLS handshake and reads the greeting. */
  static async open(o: TransportOptions): Promise<OpenedTransport> {
    // SNI only carries host names; Node warns on an IP address there.
    const servername = o.servername ?? (net.isIP(o.host) ? undefined : o.host);
    const socket = tls.connect({
      host: o.host, port: o.port, servername, ca: o.ca, cert: o.cert, key: o.key, rejectUnauthorized: o.insecure !== true,
    });
    socket.setNoDelay(true);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new EppTimeoutError(`no TLS connection to ${o.host}:${o.port} within ${o.timeoutMs} ms`, false));
      }, o.timeoutMs);
      socket.once('secureConnect', () => { clearTimeout(timer); socket.off('error', onError); resolve(); });
      const onError = (err: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new EppConnectionError(`cannot connect to EPP server ${o.host}:${o.port}: ${err.message}`, { sent: false, cause: err }));
      };
      socket.once('error', onError);
    });
    const transport = new TlsTransport(socket, o.log);
    try {
      const greetingXml = await transport.receive(o.timeoutMs, false);
      return { transport, greetingXml };
    } catch (err) {
      socket.destroy();
      if (err instanceof EppTimeoutError) throw new EppTimeoutError(`no EPP greeting from ${o.host}:${o.port} within ${o.timeoutMs} ms`, false);
      throw err instanceof EppConnectionError ? new EppConnectionError(`${err.message} before the greeting`, { sent: false, cause: err }) : err;
    }
  }

  send(xml: string, timeoutMs: number): Promise<string> {
    if (!this.alive) return Promise.reject(new EppConnectionError('the EPP connection is closed', { sent: false }));
    const reply = this.receive(timeoutMs, true);
    this.socket.write(encodeFrame(xml));
    return reply;
  }

  async close(): Promise<void> {
    if (!this.socket.destroyed) this.socket.end();
    const force = setTimeout(() => this.socket.destroy(), 2_000);
    await this.closedP;
    clearTimeout(force);
  }

  private receive(timeoutMs: number, sent: boolean): Promise<string> {
    if (this.ended) return Promise.reject(this.ended);
    if (this.waiter) return Promise.reject(new Error('EPP transport: one command at a time'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // The reply may still come; it must not be read as the answer to a later command, so the connection goes.
        this.fail(new EppTimeoutError(`no reply from the EPP server within ${timeoutMs} ms`, sent), true);
      }, timeoutMs);
      this.waiter = { resolve, reject, timer, sent };
    });
  }

  private deliver(xml: string): void {
    const w = this.waiter;
    if (!w) {
      this.log(`EPP: dropped an unsolicited frame of ${xml.length} characters`);
      return;
    }
    this.waiter = undefined;
    clearTimeout(w.timer);
    w.resolve(xml);
  }

  private fail(err: Error, destroy = false): void {
    this.ended ??= err;
    const w = this.waiter;
    if (w) {
      this.waiter = undefined;
      clearTimeout(w.timer);
      w.reject(err instanceof EppConnectionError && !w.sent && !(err instanceof EppTimeoutError) ? new EppConnectionError(err.message, { sent: false, cause: err.cause }) : err);
    }
    if (destroy) this.socket.destroy();
  }
}
