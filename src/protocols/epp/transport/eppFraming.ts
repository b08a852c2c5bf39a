// RFC 5734 §4 framing: every EPP data unit is a 4-byte big-endian total length (which counts the 4 header bytes
// themselves) followed by the XML. TCP may split a frame over several reads or merge several frames into one, so
// the decoder buffers bytes until whole frames are present. Pure: no sockets, no timers.

export const FRAME_HEADER_BYTES = 4;
/** Largest frame (header included) accepted by default: 1 MiB is far above any real EPP command. */
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
/**
 * Largest command (frame payload or HTTPS body) accepted before login. A login, a hello or a logout fits in a few
 * KiB, so an unauthenticated client gets no more than this to make the server parse.
 */
export const DEFAULT_MAX_PRE_LOGIN_FRAME_BYTES = 64 * 1024;

export class EppFrameError extends Error {
  constructor(readonly kind: 'too_large' | 'too_small', readonly announced: number, message: string) {
    super(message);
    this.name = 'EppFrameError';
  }
}

/** One data unit: header + the UTF-8 bytes of the XML. */
export function encodeFrame(xml: string | Buffer): Buffer {
  const payload = typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml;
  const header = Buffer.alloc(FRAME_HEADER_BYTES);
  header.writeUInt32BE(payload.length + FRAME_HEADER_BYTES, 0);
  return Buffer.concat([header, payload]);
}

function checkedLimit(n: number): number {
  if (!Number.isInteger(n) || n <= FRAME_HEADER_BYTES) throw new RangeError('maxFrameBytes must be an integer > 4');
  return n;
}

export interface DecodeResult {
  /** Payloads (XML bytes, header stripped) of every frame completed by this push, in order. */
  frames: Buffer[];
  /** Set when a header announced an impossible length; the stream cannot be resynchronised after that. */
  error?: EppFrameError;
}

export class EppFrameDecoder {
  // Chunks are kept as received and joined only once a whole header or frame is present, so a frame that
  // arrives byte by byte costs O(n), not O(n²).
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Total length (header included) of the frame being collected; undefined while the header is incomplete. */
  private expected: number | undefined;
  private failed: EppFrameError | undefined;
  private limit: number;

  constructor(maxFrameBytes: number = DEFAULT_MAX_FRAME_BYTES) {
    this.limit = checkedLimit(maxFrameBytes);
  }

  get maxFrameBytes(): number { return this.limit; }

  /** Applies to every frame whose header has not been read yet (EPP over TLS raises it once the session logs in). */
  set maxFrameBytes(n: number) { this.limit = checkedLimit(n); }

  /** Bytes received but not yet returned as part of a frame. */
  get bufferedBytes(): number { return this.buffered; }

  push(chunk: Buffer): DecodeResult {
    // After an error every later byte is garbage from our point of view: keep reporting the same error.
    if (this.failed) return { frames: [], error: this.failed };
    if (chunk.length) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const frames: Buffer[] = [];
    for (;;) {
      if (this.expected === undefined) {
        if (this.buffered < FRAME_HEADER_BYTES) break;
        const announced = this.peek(FRAME_HEADER_BYTES).readUInt32BE(0);
        const error = this.check(announced);
        if (error) {
          this.failed = error;
          this.chunks = [];
          this.buffered = 0;
          return { frames, error };
        }
        this.expected = announced;
      }
      if (this.buffered < this.expected) break;
      frames.push(this.take(this.expected).subarray(FRAME_HEADER_BYTES));
      this.expected = undefined;
    }
    return { frames };
  }

  private check(announced: number): EppFrameError | undefined {
    // An empty payload (length 4) is not an EPP message either; smaller values cannot even cover the header.
    if (announced <= FRAME_HEADER_BYTES) {
      return new EppFrameError('too_small', announced, `frame length ${announced} is too small (the header alone is 4 bytes)`);
    }
    if (announced > this.limit) {
      return new EppFrameError('too_large', announced, `frame length ${announced} exceeds the limit of ${this.limit} bytes`);
    }
    return undefined;
  }

  /** The first n buffered bytes (n <= buffered), without consuming them. */
  private peek(n: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= n) return first;
    this.chunks = [Buffer.concat(this.chunks, this.buffered)];
    return this.chunks[0]!;
  }

  /** Removes and returns the first n buffered bytes (n <= buffered) as a standalone copy. */
  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
    // Copy: the caller keeps the frame, and it must not pin a large read buffer holding the following bytes.
    const out = Buffer.from(all.subarray(0, n));
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
    return out;
  }
}
