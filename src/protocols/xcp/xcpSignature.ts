// OpenSRS XCP request/response signature.
//
// OpenSRS signs every XML request with:
//   X-Signature = md5_hex( md5_hex(body + privateKey) + privateKey )
// The digest is taken over the exact bytes on the wire, so we hash Buffers
// as-is instead of round-tripping through a string (which could alter
// non-UTF-8 bytes or normalise line endings).
import { createHash, timingSafeEqual } from 'node:crypto';

function md5Hex(...parts: Array<Buffer | string>): string {
  const h = createHash('md5');
  for (const p of parts) h.update(typeof p === 'string' ? Buffer.from(p, 'utf8') : p);
  return h.digest('hex'); // lowercase hex, as OpenSRS clients produce
}

export function computeXcpSignature(body: Buffer | string, privateKey: string): string {
  return md5Hex(md5Hex(body, privateKey), privateKey);
}

export function verifyXcpSignature(body: Buffer, privateKey: string, signature: string): boolean {
  const expected = Buffer.from(computeXcpSignature(body, privateKey), 'ascii');
  // Some clients send upper-case hex; the digest itself is case-insensitive.
  const given = Buffer.from(signature.trim().toLowerCase(), 'utf8');
  // timingSafeEqual throws on length mismatch; a wrong length is simply "bad".
  // Leaking the length is harmless: the expected length (32) is public.
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}
