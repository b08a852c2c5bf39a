// XCP over HTTPS: authenticates a POST by X-Username and X-Signature (md5(md5(body + key) + key) over the exact
// body bytes, compared in constant time), checks the source address in live mode, and answers with the OPS
// reply under "HTTP/1.1 200 OK". Authentication failures are HTTP 401 carrying an OPS reply as well.
import type { Core } from '../../core/core.ts';
import { findResellerByUsername } from '../../core/commands/resellers.ts';
import { isSourceAllowed } from '../../core/access/sourceAddressAllowed.ts';
import type { HttpRequest, HttpResponse } from '../../transport/httpOverTls.ts';
import { startHttpOverTls, type HttpOverTlsOptions, type HttpOverTlsServer } from '../../transport/httpOverTls.ts';
import { verifyXcpSignature } from './xcpSignature.ts';
import { encodeReply, handleXcpBody } from './xcpService.ts';

export const MAX_XCP_BODY_BYTES = 1024 * 1024;

const XML = { 'Content-Type': 'text/xml' };

function opsResponse(status: number, code: number, text: string): HttpResponse {
  return { status, headers: XML, body: encodeReply('UNKNOWN', { code, text, success: false }) };
}

const TRANSPORT_ERRORS: Record<number, string> = {
  400: 'Malformed HTTP request',
  408: 'Request timed out',
  411: 'Content-Length required',
  413: `Request body exceeds the limit of ${MAX_XCP_BODY_BYTES} bytes`,
  431: 'Request headers too large',
  500: 'Internal server error',
  501: 'Transfer-Encoding is not supported; send Content-Length',
  503: 'Exceeded max simultaneous connections; retry later',
};

export function xcpTransportError(status: number): HttpResponse {
  // 503 is the per-address / total connection cap (connectionCaps.ts): the spec's 310.
  const code = status === 500 ? 400 : status === 503 ? 310 : 465;
  return opsResponse(status, code, TRANSPORT_ERRORS[status] ?? 'Request rejected');
}

export function createXcpHttpHandler(core: Core) {
  return async (req: HttpRequest): Promise<HttpResponse> => {
    if (req.method !== 'POST') {
      return { ...opsResponse(405, 400, 'Only POST is supported'), headers: { ...XML, Allow: 'POST' } };
    }
    const username = req.headers.get('x-username')?.trim();
    const signature = req.headers.get('x-signature')?.trim();
    if (!username || !signature) return opsResponse(401, 410, 'Authentication Error: X-Username and X-Signature headers are required');
    const reseller = await findResellerByUsername(core, username);
    // Same answer for an unknown reseller and a bad signature: don't reveal which usernames exist.
    if (!reseller || !verifyXcpSignature(req.body, reseller.privateKey, signature)) {
      return opsResponse(401, 410, 'Authentication Error: unknown reseller or invalid signature');
    }
    if (!isSourceAllowed(core, reseller, req.remoteAddress)) {
      return opsResponse(401, 410, `Authentication Error: access denied for IP address ${req.remoteAddress}`);
    }
    const exchange = await handleXcpBody(core, reseller, req.remoteAddress, req.body);
    return { status: 200, headers: XML, body: exchange.reply };
  };
}

type XcpHttpsOptions = Pick<HttpOverTlsOptions, 'cert' | 'key' | 'host' | 'port' | 'headerTimeoutMs' | 'connectionCaps' | 'shutdownGraceMs'>;

export async function startXcpHttps(core: Core, opts: XcpHttpsOptions): Promise<HttpOverTlsServer> {
  return startHttpOverTls({
    ...opts,
    handler: createXcpHttpHandler(core),
    maxBodyBytes: MAX_XCP_BODY_BYTES,
    errorResponse: xcpTransportError,
  });
}
