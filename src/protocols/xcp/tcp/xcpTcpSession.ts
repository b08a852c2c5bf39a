// One connection of the legacy OpenSRS TCP protocol: the authentication handshake, then encrypted XCP commands run
// through the same handlers as XCP over HTTPS (handleXcpBody), one at a time and answered in order.
//
// Greeting framing: the server speaks first, before it can know how the client frames messages. Every XML-era
// OpenSRS client (the Perl client's OPS.pm, the PHP and Java clients) reads `Content-Length: N` + a blank line first,
// so that is the default; a client that reads a 2-byte length first (the spec's pack('n') "Data exchange") would
// take "Co" for a 17263-byte length and wait, so a listener serving only such clients can be started with
// framing 'two-byte' (`regd serve --xcp-tcp-framing two-byte`, see framingMode.ts). In the default 'auto' mode the
// server answers everything after the greeting in the framing the client's own first message used; the fixed modes
// read and write only their framing.
//
// Refusals (all unencrypted, then close): a handshake message out of order or malformed (400), an unknown
// crypt_type (400 "Invalid encryption method"), in live mode a source address not on the reseller's allow list
// (555 "Access denied: invalid IP address", the code the Perl and PHP clients test for; an unknown username gets the
// same answer there, so it reveals nothing). In sandbox mode an unknown username still gets a challenge and is then
// dropped like a wrong key, again revealing nothing. A failed challenge closes without a reply (spec step 7).
// After authentication: 310 (encrypted, then close) past the per-reseller connection cap, 300 past the command rate
// (XCP's shared per-reseller token bucket; the connection stays), 350 (then close) for the command after the
// per-connection limit (every command counts, a 300 one too). A message announcing more than maxMessageBytes gets
// 465 saying so (in plain text before the session is established, encrypted after, like every reply), then close.
// Bad framing, undecryptable data (bad padding, or plaintext that is not XML) or a wrong key close only this
// connection, without a reply.
import type { Socket } from 'node:net';
import type { Core } from '../../../core/core.ts';
import { findResellerByUsername, type Reseller } from '../../../core/commands/resellers.ts';
import { isSourceAllowed } from '../../../core/access/sourceAddressAllowed.ts';
import { decodeOps } from '../../ops/index.ts';
import { parseXcpRequest } from '../xcpRequest.ts';
import { encodeReply, handleXcpBody } from '../xcpService.ts';
import { XcpError } from '../xcpError.ts';
import { encodeFrame, FrameReader, XcpFramingError, XcpMessageTooLarge, type XcpTcpFraming } from './tcpFraming.ts';
import { CryptCbc } from './cryptCbc.ts';
import { isCryptType } from './cbcBlockCipher.ts';
import {
  authenticatedMessage, challengeAnswered, greetingMessage, HandshakeRefusal, newChallenge, readHandshakeRequest,
  refusalMessage,
} from './handshakeMessages.ts';
import type { ConnectionCounter } from './connectionCounter.ts';
import type { RateLimiter } from '../rateLimiter.ts';

export interface XcpTcpLimits {
  /** Closes a connection idle this long. */
  idleTimeoutMs: number;
  /** Closes a connection not authenticated this long after it opened (at most idleTimeoutMs). */
  handshakeTimeoutMs: number;
  maxConnectionsPerReseller: number;
  maxCommandsPerConnection: number;
  maxMessageBytes: number;
  greetingFraming: XcpTcpFraming;
  /** Client messages in this framing only; undefined: detected from the client's first bytes (framingMode.ts). */
  readFraming?: XcpTcpFraming;
}

export interface SessionShared {
  core: Core;
  limits: XcpTcpLimits;
  connections: ConnectionCounter;
  /** Code 300 past it: handleXcpBody's option (undefined: the process-wide XCP limiter, null: none). */
  rateLimiter: RateLimiter | null | undefined;
}

type Phase = 'version' | 'authenticate' | 'challenge' | 'session';

