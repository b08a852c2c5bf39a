// A renewal's registry step. Reserved by renewDomain.ts: the order `inflight`, the price debited (held) and the
// domain marked with the order (domains.pending_order_id), so a second renewal is refused until this one is
// settled. Completing moves the expiry to the registry's new date; failing refunds.
import type { Core, Tx } from '../../core.ts';
import type { RegistryRenewResult } from '../../../registry/registryPort.ts';
import { credit } from '../../ledger.ts';
import { recordHistory } from '../../history.ts';
import { enqueuePoll } from '../../commands/pollQueue.ts';
import { premiumFeeOf } from '../premiumFee.ts';
import type { OrderRow, OrderStep, RegistryFailure, SettleContext } from '../orderStep.ts';

export interface RenewRequestJson { period: number; from: string; autoRenew?: boolean; auto?: boolean; currentExpirationYear?: number; currentExpiryDate?: string }

const requestOf = (order: OrderRow): RenewRequestJson => JSON.parse(order.request_json) as RenewRequestJson;

export const renewStep: OrderStep<RegistryRenewResult> = {
  async call(core, order, call) {
    const r = requestOf(order);
    const fee = await premiumFeeOf(core, order.domain_name, 'renew', Number(order.period));
    return core.registry.renewDomain(call, { name: order.domain_name, years: Number(order.period), currentExpiry: new Date(r.from), ...(fee ? { fee } : {}) });
  },

  inFlight(order) {
    const r = requestOf(order);
    return { key: order.registry_key!, at: new Date(order.created_at), operation: 'renew', name: order.domain_name, detail: { years: Number(order.period), currentExpiry: r.from } };
  },

  async complete(trx: Tx, _core: Core, order: OrderRow, value: RegistryRenewResult, ctx: SettleContext) {
    const r = requestOf(order);
    const to = value.expiresAt.toISOString();
    await trx.updateTable('domains').set({
      expires_at: to, updated_at: ctx.now.toISOString(), pending_order_id: null,
      ...(r.autoRenew === undefined ? {} : { auto_renew: r.autoRenew ? 1 : 0 }),
    }).where('id', '=', order.domain_id!).execute();
    const from = new Date(r.from);
    await recordHistory(trx, {
      at: r.auto ? from : ctx.now, resellerId: r.auto ? null : order.reseller_id, domainId: order.domain_id, objectType: 'domain', objectId: order.domain_id!,
      action: r.auto ? 'auto_renew' : 'renew',
      detail: { period: Number(order.period), fromYear: from.getUTCFullYear(), from: r.from, to, orderId: order.id, amountMinor: order.amount_minor },
    });
    if (r.auto) {
      await enqueuePoll(trx, {
        resellerId: order.reseller_id, at: from, kind: 'autoRenew', message: `Domain ${order.domain_name} was auto-renewed until ${to.slice(0, 10)}`,
        payload: { type: 'renewal', name: order.domain_name, expiresAt: to },
      });
    } else if (ctx.notify) {
      await enqueuePoll(trx, {
        resellerId: order.reseller_id, at: ctx.now, kind: 'registry', message: `Renewal of ${order.domain_name} completed at the registry: it now expires ${to.slice(0, 10)}`,
        payload: { type: 'renewal', name: order.domain_name, expiresAt: to },
      });
    }
  },

  async fail(trx: Tx, _core: Core, order: OrderRow, failure: RegistryFailure, ctx: SettleContext) {
    await trx.updateTable('domains').set({ pending_order_id: null, updated_at: ctx.now.toISOString() })
      .where('id', '=', order.domain_id!).where('pending_order_id', '=', order.id).execute();
    if (order.amount_minor > 0) {
      await credit(trx, { resellerId: order.reseller_id, amountMinor: order.amount_minor, orderId: order.id, description: `refund: renew ${order.domain_name} failed at the registry`, at: ctx.now });
    }
    await recordHistory(trx, { at: ctx.now, resellerId: order.reseller_id, domainId: order.domain_id, objectType: 'domain', objectId: order.domain_id!, action: 'renew_failed', detail: { orderId: order.id, code: failure.code, message: failure.message } });
    if (!ctx.notify) return;
    await enqueuePoll(trx, {
      resellerId: order.reseller_id, at: ctx.now, kind: 'registry', message: `Renewal of ${order.domain_name} failed at the registry: ${failure.message}`,
      payload: { type: 'notice', action: 'autoRenewFailed', name: order.domain_name },
    });
  },
};
