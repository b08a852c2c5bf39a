// Pure, incremental-friendly parsing of an HTTP/1.x request head.
//
// Deliberately lenient where OpenSRS clients are odd (any non-space request
// target, no Host header, bare LF line endings) and strict everywhere else
// (token method, no obs-fold, no control characters, sane Content-Length),
// because a lax parser in front of a signature check invites request
// smuggling.

export type ParseErrorStatus = 400 | 411 | 413 | 431 | 501;

export interface ParsedHead {
  method: string;
  target: string;
  httpVersion: '1.0' | '1.1';
  /** Lower-cased names; repeated headers joined with ', '. */
  headers: Map<string, string>;
}

export interface RequestFraming {
  bodyLength: number;
  /** Client waits for "100 Continue" before sending the body. */
  expectContinue: boolean;
  /** Whether the client wants the connection kept open after the reply. */
  keepAlive: boolean;
}

export class HttpParseError extends Error {
  constructor(readonly status: ParseErrorStatus, message: string) {
    super(message);
    this.name = 'HttpParseError';
  }
}

const LF = 0x0a;
const CR = 0x0d;

/** Number of leading CR/LF bytes. RFC 9112 §2.2: servers SHOULD ignore empty
 * lines before a request line; some old clients send a CRLF after the body. */
export function leadingBlankBytes(buf: Buffer): number {
  let i = 0;
  while (i < buf.length && (buf[i] === CR || buf[i] === LF)) i++;
  return i;
}

/**
 * Find the blank line that ends the head. Accepts CRLFCRLF, LFLF and mixes.
 * Returns `{ headEnd, bodyStart }` (headEnd = index of the first LF of the
 * terminator) or undefined if not yet present. `from` lets callers resume a
 * scan without re-reading bytes already known not to contain a terminator.
 */
export function findHeadEnd(buf: Buffer, from = 0): { headEnd: number; bodyStart: number } | undefined {
  let i = buf.indexOf(LF, from);
  while (i !== -1) {
    if (buf[i + 1] === LF) return { headEnd: i, bodyStart: i + 2 };
    if (buf[i + 1] === CR && buf[i + 2] === LF) return { headEnd: i, bodyStart: i + 3 };
    i = buf.indexOf(LF, i + 1);
  }
  return undefined;
}

/** Where a resumed findHeadEnd scan may safely start after a miss. */
export function nextScanStart(bufLength: number): number {
  // A terminator can begin at most 2 bytes before the end (LF CR | LF).
  return Math.max(0, bufLength - 2);
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// METHOD SP TARGET SP HTTP/1.x — target is any run of visible non-space bytes
// (latin1-decoded), which admits "horizon.opensrs.net" and "/resellers/".
const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) ([\x21-\x7e\x80-\xff]+) HTTP\/1\.([01])$/;
// Field values: visible chars, SP, HTAB, obs-text. No CR, LF, NUL, DEL.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Parse the head bytes (request line + header lines, terminator excluded). */
export function parseHead(head: Buffer): ParsedHead {
  // latin1 maps bytes 1:1 to code points, so validation sees raw bytes.
  const lines = head.toString('latin1').split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const m = REQUEST_LINE.exec(lines[0] ?? '');
  if (!m) throw new HttpParseError(400, 'malformed request line');
  const headers = new Map<string, string>();
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]!;
    const colon = line.indexOf(':');
    // colon <= 0 also rejects obs-fold continuation lines (leading SP/HTAB),
    // and TOKEN rejects whitespace before the colon (RFC 9112 §5.1).
    if (colon <= 0) throw new HttpParseError(400, 'malformed header line');
    const name = line.slice(0, colon);
    if (!TOKEN.test(name)) throw new HttpParseError(400, 'malformed header name');
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (!FIELD_VALUE.test(value)) throw new HttpParseError(400, 'invalid header value');
    const key = name.toLowerCase();
    const prev = headers.get(key);
    headers.set(key, prev === undefined ? value : `${prev}, ${value}`);
  }
  return { method: m[1]!, target: m[2]!, httpVersion: m[3] === '1' ? '1.1' : '1.0', headers };
}

/** Decide how the body is delimited and whether the connection persists. */
export function framingFor(head: ParsedHead, maxBodyBytes: number): RequestFraming {
  const h = head.headers;
  // We do not implement chunked (or any) transfer coding; refusing outright
  // also closes the CL/TE smuggling hole.
  if (h.has('transfer-encoding')) throw new HttpParseError(501, 'Transfer-Encoding not supported');
  let bodyLength = 0;
  const cl = h.get('content-length');
  if (cl !== undefined) {
    // Repeated identical values ("5, 5") are tolerated per RFC 9110 §8.6.
    const parts = cl.split(',').map((s) => s.trim());
    if (!parts.every((p) => /^\d+$/.test(p)) || new Set(parts).size !== 1) {
      throw new HttpParseError(400, 'invalid Content-Length');
    }
    bodyLength = Number(parts[0]);
    if (bodyLength > maxBodyBytes) throw new HttpParseError(413, 'body too large');
  } else if (head.method === 'POST' || head.method === 'PUT' || head.method === 'PATCH') {
    throw new HttpParseError(411, 'Content-Length required');
  }
  const conn = (h.get('connection') ?? '').toLowerCase().split(',').map((s) => s.trim());
  const keepAlive = head.httpVersion === '1.1' ? !conn.includes('close') : conn.includes('keep-alive');
  const expectContinue =
    head.httpVersion === '1.1' && (h.get('expect') ?? '').toLowerCase() === '100-continue';
  return { bodyLength, expectContinue, keepAlive };
}
