// The price list: per TLD, action and period, in minor units. A fresh store is seeded from the registry's
// policies; existing rows (an operator's own prices) are never overwritten.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
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
