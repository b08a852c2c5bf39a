// The messages of the XCP/TCP authentication handshake (spec "Authentication handshake"), server side:
//   1. server -> client  XCP check version (sender "OpenSRS SERVER", version "XML:0.1", state "ready")
//   2. client -> server  its own check version
//   3. client -> server  authenticate user (crypt_type des|blowfish, username; the password field is ignored)
//   4. server -> client  a challenge: random bytes, no XML, not encrypted
//   5. client -> server  Crypt::CBC-encrypted MD5 of the challenge: the 16-byte binary digest, as the Perl client
//                        sends Digest::MD5::md5($challenge) and the PHP client pack('H*', md5($challenge))
//   6. server -> client  encrypted reply 200 "Authentication Successful" (a failed challenge just closes the socket)
import crypto from 'node:crypto';
import { decodeOps, encodeOps, makeAssoc } from '../../ops/index.ts';
import { parseXcpRequest, type XcpRequest } from '../xcpRequest.ts';
import { encodeReply } from '../xcpService.ts';

export const SERVER_VERSION = 'XML:0.1';
export const CHALLENGE_BYTES = 16;

/** The peer said something the handshake cannot accept: refuse with this code and text, then close. */
export class HandshakeRefusal extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

export function greetingMessage(): string {
  return encodeOps(makeAssoc([
    ['protocol', 'XCP'],
    ['action', 'CHECK'],
    ['object', 'VERSION'],
    ['attributes', makeAssoc({ sender: 'OpenSRS SERVER', version: SERVER_VERSION, state: 'ready' })],
  ]));
}

export function refusalMessage(object: string, refusal: HandshakeRefusal): string {
  return encodeReply(object, { code: refusal.code, text: refusal.message, success: false });
}

export function authenticatedMessage(): string {
  return encodeReply('USER', { code: 200, text: 'Authentication Successful' });
}

/** Decodes a plaintext handshake message and checks it is `expected` ("check version" or "authenticate user"). */
export function readHandshakeRequest(body: Buffer, expected: 'check version' | 'authenticate user'): XcpRequest {
  let req: XcpRequest;
  try {
    req = parseXcpRequest(decodeOps(body).data);
  } catch {
    throw new HandshakeRefusal(400, `Invalid Command: expected ${expected.toUpperCase()}`);
  }
  const [action, object] = expected.split(' ');
  if (req.action !== action || req.object !== object) {
    throw new HandshakeRefusal(400, `Invalid Command: expected ${expected.toUpperCase()}, got ${req.action.toUpperCase()} ${req.object.toUpperCase()}`);
  }
  return req;
}

export function newChallenge(): Buffer {
  return crypto.randomBytes(CHALLENGE_BYTES);
}

/** Constant-time check that the decrypted answer is MD5(challenge) as 16 raw bytes. */
export function challengeAnswered(challenge: Buffer, answer: Buffer): boolean {
  const expected = crypto.createHash('md5').update(challenge).digest();
  return answer.length === expected.length && crypto.timingSafeEqual(answer, expected);
}
