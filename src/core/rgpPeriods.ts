// The RFC 3915 grace periods regd keeps for every domain, in one place for the delete command, its registry step,
// the life-cycle pass and the doors that report RGP statuses.
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
