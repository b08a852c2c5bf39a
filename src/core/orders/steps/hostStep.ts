// A host change's registry step (reserved by hosts.ts through hostAtRegistry.ts, in the change's own transaction).
// Completing has nothing left to write; failing undoes the change from the snapshot the order carries: a created
// host is removed, an updated or deleted one is put back (a rename moves the delegations back with it).
import type { Core, Tx } from '../../core.ts';
import type { InFlightOperation, RegistryOutcome } from '../../../registry/registryPort.ts';
import { recordHistory } from '../../history.ts';
import { enqueuePoll } from '../../commands/pollQueue.ts';
import { restoreHost, type HostOrderRequest } from '../hostAtRegistry.ts';
import type { OrderRow, OrderStep, RegistryFailure, SettleContext } from '../orderStep.ts';

const requestOf = (order: OrderRow): HostOrderRequest => JSON.parse(order.request_json) as HostOrderRequest;

const OPERATION = { create: 'hostCreate', update: 'hostUpdate', delete: 'hostDelete' } as const;

async function undo(trx: Tx, r: HostOrderRequest): Promise<void> {
  if (r.action === 'create') {
    const row = await trx.selectFrom('hosts').select('id').where('name', '=', r.name).executeTakeFirst();
    if (!row) return;
    await trx.deleteFrom('host_addresses').where('host_id', '=', row.id).execute();
    await trx.deleteFrom('hosts').where('id', '=', row.id).execute();
    return;
  }
  if (r.action === 'update' && r.newName !== undefined && r.newName !== r.name) {
    await trx.updateTable('domain_nameservers').set({ name: r.name }).where('name', '=', r.newName).execute();
  }
  if (r.before) await restoreHost(trx, r.before);
}

async function tell(trx: Tx, order: OrderRow, ctx: SettleContext, ok: boolean, detail: string): Promise<void> {
  if (!ctx.notify) return;
  const r = requestOf(order);
  await enqueuePoll(trx, {
    resellerId: order.reseller_id, at: ctx.now, kind: 'registry', message: `Host ${r.action} of ${r.name} ${ok ? 'completed' : 'failed'} at the registry${detail}`,
    payload: { type: 'objectAction', object: 'host', action: r.action, name: r.name, ok, reference: `ORDER-${order.id}` },
  });
}

export const hostStep: OrderStep<void> = {
  call(core: Core, order, call): Promise<RegistryOutcome> {
    const r = requestOf(order);
    if (r.action === 'create') return core.registry.createHost(call, { name: r.name, addresses: r.addresses });
    if (r.action === 'delete') return core.registry.deleteHost(call, { name: r.name });
    return core.registry.updateHost(call, { name: r.name, ...(r.newName !== undefined && r.newName !== r.name ? { newName: r.newName } : {}), addresses: r.addresses });
  },

  inFlight(order): InFlightOperation {
    const r = requestOf(order);
    return { key: order.registry_key!, at: new Date(order.created_at), operation: OPERATION[r.action], name: r.name, detail: { newName: r.newName, addresses: r.addresses } };
  },

  async complete(trx, _core, order, _value, ctx) {
    await tell(trx, order, ctx, true, '');
  },

  async fail(trx, _core, order, failure: RegistryFailure, ctx) {
    const r = requestOf(order);
    await undo(trx, r);
    await recordHistory(trx, { at: ctx.now, resellerId: order.reseller_id, domainId: order.domain_id, objectType: 'host', objectId: r.before?.row.id ?? 0, action: `host_${r.action}_failed`, detail: { orderId: order.id, name: r.name, code: failure.code, message: failure.message } });
    await tell(trx, order, ctx, false, ` and was undone at regd: ${failure.message}`);
  },
};
