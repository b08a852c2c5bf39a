// A client for the legacy OpenSRS TCP protocol (port 55000), written the way the OpenSRS Perl client works: read the
// server's check version, answer with our own, send authenticate user with the username in both username and
// password, read the raw challenge, create Crypt::CBC(pack('H*', key), cipher) with a RandomIV header, send the
// encrypted binary MD5 of the challenge, and expect an encrypted 200. Then every request and reply is encrypted.
// Both framings (Content-Length and the 2-byte length prefix) and both ciphers. Used by the tests, the benchmark,
// the CLI (regd xcp --tcp) and resellers' programs.
import net from 'node:net';
import crypto from 'node:crypto';
import { decodeOps, encodeOps, isAssoc, makeAssoc, type OpsAssoc, type OpsItem } from '../protocols/ops/index.ts';
import { encodeFrame, FrameReader, type XcpTcpFraming } from '../protocols/xcp/tcp/tcpFraming.ts';
import { CryptCbc } from '../protocols/xcp/tcp/cryptCbc.ts';
import type { CryptType } from '../protocols/xcp/tcp/cbcBlockCipher.ts';
import { XcpClient } from './xcpClient.ts';
import { parseReply, type XcpReply } from './xcp/xcpReply.ts';
import { XcpCommands } from './xcp/xcpCommands.ts';

export interface XcpTcpClientOptions {
  host: string;
  port: number;
  username: string;
  /** 112 hex characters (or 16 for an old DES-only key). */
  privateKey: string;
  /** Default 'blowfish'. */
  cryptType?: CryptType;
  /** How we frame our messages (and read the server's after the greeting). Default 'content-length'. */
  framing?: XcpTcpFraming;
  /** How the server frames its greeting. Default 'content-length' (what regd sends unless configured otherwise). */
  greetingFraming?: XcpTcpFraming;
  /** Per read. Default 30 s. */
  timeoutMs?: number;
  /** The version we announce. Default 'XML:0.1'. */
  clientVersion?: string;
}

/** The server refused (code set: 555, 400, 310 ...) or hung up (no code). */
export class XcpTcpError extends Error {
  constructor(message: string, readonly code?: number, readonly reply?: XcpReply) {
    super(message);
  }
}

/** A socket with framed reads and writes; the low level the client and the tests share. */
export class XcpTcpConnection {
  private readonly reader: FrameReader;
  private readonly frames: Buffer[] = [];
  /** Pending reads, oldest first: replies arrive in request order, so concurrent calls each get their own. */
  private readonly waiters: Array<{ resolve: (b: Buffer) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }> = [];
  private ended: Error | undefined;
  /** Resolves when the server has closed the connection (or it failed). */
  readonly closed: Promise<void>;

