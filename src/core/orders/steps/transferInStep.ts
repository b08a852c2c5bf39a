// A transfer into regd of a name held at a remote registry by another registrar. Reserved by
// requestTransferIn.ts: the order `inflight` with the price debited (held) and the registrant profile resolved;
// there is no domain row yet, the name is not ours. The registry answers the request "pending" (1001) as a rule;
// its poll message (or the reconciler's transfer query) says when the losing registrar approved or rejected it, or
// the registry's window approved it. Completing creates the domain with what the registry reports (ROID, dates,
// nameservers) and the contacts the request sent; failing refunds. The registry still holds the losing registrar's
// contacts then: a follow-up 'update' order (syncStep) replaces them with the ones the request sent, started as
// soon as the completion is committed and finished by the reconciler (which resends it) after a crash.
import type { Core, Tx } from '../../core.ts';
import type { RegistryDomainInfo, RegistryTransferResult } from '../../../registry/registryPort.ts';
import { credit } from '../../ledger.ts';
import { recordHistory } from '../../history.ts';
import { enqueuePoll, type TransferView } from '../../commands/pollQueue.ts';
import { attachContacts } from '../../domainContacts.ts';
import { addYears } from '../../dates.ts';
import { repositoryIdOf } from '../../../registry/repositoryId.ts';
import { snapshotDomain } from '../domainSnapshot.ts';
import { orderKey } from '../orderKey.ts';
import type { ContactSet } from '../../contact.ts';
import type { OrderRow, OrderStep, RegistryFailure, SettleContext } from '../orderStep.ts';

export interface TransferInRequest { period: number; authCode: string; tld: string; resellerUsername: string; contactSet?: ContactSet }
export type TransferInValue = RegistryTransferResult & { info?: RegistryDomainInfo };

const requestOf = (order: OrderRow): TransferInRequest => JSON.parse(order.request_json) as TransferInRequest;

export function transferInView(order: OrderRow, status: TransferView['status'], t: Partial<RegistryTransferResult>, at: Date): TransferView {
  return {
    name: order.domain_name, status, gainingUsername: requestOf(order).resellerUsername, requestedAt: order.created_at,
    losingUsername: t.actingRegistrar ?? 'unknown', actionAt: (t.actionBy ?? at).toISOString(), expiresAt: t.expiresAt?.toISOString(),
  };
}

export const transferInStep: OrderStep<TransferInValue> = {
  call(core, order, call) {
    const r = requestOf(order);
    return core.registry.transferDomain(call, { action: 'request', name: order.domain_name, authCode: r.authCode, years: r.period });
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
    let contactsOrderId: number | undefined;
    if (r.contactSet) {
      const before = await snapshotDomain(trx, domain.id);
      await attachContacts(trx, domain.id, order.reseller_id, r.contactSet, ctx.now);
      const after = await snapshotDomain(trx, domain.id);
      const sync = await trx.insertInto('orders').values({
        reseller_id: order.reseller_id, profile_id: order.profile_id, domain_id: domain.id, domain_name: order.domain_name, kind: 'update', status: 'pending',
        period: 0, amount_minor: 0, currency: order.currency, request_json: JSON.stringify({ before, after, what: 'contacts after the transfer' }),
        created_at: at, completed_at: null, registry_state: 'inflight', next_check_at: new Date(ctx.now.getTime() + 60_000).toISOString(),
      }).returning('id').executeTakeFirstOrThrow();
      await trx.updateTable('orders').set({ registry_key: orderKey(sync.id) }).where('id', '=', sync.id).execute();
      await trx.updateTable('domains').set({ pending_order_id: sync.id }).where('id', '=', domain.id).execute();
      contactsOrderId = sync.id;
    }
    await recordHistory(trx, { at: ctx.now, resellerId: order.reseller_id, domainId: domain.id, objectType: 'domain', objectId: domain.id, action: 'transfer_in', detail: { orderId: order.id, from: value.actingRegistrar ?? null, status: value.status, expiresAt: expiresAt.toISOString() } });
    const view = transferInView(order, value.status === 'serverApproved' ? 'serverApproved' : 'clientApproved', { ...value, expiresAt }, ctx.now);
    await enqueuePoll(trx, { resellerId: order.reseller_id, at: ctx.now, kind: 'transfer', message: `Transfer of ${order.domain_name} completed at the registry`, payload: { type: 'transfer', side: 'gaining', transfer: view } });
    return { contactsOrderId };
  },

  afterComplete(core, order, result) {
    const id = (result as { contactsOrderId?: number } | undefined)?.contactsOrderId;
    if (id === undefined) return;
    // Imported when needed: carryOrder.ts reaches this step through orderSteps.ts.
    void import('../carryOrder.ts').then(({ carryOrder }) => carryOrder(core, id))
      .catch((err) => core.log?.(`order ${order.id}: sending the transferred domain's contacts failed: ${(err as Error).message}`));
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