/** After we end() a connection, give the peer this long to read the last reply before we destroy it. */
const LINGER_MS = 2_000;
/** Stop reading from a client that pipelines more than this many unanswered messages. */
const MAX_QUEUED_FRAMES = 4;

export function stripMappedV4(addr: string | undefined): string {
  if (!addr) return '';
  return addr.startsWith('::ffff:') && addr.includes('.') ? addr.slice(7) : addr;
}

export class XcpTcpSession {
  private readonly reader: FrameReader;
  private readonly remoteIp: string;
  private phase: Phase = 'version';
  /** Messages waiting for their turn; an oversized one ends the queue (nothing after it can be framed). */
  private queue: Array<Buffer | XcpMessageTooLarge> = [];
  private readFailed = false;
  private busy = false;
  private closing = false;
  private paused = false;
  private stopRequested = false;
  private reseller: Reseller | undefined;
  private cipher: CryptCbc | undefined;
  private challenge: Buffer | undefined;
  private holdsSlot = false;
  private commands = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private handshakeTimer: NodeJS.Timeout | undefined;
  private lingerTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly shared: SessionShared,
    private readonly onClosed: (s: XcpTcpSession) => void,
  ) {
    // Captured now: remoteAddress becomes undefined once the socket is gone.
    this.remoteIp = stripMappedV4(socket.remoteAddress);
    this.reader = new FrameReader({ framing: shared.limits.readFraming, maxMessageBytes: shared.limits.maxMessageBytes });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    // Resets, EPIPE: nothing to tell the peer.
    socket.on('error', () => socket.destroy());
    socket.on('end', () => {
      if (!this.busy) this.hangUp();
    });
    socket.on('close', () => this.cleanup());
    this.handshakeTimer = setTimeout(() => {
      if (this.phase !== 'session') socket.destroy();
    }, shared.limits.handshakeTimeoutMs);
    this.handshakeTimer.unref();
    this.armIdle();
    this.send(Buffer.from(greetingMessage(), 'utf8'), shared.limits.greetingFraming);
  }

  /** Server shutdown: close now if idle, else right after the reply in progress. */
  stop(): void {
    this.stopRequested = true;
    if (!this.busy) this.hangUp();
  }

  private onData(chunk: Buffer): void {
    // Lingering, or past an oversized message: discard whatever the peer still sends.
    if (this.closing || this.readFailed) return;
    let frames: Buffer[];
    let tooLarge: XcpMessageTooLarge | undefined;
    try {
      frames = this.reader.push(chunk);
    } catch (err) {
      // An over-limit length is answered, in turn, after the messages before it (see refuseTooLarge).
      if (!(err instanceof XcpMessageTooLarge)) {
        // Bad framing; anything else would be our bug, and still must not escape an event handler.
        if (!(err instanceof XcpFramingError)) console.error('regd: XCP/TCP framing failed:', err);
        return this.abort();
      }
      frames = err.completed;
      tooLarge = err;
      this.readFailed = true;
    }
    if (frames.length === 0 && !tooLarge) return;
    this.queue.push(...frames);
    if (tooLarge) this.queue.push(tooLarge);
    this.armIdle();
    if (this.queue.length > MAX_QUEUED_FRAMES && !this.paused) {
      this.paused = true;
      this.socket.pause();
    }
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length > 0 && !this.closing && !this.socket.destroyed) {
        await this.handle(this.queue.shift()!);
        if (this.paused && this.queue.length <= 1) {
          this.paused = false;
          this.socket.resume();
        }
      }
    } catch (err) {
      // Nothing here may take the process down; the wire gets no detail.
      console.error('regd: XCP/TCP session failed:', err);
      this.abort();
    } finally {
      this.busy = false;
    }
    if (this.stopRequested || this.socket.readableEnded) this.hangUp();
    else this.armIdle();
  }

  private async handle(frame: Buffer | XcpMessageTooLarge): Promise<void> {
    if (frame instanceof XcpMessageTooLarge) return this.refuseTooLarge(frame);
    try {
      switch (this.phase) {
        case 'version': return this.onClientVersion(frame);
        case 'authenticate': return await this.onAuthenticate(frame);
        case 'challenge': return this.onChallengeAnswer(frame);
        case 'session': return await this.onCommand(frame);
      }
    } catch (err) {
      if (!(err instanceof HandshakeRefusal)) throw err;
      this.send(Buffer.from(refusalMessage(this.phase === 'version' ? 'VERSION' : 'USER', err), 'utf8'));
      this.hangUp();
    }
  }

  /** The peer is told why (it may well be a legitimate client with a large request), then the connection ends. */
  private refuseTooLarge(err: XcpMessageTooLarge): void {
    const result = { code: 465, text: err.message, success: false };
    if (this.phase === 'session') this.sendEncrypted(encodeReply('UNKNOWN', result));
    else this.send(Buffer.from(encodeReply(this.phase === 'version' ? 'VERSION' : 'USER', result), 'utf8'));
    this.hangUp();
  }

  private onClientVersion(frame: Buffer): void {
    readHandshakeRequest(frame, 'check version');
    this.phase = 'authenticate';
  }

  private async onAuthenticate(frame: Buffer): Promise<void> {
    const req = readHandshakeRequest(frame, 'authenticate user');
    let cryptType: string;
    let username: string;
    try {
      cryptType = (req.attributes.optString('crypt_type') ?? '').toLowerCase();
      username = req.attributes.optString('username') ?? '';
    } catch (err) {
      if (err instanceof XcpError) throw new HandshakeRefusal(400, err.message);
      throw err;
    }
    if (!isCryptType(cryptType)) {
      throw new HandshakeRefusal(400, `Invalid encryption method; try -des or -blowfish: ${cryptType || '(none)'}`);
    }
    const reseller = username ? await findResellerByUsername(this.shared.core, username) : undefined;
    // Live mode: an unknown username gets the same 555 as a listed one from the wrong address, revealing nothing.
    if (this.shared.core.mode === 'live' && (!reseller || !isSourceAllowed(this.shared.core, reseller, this.remoteIp))) {
      throw new HandshakeRefusal(555, 'Access denied: invalid IP address');
    }
    // Old 8-byte keys only work with DES (spec "Private key").
    if (reseller && cryptType === 'blowfish' && reseller.privateKey.length < 112) {
      throw new HandshakeRefusal(400, 'Invalid encryption method; try -des: blowfish needs a 56-byte private key');
    }
    this.reseller = reseller;
    try {
      this.cipher = reseller ? new CryptCbc(cryptType, reseller.privateKey) : undefined;
    } catch {
      this.cipher = undefined; // a malformed stored key can never answer the challenge
    }
    this.challenge = newChallenge();
    this.phase = 'challenge';
    this.send(this.challenge);
  }

  private onChallengeAnswer(frame: Buffer): void {
    const { reseller, cipher, challenge } = this;
    const answer = cipher && this.tryDecrypt(cipher, frame);
    if (!reseller || !cipher || !challenge || !answer || !challengeAnswered(challenge, answer)) {
      // Wrong key, unknown reseller or garbage: the client could not read an encrypted refusal anyway.
      return this.hangUp();
    }
    if (!this.shared.connections.tryAcquire(reseller.id)) {
      this.sendEncrypted(encodeReply('USER', { code: 310, text: 'Exceeded max simultaneous connections', success: false }));
      return this.hangUp();
    }
    this.holdsSlot = true;
    this.phase = 'session';
    clearTimeout(this.handshakeTimer);
    this.sendEncrypted(authenticatedMessage());
  }

  private async onCommand(frame: Buffer): Promise<void> {
    const plain = this.tryDecrypt(this.cipher!, frame);
    // Padding alone passes a wrong key or random bytes about once in 256 tries; plaintext that does not even start
    // like XML is garbage too (a well-formed XML document that is not OPS still gets an ordinary 400 reply).
    if (!plain || !startsLikeXml(plain)) return this.hangUp();
    const reseller = this.reseller!;
    this.commands += 1;
    if (this.commands > this.shared.limits.maxCommandsPerConnection) {
      this.sendEncrypted(encodeReply(objectOf(plain), {
        code: 350,
        text: `Number of commands per connection exceeded limit of ${this.shared.limits.maxCommandsPerConnection}; open a new connection`,
        success: false,
      }));
      return this.hangUp();
    }
    const exchange = await handleXcpBody(this.shared.core, reseller, this.remoteIp, plain, { rateLimiter: this.shared.rateLimiter, door: 'xcp-tcp' });
    if (this.socket.destroyed) return;
    this.sendEncrypted(exchange.reply);
    if (exchange.request?.object === 'session' && exchange.request.action === 'quit') this.hangUp();
  }

  private tryDecrypt(cipher: CryptCbc, frame: Buffer): Buffer | undefined {
    try {
      return cipher.decrypt(frame);
    } catch {
      return undefined;
    }
  }

  private sendEncrypted(reply: string): void {
    const cipher = this.cipher!;
    const ok = this.send(cipher.encrypt(Buffer.from(reply, 'utf8')));
    if (!ok) {
      // Only a 2-byte length prefix can overflow (65535 bytes); say so instead of dropping the reply.
      const text = 'Reply exceeds 65535 bytes, the limit of 2-byte length framing; use Content-Length framing';
      this.send(cipher.encrypt(Buffer.from(encodeReply('UNKNOWN', { code: 400, text, success: false }), 'utf8')));
    }
  }

  /** Frames and writes one message; false if it cannot be framed. */
  private send(payload: Buffer, framing: XcpTcpFraming = this.reader.framing ?? this.shared.limits.greetingFraming): boolean {
    if (this.socket.destroyed || this.socket.writableEnded) return true;
    let frame: Buffer;
    try {
      frame = encodeFrame(framing, payload);
    } catch (err) {
      if (err instanceof XcpFramingError) return false;
      throw err;
    }
    this.socket.write(frame);
    return true;
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    if (this.closing) return;
    this.idleTimer = setTimeout(() => {
      if (this.busy) return this.armIdle(); // a slow command is not an idle connection
      this.socket.destroy();
    }, this.shared.limits.idleTimeoutMs);
    this.idleTimer.unref();
  }

  /** Graceful close: flush what was written, FIN, and destroy if the peer does not hang up. */
  private hangUp(): void {
    if (this.closing) return;
    this.closing = true;
    this.clearTimers();
    this.queue = [];
    this.socket.end();
    if (this.paused) this.socket.resume(); // keep reading (and discarding) so our close is not turned into a reset
    this.lingerTimer = setTimeout(() => this.socket.destroy(), LINGER_MS);
    this.lingerTimer.unref();
  }

  private abort(): void {
    this.closing = true;
    this.queue = [];
    this.socket.destroy();
  }

  private clearTimers(): void {
    clearTimeout(this.idleTimer);
    clearTimeout(this.handshakeTimer);
  }

  private cleanup(): void {
    this.clearTimers();
    clearTimeout(this.lingerTimer);
    this.closing = true;
    if (this.holdsSlot && this.reseller) {
      this.holdsSlot = false;
      this.shared.connections.release(this.reseller.id);
    }
    this.onClosed(this);
  }
}

/** The object a rejected command named, echoed in its reply like every XCP reply does. */
function objectOf(plain: Buffer): string {
  try {
    return parseXcpRequest(decodeOps(plain).data).objectAsSent;
  } catch {
    return 'UNKNOWN';
  }
}

/** After an optional UTF-8 BOM and whitespace, the first byte is '<'. */
function startsLikeXml(b: Buffer): boolean {
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++;
  return b[i] === 0x3c;
}
