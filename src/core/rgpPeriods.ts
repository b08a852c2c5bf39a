// The RFC 3915 grace periods regd keeps for every domain, in one place for the delete command, its registry step,
// the life-cycle pass and the doors that report RGP statuses.
import type { Tx } from './core.ts';
import { DAY_MS } from './dates.ts';

/** Days after registration during which a delete is refunded (ICANN add grace period). */
export const ADD_GRACE_DAYS = 5;
/** Days a deleted domain can be restored (redemptionPeriod). */
export const REDEMPTION_DAYS = 30;
/** Days between the end of redemption and the purge (pendingDelete). */
export const PENDING_DELETE_DAYS = 5;

export function inAddGrace(d: { created_at: string; transferred_at: string | null }, now: Date): boolean {
  return d.transferred_at === null && now.getTime() < new Date(d.created_at).getTime() + ADD_GRACE_DAYS * DAY_MS;
}

/** A reference for the pending delete, carried by the purge's poll message (panData paTRID). */
export const deleteReference = (domainId: number): string => `DEL-${domainId}`;

/** Days after an explicit renewal during which RFC 3915's renewPeriod is reported. */
export const RENEW_GRACE_DAYS = 5;
/** Days after an auto-renewal (from the expiry it renewed at) during which autoRenewPeriod is reported. */
export const AUTO_RENEW_GRACE_DAYS = 5;

/**
 * renewPeriod / autoRenewPeriod for a live domain renewed in the last few days: read from its history rows
 * ('renew' when a reseller renewed, 'auto_renew' when the life cycle or the registry did; an auto-renewal is dated at
 * the expiry it renewed), counting only renewals since the current sponsor has the domain (after its transfer).
 */
export async function renewGraceStatuses(db: Tx, d: { id: number; transferred_at: string | null }, now: Date): Promise<string[]> {
  const since = new Date(now.getTime() - Math.max(RENEW_GRACE_DAYS, AUTO_RENEW_GRACE_DAYS) * DAY_MS).toISOString();
  let q = db.selectFrom('history').select(['action', 'at'])
    .where('domain_id', '=', d.id).where('object_type', '=', 'domain').where('action', 'in', ['renew', 'auto_renew'])
    .where('at', '>', since).where('at', '<=', now.toISOString());
  if (d.transferred_at !== null) q = q.where('at', '>=', d.transferred_at);
  const rows = await q.execute();
  const within = (action: string, days: number) => rows.some((r) => r.action === action && new Date(r.at).getTime() + days * DAY_MS > now.getTime());
  const out: string[] = [];
  if (within('renew', RENEW_GRACE_DAYS)) out.push('renewPeriod');
  if (within('auto_renew', AUTO_RENEW_GRACE_DAYS)) out.push('autoRenewPeriod');
  return out;
}
