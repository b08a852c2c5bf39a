// When a command changes what a remote registry should hold as a side effect of something else (a completed
// transfer brings the contacts and nameservers sent with it), the change is recorded inside that command's own
// transaction as an 'update' order (steps/syncStep.ts) with the snapshots before and after, and the domain is marked
// with it; after commit the order is carried like any other. If the process dies in between, the reconciler finds
// the order and sends it (an update is resendable), so the registry never keeps the old data unnoticed.
import type { Core, Tx } from '../core.ts';
import { insertInflightOrder } from './inflightOrder.ts';
import { sameSnapshot, snapshotDomain, type DomainSnapshot } from './domainSnapshot.ts';

/** Records the follow-up update when the domain changed since `before`; returns its order id. */
export async function reserveFollowUpSync(trx: Tx, o: {
  domain: { id: number; name: string; reseller_id: number; profile_id: number };
  before: DomainSnapshot | undefined; what: string; now: Date;
}): Promise<number | undefined> {
  if (!o.before) return undefined;
  const after = await snapshotDomain(trx, o.domain.id);
  if (sameSnapshot(o.before, after)) return undefined;
  const id = await insertInflightOrder(trx, {
    resellerId: o.domain.reseller_id, profileId: o.domain.profile_id, domainId: o.domain.id, name: o.domain.name, kind: 'update',
    request: { before: o.before, after, what: o.what }, now: o.now,
  });
  await trx.updateTable('domains').set({ pending_order_id: id }).where('id', '=', o.domain.id).execute();
  return id;
}

/** Starts the follow-up's registry call after commit; its outcome reaches the reseller by poll message. */
export function carryFollowUpSync(core: Core, orderId: number | undefined, what: string): void {
  if (orderId === undefined) return;
  // Imported when needed: carryOrder.ts reaches the steps that call this through orderSteps.ts.
  void import('./carryOrder.ts').then(({ carryOrder }) => carryOrder(core, orderId))
    .catch((err) => core.log?.(`order ${orderId}: sending ${what} to the registry failed: ${(err as Error).message}`));
}
