// The domains of one registrant profile, optionally only those whose expiry falls in a window of days from now
// (negative days are past expiry), a page at a time.
//
// XCP's `get domain list` names a page and a limit and answers with the total, so the page is found by its offset.
// Both the count and the page walk the index domains_profile_names (profile, name, expiry; migration 008) and never
// the table or a sort: the count is one index-only range count, the page is found by skipping index entries in name
// order (the subquery reads ids from the index only), and just the page's rows are read from the table. Page 5000 of
// a large profile costs the index entries it skips, not a sort of the whole profile.
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
  const offset = q.page * q.limit;
  if (offset >= total) return { domains: [], total, remainder: false };
  const pageIds = query.select('id').orderBy('name').limit(q.limit).offset(offset);
  const domains = await core.db.selectFrom('domains').selectAll().where('id', 'in', pageIds).orderBy('name').execute();
  return { domains, total, remainder: offset + q.limit < total };
}
