// The domains of one registrant profile, optionally only those whose expiry falls in a window of days from now
// (negative days are past expiry), a page at a time.
import type { Core } from '../core.ts';
import { DAY_MS } from '../dates.ts';
import type { DomainRow } from './findDomain.ts';

export interface ListQuery {
  profileId: number;
  page: number;   // 0-based
  limit: number;
  minToExpiryDays?: number;
  maxToExpiryDays?: number;
}

export interface ListResult { domains: DomainRow[]; total: number; remainder: boolean }

export async function listProfileDomains(core: Core, q: ListQuery): Promise<ListResult> {
  const now = await core.clock.now();
  let query = core.db.selectFrom('domains').where('profile_id', '=', q.profileId).where('deleted_at', 'is', null);
  if (q.minToExpiryDays !== undefined || q.maxToExpiryDays !== undefined) {
    const min = q.minToExpiryDays ?? 0;
    if (q.maxToExpiryDays !== undefined && min > q.maxToExpiryDays) return { domains: [], total: 0, remainder: false };
    query = query.where('expires_at', '>=', new Date(now.getTime() + min * DAY_MS).toISOString());
    if (q.maxToExpiryDays !== undefined) query = query.where('expires_at', '<=', new Date(now.getTime() + q.maxToExpiryDays * DAY_MS).toISOString());
  }
  const total = Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const domains = await query.selectAll().orderBy('name').limit(q.limit).offset(q.page * q.limit).execute();
  return { domains, total, remainder: (q.page + 1) * q.limit < total };
}
