// The one reply the reference server gives to every POST, encoded once. Kept apart from cannedServer.ts so the
// benchmark can import the expected response code without starting a server.
import { encodeOps } from '../src/protocols/ops/index.ts';
import { buildReply } from '../src/protocols/xcp/xcpReply.ts';

/** A LOOKUP "available" answer: the smallest real reply shape regd sends. */
export const CANNED_CODE = 210;

export function cannedReplyBody(): Buffer {
  return Buffer.from(encodeOps(buildReply('DOMAIN', {
    code: CANNED_CODE, text: 'Domain available', attributes: { status: 'available' },
  })), 'utf8');
}
