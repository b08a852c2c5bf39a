// Cancelling an order (OpenSRS CANCEL_ORDER). Only an order nothing has been done for can be cancelled: a
// registration saved for later (handle=save), not yet sent to any registry and not charged. Everything else is
// refused with the reason: an order at the registry (in flight, or answered "pending") waits for the registry's
// answer; a transfer waiting on the losing side is withdrawn with CANCEL_TRANSFER (which refunds it); completed,
// failed and cancelled orders are over. The cancel is one conditional update, so it cannot race PROCESS_PENDING
// (which claims the same saved order the same way) into both happening.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { recordHistory } from '../history.ts';
import { orderStateOf } from './ordersByDomain.ts';

export async function cancelOrder(core: Core, input: { resellerId: number; orderId: number }): Promise<{ orderId: number; domain: string }> {
  if (!Number.isSafeInteger(input.orderId) || input.orderId < 1) throw new CoreError('invalid_value', 'Invalid data: order_id must be a positive whole number', 'order_id');
  const o = await core.db.selectFrom('orders').select(['id', 'kind', 'status', 'registry_state', 'domain_name'])
    .where('id', '=', input.orderId).where('reseller_id', '=', input.resellerId).executeTakeFirst();
  if (!o) throw new CoreError('not_found', `Order ${input.orderId} not found`, 'order_id');
  refuseUnlessSaved(o);
  const now = await core.clock.now();
  await core.db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('orders').set({ status: 'cancelled', completed_at: now.toISOString() })
      .where('id', '=', o.id).where('reseller_id', '=', input.resellerId).where('status', '=', 'pending').where('registry_state', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) {
      const cur = await trx.selectFrom('orders').select(['id', 'kind', 'status', 'registry_state', 'domain_name']).where('id', '=', o.id).executeTakeFirstOrThrow();
      refuseUnlessSaved(cur);
      throw new CoreError('invalid_value', `Invalid data: order ${o.id} changed meanwhile and was not cancelled`, 'order_id');
    }
    await recordHistory(trx, { at: now, resellerId: input.resellerId, domainId: null, objectType: 'order', objectId: o.id, action: 'cancel_order', detail: { domain: o.domain_name } });
  });
  return { orderId: Number(o.id), domain: o.domain_name };
}

function refuseUnlessSaved(o: { id: number; kind: string; status: string; registry_state: string | null }): void {
  const state = orderStateOf(o);
  const no = (why: string) => new CoreError('invalid_value', `Invalid data: order ${o.id} cannot be cancelled: ${why}`, 'order_id');
  switch (state) {
    case 'saved': return;
    case 'completed': throw no('it is completed');
    case 'failed': throw no('it has failed (and was not charged, or was refunded)');
    case 'cancelled': throw no('it is already cancelled');
    case 'in_progress':
      if (o.registry_state !== null) throw no('it has been sent to the registry, which has not answered yet; its answer completes or fails it');
      if (o.kind === 'transfer') throw no('it is a transfer waiting on the losing registrar; withdraw it with CANCEL_TRANSFER');
      throw no('it is in progress');
  }
}
