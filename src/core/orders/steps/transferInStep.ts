// A transfer into regd of a name held at a remote registry by another registrar. Reserved by
// requestTransferIn.ts: the order `inflight` with the price debited (held) and the registrant profile resolved;
// there is no domain row yet, the name is not ours. The registry answers the request "pending" (1001) as a rule;
// its poll message (or the reconciler's transfer query) says when the losing registrar approved or rejected it, or
// the registry's window approved it. Completing creates the domain with what the registry reports (ROID, dates,
// nameservers) and what the request carried; failing refunds. The registry still holds the losing registrar's
// contacts then: a follow-up 'update' order (followUpSync.ts) sends what the request carried, started as soon as the
// completion is committed and finished by the reconciler (which resends it) after a crash.
import type { Core, Tx } from '../../core.ts';
import type { RegistryDomainInfo, RegistryTransferResult } from '../../../registry/registryPort.ts';
import { credit } from '../../ledger.ts';
import { recordHistory } from '../../history.ts';
import { enqueuePoll, type TransferView } from '../../commands/pollQueue.ts';
import { applyTransferData, type TransferCarry } from '../../commands/transfers/transferData.ts';
import { addYears } from '../../dates.ts';
import { repositoryIdOf } from '../../../registry/repositoryId.ts';
import { premiumFeeOf } from '../premiumFee.ts';
import { snapshotDomain } from '../domainSnapshot.ts';
import { carryFollowUpSync, reserveFollowUpSync } from '../followUpSync.ts';
import type { OrderRow, OrderStep, RegistryFailure, SettleContext } from '../orderStep.ts';

export interface TransferInRequest extends TransferCarry { period: number; authCode: string; tld: string; resellerUsername: string }
export type TransferInValue = RegistryTransferResult & { info?: RegistryDomainInfo };

const requestOf = (order: OrderRow): TransferInRequest => JSON.parse(order.request_json) as TransferInRequest;

export function transferInView(order: OrderRow, status: TransferView['status'], t: Partial<RegistryTransferResult>, at: Date): TransferView {
  return {
    name: order.domain_name, status, gainingUsername: requestOf(order).resellerUsername, requestedAt: order.created_at,
    losingUsername: t.actingRegistrar ?? 'unknown', actionAt: (t.actionBy ?? at).toISOString(), expiresAt: t.expiresAt?.toISOString(),
  };
}

export const transferInStep: OrderStep<TransferInValue> = {
  async call(core, order, call) {
    const r = requestOf(order);
    const fee = await premiumFeeOf(core, order.domain_name, 'transfer', 1);
    return core.registry.transferDomain(call, { action: 'request', name: order.domain_name, authCode: r.authCode, years: r.period, ...(fee ? { fee } : {}) });
  },

  inFlight(order) {
    return { key: order.registry_key!, at: new Date(order.created_at), operation: 'transfer', name: order.domain_name, detail: { action: 'request', years: requestOf(order).period } };
  },

  async enrich(core, order, value) {
    const info = await core.registry.infoDomain(order.domain_name);
    return info.status === 'ok' && info.value ? { ...value, info: info.value } : value;
  },

  async complete(trx: Tx, _core: Core, order: OrderRow, value: TransferInValue, ctx: SettleContext) {
    const r = requestOf(order);
    const at = ctx.now.toISOString();
    const info = value.info;
    const expiresAt = value.expiresAt ?? info?.expiresAt ?? addYears(ctx.now, r.period);
    const domain = await trx.insertInto('domains').values({
      name: order.domain_name, tld: r.tld, roid: repositoryIdOf(order.registry_key!), profile_id: order.profile_id!, reseller_id: order.reseller_id,
      created_at: (info?.createdAt ?? ctx.now).toISOString(), expires_at: expiresAt.toISOString(), updated_at: at,
      transferred_at: at, deleted_at: null, auth_code: info?.authCode ?? r.authCode, locked: 0, auto_renew: 0, let_expire: 0,
      whois_privacy: 'disabled', descr: '', affiliate_id: '', cr_reseller_id: null, up_reseller_id: order.reseller_id,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.updateTable('orders').set({ domain_id: domain.id }).where('id', '=', order.id).execute();
    let sort = 0;
    for (const ns of info?.nameservers ?? []) {
      await trx.insertInto('domain_nameservers').values({ domain_id: domain.id, name: ns, sort_order: ++sort }).execute();
    }
    // The domain at regd is what the registry holds now; what the request carried (contacts, nameservers, settings:
    // transferData.ts) is applied here and follows to the registry as an update.
    const before = await snapshotDomain(trx, domain.id);
    await applyTransferData(trx, domain.id, order.reseller_id, r, ctx.now);
    const contactsOrderId = await reserveFollowUpSync(trx, {
      domain: { id: domain.id, name: order.domain_name, reseller_id: order.reseller_id, profile_id: order.profile_id! },
      before, what: 'the data sent with the transfer', now: ctx.now,
    });
    await recordHistory(trx, { at: ctx.now, resellerId: order.reseller_id, domainId: domain.id, objectType: 'domain', objectId: domain.id, action: 'transfer_in', detail: { orderId: order.id, from: value.actingRegistrar ?? null, status: value.status, expiresAt: expiresAt.toISOString() } });
    const view = transferInView(order, value.status === 'serverApproved' ? 'serverApproved' : 'clientApproved', { ...value, expiresAt }, ctx.now);
    await enqueuePoll(trx, { resellerId: order.reseller_id, at: ctx.now, kind: 'transfer', message: `Transfer of ${order.domain_name} completed at the registry`, payload: { type: 'transfer', side: 'gaining', transfer: view } });
    return { contactsOrderId };
  },

  afterComplete(core, _order, result) {
    carryFollowUpSync(core, (result as { contactsOrderId?: number } | undefined)?.contactsOrderId, 'the data sent with the transfer');
  },

  async fail(trx: Tx, _core: Core, order: OrderRow, failure: RegistryFailure, ctx: SettleContext) {
    if (order.amount_minor > 0) {
      await credit(trx, { resellerId: order.reseller_id, amountMinor: order.amount_minor, orderId: order.id, description: `refund: transfer ${order.domain_name} did not complete`, at: ctx.now });
    }
    await recordHistory(trx, { at: ctx.now, resellerId: order.reseller_id, domainId: null, objectType: 'order', objectId: order.id, action: 'transfer_in_failed', detail: { name: order.domain_name, code: failure.code, message: failure.message } });
    if (!ctx.notify) return;
    const view = transferInView(order, failure.code === 2301 ? 'clientCancelled' : 'clientRejected', {}, ctx.now);
    await enqueuePoll(trx, { resellerId: order.reseller_id, at: ctx.now, kind: 'transfer', message: `Transfer of ${order.domain_name} did not complete: ${failure.message}`, payload: { type: 'transfer', side: 'gaining', transfer: view } });
  },
};
