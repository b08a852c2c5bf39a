// RFC 8748 (urn:ietf:params:xml:ns:epp:fee-1.0) on domain commands:
//   check     <fee:check> asks the price of create, renew, transfer or restore (and delete/update, which are free)
//             for each name: <fee:chkData> answers per name with its class (premium or standard) and per command
//             the fee and whether it is the standard one;
//   create, renew, transfer, and update carrying an RGP restore request: <fee:create|renew|transfer|update> with
//             <fee:fee> is the amount the client agrees to pay. The core refuses (EPP 2004, "Parameter value range
//             error") an amount lower than the price, a currency other than the price's, and a premium-priced name
//             without any agreement (prices.ts assertPriceAccepted); the answer then carries <fee:creData> (renData,
//             trnData, updData) with the amount charged, which is the price (premium or standard), not the amount sent.
// Amounts on the wire are decimals; the core counts minor units. An agreed amount with more than two decimals is
// rounded down to the cent (10.989 accepts no more than 10.98).
import { NS } from '../eppNamespaces.ts';
import { child, childText, childrenOf, textOf, type XmlElement } from '../xmlTree.ts';
import { el, textEl } from '../xmlWriter.ts';
import { EppError, type EppContext } from '../eppTypes.ts';
import { CoreError } from '../../../core/errors.ts';
import { DEFAULT_CURRENCY, formatAmount } from '../../../core/money.ts';
import type { AcceptedPrice } from '../../../core/commands/prices.ts';
import { quoteCommand, quoteName, type NameQuote, type QuotedCommand } from '../../../core/commands/feeQuotes.ts';

export const FEE_XMLNS = { 'xmlns:fee': NS.fee };

export type FeeTransform = 'create' | 'renew' | 'transfer' | 'update';

export interface FeeCheckCommand {
  name: string;
  customName?: string;
  phase?: string;
  subphase?: string;
  /** Years; months are converted (a period that is not whole years is answered with a reason). */
  period?: { value: number; unit: 'y' | 'm' };
}

export interface FeeCheckRequest { currency?: string; commands: FeeCheckCommand[] }

function feeElement(extensions: XmlElement[], name: string): XmlElement | undefined {
  return extensions.find((e) => e.ns === NS.fee && e.name === name);
}

/** <fee:check>, if the command carries one. */
export function parseFeeCheck(extensions: XmlElement[]): FeeCheckRequest | undefined {
  const c = feeElement(extensions, 'check');
  if (!c) return undefined;
  return {
    currency: childText(c, NS.fee, 'currency')?.trim(),
    commands: childrenOf(c, NS.fee, 'command').map((cmd) => {
      const p = child(cmd, NS.fee, 'period');
      return {
        name: cmd.attrs.name ?? '', customName: cmd.attrs.customName, phase: cmd.attrs.phase, subphase: cmd.attrs.subphase,
        period: p ? { value: Number(textOf(p)), unit: p.attrs.unit === 'm' ? 'm' as const : 'y' as const } : undefined,
      };
    }),
  };
}

/** A fee-1.0 decimal (nonNegativeDecimal) in minor units, rounded down to the cent. */
export function decimalToMinor(text: string): number {
  const m = /^\+?(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) throw new EppError(2005, `Parameter value syntax error: fee ${JSON.stringify(text.slice(0, 40))} is not a decimal amount`);
  const minor = Number(m[1] || '0') * 100 + Number((m[2] ?? '').slice(0, 2).padEnd(2, '0'));
  if (!Number.isSafeInteger(minor)) throw new EppError(2004, 'Parameter value range error: fee is too large');
  return minor;
}

/**
 * The agreement in <fee:create|renew|transfer|update>: the sum of its <fee:fee> elements (credits are not
 * subtracted: regd grants none), in its <fee:currency> if given. Undefined when the command carries none.
 */
export function parseFeeAgreement(extensions: XmlElement[], command: FeeTransform): AcceptedPrice | undefined {
  const e = feeElement(extensions, command);
  if (!e) return undefined;
  const amountMinor = childrenOf(e, NS.fee, 'fee').reduce((sum, f) => sum + decimalToMinor(f.text), 0);
  const currency = childText(e, NS.fee, 'currency')?.trim();
  return currency ? { amountMinor, currency } : { amountMinor };
}

/** The core's refusal of a price, worded for EPP (2004), pointing at the fee extension. */
export function feeRefusal(err: unknown, command: FeeTransform): unknown {
  if (!(err instanceof CoreError) || err.kind !== 'price_not_accepted') return err;
  return new EppError(2004, `Parameter value range error: ${err.message}; agree to it with <fee:${command}><fee:fee> (${NS.fee})`);
}

