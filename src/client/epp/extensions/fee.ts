// RFC 8748 fees (urn:ietf:params:xml:ns:epp:fee-1.0): prices asked for on check, the fee agreed to on create, renew,
// transfer and update, and the fee the server reports charging. Amounts stay decimal strings.
import { el, textEl } from '../../../protocols/epp/xmlWriter.ts';
import { child, childText, childrenOf, type XmlElement } from '../../../protocols/epp/xmlTree.ts';
import { NS } from '../namespaces.ts';
import { extensionOf, type EppReply } from '../reply.ts';
import type { ExtFragment } from '../envelope.ts';
import type { EppFee, EppFeeAgreement, EppFeeCheck, EppFeeCheckRequest, EppFeeResult } from '../types.ts';

const FEE = { 'xmlns:fee': NS.fee };

export function feeCheck(r: EppFeeCheckRequest): ExtFragment {
  return {
    uri: NS.fee,
    xml: el('fee:check', FEE,
      r.currency !== undefined ? textEl('fee:currency', r.currency) : undefined,
      ...r.commands.map((c) => el('fee:command', { name: c.name, customName: c.customName, phase: c.phase, subphase: c.subphase },
        c.period !== undefined ? textEl('fee:period', c.period, { unit: 'y' }) : undefined))),
  };
}

/** <fee:create>, <fee:renew>, <fee:transfer> or <fee:update>: the fee the client accepts. */
export function feeAgreement(command: 'create' | 'renew' | 'transfer' | 'update', a: EppFeeAgreement): ExtFragment {
  return {
    uri: NS.fee,
    xml: el(`fee:${command}`, FEE,
      a.currency !== undefined ? textEl('fee:currency', a.currency) : undefined,
      ...a.fees.map((f) => textEl('fee:fee', String(f.amount), {
        description: f.description,
        refundable: f.refundable === undefined ? undefined : f.refundable ? '1' : '0',
        'grace-period': f.gracePeriod,
        applied: f.applied,
      }))),
  };
}

const bool = (v: string | undefined) => (v === undefined ? undefined : v === '1' || v === 'true');

function fees(parent: XmlElement, name: 'fee' | 'credit'): EppFee[] {
  return childrenOf(parent, NS.fee, name).map((f) => ({
    amount: f.text.trim(), description: f.attrs.description, refundable: bool(f.attrs.refundable), gracePeriod: f.attrs['grace-period'], applied: f.attrs.applied,
  }));
}

function period(parent: XmlElement): { value: number; unit: 'y' | 'm' } | undefined {
  const p = child(parent, NS.fee, 'period');
  return p ? { value: Number(p.text.trim()), unit: p.attrs.unit === 'm' ? 'm' : 'y' } : undefined;
}

/** fee:chkData by object name (lower case). */
export function readFeeCheck(reply: EppReply): Map<string, EppFeeCheck> {
  const out = new Map<string, EppFeeCheck>();
  const chk = extensionOf(reply, NS.fee, 'chkData');
  if (!chk) return out;
  const currency = childText(chk, NS.fee, 'currency');
  for (const cd of childrenOf(chk, NS.fee, 'cd')) {
    const name = childText(cd, NS.fee, 'objID') ?? '';
    out.set(name.toLowerCase(), {
      avail: bool(cd.attrs.avail) ?? true,
      currency,
      class: childText(cd, NS.fee, 'class'),
      reason: childText(cd, NS.fee, 'reason'),
      commands: childrenOf(cd, NS.fee, 'command').map((c) => ({
        name: c.attrs.name ?? '',
        customName: c.attrs.customName,
        phase: c.attrs.phase,
        subphase: c.attrs.subphase,
        period: period(c),
        standard: bool(c.attrs.standard) ?? false,
        fees: fees(c, 'fee'),
        credits: fees(c, 'credit'),
        reason: childText(c, NS.fee, 'reason'),
      })),
    });
  }
  return out;
}

/** fee:creData, renData, trnData, updData or delData: what the server charged. */
export function readFeeResult(reply: EppReply, name: 'creData' | 'renData' | 'trnData' | 'updData' | 'delData'): EppFeeResult | undefined {
  const r = extensionOf(reply, NS.fee, name);
  if (!r) return undefined;
  return {
    currency: childText(r, NS.fee, 'currency'),
    period: period(r),
    fees: fees(r, 'fee'),
    credits: fees(r, 'credit'),
    balance: childText(r, NS.fee, 'balance'),
    creditLimit: childText(r, NS.fee, 'creditLimit'),
  };
}
