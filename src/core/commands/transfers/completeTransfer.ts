// Approval, by the losing client or by the server when the window has passed: the domain moves to the gaining
// reseller (into the profile the request named over XCP, else its epp-<username> profile; with what the request
// carried, transferData.ts: contacts, nameservers, op fields), a year is added to the expiry, a new auth code is drawn
// and subordinate hosts move along.
import type { Tx } from '../../core.ts';
import { recordHistory } from '../../history.ts';
import { addYears } from '../../dates.ts';
import { generateAuthCode } from '../../secrets.ts';
import { enqueuePoll, type TransferView } from '../pollQueue.ts';
import { applyTransferData, type TransferCarry } from './transferData.ts';
import { claimTransfer, lockDomain, transferView } from './transferRecords.ts';
import { resolveEppProfile, type PreparedEppProfile } from './transferProfile.ts';
import { snapshotDomain } from '../../orders/domainSnapshot.ts';
import { reserveFollowUpSync } from '../../orders/followUpSync.ts';

export interface CompletedTransfer {
  view: TransferView;
  /** At a remote registry: the update order that takes what the request carried there (followUpSync.ts). */
  syncOrderId?: number;
}

/**
 * Approval (by the losing client or the server): the domain changes hands. `remote`: the TLD is served by a remote
 * registry, where the registrar of record (regd's login) stays the same: the auth code is kept, and what the
 * request carried is recorded as a follow-up update for the registry.
 */
export async function completeTransfer(trx: Tx, transferId: number, status: 'clientApproved' | 'serverApproved', at: Date, prepared: PreparedEppProfile, opts: { remote?: boolean } = {}): Promise<CompletedTransfer> {
  const t0 = await trx.selectFrom('transfers').selectAll().where('id', '=', transferId).executeTakeFirstOrThrow();
  const d = await lockDomain(trx, t0.domain_id, at);
  const newExpiry = addYears(new Date(d.expires_at), t0.period);
  await trx.updateTable('transfers').set({ expires_at_after: newExpiry.toISOString() }).where('id', '=', transferId).execute();
  const t = await claimTransfer(trx, transferId, status, at);
  // The profile and contacts the request named (XCP), else the reseller's EPP profile and the domain's contacts.
  const order = t.order_id === null ? undefined
    : await trx.selectFrom('orders').select(['profile_id', 'request_json']).where('id', '=', t.order_id).executeTakeFirst();
  const profileId = order?.profile_id ?? await resolveEppProfile(trx, prepared, at);
  const requested = order ? JSON.parse(order.request_json) as TransferCarry : {};
  await trx.updateTable('domains').set({
    reseller_id: t.gaining_reseller_id, profile_id: profileId, expires_at: newExpiry.toISOString(), transferred_at: at.toISOString(),
    // At a remote registry the auth code is the registry's: the sponsor stays regd's login there, so it is kept.
    ...(opts.remote ? {} : { auth_code: generateAuthCode() }), updated_at: at.toISOString(), up_reseller_id: t.gaining_reseller_id,
  }).where('id', '=', d.id).execute();
  // What the request carried (contacts, nameservers, op fields: transferData.ts) is in place from now on.
  const before = opts.remote ? await snapshotDomain(trx, d.id) : undefined;
  await applyTransferData(trx, d.id, t.gaining_reseller_id, requested, at);
  const syncOrderId = await reserveFollowUpSync(trx, {
    domain: { id: d.id, name: d.name, reseller_id: t.gaining_reseller_id, profile_id: profileId }, before, what: 'the data sent with the transfer', now: at,
  });
  // Subordinate hosts go with their domain (RFC 5732); registrant sessions of the old profile end.
  await trx.updateTable('hosts').set({ reseller_id: t.gaining_reseller_id, transferred_at: at.toISOString(), updated_at: at.toISOString() })
    .where('domain_id', '=', d.id).execute();
  await trx.deleteFrom('cookies').where('domain_id', '=', d.id).execute();
  if (t.order_id !== null) {
    await trx.updateTable('orders').set({ status: 'completed', completed_at: at.toISOString(), profile_id: profileId }).where('id', '=', t.order_id).execute();
  }
  const view = await transferView(trx, t);
  await recordHistory(trx, {
    at, resellerId: status === 'serverApproved' ? null : t.losing_reseller_id, domainId: d.id, objectType: 'domain', objectId: d.id,
    action: 'transfer_approve',
    detail: { transferId, status, from: view.losingUsername, to: view.gainingUsername, expiresAt: newExpiry.toISOString(), profileId },
  });
  const verb = status === 'serverApproved' ? 'approved by the server' : `approved by ${view.losingUsername}`;
  await enqueuePoll(trx, { resellerId: t.gaining_reseller_id, at, kind: 'transfer', message: `Transfer of ${d.name} ${verb}`, payload: { type: 'transfer', side: 'gaining', transfer: view } });
  await enqueuePoll(trx, { resellerId: t.losing_reseller_id, at, kind: 'transfer', message: `Transfer of ${d.name} to ${view.gainingUsername} ${verb}`, payload: { type: 'transfer', side: 'losing', transfer: view, roid: d.roid } });
  return { view, syncOrderId };
}
