// One XCP exchange, transport-independent: OPS bytes in (already authenticated), OPS bytes out. Every failure
// becomes a well-formed OPS reply; nothing below here may leak a stack trace to the wire.
import { runAudited } from '../../core/audit/auditContext.ts';
import { decodeOps, encodeOps, OpsDecodeError, type OpsValue } from '../ops/index.ts';
import { CoreError } from '../../core/errors.ts';
import type { Core } from '../../core/core.ts';
import type { Reseller } from '../../core/commands/resellers.ts';
import { parseXcpRequest, type XcpRequest } from './xcpRequest.ts';
import { buildReply, type XcpResult } from './xcpReply.ts';
import { XcpError } from './xcpError.ts';
import { xcpFailureFor } from './coreErrorCodes.ts';
import { XCP_COMMANDS } from './xcpCommands.ts';
import { QuotaExceededError } from '../../core/quotas.ts';
import { processRateLimiter, RATE_EXCEEDED_TEXT, type RateLimiter } from './rateLimiter.ts';

/** The seed's quota codes: 440 registration over quota, 445 nameserver quota, 447 sub-user limit. */
const QUOTA_CODES = { domains: 440, nameservers: 445, subusers: 447 } as const;

export interface XcpExchange {
  reply: string;
  request?: XcpRequest;
  result: XcpResult;
}

export async function runXcpCommand(core: Core, reseller: Reseller, remoteIp: string, req: XcpRequest): Promise<XcpResult> {
  const handler = XCP_COMMANDS.get(`${req.object} ${req.action}`);
  if (!handler) return { code: 430, text: `Invalid Command: ${req.action.toUpperCase()} ${req.object.toUpperCase()}` };
  try {
    return await handler({ core, reseller, remoteIp }, req);
  } catch (err) {
    return errorResult(err);
  }
}

export function errorResult(err: unknown): XcpResult {
  if (err instanceof XcpError) return { code: err.code, text: err.message };
  if (err instanceof QuotaExceededError) return { code: QUOTA_CODES[err.quota], text: err.message };
  if (err instanceof CoreError) return xcpFailureFor(err);
  if (err instanceof OpsDecodeError) return { code: 400, text: `Invalid XML: ${err.message}` };
  console.error('regd: internal error in XCP command:', err);
  return { code: 400, text: 'Internal server error' };
}

export function encodeReply(object: string, result: XcpResult): string {
  return encodeOps(buildReply(object, result));
}

export interface XcpBodyOptions {
  /** The command-rate limiter; undefined: the process-wide one (REGD_XCP_RATE), null: none. */
  rateLimiter?: RateLimiter | null;
  /** The door's name in the audit log. */
  door?: 'xcp-https' | 'xcp-tcp';
}

export async function handleXcpBody(core: Core, reseller: Reseller, remoteIp: string, body: Buffer | string, opts: XcpBodyOptions = {}): Promise<XcpExchange> {
  return runAudited({ door: opts.door ?? 'xcp-https', sourceAddress: remoteIp, actor: `reseller:${reseller.username}` }, () => handleAuthenticatedBody(core, reseller, remoteIp, body, opts));
}

async function handleAuthenticatedBody(core: Core, reseller: Reseller, remoteIp: string, body: Buffer | string, opts: XcpBodyOptions): Promise<XcpExchange> {
  // Every request counts against the rate, well-formed or not; the refusal still echoes the object when it can.
  const limiter = opts.rateLimiter === undefined ? processRateLimiter() : opts.rateLimiter;
  const allowed = limiter ? limiter.take(reseller.id) : true;
  let data: OpsValue;
  try {
    data = decodeOps(body).data;
  } catch (err) {
    const result = allowed ? errorResult(err) : { code: 300, text: RATE_EXCEEDED_TEXT };
    return { reply: encodeReply('UNKNOWN', result), result };
  }
  let req: XcpRequest;
  try {
    req = parseXcpRequest(data);
  } catch (err) {
    const result = allowed ? errorResult(err) : { code: 300, text: RATE_EXCEEDED_TEXT };
    return { reply: encodeReply('UNKNOWN', result), result };
  }
  const result = allowed ? await runXcpCommand(core, reseller, remoteIp, req) : { code: 300, text: RATE_EXCEEDED_TEXT };
  return encodeExchange(req, result);
}

/**
 * A result a handler built that cannot be encoded is our bug; it must still end as an OPS reply, not escape to the
 * door (an HTTP 500, or a TCP session dropped without a word).
 */
function encodeExchange(req: XcpRequest, result: XcpResult): XcpExchange {
  try {
    return { reply: encodeReply(req.objectAsSent, result), request: req, result };
  } catch (err) {
    console.error('regd: XCP reply could not be encoded:', err);
    const failed: XcpResult = { code: 400, text: 'Internal server error' };
    return { reply: encodeReply(req.objectAsSent, failed), request: req, result: failed };
  }
}
