// Funds on hold (OpenSRS GET_BALANCE hold_balance): what the reseller has paid for orders a registry has not
// answered yet, the orders in flight or answered "pending" (registry_state inflight | pending). Their price was
// debited when they were reserved; the registry's answer either keeps it (completed) or refunds it (failed).
import type { Core } from '../core.ts';

export async function heldFunds(core: Core, resellerId: number): Promise<number> {
  const r = await core.db.selectFrom('orders').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.lit(0)).as('held'))
    .where('reseller_id', '=', resellerId).where('registry_state', 'in', ['inflight', 'pending']).executeTakeFirstOrThrow();
  return Number(r.held);
}
