// The sandbox's premium names (RFC 8748 class "premium"), a deterministic rule so tests and newcomers can pick one
// without guessing, the way takenElsewhere.ts does for taken names:
//   1. every name whose registrable label begins with "premium" (premium.com, premiumcars.net, premium-shop.co.uk)
//      costs ten times the TLD's standard price, for registration, renewal and transfer alike;
//   2. a few fixed dictionary labels carry a fixed price in any TLD (registration; renewal and transfer cost a
//      tenth of it): FIXED_PREMIUM_LABELS below.
// Every other name is standard-priced (the price list applies). Prices are per year in minor units of the TLD's
// currency; a transfer adds one year, so it costs one year's transfer price.
import type { TldPolicy } from '../tldPolicy.ts';

export interface PremiumPrice { currency: string; register: number; renew: number; transfer: number }

/** Fixed premium labels and their registration price (minor units per year). */
export const FIXED_PREMIUM_LABELS: ReadonlyMap<string, number> = new Map([
  ['vip', 50_000],
  ['casino', 250_000],
  ['hotel', 120_000],
  ['crypto', 99_900],
]);

export const PREMIUM_PREFIX = 'premium';
export const PREMIUM_MULTIPLIER = 10;

export function sandboxPremiumPrice(asciiName: string, policy: TldPolicy): PremiumPrice | undefined {
  const label = asciiName.slice(0, asciiName.length - policy.tld.length - 1);
  if (label === '' || label.includes('.')) return undefined;
  const fixed = FIXED_PREMIUM_LABELS.get(label);
  if (fixed !== undefined) {
    const yearly = Math.round(fixed / 10);
    return { currency: policy.currency, register: fixed, renew: yearly, transfer: yearly };
  }
  if (!label.startsWith(PREMIUM_PREFIX)) return undefined;
  const p = policy.prices;
  return {
    currency: policy.currency,
    register: p.register * PREMIUM_MULTIPLIER, renew: p.renew * PREMIUM_MULTIPLIER, transfer: p.transfer * PREMIUM_MULTIPLIER,
  };
}
