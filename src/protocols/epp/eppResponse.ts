// Serialises an EppResult as an RFC 5730 <response>.
import { NS } from './eppNamespaces.ts';
import { EPP_RESULT_MESSAGES } from './eppResultCodes.ts';
import type { EppResult } from './eppTypes.ts';
import { el, textEl } from './xmlWriter.ts';

/**
 * Whether a value is a valid epp:trIDStringType: a token (whitespace runs collapse to one space, none at the ends)
 * of 3 to 64 characters, counted in code points as XSD counts them.
 */
export function isValidTrId(value: string): boolean {
  const token = value.replace(/[\t\n\r ]+/g, ' ').replace(/^ | $/g, ''); // XML whitespace only, unlike trim()
  const length = [...token].length;
  return length >= 3 && length <= 64;
}

export function renderResponse(r: EppResult, trid: { clTRID?: string; svTRID: string }): string {
  // Echo the client's clTRID only when it is valid: a refused one (2001) echoed back would make the reply itself
  // fail the schema. A reply without clTRID is what RFC 5730 prescribes when the client sent none.
  const clTRID = trid.clTRID !== undefined && isValidTrId(trid.clTRID) ? trid.clTRID : undefined;
  const msg = r.msg ?? EPP_RESULT_MESSAGES[r.code] ?? 'Command failed';
  const values = (r.values ?? []).map((v) =>
    v.extValue ? el('extValue', {}, el('value', {}, v.extValue.valueXml), textEl('reason', v.extValue.reason)) : el('value', {}, v.valueXml ?? ''));
  const msgQ = r.msgQ
    ? el('msgQ', { count: r.msgQ.count, id: r.msgQ.id }, r.msgQ.qDate ? textEl('qDate', r.msgQ.qDate) : undefined, r.msgQ.msg ? textEl('msg', r.msgQ.msg) : undefined)
    : undefined;
  const body = el('response', {},
    el('result', { code: r.code }, textEl('msg', msg), ...values),
    msgQ,
    r.resData ? el('resData', {}, r.resData) : undefined,
    r.extension ? el('extension', {}, r.extension) : undefined,
    el('trID', {}, clTRID !== undefined ? textEl('clTRID', clTRID) : undefined, textEl('svTRID', trid.svTRID)));
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n${el('epp', { xmlns: NS.epp }, body)}\n`;
}
