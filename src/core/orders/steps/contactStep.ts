// A contact's new data on its way to the registries that hold it (created there on first use by an adapter;
// one that does not hold it answers ok with nothing to do). Reserved by contacts.ts in the change's own
// transaction with the row as it was; the call sends the contact's whole current data, so sending it again is
// harmless (resendable: the reconciler resends after a crash). A refusal puts the old data back.
import type { Core } from '../../core.ts';
import type { ContactsTable } from '../../../store/schema.ts';
import type { Selectable } from 'kysely';
import { recordHistory } from '../../history.ts';
import { enqueuePoll } from '../../commands/pollQueue.ts';
import { registryContactById } from '../registryContacts.ts';
import type { OrderRow, OrderStep, RegistryFailure } from '../orderStep.ts';

export interface ContactOrderRequest { contactId: number; handle: string; before: Selectable<ContactsTable> }

const requestOf = (order: OrderRow): ContactOrderRequest => JSON.parse(order.request_json) as ContactOrderRequest;

export const contactStep: OrderStep<void> = {
  resendable: true,

  async call(core: Core, order, call) {
    const contact = await registryContactById(core.db, requestOf(order).contactId);
    if (!contact) return { status: 'ok', value: undefined, message: 'the contact is gone: nothing to send' };
    return core.registry.updateContact(call, contact);
  },

  inFlight(order) {
    return { key: order.registry_key!, at: new Date(order.created_at), operation: 'contactUpdate', name: requestOf(order).handle, detail: {} };
  },

  async complete() { /* the new data is already regd's */ },

  async fail(trx, _core, order, failure: RegistryFailure, ctx) {
    const r = requestOf(order);
    const { id: _id, ...old } = r.before;
    await trx.updateTable('contacts').set(old).where('id', '=', r.contactId).execute();
    await recordHistory(trx, { at: ctx.now, resellerId: order.reseller_id, domainId: null, objectType: 'contact', objectId: r.contactId, action: 'update_failed', detail: { orderId: order.id, code: failure.code, message: failure.message } });
    if (!ctx.notify) return;
    await enqueuePoll(trx, {
      resellerId: order.reseller_id, at: ctx.now, kind: 'registry', message: `Update of contact ${r.handle} failed at the registry and was undone: ${failure.message}`,
      payload: { type: 'objectAction', object: 'contact', action: 'update', name: r.handle, ok: false, reference: `ORDER-${order.id}` },
    });
  },
};
