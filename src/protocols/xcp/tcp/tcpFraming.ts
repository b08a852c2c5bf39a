// Message framing of the legacy OpenSRS TCP protocol (port 55000), both directions.
//
// Two framings exist in OpenSRS's documents and clients:
//   - 'content-length': `Content-Length: N\r\n` + a blank line + N bytes. This is what the XML-era clients speak: the
//     Perl client's OPS.pm, the PHP and Java clients all write exactly `Content-Length: N\r\n\r\n` and read a header
//     line first. Blank lines before the header are ignored and the header name is case-insensitive (the spec's own
//     example writes `Content-length`). We also accept a bare LF and a missing blank line after the header, since the
//     body (XML or a "RandomIV" ciphertext) can never start with a line break in practice.
//   - 'length-prefix': a 2-byte big-endian length (Perl `pack('n', length)`) + the bytes; the spec's "Data
//     exchange" section. It cannot carry more than 65535 bytes.
//
// The server speaks first (its check version greeting), so it cannot learn the client's framing before that message;
// FrameReader in 'detect' mode decides from the client's first bytes instead, and the server then answers in that
// framing for the rest of the connection (see xcpTcpSession.ts for the greeting).
//
// Bounded work per byte: header bytes are parsed from a small buffer (at most MAX_HEADER_LINE), bodies are collected
// as chunks and joined once, so slow-drip or one-byte-at-a-time input costs linear time.

export type XcpTcpFraming = 'content-length' | 'length-prefix';

export const LENGTH_PREFIX_MAX = 0xffff;
/** Longest `Content-Length: N` line we accept (a 10-digit length fits with room for spaces). */
const MAX_HEADER_LINE = 64;
const CL_NAME = 'content-length:';
const CR = 0x0d;
const LF = 0x0a;

/** A peer broke the framing rules; the connection cannot continue. */
export class XcpFramingError extends Error {}

/** A well-framed message announced more bytes than allowed; the peer can still read a reply saying so. */
export class XcpMessageTooLarge extends XcpFramingError {
  /** completed: the messages the same push() finished before the oversized header, to be answered first. */
  constructor(readonly length: number, readonly limit: number, readonly completed: Buffer[] = []) {
    super(`Message of ${length} bytes exceeds the limit of ${limit} bytes`);
  }
}

export function encodeFrame(framing: XcpTcpFraming, payload: Buffer): Buffer {
  if (framing === 'length-prefix') {
    if (payload.length > LENGTH_PREFIX_MAX) {
      throw new XcpFramingError(`a ${payload.length}-byte message does not fit a 2-byte length prefix`);
    }
    const head = Buffer.alloc(2);
    head.writeUInt16BE(payload.length);
    return Buffer.concat([head, payload]);
  }
  return Buffer.concat([Buffer.from(`Content-Length: ${payload.length}\r\n\r\n`, 'latin1'), payload]);
}

type Detection = XcpTcpFraming | 'undecided';

/** Which framing the bytes so far start with (they must be the very first bytes of a stream). */
export function detectFraming(head: Buffer): Detection {
  let i = 0;
  while (i < head.length && (head[i] === CR || head[i] === LF)) i++;
  // Only line breaks so far: Content-Length's leading blank lines, or (rarely) a length prefix of 0x0d0a/0x0a0d...
  // A length-prefixed body never consists of dozens of line breaks, so after a while this can only be blank lines.
  if (i === head.length) return head.length > MAX_HEADER_LINE ? 'content-length' : 'undecided';
  for (let j = 0; j < CL_NAME.length; j++) {
    if (i + j >= head.length) return 'undecided';
    const c = head[i + j]! | 0x20; // ASCII lower case (harmless for ':' and '-')
    if (c !== CL_NAME.charCodeAt(j)) return 'length-prefix';
  }
  return 'content-length';
}

export interface FrameReaderOptions {
  /** Omitted: decide from the first bytes (server side). */
  framing?: XcpTcpFraming;
  maxMessageBytes: number;
}

/** Incremental decoder: push() socket chunks, get back the complete messages they finish. */
export class FrameReader {
  private head: Buffer = Buffer.alloc(0);
  private body: Buffer[] = [];
  private bodyBytes = 0;
  private need: number | undefined;
  private framingInUse: XcpTcpFraming | undefined;
  private failed = false;

  constructor(private readonly opts: FrameReaderOptions) {
    this.framingInUse = opts.framing;
  }

