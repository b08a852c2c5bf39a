// Domain transfers between resellers (RFC 5731 semantics): request, query, approve, reject, cancel, and
// approval by the server when the losing side does not act within the TLD's transfer window.
//
// Money: the gaining reseller pays the transfer price when it asks (one debit); a rejected, cancelled or
// server-cancelled transfer refunds it. Approval moves the domain to the gaining reseller (into the registrant
// profile the request named over XCP, else its `epp-<username>` profile, resellerProfile.ts; with the request's
// contact set if it gave one), adds a year to the expiry, draws a new auth code and moves the domain's subordinate
// hosts. Every step writes history and poll messages in its own transaction.
import crypto from 'node:crypto';
import type { Core, Tx } from '../core.ts';
import { CoreError } from '../errors.ts';
import { debit, credit } from '../ledger.ts';
import { recordHistory } from '../history.ts';
import { addYears, DAY_MS } from '../dates.ts';
import { generateAuthCode } from '../secrets.ts';
import { clientStatusesOf } from '../domainStatus.ts';
import { priceFor } from './prices.ts';
import { findLiveDomain, type DomainRow } from './findDomain.ts';
import { prepareResellerProfile, resolveResellerProfile, type PreparedResellerProfile } from './resellerProfile.ts';
import { enqueuePoll, type TransferStatus, type TransferView } from './pollQueue.ts';
import { prepareProfile, resolvePreparedProfile, validateProfileCredentials } from './profiles.ts';
import { validateContactSet, type ContactSet } from '../contact.ts';
import { attachContacts } from '../domainContacts.ts';
import type { Selectable } from 'kysely';
import type { TransfersTable } from '../../store/schema.ts';

export type { TransferStatus, TransferView } from './pollQueue.ts';
type TransferRow = Selectable<TransfersTable>;

/** Transfers add this many years; other periods are refused (the price list holds a one-year transfer price). */
export const TRANSFER_YEARS = 1;

export async function hasPendingTransfer(core: Core, domainId: number): Promise<boolean> {
  return (await pendingTransferOf(core.db, domainId)) !== undefined;
}

export async function pendingTransferOf(tx: Tx, domainId: number): Promise<TransferRow | undefined> {
  return tx.selectFrom('transfers').selectAll().where('domain_id', '=', domainId).where('status', '=', 'pending')
    .orderBy('id', 'desc').limit(1).executeTakeFirst();
}

