// Runs a change to a domain's registry-side data (delegation, statuses, auth code, contacts) in one store
// transaction, and, when the domain's TLD is served by a remote registry, carries it there through the order path:
// the same transaction records an 'update' order with the snapshots before and after and marks the domain with it
// (a second change waits until this one is settled); the registry is told after commit (steps/syncStep.ts). A
// refusal puts the domain back and raises the registry's error; an answer later than the deadline returns
// 'submitted' (EPP 1001) and a poll message follows. The sandbox keeps no such data, so its changes stay local.
import type { Core, Tx } from '../core.ts';
import { CoreError } from '../errors.ts';
import { carryOrder } from './carryOrder.ts';
import { insertInflightOrder } from './inflightOrder.ts';
import { registryFailureError } from './registryFailureError.ts';
import { assertRegistryOffers, isRemoteRegistry } from './registryReach.ts';
import { sameSnapshot, snapshotDomain } from './domainSnapshot.ts';
import { assertDomainAllows, type DomainGuard } from '../domainGuard.ts';

export interface DomainRef { id: number; name: string; tld: string; reseller_id: number; profile_id: number }

/** Reads the domain as committed and runs the command's guard on it (domainGuard.ts), inside the change's transaction. */
async function guardInside(trx: Tx, d: DomainRef, guard: DomainGuard): Promise<void> {
  const cur = await trx.selectFrom('domains').selectAll().where('id', '=', d.id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!cur) throw new CoreError('not_found', `Domain ${d.name} not found`, 'domain');
  await assertDomainAllows(trx, cur, guard);
}

/** orderId: the 'update' order that carried the change to a remote registry, when there was one. */
export async function changeDomain<T>(core: Core, d: DomainRef, what: string, change: (trx: Tx) => Promise<T>, guard: DomainGuard): Promise<{ result: T; status: 'completed' | 'submitted'; orderId?: number }> {
  assertRegistryOffers(core, d.tld, 'update', 'Updating a domain');
  if (!isRemoteRegistry(core, d.tld)) {
    return { result: await core.db.transaction().execute(async (trx) => { await guardInside(trx, d, guard); return change(trx); }), status: 'completed' };
  }
  const now = await core.clock.now();
  const reserved = await core.db.transaction().execute(async (trx) => {
    await guardInside(trx, d, guard);
    const claimed = await trx.updateTable('domains').set({ updated_at: now.toISOString() })
      .where('id', '=', d.id).where('pending_order_id', 'is', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      throw new CoreError('status_prohibits', `Domain ${d.name} has a change still waiting for its registry; try again when it is settled`, 'domain');
    }
    const before = await snapshotDomain(trx, d.id);
    const result = await change(trx);
    const after = await snapshotDomain(trx, d.id);
    if (sameSnapshot(before, after)) return { result, orderId: undefined };
    const orderId = await insertInflightOrder(trx, {
      resellerId: d.reseller_id, profileId: d.profile_id, domainId: d.id, name: d.name, kind: 'update', request: { before, after, what }, now,
    });
    await trx.updateTable('domains').set({ pending_order_id: orderId }).where('id', '=', d.id).execute();
    return { result, orderId };
  });
  if (reserved.orderId === undefined) return { result: reserved.result, status: 'completed' };
  const outcome = await carryOrder(core, reserved.orderId);
  if (outcome.state === 'failed') throw registryFailureError(outcome.failure, `the update of ${d.name}`);
  return { result: reserved.result, status: outcome.state === 'pending' ? 'submitted' : 'completed', orderId: reserved.orderId };
}
