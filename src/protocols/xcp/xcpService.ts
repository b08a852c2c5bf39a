// One XCP exchange, transport-independent: OPS bytes in (already authenticated), OPS bytes out. Every failure
// becomes a well-formed OPS reply; nothing below here may leak a stack trace to the wire.
import { decodeOps, encodeOps, OpsDecodeError, type OpsValue } from '../ops/index.ts';
import { CoreError } from '../../core/errors.ts';
import type { Core } from '../../core/core.ts';
import type { Reseller } from '../../core/commands/resellers.ts';
import { parseXcpRequest, type XcpRequest } from './xcpRequest.ts';
import { buildReply, type XcpResult } from './xcpReply.ts';
import { XcpError } from './xcpError.ts';
import { XCP_CODE_FOR } from './coreErrorCodes.ts';
import { XCP_COMMANDS } from './xcpCommands.ts';

export interface XcpExchange {
  reply: string;
  request?: XcpRequest;
  result: XcpResult;
}

export async function runXcpCommand(core: Core, reseller: Reseller, remoteIp: string, req: XcpRequest): Promise<XcpResult> {
  const handler = XCP_COMMANDS[`${req.object} ${req.action}`];
  if (!handler) return { code: 430, text: `Invalid Command: ${req.action.toUpperCase()} ${req.object.toUpperCase()}` };
  try {
    return await handler({ core, reseller, remoteIp }, req);
  } catch (err) {
    return errorResult(err);
  }
}

export function errorResult(err: unknown): XcpResult {
  if (err instanceof XcpError) return { code: err.code, text: err.message };
  if (err instanceof CoreError) return { code: XCP_CODE_FOR[err.kind], text: err.message };
  if (err instanceof OpsDecodeError) return { code: 400, text: `Invalid XML: ${err.message}` };
  console.error('regd: internal error in XCP command:', err);
  return { code: 400, text: 'Internal server error' };
}

export function encodeReply(object: string, result: XcpResult): string {
  return encodeOps(buildReply(object, result));
}

export async function handleXcpBody(core: Core, reseller: Reseller, remoteIp: string, body: Buffer | string): Promise<XcpExchange> {
  let data: OpsValue;
  try {
    data = decodeOps(body).data;
  } catch (err) {
    const result = errorResult(err);
    return { reply: encodeReply('UNKNOWN', result), result };
  }
  let req: XcpRequest;
  try {
    req = parseXcpRequest(data);
  } catch (err) {
    const result = errorResult(err);
    return { reply: encodeReply('UNKNOWN', result), result };
  }
  const result = await runXcpCommand(core, reseller, remoteIp, req);
  return { reply: encodeReply(req.objectAsSent, result), request: req, result };
}
