// A delete's registry step. Reserved by deleteDomain.ts: the order `inflight` (nothing charged) and the domain
// marked with it (domains.pending_order_id), so no other change or life-cycle step touches the domain meanwhile.
// Completing applies the delete as of the request: inside the add grace period the name is gone and everything
// charged for the registration since it was created is refunded; later the domain enters its redemption period.
// Failing releases the domain unchanged. A registry's 1001 means it put the name in its own pendingDelete
// (RFC 3915): accepted, like a 1000.
import type { Core, Tx } from '../../core.ts';
import { credit } from '../../ledger.ts';
import { recordHistory } from '../../history.ts';
import { DAY_MS } from '../../dates.ts';
import { enqueuePoll } from '../../commands/pollQueue.ts';
import { PENDING_DELETE_DAYS, REDEMPTION_DAYS, deleteReference, inAddGrace } from '../../rgpPeriods.ts';
import type { OrderRow, OrderStep, RegistryFailure, SettleContext } from '../orderStep.ts';

export interface DeleteOutcome {
  name: string;
  /** 'deleted': gone now (add grace); 'redemption': pending deletion, restorable until redemptionEndsAt. */
  outcome: 'deleted' | 'redemption';
  refundMinor: number;
  redemptionEndsAt?: string;
  purgeAt?: string;
}

async function applyDelete(trx: Tx, order: OrderRow, ctx: SettleContext): Promise<DeleteOutcome> {
  const at = new Date(order.created_at);
  const nowIso = ctx.now.toISOString();
  const cur = await trx.selectFrom('domains').selectAll().where('id', '=', order.domain_id!).executeTakeFirstOrThrow();
  if (inAddGrace(cur, at)) {
    const orders = await trx.selectFrom('orders').select(['id', 'amount_minor', 'kind'])
      .where('domain_id', '=', cur.id).where('reseller_id', '=', cur.reseller_id).where('status', '=', 'completed')
      .where('kind', 'in', ['register', 'renew']).where('created_at', '>=', cur.created_at).execute();
    let refund = 0;
    for (const o of orders) {
      if (o.amount_minor > 0) {
        await credit(trx, { resellerId: cur.reseller_id, amountMinor: o.amount_minor, orderId: o.id, description: `refund: delete ${cur.name} in add grace (${o.kind})`, at: ctx.now });
        refund += o.amount_minor;
      }
      await trx.updateTable('orders').set({ status: 'cancelled' }).where('id', '=', o.id).execute();
    }
    await trx.updateTable('domains').set({ deleted_at: nowIso, updated_at: nowIso, up_reseller_id: order.reseller_id, pending_order_id: null }).where('id', '=', cur.id).execute();
    await trx.deleteFrom('cookies').where('domain_id', '=', cur.id).execute();
    await recordHistory(trx, {
      at: ctx.now, resellerId: order.reseller_id, domainId: cur.id, objectType: 'domain', objectId: cur.id, action: 'delete',
      detail: { grace: 'addPeriod', refundMinor: refund, orders: orders.map((o) => o.id), orderId: order.id },
    });
    return { name: cur.name, outcome: 'deleted', refundMinor: refund };
  }
  const redemptionEndsAt = new Date(at.getTime() + REDEMPTION_DAYS * DAY_MS).toISOString();
  const purgeAt = new Date(at.getTime() + (REDEMPTION_DAYS + PENDING_DELETE_DAYS) * DAY_MS).toISOString();
  await trx.updateTable('domains').set({
    rgp_status: 'redemptionPeriod', redemption_ends_at: redemptionEndsAt, purge_at: purgeAt,
    updated_at: nowIso, up_reseller_id: order.reseller_id, pending_order_id: null,
  }).where('id', '=', cur.id).execute();
  await recordHistory(trx, {
    at: ctx.now, resellerId: order.reseller_id, domainId: cur.id, objectType: 'domain', objectId: cur.id, action: 'delete',
    detail: { grace: 'redemptionPeriod', redemptionEndsAt, purgeAt, reference: deleteReference(cur.id), orderId: order.id },
  });
  return { name: cur.name, outcome: 'redemption', refundMinor: 0, redemptionEndsAt, purgeAt };
}

export const deleteStep: OrderStep<void> = {
  async call(core, order, call) {
    const outcome = await core.registry.deleteDomain(call, { name: order.domain_name });
    return outcome.status === 'pending' ? { status: 'ok', value: undefined, code: outcome.code ?? 1001, message: outcome.message } : outcome;
  },

  inFlight(order) {
    return { key: order.registry_key!, at: new Date(order.created_at), operation: 'delete', name: order.domain_name, detail: {} };
  },

  async complete(trx: Tx, _core: Core, order: OrderRow, _value: void, ctx: SettleContext) {
    const result = await applyDelete(trx, order, ctx);
    if (ctx.notify) {
      await enqueuePoll(trx, {
        resellerId: order.reseller_id, at: ctx.now, kind: 'registry',
        message: result.outcome === 'deleted' ? `Delete of ${order.domain_name} completed at the registry (add grace period: refunded)`
          : `Delete of ${order.domain_name} completed at the registry: in its redemption period until ${result.redemptionEndsAt!.slice(0, 10)}`,
        payload: { type: 'pendingAction', action: 'delete', name: order.domain_name, ok: true, at: ctx.now.toISOString(), reference: `ORDER-${order.id}` },
      });
    }
    return result;
  },

  async fail(trx: Tx, _core: Core, order: OrderRow, failure: RegistryFailure, ctx: SettleContext) {
    await trx.updateTable('domains').set({ pending_order_id: null, updated_at: ctx.now.toISOString() })
      .where('id', '=', order.domain_id!).where('pending_order_id', '=', order.id).execute();
    await recordHistory(trx, { at: ctx.now, resellerId: order.reseller_id, domainId: order.domain_id, objectType: 'domain', objectId: order.domain_id!, action: 'delete_failed', detail: { orderId: order.id, code: failure.code, message: failure.message } });
    if (!ctx.notify) return;
    await enqueuePoll(trx, {
      resellerId: order.reseller_id, at: ctx.now, kind: 'registry', message: `Delete of ${order.domain_name} failed at the registry: ${failure.message}`,
      payload: { type: 'pendingAction', action: 'delete', name: order.domain_name, ok: false, at: ctx.now.toISOString(), reference: `ORDER-${order.id}` },
    });
  },
};
