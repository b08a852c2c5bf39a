// The registry steps of a restore (RFC 3915), reserved by restoreDomain.ts with the domain marked with the order:
//   request  the restore fee (and a year's renewal if the domain expired meanwhile) is held; completing moves the
//            domain to pendingRestore with the report deadline, failing refunds and leaves it in redemption;
//   report   nothing is charged; completing makes the domain live again, failing leaves it pendingRestore.
// A registry's 1001 is an acceptance here: the registry keeps the name in its own pendingRestore until it decides.
import type { Core, Tx } from '../../core.ts';
import { credit } from '../../ledger.ts';
import { recordHistory } from '../../history.ts';
import { enqueuePoll } from '../../commands/pollQueue.ts';
import type { RegistryCall, RegistryOutcome } from '../../../registry/registryPort.ts';
import type { OrderRow, OrderStep, RegistryFailure, SettleContext } from '../orderStep.ts';

export interface RestoreRequestJson { restoreFeeMinor: number; renewMinor: number; renewed: boolean; expiresAt: string; reportDueAt: string }
export interface RestoreReportJson { report: { preData: string; postData: string; delTime: string; resTime: string; resReason: string; statements: string[]; other: string } }

const acceptedWhenPending = (o: RegistryOutcome): RegistryOutcome =>
  o.status === 'pending' ? { status: 'ok', value: undefined, code: o.code ?? 1001, message: o.message } : o;

const releaseDomain = (trx: Tx, order: OrderRow, now: Date) => trx.updateTable('domains')
  .set({ pending_order_id: null, updated_at: now.toISOString() })
  .where('id', '=', order.domain_id!).where('pending_order_id', '=', order.id).execute();

async function tell(trx: Tx, order: OrderRow, ctx: SettleContext, what: string, ok: boolean, detail: string): Promise<void> {
  if (!ctx.notify) return;
  await enqueuePoll(trx, {
    resellerId: order.reseller_id, at: ctx.now, kind: 'registry', message: `${what} of ${order.domain_name} ${ok ? 'completed' : 'failed'} at the registry${detail}`,
    payload: { type: 'pendingAction', action: 'restore', name: order.domain_name, ok, at: ctx.now.toISOString(), reference: `ORDER-${order.id}` },
  });
}

export const restoreRequestStep: OrderStep<void> = {
  async call(core: Core, order: OrderRow, call: RegistryCall) {
    return acceptedWhenPending(await core.registry.restoreDomain(call, { name: order.domain_name, op: 'request' }));
  },

  inFlight(order) {
    return { key: order.registry_key!, at: new Date(order.created_at), operation: 'restore', name: order.domain_name, detail: { op: 'request' } };
  },

  async complete(trx, _core, order, _value, ctx) {
    const r = JSON.parse(order.request_json) as RestoreRequestJson;
    await trx.updateTable('domains').set({
      rgp_status: 'pendingRestore', redemption_ends_at: r.reportDueAt, expires_at: r.expiresAt, updated_at: ctx.now.toISOString(),
      up_reseller_id: order.reseller_id, pending_order_id: null,
    }).where('id', '=', order.domain_id!).execute();
    await recordHistory(trx, {
      at: ctx.now, resellerId: order.reseller_id, domainId: order.domain_id, objectType: 'domain', objectId: order.domain_id!, action: 'restore_request',
      detail: { orderId: order.id, amountMinor: order.amount_minor, renewed: r.renewed, expiresAt: r.expiresAt, reportDueAt: r.reportDueAt },
    });
    await tell(trx, order, ctx, 'Restore request', true, `: send the restore report by ${r.reportDueAt.slice(0, 10)}`);
    return r;
  },

  async fail(trx, _core, order, failure: RegistryFailure, ctx) {
    await releaseDomain(trx, order, ctx.now);
    if (order.amount_minor > 0) {
      await credit(trx, { resellerId: order.reseller_id, amountMinor: order.amount_minor, orderId: order.id, description: `refund: restore ${order.domain_name} failed at the registry`, at: ctx.now });
    }
    await recordHistory(trx, { at: ctx.now, resellerId: order.reseller_id, domainId: order.domain_id, objectType: 'domain', objectId: order.domain_id!, action: 'restore_failed', detail: { orderId: order.id, op: 'request', code: failure.code, message: failure.message } });
    await tell(trx, order, ctx, 'Restore request', false, `: ${failure.message} (refunded)`);
  },
};

export const restoreReportStep: OrderStep<void> = {
  async call(core: Core, order: OrderRow, call: RegistryCall) {
    const { report } = JSON.parse(order.request_json) as RestoreReportJson;
    const { statements, ...rest } = report;
    return acceptedWhenPending(await core.registry.restoreDomain(call, {
      name: order.domain_name, op: 'report',
      report: { ...rest, ...Object.fromEntries(statements.map((st, i) => [`statement${i + 1}`, st])), other: rest.other ?? '' },
    }));
  },

  inFlight(order) {
    return { key: order.registry_key!, at: new Date(order.created_at), operation: 'restore', name: order.domain_name, detail: { op: 'report' } };
  },

  async complete(trx, _core, order, _value, ctx) {
    const { report } = JSON.parse(order.request_json) as RestoreReportJson;
    await trx.updateTable('domains').set({
      rgp_status: null, redemption_ends_at: null, purge_at: null, updated_at: ctx.now.toISOString(), up_reseller_id: order.reseller_id, pending_order_id: null,
    }).where('id', '=', order.domain_id!).execute();
    await recordHistory(trx, {
      at: ctx.now, resellerId: order.reseller_id, domainId: order.domain_id, objectType: 'domain', objectId: order.domain_id!, action: 'restore_report',
      detail: { report, orderId: order.id },
    });
    await tell(trx, order, ctx, 'Restore report', true, ': the domain is live again');
  },

  async fail(trx, _core, order, failure: RegistryFailure, ctx) {
    await releaseDomain(trx, order, ctx.now);
    await recordHistory(trx, { at: ctx.now, resellerId: order.reseller_id, domainId: order.domain_id, objectType: 'domain', objectId: order.domain_id!, action: 'restore_failed', detail: { orderId: order.id, op: 'report', code: failure.code, message: failure.message } });
    await tell(trx, order, ctx, 'Restore report', false, `: ${failure.message}`);
  },
};
