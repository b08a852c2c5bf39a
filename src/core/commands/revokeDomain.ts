// REVOKE: a reseller takes back a registration it made by mistake and is refunded, which registries allow only
// within the add grace period. regd is conservative: REVOKE is the add-grace-period case of deleteDomain (the same
// checks, refund and immediate deletion as an EPP <delete> then) and is refused outside it, where a delete would
// only start the redemption period. The optional notes are kept with the domain's notes.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { recordHistory } from '../history.ts';
import type { DomainRow } from './findDomain.ts';
import { deleteDomain } from './deleteDomain.ts';
import { ADD_GRACE_DAYS, deleteReference, inAddGrace } from '../rgpPeriods.ts';
import { addNote } from './domainNotes.ts';

export interface RevokeResult {
  deletionId: string;
  refundMinor: number;
  /** The registry has not answered in time: the refund follows when it does, with a poll message. */
  submitted?: boolean;
}

export async function revokeDomain(core: Core, d: DomainRow, input: { resellerId: number; notes?: string }): Promise<RevokeResult> {
  if (d.reseller_id !== input.resellerId) throw new CoreError('not_sponsor', 'Domain does not belong to Registrar', 'domain');
  if (d.rgp_status) throw new CoreError('status_prohibits', `${d.name} is already pending deletion`, 'domain');
  if (!inAddGrace(d, await core.clock.now())) {
    throw new CoreError('status_prohibits', `Cannot revoke ${d.name}: refunds are only possible within ${ADD_GRACE_DAYS} days of the registration (the add grace period)`, 'domain');
  }
  const trade = await core.db.selectFrom('trades').select('id').where('domain_id', '=', d.id).where('status', 'like', 'pending%').executeTakeFirst();
  if (trade) throw new CoreError('status_prohibits', `Cannot revoke ${d.name}: a change of registrant (trade) is pending`, 'domain');
  const r = await deleteDomain(core, { resellerId: input.resellerId, name: d.name });
  if (r.outcome === 'submitted') return { deletionId: deleteReference(d.id), refundMinor: 0, submitted: true };
  if (r.outcome !== 'deleted') {
    // The add grace period ended between the check and the delete: the domain is now pending deletion instead.
    throw new CoreError('status_prohibits', `The add grace period of ${d.name} ended meanwhile: it was deleted into the redemption period without a refund`, 'domain');
  }
  const now = await core.clock.now();
  await core.db.transaction().execute(async (trx) => {
    await recordHistory(trx, {
      at: now, resellerId: input.resellerId, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'revoke',
      detail: { refundMinor: r.refundMinor, reference: deleteReference(d.id) },
    });
    const note = input.notes?.trim();
    if (note) await addNote(trx, { resellerId: input.resellerId, domainId: d.id, domainName: d.name, orderId: null, note, at: now });
  });
  return { deletionId: deleteReference(d.id), refundMinor: r.refundMinor };
}