  private constructor(readonly socket: net.Socket, readFraming: XcpTcpFraming, maxMessageBytes: number) {
    this.reader = new FrameReader({ framing: readFraming, maxMessageBytes });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const f of this.reader.push(chunk)) this.deliver(f);
      } catch (err) {
        this.fail(err as Error);
        socket.destroy();
      }
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        this.fail(new XcpTcpError('connection closed by the server'));
        resolve();
      });
    });
    socket.on('error', (err) => this.fail(err));
  }

  static connect(host: string, port: number, readFraming: XcpTcpFraming = 'content-length', maxMessageBytes = 16 * 1024 * 1024): Promise<XcpTcpConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new XcpTcpConnection(socket, readFraming, maxMessageBytes));
      });
    });
  }

  readFramingFrom(framing: XcpTcpFraming): void {
    this.reader.useFraming(framing);
  }

  write(payload: Buffer | string, framing: XcpTcpFraming): void {
    this.socket.write(encodeFrame(framing, typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload));
  }

  writeRaw(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  /** The next message; rejects with XcpTcpError (no code) if the server hangs up first. */
  read(timeoutMs = 30_000): Promise<Buffer> {
    const next = this.frames.shift();
    if (next) return Promise.resolve(next);
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(new XcpTcpError(`no message from the server within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private deliver(frame: Buffer): void {
    const w = this.waiters.shift();
    if (w) {
      clearTimeout(w.timer);
      w.resolve(frame);
    } else {
      this.frames.push(frame);
    }
  }

  private fail(err: Error): void {
    this.ended ??= err;
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(this.ended);
    }
  }
}

/** One authenticated session on the TCP port; commands share the typed helpers of XcpCommands with XcpClient. */
export class XcpTcpClient extends XcpCommands {
  private constructor(
    readonly connection: XcpTcpConnection,
    readonly cipher: CryptCbc,
    private readonly framing: XcpTcpFraming,
    private readonly timeoutMs: number,
  ) {
    super();
  }

  /** Connects and runs the whole authentication handshake; throws XcpTcpError on a refusal or a hang-up. */
  static async connect(opts: XcpTcpClientOptions): Promise<XcpTcpClient> {
    const framing = opts.framing ?? 'content-length';
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const cryptType = opts.cryptType ?? 'blowfish';
    const conn = await XcpTcpConnection.connect(opts.host, opts.port, opts.greetingFraming ?? 'content-length');
    try {
      const greeting = replyOrThrow(await conn.read(timeoutMs), 'greeting');
      const attrs = greeting.attributes;
      if (!/OpenSRS\sSERVER/.test(String(attrs.sender ?? '')) || !/^XML/.test(String(attrs.version ?? ''))) {
        throw new XcpTcpError('Unrecognized peer');
      }
      conn.readFramingFrom(framing);
      conn.write(envelope('VERSION', 'CHECK', { sender: 'OpenSRS CLIENT', version: opts.clientVersion ?? 'XML:0.1', state: 'ready' }), framing);
      // The Perl client sends the username as the password too: nothing secret travels before encryption.
      conn.write(envelope('USER', 'AUTHENTICATE', { crypt_type: cryptType, username: opts.username, password: opts.username }), framing);
      const challenge = await conn.read(timeoutMs);
      if (looksLikeOps(challenge)) replyOrThrow(challenge, 'challenge'); // a refusal (555, 400) instead of a challenge
      const cipher = new CryptCbc(cryptType, opts.privateKey);
      conn.write(cipher.encrypt(crypto.createHash('md5').update(challenge).digest()), framing);
      const answer = parseReply(cipher.decrypt(await conn.read(timeoutMs)).toString('utf8'));
      if (answer.responseCode !== 200) throw new XcpTcpError(answer.responseText, answer.responseCode, answer);
      return new XcpTcpClient(conn, cipher, framing, timeoutMs);
    } catch (err) {
      conn.close();
      throw err;
    }
  }

  async call(object: string, action: string, attributes: Record<string, OpsItem> | OpsAssoc = {}, extra: Record<string, string> = {}): Promise<XcpReply> {
    return this.send(XcpClient.envelope(object, action, attributes, extra));
  }

  /** One encrypted request body (OPS XML), one decrypted reply. */
  async send(body: string | Buffer): Promise<XcpReply> {
    this.connection.write(this.cipher.encrypt(typeof body === 'string' ? Buffer.from(body, 'utf8') : body), this.framing);
    return parseReply(this.cipher.decrypt(await this.connection.read(this.timeoutMs)).toString('utf8'));
  }

  /** QUIT SESSION: the server replies, then closes. */
  async quit(): Promise<XcpReply> {
    const reply = await this.call('SESSION', 'QUIT');
    await this.connection.closed;
    return reply;
  }

  close(): void {
    this.connection.close();
  }
}

function envelope(object: string, action: string, attributes: Record<string, string>): string {
  return encodeOps(makeAssoc({ protocol: 'XCP', action, object, attributes: makeAssoc(attributes) }));
}

function looksLikeOps(b: Buffer): boolean {
  return b.subarray(0, 64).toString('latin1').trimStart().startsWith('<?xml');
}

/** Decodes a plaintext message; throws XcpTcpError if it is a reply carrying a response_code (a refusal). */
function replyOrThrow(body: Buffer, what: string): XcpReply {
  let data;
  try {
    data = decodeOps(body).data;
  } catch (err) {
    throw new XcpTcpError(`unreadable ${what}: ${(err as Error).message}`);
  }
  if (!isAssoc(data)) throw new XcpTcpError(`unreadable ${what}`);
  if (data.response_code !== undefined) {
    const reply = parseReply(body.toString('utf8'));
    throw new XcpTcpError(reply.responseText, reply.responseCode, reply);
  }
  const attributes = data.attributes;
  return { responseCode: 0, responseText: '', isSuccess: true, attributes: isAssoc(attributes) ? attributes : makeAssoc(), raw: data };
}
