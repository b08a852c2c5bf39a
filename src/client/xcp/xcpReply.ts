// An XCP reply as both XCP clients return it, and the error the typed helpers throw when it says is_success=0.
import { decodeOps, isAssoc, makeAssoc, type OpsAssoc } from '../../protocols/ops/index.ts';

export interface XcpReply {
  responseCode: number;
  responseText: string;
  isSuccess: boolean;
  attributes: OpsAssoc;
  raw: OpsAssoc;
}

/** Decodes an OPS reply body into an XcpReply (throws if it is not an OPS dt_assoc). */
export function parseReply(body: string): XcpReply {
  const data = decodeOps(body).data;
  if (!isAssoc(data)) throw new Error('XCP reply is not a dt_assoc');
  const attributes = data.attributes;
  return {
    responseCode: Number(data.response_code),
    responseText: String(data.response_text ?? ''),
    isSuccess: data.is_success === '1',
    attributes: isAssoc(attributes) ? attributes : makeAssoc(),
    raw: data,
  };
}

/** The server answered is_success=0: responseCode and responseText say why (e.g. 415 authentication, 465 bad data). */
export class XcpError extends Error {
  readonly responseCode: number;
  readonly responseText: string;
  readonly reply: XcpReply;

  constructor(reply: XcpReply, what: string) {
    super(`${what}: ${reply.responseCode} ${reply.responseText}`);
    this.name = 'XcpError';
    this.responseCode = reply.responseCode;
    this.responseText = reply.responseText;
    this.reply = reply;
  }
}