async function lastTransferOf(tx: Tx, domainId: number): Promise<TransferRow | undefined> {
  return tx.selectFrom('transfers').selectAll().where('domain_id', '=', domainId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

async function usernameOf(tx: Tx, resellerId: number): Promise<string> {
  const r = await tx.selectFrom('resellers').select('username').where('id', '=', resellerId).executeTakeFirstOrThrow();
  return r.username;
}

export async function transferView(tx: Tx, t: TransferRow): Promise<TransferView> {
  return {
    name: t.domain_name,
    status: t.status as TransferStatus,
    gainingUsername: await usernameOf(tx, t.gaining_reseller_id),
    requestedAt: t.requested_at,
    losingUsername: await usernameOf(tx, t.losing_reseller_id),
    actionAt: t.acted_at ?? t.action_deadline,
    expiresAt: t.expires_at_after ?? undefined,
  };
}

function authMatches(given: string | undefined, stored: string): boolean {
  if (given === undefined) return false;
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(stored).digest();
  return crypto.timingSafeEqual(a, b);
}

async function liveDomain(core: Core, name: string): Promise<DomainRow> {
  const d = await findLiveDomain(core, name);
  if (!d) throw new CoreError('not_found', `Domain ${name} not found`, 'domain');
  return d;
}

/** Takes the domain row's write lock for the rest of the transaction, so concurrent changes to it queue up. */
async function lockDomain(tx: Tx, domainId: number, now: Date): Promise<DomainRow> {
  await tx.updateTable('domains').set({ updated_at: now.toISOString() }).where('id', '=', domainId).execute();
  return tx.selectFrom('domains').selectAll().where('id', '=', domainId).executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------------------------------------------------------
// The registrant profile a transferred-in domain joins: the gaining reseller's own "epp-<username>" profile
// (resellerProfile.ts), created if it has none yet.

export interface PreparedEppProfile { resellerId: number; prepared: PreparedResellerProfile }

export async function prepareEppProfile(core: Core, resellerId: number): Promise<PreparedEppProfile> {
  return { resellerId, prepared: await prepareResellerProfile(core, resellerId, await usernameOf(core.db, resellerId)) };
}

async function resolveEppProfile(tx: Tx, p: PreparedEppProfile, now: Date): Promise<number> {
  const profile = await resolveResellerProfile(tx, p.resellerId, p.prepared, now);
  if (profile.created) {
    await recordHistory(tx, { at: now, resellerId: p.resellerId, domainId: null, objectType: 'profile', objectId: profile.id, action: 'create', detail: { reg_username: p.prepared.username } });
  }
  return profile.id;
}

// ---------------------------------------------------------------------------------------------------------------
// Request

export interface TransferRequestInput {
  resellerId: number; name: string; authCode?: string; period?: number;
  /**
   * XCP's reg_username/reg_password: the gaining reseller's registrant profile the domain joins when the transfer
   * completes (resolved, and created if new, when the request is made; stored on the order). Without it (EPP) the
   * domain joins the reseller's "epp-<username>" profile.
   */
  registrant?: { username: string; password: string };
  /** XCP's contact_set: the contacts the domain gets when the transfer completes (kept on the order until then). */
  contactSet?: Partial<Record<string, Partial<Record<string, string>>>>;
}

export async function requestTransfer(core: Core, input: TransferRequestInput): Promise<TransferView> {
  const d = await liveDomain(core, input.name);
  const policy = core.registry.policy(d.tld);
  if (!policy) throw new CoreError('unknown_tld', `TLD .${d.tld} is not offered`, 'domain');
  if (d.reseller_id === input.resellerId) throw new CoreError('not_eligible_transfer', `Domain ${d.name} is already sponsored by the requesting client`, 'domain');
  if (input.authCode === undefined || input.authCode === '') throw new CoreError('missing_field', 'Missing required field: authInfo', 'authInfo');
  if (!authMatches(input.authCode, d.auth_code)) throw new CoreError('auth_info_invalid', 'Invalid authorization information', 'authInfo');
  const period = input.period ?? TRANSFER_YEARS;
  if (period !== TRANSFER_YEARS) throw new CoreError('period_not_allowed', `A transfer adds exactly ${TRANSFER_YEARS} year`, 'period');
  const contacts: ContactSet | undefined = input.contactSet ? validateContactSet(input.contactSet) : undefined;
  const creds = input.registrant ? validateProfileCredentials(input.registrant.username, input.registrant.password) : undefined;
  const price = await priceFor(core, d.tld, 'transfer', period);
  const preparedProfile = creds ? await prepareProfile(core, input.resellerId, creds.username, creds.password) : undefined;
  const now = await core.clock.now();
  return core.db.transaction().execute(async (trx) => {
    const cur = await lockDomain(trx, d.id, now);
    if (cur.deleted_at !== null) throw new CoreError('not_found', `Domain ${d.name} not found`, 'domain');
    if (await pendingTransferOf(trx, d.id)) throw new CoreError('pending_transfer', `A transfer of ${d.name} is already pending`, 'domain');
    if (cur.rgp_status !== null) throw new CoreError('status_prohibits', `Domain ${d.name} is pending deletion`, 'domain');
    if (cur.registry_pending_until !== null) throw new CoreError('status_prohibits', `Domain ${d.name} is still waiting for its registry to confirm the registration`, 'domain');
    if (clientStatusesOf(cur).has('clientTransferProhibited')) throw new CoreError('status_prohibits', `Domain ${d.name} is locked against transfer (clientTransferProhibited)`, 'domain');
    const since = new Date(cur.transferred_at ?? cur.created_at);
    const lockEnds = new Date(since.getTime() + policy.transferLockDays * DAY_MS);
    if (now < lockEnds) {
      throw new CoreError('transfer_lock', `Domain ${d.name} cannot be transferred until ${lockEnds.toISOString()} (${policy.transferLockDays}-day lock after ${cur.transferred_at ? 'transfer' : 'registration'})`, 'domain');
    }
    const deadline = new Date(now.getTime() + policy.transferWindowDays * DAY_MS);
    const projected = addYears(new Date(cur.expires_at), period);
    const profile = preparedProfile ? await resolvePreparedProfile(trx, input.resellerId, preparedProfile, now) : undefined;
    if (profile?.created) {
      await recordHistory(trx, { at: now, resellerId: input.resellerId, domainId: null, objectType: 'profile', objectId: profile.id, action: 'create', detail: { reg_username: creds!.username } });
    }
    const order = await trx.insertInto('orders').values({
      reseller_id: input.resellerId, profile_id: profile?.id ?? null, domain_id: d.id, domain_name: d.name, kind: 'transfer', status: 'pending',
      period, amount_minor: price.amountMinor, currency: price.currency, request_json: JSON.stringify({ period, ...(contacts ? { contactSet: contacts } : {}) }),
      created_at: now.toISOString(), completed_at: null,
    }).returning('id').executeTakeFirstOrThrow();
    await debit(trx, { resellerId: input.resellerId, amountMinor: price.amountMinor, orderId: order.id, description: `transfer ${d.name} ${period}y`, at: now });
    const t = await trx.insertInto('transfers').values({
      domain_id: d.id, domain_name: d.name, gaining_reseller_id: input.resellerId, losing_reseller_id: cur.reseller_id,
      status: 'pending', requested_at: now.toISOString(), action_deadline: deadline.toISOString(), acted_at: null,
      period, amount_minor: price.amountMinor, currency: price.currency, order_id: order.id, expires_at_after: projected.toISOString(),
    }).returning('id').executeTakeFirstOrThrow();
    const row = (await trx.selectFrom('transfers').selectAll().where('id', '=', t.id).executeTakeFirstOrThrow());
    const view = await transferView(trx, row);
    await recordHistory(trx, {
      at: now, resellerId: input.resellerId, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'transfer_request',
      detail: { transferId: t.id, gaining: view.gainingUsername, losing: view.losingUsername, orderId: order.id, amountMinor: price.amountMinor, deadline: deadline.toISOString() },
    });
    await enqueuePoll(trx, {
      resellerId: cur.reseller_id, at: now, kind: 'transfer', message: `Transfer of ${d.name} requested by ${view.gainingUsername}`,
      payload: { type: 'transfer', side: 'losing', transfer: view },
    });
    return view;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Query

export async function queryTransfer(core: Core, input: { resellerId: number; name: string; authCode?: string }): Promise<TransferView> {
  const d = await liveDomain(core, input.name);
  const t = await lastTransferOf(core.db, d.id);
  const party = d.reseller_id === input.resellerId || (t !== undefined && (t.gaining_reseller_id === input.resellerId || t.losing_reseller_id === input.resellerId));
  if (!party) {
    if (input.authCode === undefined || input.authCode === '') throw new CoreError('not_sponsor', 'Authorization error: not a party to this transfer', 'domain');
    if (!authMatches(input.authCode, d.auth_code)) throw new CoreError('auth_info_invalid', 'Invalid authorization information', 'authInfo');
  }
  if (!t) throw new CoreError('not_pending_transfer', `No transfer of ${d.name} has been requested`, 'domain');
  return transferView(core.db, t);
}

// ---------------------------------------------------------------------------------------------------------------
// Approve, reject, cancel

type Outcome = Exclude<TransferStatus, 'pending'>;

/** Finds the pending transfer for an action by `resellerId` as `role`; checks order: exists, authorised, pending. */
async function pendingFor(core: Core, input: { resellerId: number; name: string }, role: 'losing' | 'gaining'): Promise<{ d: DomainRow; t: TransferRow }> {
  const d = await liveDomain(core, input.name);
  const t = await pendingTransferOf(core.db, d.id);
  if (role === 'losing') {
    if (d.reseller_id !== input.resellerId) {
      throw new CoreError('not_sponsor', `Authorization error: only the sponsoring client can ${t ? 'approve or reject' : 'act on'} a transfer of ${d.name}`, 'domain');
    }
    if (!t) throw new CoreError('not_pending_transfer', `No transfer of ${d.name} is pending`, 'domain');
  } else {
    if (!t) throw new CoreError('not_pending_transfer', `No transfer of ${d.name} is pending`, 'domain');
    if (t.gaining_reseller_id !== input.resellerId) throw new CoreError('not_sponsor', `Authorization error: only the requesting client can cancel the transfer of ${d.name}`, 'domain');
  }
  return { d, t };
}

export async function approveTransfer(core: Core, input: { resellerId: number; name: string }): Promise<TransferView> {
  const { t } = await pendingFor(core, input, 'losing');
  const prepared = await prepareEppProfile(core, t.gaining_reseller_id);
  const now = await core.clock.now();
  return core.db.transaction().execute((trx) => completeTransfer(trx, t.id, 'clientApproved', now, prepared));
}

export async function rejectTransfer(core: Core, input: { resellerId: number; name: string }): Promise<TransferView> {
  const { t } = await pendingFor(core, input, 'losing');
  const now = await core.clock.now();
  return core.db.transaction().execute((trx) => endTransfer(trx, t.id, 'clientRejected', now));
}

export async function cancelTransfer(core: Core, input: { resellerId: number; name: string }): Promise<TransferView> {
  const { t } = await pendingFor(core, input, 'gaining');
  const now = await core.clock.now();
  return core.db.transaction().execute((trx) => endTransfer(trx, t.id, 'clientCancelled', now));
}

/** Claims a pending transfer for one outcome: of concurrent actions on it exactly one succeeds. */
async function claim(trx: Tx, transferId: number, status: Outcome, at: Date): Promise<TransferRow> {
  const res = await trx.updateTable('transfers').set({ status, acted_at: at.toISOString() })
    .where('id', '=', transferId).where('status', '=', 'pending').executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new CoreError('not_pending_transfer', 'The transfer is no longer pending', 'domain');
  return trx.selectFrom('transfers').selectAll().where('id', '=', transferId).executeTakeFirstOrThrow();
}

/** Approval (by the losing client or the server): the domain changes hands. */
export async function completeTransfer(trx: Tx, transferId: number, status: 'clientApproved' | 'serverApproved', at: Date, prepared: PreparedEppProfile): Promise<TransferView> {
  const t0 = await trx.selectFrom('transfers').selectAll().where('id', '=', transferId).executeTakeFirstOrThrow();
  const d = await lockDomain(trx, t0.domain_id, at);
  const newExpiry = addYears(new Date(d.expires_at), t0.period);
  await trx.updateTable('transfers').set({ expires_at_after: newExpiry.toISOString() }).where('id', '=', transferId).execute();
  const t = await claim(trx, transferId, status, at);
  // The profile and contacts the request named (XCP), else the reseller's EPP profile and the domain's contacts.
  const order = t.order_id === null ? undefined
    : await trx.selectFrom('orders').select(['profile_id', 'request_json']).where('id', '=', t.order_id).executeTakeFirst();
  const profileId = order?.profile_id ?? await resolveEppProfile(trx, prepared, at);
  const requested = order ? JSON.parse(order.request_json) as { contactSet?: ContactSet } : {};
  if (requested.contactSet) await attachContacts(trx, d.id, t.gaining_reseller_id, requested.contactSet, at);
  await trx.updateTable('domains').set({
    reseller_id: t.gaining_reseller_id, profile_id: profileId, expires_at: newExpiry.toISOString(), transferred_at: at.toISOString(),
    auth_code: generateAuthCode(), updated_at: at.toISOString(), up_reseller_id: t.gaining_reseller_id,
  }).where('id', '=', d.id).execute();
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
  await enqueuePoll(trx, { resellerId: t.losing_reseller_id, at, kind: 'transfer', message: `Transfer of ${d.name} to ${view.gainingUsername} ${verb}`, payload: { type: 'transfer', side: 'losing', transfer: view } });
  return view;
}

/** Rejection, cancellation or a server cancel: nothing changes hands and the gaining side gets its money back. */
export async function endTransfer(trx: Tx, transferId: number, status: 'clientRejected' | 'clientCancelled' | 'serverCancelled', at: Date): Promise<TransferView> {
  const t = await claim(trx, transferId, status, at);
  if (t.order_id !== null) await trx.updateTable('orders').set({ status: 'cancelled', completed_at: at.toISOString() }).where('id', '=', t.order_id).execute();
  if (t.amount_minor > 0) {
    await credit(trx, { resellerId: t.gaining_reseller_id, amountMinor: t.amount_minor, orderId: t.order_id, description: `refund: transfer ${t.domain_name} ${status}`, at });
  }
  const view = await transferView(trx, t);
  const actor = status === 'clientRejected' ? t.losing_reseller_id : status === 'clientCancelled' ? t.gaining_reseller_id : null;
  await recordHistory(trx, {
    at, resellerId: actor, domainId: t.domain_id, objectType: 'domain', objectId: t.domain_id,
    action: status === 'clientRejected' ? 'transfer_reject' : 'transfer_cancel',
    detail: { transferId, status, refundMinor: t.amount_minor },
  });
  const msg = {
    clientRejected: `Transfer of ${t.domain_name} rejected by ${view.losingUsername}`,
    clientCancelled: `Transfer of ${t.domain_name} cancelled by ${view.gainingUsername}`,
    serverCancelled: `Transfer of ${t.domain_name} cancelled by the server`,
  }[status];
  if (status !== 'clientCancelled') await enqueuePoll(trx, { resellerId: t.gaining_reseller_id, at, kind: 'transfer', message: msg, payload: { type: 'transfer', side: 'gaining', transfer: view } });
  if (status !== 'clientRejected') await enqueuePoll(trx, { resellerId: t.losing_reseller_id, at, kind: 'transfer', message: msg, payload: { type: 'transfer', side: 'losing', transfer: view } });
  return view;
}

/** Cancels a domain's pending transfer, if any, by the server (e.g. when the domain leaves its live state). */
export async function serverCancelPendingTransfer(trx: Tx, domainId: number, at: Date): Promise<void> {
  const t = await pendingTransferOf(trx, domainId);
  if (t) await endTransfer(trx, t.id, 'serverCancelled', at);
}

// ---------------------------------------------------------------------------------------------------------------
// Auto-approval on the clock

/**
 * Approves every pending transfer whose action deadline has passed (serverApproved), acting at the deadline so
 * the outcome does not depend on when the pass runs. Returns how many it approved.
 */
export async function autoApproveTransfers(core: Core): Promise<number> {
  const now = await core.clock.now();
  const due = await core.db.selectFrom('transfers').selectAll().where('status', '=', 'pending')
    .where('action_deadline', '<=', now.toISOString()).orderBy('action_deadline', 'asc').orderBy('id', 'asc').execute();
  let approved = 0;
  for (const t of due) {
    const prepared = await prepareEppProfile(core, t.gaining_reseller_id);
    try {
      await core.db.transaction().execute((trx) => completeTransfer(trx, t.id, 'serverApproved', new Date(t.action_deadline), prepared));
      approved++;
    } catch (err) {
      // Another pass or a client action got there first.
      if (!(err instanceof CoreError && err.kind === 'not_pending_transfer')) throw err;
    }
  }
  return approved;
}
