// A remote registry's premium prices, read with an RFC 8748 fee:check (create, renew and transfer, one year each)
// when its greeting offers the fee extension, and kept as briefly as availability answers are. regd charges a
// premium name at the registry's own price (its standard names follow regd's price list); the core sends that price
// back (RegistryFee) as the fee agreed to with the create, renew or transfer, as RFC 8748 registries require. A TLD
// configured with `premium_names = false` is never asked.
import type { EppFeeAgreement, EppFeeCheck } from '../../client/epp/types.ts';
import type { RegistryFee } from '../registryPort.ts';

export interface PremiumPrice { currency: string; register: number; renew: number; transfer: number }

/** Minor units of a decimal amount ("1200.00" -> 120000); NaN for anything else. */
export function minorUnits(amount: string): number {
  return /^\d+(\.\d{1,2})?$/.test(amount.trim()) ? Math.round(Number(amount) * 100) : NaN;
}

/** The premium price in a fee:check answer, or undefined for a standard name (or an answer without prices). */
export function premiumPriceOf(fee: EppFeeCheck | undefined, fallbackCurrency: string): PremiumPrice | undefined {
  if (!fee || fee.class?.toLowerCase() !== 'premium') return undefined;
  const of = (name: string) => {
    const cmd = fee.commands.find((c) => c.name === name);
    return cmd ? cmd.fees.reduce((sum, f) => sum + minorUnits(f.amount), 0) : NaN;
  };
  const price = { currency: fee.currency ?? fallbackCurrency, register: of('create'), renew: of('renew'), transfer: of('transfer') };
  return [price.register, price.renew, price.transfer].every((v) => Number.isFinite(v) && v >= 0) ? price : undefined;
}

/** The core's agreed fee as RFC 8748 fee:fee; undefined for a standard name. */
export function feeAgreementOf(fee: RegistryFee | undefined): EppFeeAgreement | undefined {
  return fee ? { currency: fee.currency, fees: [{ amount: (fee.amountMinor / 100).toFixed(2) }] } : undefined;
}

export const FEE_CHECK = { commands: [{ name: 'create' as const, period: 1 }, { name: 'renew' as const, period: 1 }, { name: 'transfer' as const, period: 1 }] };
