// A change to a domain served by a remote registry (nameservers, statuses, auth code, contacts). Reserved by
// changeDomain.ts: the change is applied in regd's store, the order row holds the snapshots before and after it, and
// the domain is marked with the order. The registry is told the difference; if it refuses, the domain is put back
// as it was (and the reseller hears why, by the command's error or a poll message).
import type { Core, Tx } from '../../core.ts';
import type { ContactRole, RegistryContact, RegistryUpdateRequest } from '../../../registry/registryPort.ts';
import { recordHistory } from '../../history.ts';
import { enqueuePoll } from '../../commands/pollQueue.ts';
import type { OrderRow, OrderStep, RegistryFailure, SettleContext } from '../orderStep.ts';
import { restoreSnapshot, statusesOf, type DomainSnapshot } from '../domainSnapshot.ts';
import { registryContactsOf } from '../registryContacts.ts';

interface SyncRequest { before: DomainSnapshot; after: DomainSnapshot; what: string }

const requestOf = (order: OrderRow): SyncRequest => JSON.parse(order.request_json) as SyncRequest;

/** The registry's update: the whole new delegation, the status difference, a new auth code, the changed contacts. */
export async function registryUpdateOf(tx: Tx, order: OrderRow): Promise<RegistryUpdateRequest> {
  const { before, after } = requestOf(order);
  const req: RegistryUpdateRequest = { name: order.domain_name };
  const nsBefore = before.nameservers.map((n) => n.name);
  const nsAfter = after.nameservers.map((n) => n.name);
  if (JSON.stringify(nsBefore) !== JSON.stringify(nsAfter)) req.nameservers = nsAfter;
  const sb = new Set(statusesOf(before));
  const sa = new Set(statusesOf(after));
  const add = [...sa].filter((s) => !sb.has(s));
  const rem = [...sb].filter((s) => !sa.has(s));
  if (add.length) req.addStatuses = add;
  if (rem.length) req.removeStatuses = rem;
  if (before.auth_code !== after.auth_code) req.authCode = after.auth_code;
  const changedRoles = after.contacts.filter((c) => !before.contacts.some((b) => b.role === c.role && b.contact_id === c.contact_id)).map((c) => c.role);
  if (changedRoles.length > 0) {
    const all = await registryContactsOf(tx, order.domain_id!);
    const contacts: Partial<Record<ContactRole, RegistryContact>> = {};
    for (const role of changedRoles) if (all[role as ContactRole]) contacts[role as ContactRole] = all[role as ContactRole];
    req.contacts = contacts;
  }
  return req;
}

export const syncStep: OrderStep<void> = {
  // The adapter plans the update against what the registry holds now, so a resend only does what is missing.
  resendable: true,

  async call(core, order, call) {
    return core.registry.updateDomain(call, await registryUpdateOf(core.db, order));
  },

  inFlight(order) {
    return { key: order.registry_key!, at: new Date(order.created_at), operation: 'update', name: order.domain_name, detail: requestOf(order) as unknown as Record<string, unknown> };
  },

  async complete(trx: Tx, _core: Core, order: OrderRow, _value: void, ctx: SettleContext) {
    await trx.updateTable('domains').set({ pending_order_id: null }).where('id', '=', order.domain_id!).where('pending_order_id', '=', order.id).execute();
    if (!ctx.notify) return;
    await enqueuePoll(trx, {
      resellerId: order.reseller_id, at: ctx.now, kind: 'registry', message: `Update of ${order.domain_name} (${requestOf(order).what}) completed at the registry`,
      payload: { type: 'pendingAction', action: 'update', name: order.domain_name, ok: true, at: ctx.now.toISOString(), reference: `ORDER-${order.id}` },
    });
  },

  async fail(trx: Tx, _core: Core, order: OrderRow, failure: RegistryFailure, ctx: SettleContext) {
    const { before, what } = requestOf(order);
    await restoreSnapshot(trx, order.domain_id!, before);
    await trx.updateTable('domains').set({ pending_order_id: null, updated_at: ctx.now.toISOString() }).where('id', '=', order.domain_id!).execute();
    await recordHistory(trx, { at: ctx.now, resellerId: order.reseller_id, domainId: order.domain_id, objectType: 'domain', objectId: order.domain_id!, action: 'update_failed', detail: { orderId: order.id, what, code: failure.code, message: failure.message } });
    if (!ctx.notify) return;
    await enqueuePoll(trx, {
      resellerId: order.reseller_id, at: ctx.now, kind: 'registry', message: `Update of ${order.domain_name} (${what}) failed at the registry and was undone: ${failure.message}`,
      payload: { type: 'pendingAction', action: 'update', name: order.domain_name, ok: false, at: ctx.now.toISOString(), reference: `ORDER-${order.id}` },
    });
  },
};
