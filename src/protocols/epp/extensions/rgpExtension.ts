// RFC 3915 (RGP): restore requests/reports on domain <update>, and rgp:infData on domain <info>.
import type { EppContext, EppResult } from '../eppTypes.ts';
import { EppError } from '../eppTypes.ts';
import type { DomainRow } from '../../../core/commands/findDomain.ts';
import { NS } from '../eppNamespaces.ts';
import { child, childText, childrenOf, textOf, type XmlElement } from '../xmlTree.ts';
import { el } from '../xmlWriter.ts';
import { requestRestore, reportRestore, type RestoreReport } from '../../../core/commands/restoreDomain.ts';
import { ADD_GRACE_DAYS } from '../../../core/rgpPeriods.ts';
import { DAY_MS } from '../../../core/dates.ts';
import { feeRefusal, parseFeeAgreement, renderFeeResult } from './feeExtension.ts';

const RGP_STATES = new Set(['redemptionPeriod', 'pendingRestore', 'pendingDelete']);
const RENEW_GRACE_STATES = new Set(['renewPeriod', 'autoRenewPeriod']);
/** Days after a transfer during which RFC 3915's transferPeriod is shown. */
const TRANSFER_GRACE_DAYS = 5;

function rgpStatusFragment(element: 'infData' | 'upData', statuses: string[]): string {
  return el(`rgp:${element}`, { 'xmlns:rgp': NS.rgp }, ...statuses.map((s) => el('rgp:rgpStatus', { s })));
}

/** The <rgp:update> element among a command's extensions, if any. */
export function rgpUpdateOf(extensions: XmlElement[]): XmlElement | undefined {
  return extensions.find((e) => e.ns === NS.rgp && e.name === 'update');
}

/** A report's mixed-content element as text: its text, or its child elements re-serialised loosely. */
function mixedText(e: XmlElement | undefined): string {
  if (!e) return '';
  const parts = [e.text.trim(), ...e.children.map((c) => `${c.name}: ${mixedText(c)}`)].filter((p) => p !== '');
  return parts.join('\n');
}

function parseReport(report: XmlElement): RestoreReport {
  const get = (name: string) => child(report, NS.rgp, name);
  return {
    preData: mixedText(get('preData')),
    postData: mixedText(get('postData')),
    delTime: textOf(get('delTime')) ?? '',
    resTime: textOf(get('resTime')) ?? '',
    resReason: mixedText(get('resReason')),
    statements: childrenOf(report, NS.rgp, 'statement').map((s) => mixedText(s)),
    other: get('other') ? mixedText(get('other')) : undefined,
  };
}

/** Handles a domain <update> that carries <rgp:update><rgp:restore op="request|report">. */
export async function handleRestore(ctx: EppContext): Promise<EppResult> {
  const update = rgpUpdateOf(ctx.extensions);
  const restore = update && child(update, NS.rgp, 'restore');
  if (!restore) throw new EppError(2003, 'Required parameter missing: rgp:restore');
  const name = childText(ctx.object, NS.domain, 'name');
  if (!name) throw new EppError(2003, 'Required parameter missing: domain:name');
  // A restore changes nothing else (RFC 3915 sends an empty <domain:chg/>; so does the Openprovider guide).
  for (const part of ['add', 'rem', 'chg']) {
    const p = child(ctx.object, NS.domain, part);
    if (p && p.children.length > 0) throw new EppError(2306, `Parameter value policy error: a restore cannot be combined with other changes (domain:${part} must be empty)`);
  }
  const op = restore.attrs.op;
  if (op === 'request') {
    // RFC 8748: <fee:update> agrees to the restore's price (2004 if lower, or if a premium renewal goes unagreed).
    const fee = parseFeeAgreement(ctx.extensions, 'update');
    const r = await requestRestore(ctx.core, { resellerId: ctx.reseller.id, name, acceptedPrice: fee }).catch((err: unknown) => { throw feeRefusal(err, 'update'); });
    const feeData = renderFeeResult(ctx, 'updData', fee, { amountMinor: r.amountMinor, currency: r.currency, description: 'Restore Fee' }) ?? '';
    // Not confirmed by the registry in time: action pending, a poll message tells the outcome.
    return { code: r.status === 'submitted' ? 1001 : 1000, extension: rgpStatusFragment('upData', ['pendingRestore']) + feeData };
  }
  if (op === 'report') {
    const reportEl = child(restore, NS.rgp, 'report');
    if (!reportEl) throw new EppError(2003, 'Required parameter missing: rgp:report');
    const r = await reportRestore(ctx.core, { resellerId: ctx.reseller.id, name, report: parseReport(reportEl) });
    return { code: r.status === 'submitted' ? 1001 : 1000 };
  }
  throw new EppError(2005, `Parameter value syntax error: restore op ${op}`);
}

/**
 * The RFC 3915 statuses of a domain: its redemption state if deleted, else the grace periods it is in
 * (addPeriod for ADD_GRACE_DAYS after creation, transferPeriod after a transfer, and `renewals`: renewPeriod /
 * autoRenewPeriod as the core's renewGraceStatuses reads them from the domain's history). The grace periods need
 * the time: pass the clock's `now`; without it only the redemption states are reported.
 */
export function rgpStatuses(row: DomainRow, now?: Date, renewals: string[] = []): string[] {
  if (row.rgp_status && RGP_STATES.has(row.rgp_status)) return [row.rgp_status];
  if (!now) return [];
  const out: string[] = [];
  const t = now.getTime();
  if (row.transferred_at === null && t < new Date(row.created_at).getTime() + ADD_GRACE_DAYS * DAY_MS) out.push('addPeriod');
  for (const s of renewals) if (RENEW_GRACE_STATES.has(s)) out.push(s);
  if (row.transferred_at !== null && t < new Date(row.transferred_at).getTime() + TRANSFER_GRACE_DAYS * DAY_MS) out.push('transferPeriod');
  return out;
}

/** The <rgp:infData> fragment for a domain in a grace or redemption period, else undefined. */
export function rgpInfData(row: DomainRow, now?: Date, renewals: string[] = []): string | undefined {
  const statuses = rgpStatuses(row, now, renewals);
  return statuses.length ? rgpStatusFragment('infData', statuses) : undefined;
}
