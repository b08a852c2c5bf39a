// Deleting a domain (RFC 5731 <delete> with the RFC 3915 grace periods). Inside the add grace period the name is
// removed at once and the registration (and any renewal since) is refunded. Later, the domain enters the
// redemption grace period: it stops resolving for its owner's tools (XCP no longer returns it), stays taken for
// everyone else, can be restored for 30 days, then waits 5 days in pendingDelete and is purged by the life-cycle
// pass (src/core/lifecycle.ts), which frees the name and tells the sponsor.
//
// A delete is an order carried through the registry (orders/steps/deleteStep.ts): reserved here (the domain
// marked with the order, so nothing else changes it meanwhile), sent to the registry outside any transaction,
// applied when the registry accepts. A crash between the steps leaves the order for the reconciler.
import { assertRegistryOffers } from '../orders/registryReach.ts';
import type { Core, Tx } from '../core.ts';
import { CoreError } from '../errors.ts';
import { recordHistory } from '../history.ts';
import { assertDomainAllows, type DomainState } from '../domainGuard.ts';
import { insertInflightOrder } from '../orders/inflightOrder.ts';
import { carryOrder } from '../orders/carryOrder.ts';
import { registryFailureError } from '../orders/registryFailureError.ts';
import type { DeleteOutcome } from '../orders/steps/deleteStep.ts';
import { deleteReference } from '../rgpPeriods.ts';
import { findLiveDomain, type DomainRow } from './findDomain.ts';
import { hasSubordinateHosts } from './hosts.ts';
import { enqueuePoll } from './pollQueue.ts';


/** A domain already deleted (pendingDelete), moving (pendingTransfer) or not yet confirmed (pendingCreate) waits. */
const BLOCKED_BY = new Set<DomainState>(['clientDeleteProhibited', 'pendingCreate', 'pendingDelete', 'pendingTransfer']);

export type DeleteDomainResult = DeleteOutcome | {
  name: string;
  /** The registry has not answered within the deadline: the order completes later, with a poll message. */
  outcome: 'submitted';
  orderId: number;
  refundMinor: 0;
};

export async function deleteDomain(core: Core, input: { resellerId: number; name: string }): Promise<DeleteDomainResult> {
  const d = await findLiveDomain(core, input.name);
  if (!d) throw new CoreError('not_found', `Domain ${input.name} not found`, 'domain');
  const guard = { resellerId: input.resellerId, blockedBy: BLOCKED_BY, action: 'delete' };
  await assertDomainAllows(core.db, d, guard);
  assertRegistryOffers(core, d.tld, 'delete', 'Deletion');
  const now = await core.clock.now();
  const orderId = await core.db.transaction().execute(async (trx) => {
    // Lock the row, then re-check on what is committed.
    await trx.updateTable('domains').set({ updated_at: now.toISOString() }).where('id', '=', d.id).execute();
    const cur = await trx.selectFrom('domains').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    if (cur.deleted_at !== null) throw new CoreError('not_found', `Domain ${d.name} not found`, 'domain');
    await assertDomainAllows(trx, cur, guard);
    if (cur.pending_order_id !== null) throw new CoreError('status_prohibits', `Domain ${d.name} has an order still waiting for its registry; try again when it is settled`, 'domain');
    if (await hasSubordinateHosts({ db: trx }, d.id)) {
      throw new CoreError('association_prohibits', `Domain ${d.name} has subordinate hosts; delete them first`, 'domain');
    }
    const orderId = await insertInflightOrder(trx, {
      resellerId: input.resellerId, profileId: cur.profile_id, domainId: d.id, name: d.name, kind: 'delete', request: {}, now,
    });
    await trx.updateTable('domains').set({ pending_order_id: orderId }).where('id', '=', d.id).execute();
    return orderId;
  });
  const outcome = await carryOrder(core, orderId);
  if (outcome.state === 'failed') throw registryFailureError(outcome.failure, `the delete of ${d.name}`);
  if (outcome.state === 'pending' || outcome.result === undefined) return { name: d.name, outcome: 'submitted', orderId, refundMinor: 0 };
  return outcome.result as DeleteOutcome;
}

/** The end of the line: the name is freed. Called by the life-cycle pass for domains whose purge time passed. */
export async function purgeDomain(trx: Tx, d: DomainRow, at: Date): Promise<boolean> {
  const res = await trx.updateTable('domains').set({ deleted_at: at.toISOString(), updated_at: at.toISOString() })
    .where('id', '=', d.id).where('deleted_at', 'is', null).where('rgp_status', '=', 'pendingDelete').executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await trx.deleteFrom('cookies').where('domain_id', '=', d.id).execute();
  await recordHistory(trx, { at, resellerId: null, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'purge', detail: { name: d.name } });
  await enqueuePoll(trx, {
    resellerId: d.reseller_id, at, kind: 'delete', message: `Domain ${d.name} has been purged`,
    payload: { type: 'pendingAction', action: 'delete', name: d.name, ok: true, at: at.toISOString(), reference: deleteReference(d.id) },
  });
  return true;
}
