// The whole price list (standard prices per TLD, action and period) as the operator has set it. Premium names are
// priced per name by their registry (prices.ts priceOfName), so they are not in this list.
import type { Core } from '../core.ts';

export interface PriceListEntry { tld: string; action: string; period: number; amountMinor: number; currency: string }

export async function readPriceList(core: Core): Promise<PriceListEntry[]> {
  const offered = new Set(core.registry.policies().map((p) => p.tld));
  const rows = await core.db.selectFrom('prices').select(['tld', 'action', 'period', 'amount_minor', 'currency'])
    .orderBy('tld').orderBy('action').orderBy('period').execute();
  // A row left for a TLD no longer offered is not a price anyone can pay.
  return rows.filter((r) => offered.has(r.tld))
    .map((r) => ({ tld: r.tld, action: r.action, period: r.period, amountMinor: Number(r.amount_minor), currency: r.currency }));
}
