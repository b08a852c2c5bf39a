// A registration's registry step. Reserved by placeRegistration.ts: the order `inflight`, the price debited (held),
// the domain row holding the name (registry_pending_until set), its contacts and delegation written. The registry
// creates the name; completing writes the registry's ROID and dates and clears the hold; failing releases the name
// (the row is marked deleted) and refunds the price.
import type { Core, Tx } from '../../core.ts';
import type { RegistryCreateResult } from '../../../registry/registryPort.ts';
import { credit } from '../../ledger.ts';
import { recordHistory } from '../../history.ts';
import { enqueuePoll } from '../../commands/pollQueue.ts';
import type { OrderRow, OrderStep, RegistryFailure, SettleContext } from '../orderStep.ts';
import { nameserverNamesOf, registryContactsOf } from '../registryContacts.ts';
import { premiumFeeOf } from '../premiumFee.ts';

async function heldDomain(tx: Tx, order: OrderRow) {
  return tx.selectFrom('domains').select(['id', 'name', 'auth_code', 'reseller_id']).where('id', '=', order.domain_id!).executeTakeFirstOrThrow();
}

export const registerStep: OrderStep<RegistryCreateResult> = {
  async call(core, order, call) {
    const d = await heldDomain(core.db, order);
    const fee = await premiumFeeOf(core, d.name, 'register', Number(order.period));
    const notice = (JSON.parse(order.request_json) as { claimsNotice?: { noticeId: string; notAfter: string; acceptedDate: string } | null }).claimsNotice;
    return core.registry.createDomain(call, {
      name: d.name, years: Number(order.period), authCode: d.auth_code, now: call.at, ...(fee ? { fee } : {}),
      ...(notice ? { claimsNotice: { noticeId: notice.noticeId, notAfter: new Date(notice.notAfter), acceptedDate: new Date(notice.acceptedDate) } } : {}),
      nameservers: await nameserverNamesOf(core.db, d.id), contacts: await registryContactsOf(core.db, d.id),
    });
  },

  async inFlight(order) {
    return { key: order.registry_key!, at: new Date(order.created_at), operation: 'create', name: order.domain_name, detail: { years: Number(order.period) } };
  },

  async complete(trx: Tx, _core: Core, order: OrderRow, value: RegistryCreateResult, ctx: SettleContext) {
    const at = ctx.now.toISOString();
    await trx.updateTable('domains').set({
      roid: value.roid, created_at: value.createdAt.toISOString(), expires_at: value.expiresAt.toISOString(),
      registry_pending_until: null, pending_order_id: null, updated_at: at,
    }).where('id', '=', order.domain_id!).execute();
    if (!ctx.notify) return;
    await recordHistory(trx, { at: ctx.now, resellerId: order.reseller_id, domainId: order.domain_id, objectType: 'domain', objectId: order.domain_id!, action: 'registry_confirmed', detail: { name: order.domain_name, orderId: order.id } });
    await enqueuePoll(trx, {
      resellerId: order.reseller_id, at: ctx.now, kind: 'registry', message: `Registration of ${order.domain_name} completed at the registry`,
      payload: { type: 'pendingAction', action: 'create', name: order.domain_name, ok: true, at, reference: `ORDER-${order.id}` },
    });
  },

  async fail(trx: Tx, _core: Core, order: OrderRow, failure: RegistryFailure, ctx: SettleContext) {
    const at = ctx.now.toISOString();
    await trx.updateTable('domains').set({ deleted_at: at, registry_pending_until: null, updated_at: at })
      .where('id', '=', order.domain_id!).where('deleted_at', 'is', null).execute();
    await trx.deleteFrom('cookies').where('domain_id', '=', order.domain_id!).execute();
    if (order.amount_minor > 0) {
      await credit(trx, { resellerId: order.reseller_id, amountMinor: order.amount_minor, orderId: order.id, description: `refund: register ${order.domain_name} failed at the registry`, at: ctx.now });
    }
    await recordHistory(trx, { at: ctx.now, resellerId: order.reseller_id, domainId: order.domain_id, objectType: 'domain', objectId: order.domain_id!, action: 'register_failed', detail: { name: order.domain_name, orderId: order.id, code: failure.code, message: failure.message } });
    if (!ctx.notify) return;
    await enqueuePoll(trx, {
      resellerId: order.reseller_id, at: ctx.now, kind: 'registry', message: `Registration of ${order.domain_name} failed at the registry: ${failure.message}`,
      payload: { type: 'pendingAction', action: 'create', name: order.domain_name, ok: false, at, reference: `ORDER-${order.id}` },
    });
  },
};