  /** The framing in use: fixed, or detected from the peer's first bytes (undefined until then). */
  get framing(): XcpTcpFraming | undefined {
    return this.framingInUse;
  }

  /** True while part of a message has arrived. */
  get midMessage(): boolean {
    return this.need !== undefined || this.head.length > 0;
  }

  /** Switch framing between messages (a client reading a Content-Length greeting, then length-prefixed replies). */
  useFraming(framing: XcpTcpFraming): void {
    if (this.midMessage) throw new XcpFramingError('cannot switch framing in the middle of a message');
    this.framingInUse = framing;
  }

  /** Feed bytes; returns the messages they complete. Throws XcpFramingError (and stays failed) on bad framing. */
  push(chunk: Buffer): Buffer[] {
    if (this.failed) throw new XcpFramingError('the stream already failed');
    try {
      return this.consume(chunk);
    } catch (err) {
      this.failed = true;
      throw err;
    }
  }

  private consume(chunk: Buffer): Buffer[] {
    const frames: Buffer[] = [];
    let data = chunk;
    while (data.length > 0) {
      if (this.need !== undefined) {
        const take = Math.min(this.need - this.bodyBytes, data.length);
        this.body.push(data.subarray(0, take));
        this.bodyBytes += take;
        data = data.subarray(take);
        if (this.bodyBytes === this.need) frames.push(this.finishBody());
        continue;
      }
      this.head = this.head.length ? Buffer.concat([this.head, data]) : data;
      data = Buffer.alloc(0);
      const parsed = this.parseHead();
      if (!parsed) break;
      data = this.head.subarray(parsed.headerBytes);
      this.head = Buffer.alloc(0);
      if (parsed.length > this.opts.maxMessageBytes) {
        throw new XcpMessageTooLarge(parsed.length, this.opts.maxMessageBytes, frames);
      }
      this.need = parsed.length;
      if (parsed.length === 0) frames.push(this.finishBody());
    }
    return frames;
  }

  private finishBody(): Buffer {
    const frame = this.body.length === 1 ? Buffer.from(this.body[0]!) : Buffer.concat(this.body, this.bodyBytes);
    this.body = [];
    this.bodyBytes = 0;
    this.need = undefined;
    return frame;
  }

  /** A complete header at the start of this.head: its byte count and the body length; undefined: need more bytes. */
  private parseHead(): { headerBytes: number; length: number } | undefined {
    if (!this.framingInUse) {
      const detected = detectFraming(this.head);
      if (detected === 'undecided') return undefined;
      this.framingInUse = detected;
    }
    return this.framingInUse === 'length-prefix' ? this.parseLengthPrefix() : this.parseContentLength();
  }

  private parseLengthPrefix(): { headerBytes: number; length: number } | undefined {
    if (this.head.length < 2) return undefined;
    return { headerBytes: 2, length: this.head.readUInt16BE(0) };
  }

  private parseContentLength(): { headerBytes: number; length: number } | undefined {
    const buf = this.head;
    let start = 0;
    while (start < buf.length && (buf[start] === CR || buf[start] === LF)) start++;
    if (start === buf.length) {
      this.head = Buffer.alloc(0); // only blank lines so far: drop them, keep memory flat
      return undefined;
    }
    const lf = buf.indexOf(LF, start);
    if (lf < 0) {
      if (buf.length - start > MAX_HEADER_LINE) throw new XcpFramingError('expected a Content-Length header line');
      return undefined;
    }
    const lineEnd = lf > start && buf[lf - 1] === CR ? lf - 1 : lf;
    if (lineEnd - start > MAX_HEADER_LINE) throw new XcpFramingError('expected a Content-Length header line');
    const line = buf.toString('latin1', start, lineEnd);
    const m = /^content-length:[ \t]*(\d{1,10})[ \t]*$/i.exec(line);
    if (!m) throw new XcpFramingError('expected a Content-Length header line');
    // The blank line after the header: CRLF or LF. We must see at least two more bytes (or one LF) to decide.
    let end = lf + 1;
    if (buf.length <= end) return undefined;
    if (buf[end] === LF) end += 1;
    else if (buf[end] === CR) {
      if (buf.length <= end + 1) return undefined;
      if (buf[end + 1] === LF) end += 2;
    }
    return { headerBytes: end, length: Number(m[1]) };
  }
}
