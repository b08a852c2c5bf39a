// Deleting a domain (RFC 5731 <delete> with the RFC 3915 grace periods). Inside the add grace period the name is
// removed at once and the registration (and any renewal since) is refunded. Later, the domain enters the
// redemption grace period: it stops resolving for its owner's tools (XCP no longer returns it), stays taken for
// everyone else, can be restored for 30 days, then waits 5 days in pendingDelete and is purged by the life-cycle
// pass (src/core/lifecycle.ts), which frees the name and tells the sponsor.
import { assertRegistryOffers } from '../orders/registryReach.ts';
import type { Core, Tx } from '../core.ts';
import { askRegistryFirst } from '../orders/registryFirst.ts';
import { CoreError } from '../errors.ts';
import { credit } from '../ledger.ts';
import { recordHistory } from '../history.ts';
import { DAY_MS } from '../dates.ts';
import { clientStatusesOf } from '../domainStatus.ts';
import { findLiveDomain, type DomainRow } from './findDomain.ts';
import { pendingTransferOf } from './transfers.ts';
import { hasSubordinateHosts } from './hosts.ts';
import { enqueuePoll } from './pollQueue.ts';

/** Days after registration during which a delete is refunded (ICANN add grace period). */
export const ADD_GRACE_DAYS = 5;
/** Days a deleted domain can be restored (redemptionPeriod). */
export const REDEMPTION_DAYS = 30;
/** Days between the end of redemption and the purge (pendingDelete). */
export const PENDING_DELETE_DAYS = 5;

export interface DeleteDomainResult {
  name: string;
  /** 'deleted': gone now (add grace); 'redemption': pending deletion, restorable until redemptionEndsAt. */
  outcome: 'deleted' | 'redemption';
  refundMinor: number;
  redemptionEndsAt?: string;
  purgeAt?: string;
}

export function inAddGrace(d: Pick<DomainRow, 'created_at' | 'transferred_at'>, now: Date): boolean {
  return d.transferred_at === null && now.getTime() < new Date(d.created_at).getTime() + ADD_GRACE_DAYS * DAY_MS;
}

/** A reference for the pending delete, carried by the purge's poll message (panData paTRID). */
export const deleteReference = (domainId: number): string => `DEL-${domainId}`;

export async function deleteDomain(core: Core, input: { resellerId: number; name: string }): Promise<DeleteDomainResult> {
  const d = await findLiveDomain(core, input.name);
  if (!d) throw new CoreError('not_found', `Domain ${input.name} not found`, 'domain');
  if (d.reseller_id !== input.resellerId) throw new CoreError('not_sponsor', 'Authorization error: domain does not belong to the client', 'domain');
  if (clientStatusesOf(d).has('clientDeleteProhibited')) throw new CoreError('status_prohibits', `Domain ${d.name} has clientDeleteProhibited`, 'domain');
  assertRegistryOffers(core, d.tld, 'delete', 'Deletion');
  await askRegistryFirst(core, d, 'delete', (call) => core.registry.deleteDomain(call, { name: d.name }));
  const now = await core.clock.now();
  return core.db.transaction().execute(async (trx) => {
    // Lock the row, then re-check on what is committed.
    await trx.updateTable('domains').set({ updated_at: now.toISOString() }).where('id', '=', d.id).execute();
    const cur = await trx.selectFrom('domains').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    if (cur.deleted_at !== null) throw new CoreError('not_found', `Domain ${d.name} not found`, 'domain');
    if (cur.reseller_id !== input.resellerId) throw new CoreError('not_sponsor', 'Authorization error: domain does not belong to the client', 'domain');
    if (cur.rgp_status !== null) throw new CoreError('status_prohibits', `Domain ${d.name} is already pending deletion`, 'domain');
    if (await pendingTransferOf(trx, d.id)) throw new CoreError('status_prohibits', `Domain ${d.name} has a pending transfer (pendingTransfer)`, 'domain');
    if (clientStatusesOf(cur).has('clientDeleteProhibited')) throw new CoreError('status_prohibits', `Domain ${d.name} has clientDeleteProhibited`, 'domain');
    if (await hasSubordinateHosts({ db: trx }, d.id)) {
      throw new CoreError('association_prohibits', `Domain ${d.name} has subordinate hosts; delete them first`, 'domain');
    }

    if (inAddGrace(cur, now)) {
      // Everything charged for this registration since it was created comes back.
      const orders = await trx.selectFrom('orders').select(['id', 'amount_minor', 'kind'])
        .where('domain_id', '=', d.id).where('reseller_id', '=', cur.reseller_id).where('status', '=', 'completed')
        .where('kind', 'in', ['register', 'renew']).where('created_at', '>=', cur.created_at).execute();
      let refund = 0;
      for (const o of orders) {
        if (o.amount_minor > 0) {
          await credit(trx, { resellerId: cur.reseller_id, amountMinor: o.amount_minor, orderId: o.id, description: `refund: delete ${d.name} in add grace (${o.kind})`, at: now });
          refund += o.amount_minor;
        }
        await trx.updateTable('orders').set({ status: 'cancelled' }).where('id', '=', o.id).execute();
      }
      await trx.updateTable('domains').set({ deleted_at: now.toISOString(), updated_at: now.toISOString(), up_reseller_id: input.resellerId }).where('id', '=', d.id).execute();
      await trx.deleteFrom('cookies').where('domain_id', '=', d.id).execute();
      await recordHistory(trx, {
        at: now, resellerId: input.resellerId, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'delete',
        detail: { grace: 'addPeriod', refundMinor: refund, orders: orders.map((o) => o.id) },
      });
      return { name: d.name, outcome: 'deleted' as const, refundMinor: refund };
    }

    const redemptionEndsAt = new Date(now.getTime() + REDEMPTION_DAYS * DAY_MS).toISOString();
    const purgeAt = new Date(now.getTime() + (REDEMPTION_DAYS + PENDING_DELETE_DAYS) * DAY_MS).toISOString();
    await trx.updateTable('domains').set({
      rgp_status: 'redemptionPeriod', redemption_ends_at: redemptionEndsAt, purge_at: purgeAt,
      updated_at: now.toISOString(), up_reseller_id: input.resellerId,
    }).where('id', '=', d.id).execute();
    await recordHistory(trx, {
      at: now, resellerId: input.resellerId, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'delete',
      detail: { grace: 'redemptionPeriod', redemptionEndsAt, purgeAt, reference: deleteReference(d.id) },
    });
    return { name: d.name, outcome: 'redemption' as const, refundMinor: 0, redemptionEndsAt, purgeAt };
  });
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