const DESCRIPTIONS: Record<QuotedCommand, string> = {
  create: 'Registration Fee', renew: 'Renewal Fee', transfer: 'Transfer Fee', restore: 'Restore Fee',
};

/** <fee:creData>, renData, trnData or updData: what was charged. Only when the command carried the agreement. */
export function renderFeeResult(
  ctx: EppContext, kind: 'creData' | 'renData' | 'trnData' | 'updData', agreed: AcceptedPrice | undefined,
  charged: { amountMinor: number; currency: string; years?: number; description: string },
): string | undefined {
  if (!agreed || !ctx.session.extURIs.has(NS.fee)) return undefined;
  return el(`fee:${kind}`, FEE_XMLNS,
    textEl('fee:currency', charged.currency),
    charged.years ? textEl('fee:period', charged.years, { unit: 'y' }) : undefined,
    textEl('fee:fee', formatAmount(charged.amountMinor), { description: charged.description }));
}

/** Short reasons (<fee:reason> is a token; keep it readable). */
function reasonOf(err: unknown): string {
  if (!(err instanceof CoreError)) throw err;
  if (err.kind === 'unknown_tld') return 'TLD not offered';
  if (err.kind === 'invalid_domain') return 'Invalid domain name syntax';
  return err.message.slice(0, 200);
}

function periodYears(p: FeeCheckCommand['period']): number | string {
  if (!p) return 1;
  const years = p.unit === 'm' ? p.value / 12 : p.value;
  if (!Number.isInteger(years) || years < 1 || years > 99) return `a period of ${p.value}${p.unit} is not a whole number of years`;
  return years;
}

/** One <fee:command> of the answer, priced for the name. */
async function commandData(ctx: EppContext, q: NameQuote, c: FeeCheckCommand, currency: string): Promise<{ xml: string; ok: boolean }> {
  const attrs = { name: c.name, customName: c.customName, phase: c.phase, subphase: c.subphase };
  const fail = (reason: string) => ({ xml: el('fee:command', attrs, textEl('fee:reason', reason)), ok: false });
  if (c.name === 'delete' || c.name === 'update') {
    return { xml: el('fee:command', { ...attrs, standard: '1' }, textEl('fee:fee', '0.00', { description: `${c.name === 'delete' ? 'Deletion' : 'Update'} (no charge)` })), ok: true };
  }
  if (c.name !== 'create' && c.name !== 'renew' && c.name !== 'transfer' && c.name !== 'restore') return fail(`command ${c.customName ?? c.name} is not priced`);
  const years = periodYears(c.period);
  if (typeof years === 'string') return fail(years);
  try {
    const price = await quoteCommand(ctx.core, q, c.name, years);
    if (price.currency !== currency) return fail(`priced in ${price.currency}, not ${currency}`);
    return {
      xml: el('fee:command', { ...attrs, standard: price.premium ? '0' : '1' },
        price.years > 0 ? textEl('fee:period', price.years, { unit: 'y' }) : undefined,
        textEl('fee:fee', formatAmount(price.amountMinor), { description: DESCRIPTIONS[c.name] })),
      ok: true,
    };
  } catch (err) {
    return fail(reasonOf(err));
  }
}

/** <fee:chkData> for the names of a domain check, in their order (names as the check shows them). */
export async function renderFeeChkData(ctx: EppContext, request: FeeCheckRequest, names: string[]): Promise<string> {
  const currency = (request.currency || DEFAULT_CURRENCY).toUpperCase();
  const cds: string[] = [];
  for (const input of names) {
    let q: NameQuote;
    try {
      q = await quoteName(ctx.core, input);
    } catch (err) {
      cds.push(el('fee:cd', { avail: '0' }, textEl('fee:objID', input), textEl('fee:reason', reasonOf(err))));
      continue;
    }
    const commands = [];
    for (const c of request.commands) commands.push(await commandData(ctx, q, c, currency));
    const ok = commands.every((c) => c.ok);
    cds.push(el('fee:cd', { avail: ok ? '1' : '0' },
      textEl('fee:objID', q.name),
      textEl('fee:class', q.premium ? 'premium' : 'standard'),
      ...commands.map((c) => c.xml)));
  }
  return el('fee:chkData', FEE_XMLNS, textEl('fee:currency', currency), ...cds);
}
