// The price list: per TLD, action and period, in minor units. A fresh store is seeded from the registry's
// policies; existing rows (an operator's own prices) are never overwritten.
//
// The price of a name (priceOfName) is the core's decision for every door: the registry's premium price when its
// registry names one (RegistryPort.premiumPrice, RFC 8748 class "premium"), else the price list's standard price.
// A premium price must be acknowledged by the client (XCP premium_price_to_verify, EPP <fee:fee>), and an
// acknowledged amount lower than the price refuses the command (assertPriceAccepted): the same rule on both doors.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { formatAmount } from '../money.ts';
import type { TldPolicy } from '../../registry/tldPolicy.ts';

export type PriceAction = 'register' | 'renew' | 'transfer';

export async function seedPriceList(core: Core): Promise<void> {
  const rows = core.registry.policies().flatMap((p: TldPolicy) =>
    (['register', 'renew', 'transfer'] as const).flatMap((action) =>
      (action === 'transfer' ? [1] : p.periods).map((period) => ({
        tld: p.tld, action, period, amount_minor: p.prices[action] * period, currency: p.currency,
      }))));
  await core.db.transaction().execute(async (trx) => {
    for (const row of rows) {
      await trx.insertInto('prices').values(row).onConflict((oc) => oc.columns(['tld', 'action', 'period']).doNothing()).execute();
    }
  });
}

export async function priceFor(core: Core, tld: string, action: PriceAction, period: number): Promise<{ amountMinor: number; currency: string }> {
  const policy = core.registry.policy(tld);
  if (!policy) throw new CoreError('unknown_tld', `TLD .${tld} is not offered`, 'domain');
  if (action !== 'transfer' && !policy.periods.includes(period)) {
    throw new CoreError('period_not_allowed', `Invalid period ${period}: .${tld} allows ${describePeriods(policy.periods)} years`, 'period');
  }
  const row = await core.db.selectFrom('prices').select(['amount_minor', 'currency'])
    .where('tld', '=', tld).where('action', '=', action).where('period', '=', action === 'transfer' ? 1 : period)
    .executeTakeFirst();
  if (!row) throw new CoreError('not_supported', `No ${action} price for .${tld} and ${period} year(s)`, 'period');
  return { amountMinor: row.amount_minor, currency: row.currency };
}

export function describePeriods(periods: number[]): string {
  const sorted = [...periods].sort((a, b) => a - b);
  const contiguous = sorted.every((p, i) => i === 0 || p === sorted[i - 1] + 1);
  return contiguous && sorted.length > 1 ? `${sorted[0]}-${sorted[sorted.length - 1]}` : sorted.join(', ');
}

/** A name's price for one action and period: premium (the registry's) or standard (the price list's). */
export interface NamePrice {
  amountMinor: number;
  currency: string;
  premium: boolean;
}

/** The amount (and currency, if given) a client agreed to pay: XCP premium_price_to_verify, EPP fee:fee. */
export interface AcceptedPrice { amountMinor: number; currency?: string }

/**
 * The price of `name` (ASCII, under `tld`) for an action and period. The period is checked against the TLD as
 * priceFor does; a transfer is priced for its one added year whatever the period.
 */
export async function priceOfName(core: Core, dn: { name: string; tld: string }, action: PriceAction, period: number): Promise<NamePrice> {
  const standard = await priceFor(core, dn.tld, action, period);
  const premium = await core.registry.premiumPrice?.(dn.name);
  if (!premium) return { ...standard, premium: false };
  const years = action === 'transfer' ? 1 : period;
  return { amountMinor: premium[action] * years, currency: premium.currency, premium: true };
}

/** Whether a name is premium-priced at its registry (registration price, per year). */
export async function isPremiumName(core: Core, name: string): Promise<boolean> {
  return (await core.registry.premiumPrice?.(name)) !== undefined;
}

/**
 * The acknowledgement rule: a premium price must be accepted explicitly; an accepted amount must be at least the
 * price (a higher one is fine: the price is what is charged), in the price's currency.
 */
export function assertPriceAccepted(price: NamePrice, accepted: AcceptedPrice | undefined, what: string, field: string): void {
  const shown = `${formatAmount(price.amountMinor)} ${price.currency}`;
  if (accepted === undefined) {
    if (price.premium) throw new CoreError('price_not_accepted', `${what} is premium-priced at ${shown}; the premium price must be acknowledged`, field);
    return;
  }
  if (accepted.currency !== undefined && accepted.currency.toUpperCase() !== price.currency) {
    throw new CoreError('price_not_accepted', `${what} is priced in ${price.currency}, not ${accepted.currency}`, field);
  }
  if (accepted.amountMinor < price.amountMinor) {
    throw new CoreError('price_not_accepted', `${what} costs ${shown}; the ${formatAmount(accepted.amountMinor)} accepted is lower`, field);
  }
}
