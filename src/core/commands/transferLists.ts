// Transfers a reseller is party to, newest first, a page at a time (XCP GET_TRANSFERS_IN / GET_TRANSFERS_AWAY).
import type { Core } from '../core.ts';
import { transferView, type TransferView } from './transfers.ts';

export interface TransferListQuery { resellerId: number; side: 'in' | 'away'; status?: string; page: number; limit: number }

export async function listTransfers(core: Core, q: TransferListQuery): Promise<{ total: number; transfers: Array<TransferView & { id: number }> }> {
  let query = core.db.selectFrom('transfers').where(q.side === 'in' ? 'gaining_reseller_id' : 'losing_reseller_id', '=', q.resellerId);
  if (q.status) query = query.where('status', '=', q.status);
  const total = Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await query.selectAll().orderBy('id', 'desc').limit(q.limit).offset(q.page * q.limit).execute();
  const transfers = [];
  for (const r of rows) transfers.push({ id: r.id, ...(await transferView(core.db, r)) });
  return { total, transfers };
}
