// A reseller's money ledger (ledger.ts writes it): every debit and credit with the balance it left, newest first, a
// page at a time with a keyset ("before this entry id"), optionally within a range of days.
import type { Core } from '../core.ts';

export interface LedgerQuery {
  resellerId: number;
  /** ISO times: entries at or after `from`, strictly before `to`. */
  from?: string;
  to?: string;
  /** The last (smallest) id of the previous page. */
  before?: number;
  limit: number;
}

export interface LedgerEntry {
  id: number;
  createdAt: string;
  /** Negative for a debit. */
  amountMinor: number;
  balanceAfterMinor: number;
  currency: string;
  description: string;
  orderId: number | null;
}

export async function listLedgerEntries(core: Core, q: LedgerQuery): Promise<{ items: LedgerEntry[]; more: boolean }> {
  let query = core.db.selectFrom('ledger_entries')
    .select(['id', 'created_at', 'amount_minor', 'balance_after', 'currency', 'description', 'order_id'])
    .where('reseller_id', '=', q.resellerId);
  if (q.from !== undefined) query = query.where('created_at', '>=', q.from);
  if (q.to !== undefined) query = query.where('created_at', '<', q.to);
  if (q.before !== undefined) query = query.where('id', '<', q.before);
  const rows = await query.orderBy('id', 'desc').limit(q.limit + 1).execute();
  return {
    items: rows.slice(0, q.limit).map((r) => ({
      id: Number(r.id), createdAt: r.created_at, amountMinor: Number(r.amount_minor), balanceAfterMinor: Number(r.balance_after),
      currency: r.currency, description: r.description, orderId: r.order_id === null ? null : Number(r.order_id),
    })),
    more: rows.length > q.limit,
  };
}
