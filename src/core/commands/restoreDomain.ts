// Restoring a deleted domain during its redemption grace period (RFC 3915): a restore request (charged) moves the
// domain to pendingRestore; the restore report (what the registration looked like before and after, why it is
// restored) brings it back to a normal live domain. A request that is not followed by a report within
// RESTORE_REPORT_DAYS sends the domain back to redemptionPeriod (the fee is not refunded), as RFC 3915 describes.
//
// While pendingRestore, domains.redemption_ends_at holds the report deadline; purge_at keeps the original purge
// time, from which the redemption end is recovered (purge_at - PENDING_DELETE_DAYS) if the report never comes.
import { assertRegistryOffers } from '../orders/registryReach.ts';
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { debit } from '../ledger.ts';
import { recordHistory } from '../history.ts';
import { DAY_MS, addYears } from '../dates.ts';
import { askRegistryFirst } from '../orders/registryFirst.ts';
import { findLiveDomain, type DomainRow } from './findDomain.ts';
import { priceFor } from './prices.ts';

/** The restore fee, in minor units of the TLD's currency (40.00), charged on the restore request. */
export const RESTORE_FEE_MINOR = 4000;
/** Days the sponsor has to send the restore report after the request. */
export const RESTORE_REPORT_DAYS = 7;

async function sponsoredDomain(core: Core, resellerId: number, name: string): Promise<DomainRow> {
  const d = await findLiveDomain(core, name);
  if (!d) throw new CoreError('not_found', `Domain ${name} not found`, 'domain');
  if (d.reseller_id !== resellerId) throw new CoreError('not_sponsor', 'Authorization error: domain does not belong to the client', 'domain');
  return d;
}

export interface RestoreRequestResult { name: string; amountMinor: number; currency: string; renewed: boolean; expiresAt: string; reportDueAt: string }

/**
 * Restore request: only in redemptionPeriod (else status_prohibits). Charges the restore fee, plus a one-year
 * renewal if the domain has expired meanwhile (the expiry moves on at once).
 */
export async function requestRestore(core: Core, input: { resellerId: number; name: string }): Promise<RestoreRequestResult> {
  const d = await sponsoredDomain(core, input.resellerId, input.name);
  if (d.rgp_status !== 'redemptionPeriod') {
    throw new CoreError('status_prohibits', d.rgp_status === null
      ? `Domain ${d.name} is not in its redemption period; only deleted domains can be restored`
      : `Domain ${d.name} is ${d.rgp_status}; a restore can only be requested during redemptionPeriod`, 'domain');
  }
  assertRegistryOffers(core, d.tld, 'restore', 'Restore');
  await askRegistryFirst(core, d, 'restore', (call) => core.registry.restoreDomain(call, { name: d.name, op: 'request' }));
  const now = await core.clock.now();
  const policy = core.registry.policy(d.tld);
  const expired = new Date(d.expires_at) <= now;
  const renew = expired ? await priceFor(core, d.tld, 'renew', 1) : undefined;
  const currency = renew?.currency ?? policy?.currency ?? 'USD';
  const amount = RESTORE_FEE_MINOR + (renew?.amountMinor ?? 0);
  const reportDueAt = new Date(now.getTime() + RESTORE_REPORT_DAYS * DAY_MS).toISOString();
  return core.db.transaction().execute(async (trx) => {
    let expiresAt = d.expires_at;
    // A restored, expired name is renewed by one year from its old expiry (registries do so with the restore).
    if (expired) expiresAt = addYears(new Date(d.expires_at), 1).toISOString();
    const claimed = await trx.updateTable('domains').set({
      rgp_status: 'pendingRestore', redemption_ends_at: reportDueAt, expires_at: expiresAt, updated_at: now.toISOString(), up_reseller_id: input.resellerId,
    }).where('id', '=', d.id).where('rgp_status', '=', 'redemptionPeriod').where('deleted_at', 'is', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw new CoreError('status_prohibits', `Domain ${d.name} is no longer in its redemption period`, 'domain');
    const order = await trx.insertInto('orders').values({
      reseller_id: input.resellerId, profile_id: d.profile_id, domain_id: d.id, domain_name: d.name, kind: 'restore', status: 'completed',
      period: expired ? 1 : 0, amount_minor: amount, currency, request_json: JSON.stringify({ restoreFeeMinor: RESTORE_FEE_MINOR, renewMinor: renew?.amountMinor ?? 0 }),
      created_at: now.toISOString(), completed_at: now.toISOString(),
    }).returning('id').executeTakeFirstOrThrow();
    await debit(trx, { resellerId: input.resellerId, amountMinor: amount, orderId: order.id, description: `restore ${d.name}${expired ? ' + renew 1y' : ''}`, at: now });
    await recordHistory(trx, {
      at: now, resellerId: input.resellerId, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'restore_request',
      detail: { orderId: order.id, amountMinor: amount, renewed: expired, expiresAt, reportDueAt },
    });
    return { name: d.name, amountMinor: amount, currency, renewed: expired, expiresAt, reportDueAt };
  });
}

export interface RestoreReport {
  preData: string;
  postData: string;
  delTime: string;
  resTime: string;
  resReason: string;
  statements: string[];
  other?: string;
}

/** Restore report: only in pendingRestore (else status_prohibits). The domain is live again. */
export async function reportRestore(core: Core, input: { resellerId: number; name: string; report: RestoreReport }): Promise<{ name: string }> {
  const d = await sponsoredDomain(core, input.resellerId, input.name);
  if (d.rgp_status !== 'pendingRestore') {
    throw new CoreError('status_prohibits', `Domain ${d.name} has no pending restore; send a restore request first`, 'domain');
  }
  const r = input.report;
  for (const [field, value] of [['preData', r.preData], ['postData', r.postData], ['resReason', r.resReason]] as const) {
    if (!value.trim()) throw new CoreError('missing_field', `Missing required field: ${field}`, field);
  }
  if (r.statements.length === 0 || r.statements.some((s) => !s.trim())) throw new CoreError('missing_field', 'Missing required field: statement', 'statement');
  for (const [field, value] of [['delTime', r.delTime], ['resTime', r.resTime]] as const) {
    if (Number.isNaN(Date.parse(value))) throw new CoreError('invalid_value', `Invalid ${field}: ${value}`, field);
  }
  await askRegistryFirst(core, d, 'restore report', (call) => core.registry.restoreDomain(call, {
    name: d.name, op: 'report',
    report: { preData: r.preData, postData: r.postData, delTime: r.delTime, resTime: r.resTime, resReason: r.resReason, ...Object.fromEntries(r.statements.map((st, i) => [`statement${i + 1}`, st])), other: r.other ?? '' },
  }));
  const now = await core.clock.now();
  await core.db.transaction().execute(async (trx) => {
    const claimed = await trx.updateTable('domains').set({
      rgp_status: null, redemption_ends_at: null, purge_at: null, updated_at: now.toISOString(), up_reseller_id: input.resellerId,
    }).where('id', '=', d.id).where('rgp_status', '=', 'pendingRestore').where('deleted_at', 'is', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw new CoreError('status_prohibits', `Domain ${d.name} has no pending restore`, 'domain');
    await recordHistory(trx, {
      at: now, resellerId: input.resellerId, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'restore_report',
      detail: { report: r },
    });
  });
  return { name: d.name };
}

