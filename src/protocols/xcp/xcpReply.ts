// Builds the standard XCP reply: protocol, action=REPLY, object, response_code, response_text, is_success and
// attributes (always present, possibly empty, so clients can index into it without checking).
import { makeAssoc, type OpsAssoc, type OpsItem } from '../ops/index.ts';

export interface XcpResult {
  code: number;
  text: string;
  /** Keys whose value is undefined are left out of the reply. */
  attributes?: Record<string, OpsItem | undefined> | OpsAssoc;
  /** Defaults to true for 2xx codes. */
  success?: boolean;
}

export function isSuccessCode(code: number): boolean {
  return code >= 200 && code < 300;
}

export function buildReply(object: string, r: XcpResult): OpsAssoc {
  const success = r.success ?? isSuccessCode(r.code);
  return makeAssoc([
    ['protocol', 'XCP'],
    ['action', 'REPLY'],
    ['object', object],
    ['response_code', String(r.code)],
    ['response_text', r.text],
    ['is_success', success ? '1' : '0'],
    ['attributes', makeAssoc(Object.entries(r.attributes ?? {}).filter((e): e is [string, OpsItem] => e[1] !== undefined))],
  ]);
}
