// Serialises an EppResult as an RFC 5730 <response>.
import { NS } from './eppNamespaces.ts';
import { EPP_RESULT_MESSAGES } from './eppResultCodes.ts';
import type { EppResult } from './eppTypes.ts';
import { el, textEl } from './xmlWriter.ts';

export function renderResponse(r: EppResult, trid: { clTRID?: string; svTRID: string }): string {
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
    el('trID', {}, trid.clTRID !== undefined ? textEl('clTRID', trid.clTRID) : undefined, textEl('svTRID', trid.svTRID)));
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n${el('epp', { xmlns: NS.epp }, body)}\n`;
}
