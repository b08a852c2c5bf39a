// Restoring a deleted domain during its redemption grace period (RFC 3915): a restore request (charged) moves the
// domain to pendingRestore; the restore report (what the registration looked like before and after, why it is
// restored) brings it back to a normal live domain. A request that is not followed by a report within
// RESTORE_REPORT_DAYS sends the domain back to redemptionPeriod (the fee is not refunded), as RFC 3915 describes.
//
// While pendingRestore, domains.redemption_ends_at holds the report deadline; purge_at keeps the original purge
// time, from which the redemption end is recovered (purge_at - PENDING_DELETE_DAYS) if the report never comes.
//
// Both the request and the report are orders carried through the registry (orders/steps/restoreStep.ts): reserved
// here with the domain marked, sent outside any transaction, applied when the registry accepts.
import { assertRegistryOffers } from '../orders/registryReach.ts';
import type { Core, Tx } from '../core.ts';
import { CoreError } from '../errors.ts';
import { debit } from '../ledger.ts';
import { DAY_MS, addYears } from '../dates.ts';
import { insertInflightOrder } from '../orders/inflightOrder.ts';
import { carryOrder } from '../orders/carryOrder.ts';
import { registryFailureError } from '../orders/registryFailureError.ts';
import type { RestoreReportJson, RestoreRequestJson } from '../orders/steps/restoreStep.ts';
import { findLiveDomain, type DomainRow } from './findDomain.ts';
import { assertPriceAccepted, priceOfName, type AcceptedPrice, type NamePrice } from './prices.ts';

/** The restore fee, in minor units of the TLD's currency (40.00), charged on the restore request. */
export const RESTORE_FEE_MINOR = 4000;
/** Days the sponsor has to send the restore report after the request. */
export const RESTORE_REPORT_DAYS = 7;

/**
 * What a restore request costs: the restore fee, plus one year's renewal (at the name's price, premium if it is
 * premium) when the domain has expired meanwhile. Premium only when that renewal is.
 */
export async function restorePrice(core: Core, d: { name: string; tld: string; expires_at: string }, now: Date): Promise<NamePrice & { renewMinor: number; renewed: boolean }> {
  const expired = new Date(d.expires_at) <= now;
  const renew = expired ? await priceOfName(core, d, 'renew', 1) : undefined;
  const currency = renew?.currency ?? core.registry.policy(d.tld)?.currency ?? 'USD';
  return { amountMinor: RESTORE_FEE_MINOR + (renew?.amountMinor ?? 0), currency, premium: renew?.premium ?? false, renewMinor: renew?.amountMinor ?? 0, renewed: expired };
}

async function sponsoredDomain(core: Core, resellerId: number, name: string): Promise<DomainRow> {
  const d = await findLiveDomain(core, name);
  if (!d) throw new CoreError('not_found', `Domain ${name} not found`, 'domain');
  if (d.reseller_id !== resellerId) throw new CoreError('not_sponsor', 'Authorization error: domain does not belong to the client', 'domain');
  return d;
}

/** Marks the domain with a new order if it is still in `rgpState` and carries no other order; returns the order id. */
async function reserveRestoreOrder(trx: Tx, d: DomainRow, rgpState: string, order: { resellerId: number; kind: string; period: number; amountMinor: number; currency: string; request: unknown; now: Date }, refusal: string): Promise<number> {
  const id = await insertInflightOrder(trx, {
    resellerId: order.resellerId, profileId: d.profile_id, domainId: d.id, name: d.name, kind: order.kind,
    period: order.period, amountMinor: order.amountMinor, currency: order.currency, request: order.request, now: order.now,
  });
  const claimed = await trx.updateTable('domains').set({ pending_order_id: id, updated_at: order.now.toISOString() })
    .where('id', '=', d.id).where('rgp_status', '=', rgpState).where('deleted_at', 'is', null).where('pending_order_id', 'is', null).executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) throw new CoreError('status_prohibits', refusal, 'domain');
  return id;
}

export interface RestoreRequestResult { name: string; amountMinor: number; currency: string; renewed: boolean; expiresAt: string; reportDueAt: string; status: 'completed' | 'submitted'; orderId: number }

/**
 * Restore request: only in redemptionPeriod (else status_prohibits). Charges the restore fee, plus a one-year
 * renewal if the domain has expired meanwhile (the expiry moves on at once).
 */
export async function requestRestore(core: Core, input: { resellerId: number; name: string; acceptedPrice?: AcceptedPrice }): Promise<RestoreRequestResult> {
  const d = await sponsoredDomain(core, input.resellerId, input.name);
  if (d.rgp_status !== 'redemptionPeriod') {
    throw new CoreError('status_prohibits', d.rgp_status === null
      ? `Domain ${d.name} is not in its redemption period; only deleted domains can be restored`
      : `Domain ${d.name} is ${d.rgp_status}; a restore can only be requested during redemptionPeriod`, 'domain');
  }
  assertRegistryOffers(core, d.tld, 'restore', 'Restore');
  const now = await core.clock.now();
  const price = await restorePrice(core, d, now);
  assertPriceAccepted(price, input.acceptedPrice, `The restore of ${d.name}`, 'fee');
  const expired = price.renewed;
  const currency = price.currency;
  const amount = price.amountMinor;
  // A restored, expired name is renewed by one year from its old expiry (registries do so with the restore).
  const request: RestoreRequestJson = {
    restoreFeeMinor: RESTORE_FEE_MINOR, renewMinor: price.renewMinor, renewed: expired,
    expiresAt: expired ? addYears(new Date(d.expires_at), 1).toISOString() : d.expires_at,
    reportDueAt: new Date(now.getTime() + RESTORE_REPORT_DAYS * DAY_MS).toISOString(),
  };
  const orderId = await core.db.transaction().execute(async (trx) => {
    const id = await reserveRestoreOrder(trx, d, 'redemptionPeriod', {
      resellerId: input.resellerId, kind: 'restore', period: expired ? 1 : 0, amountMinor: amount, currency, request, now,
    }, `Domain ${d.name} is no longer in its redemption period, or has an order still waiting for its registry`);
    await debit(trx, { resellerId: input.resellerId, amountMinor: amount, orderId: id, description: `restore ${d.name}${expired ? ' + renew 1y' : ''}`, at: now });
    return id;
  });
  const outcome = await carryOrder(core, orderId);
  if (outcome.state === 'failed') throw registryFailureError(outcome.failure, `the restore of ${d.name}`);
  return { name: d.name, amountMinor: amount, currency, renewed: expired, expiresAt: request.expiresAt, reportDueAt: request.reportDueAt, status: outcome.state === 'pending' ? 'submitted' : 'completed', orderId };
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
export async function reportRestore(core: Core, input: { resellerId: number; name: string; report: RestoreReport }): Promise<{ name: string; status: 'completed' | 'submitted'; orderId: number }> {
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
  const now = await core.clock.now();
  const request: RestoreReportJson = { report: { ...r, other: r.other ?? '' } };
  const orderId = await core.db.transaction().execute((trx) => reserveRestoreOrder(trx, d, 'pendingRestore', {
    resellerId: input.resellerId, kind: 'restore_report', period: 0, amountMinor: 0, currency: 'USD', request, now,
  }, `Domain ${d.name} has no pending restore, or has an order still waiting for its registry`));
  const outcome = await carryOrder(core, orderId);
  if (outcome.state === 'failed') throw registryFailureError(outcome.failure, `the restore report of ${d.name}`);
  return { name: d.name, status: outcome.state === 'pending' ? 'submitted' : 'completed', orderId };
}
