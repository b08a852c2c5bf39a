// A reseller's live domains by name, a page at a time with a keyset ("after this name") rather than an offset, so a
// page is one index range however deep the listing goes and a domain added meanwhile never shifts the pages.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';

export interface ResellerDomainsQuery {
  resellerId: number;
  /** Part of the (ASCII) name: letters, digits, dots and hyphens only, so it needs no LIKE escaping. */
  nameContains?: string;
  /** ISO time: domains expiring strictly before it. */
  expiringBefore?: string;
  /** The last name of the previous page. */
  after?: string;
  limit: number;
}

export interface ResellerDomainSummary {
  name: string;
  createdAt: string;
  expiresAt: string;
  autoRenew: boolean;
  locked: boolean;
  /** RGP state of a domain pending deletion (e.g. "redemptionPeriod"); null for an active one. */
  rgpStatus: string | null;
}

const NAME_PART = /^[a-z0-9.-]{1,253}$/;

export async function listResellerDomains(core: Core, q: ResellerDomainsQuery): Promise<{ items: ResellerDomainSummary[]; more: boolean }> {
  let query = core.db.selectFrom('domains').select(['name', 'created_at', 'expires_at', 'auto_renew', 'locked', 'rgp_status'])
    .where('reseller_id', '=', q.resellerId).where('deleted_at', 'is', null);
  if (q.nameContains !== undefined) {
    const part = q.nameContains.trim().toLowerCase();
    if (!NAME_PART.test(part)) throw new CoreError('invalid_value', 'Invalid data: nameContains may hold only letters, digits, dots and hyphens', 'nameContains');
    query = query.where('name', 'like', `%${part}%`);
  }
  if (q.expiringBefore !== undefined) query = query.where('expires_at', '<', q.expiringBefore);
  if (q.after !== undefined) query = query.where('name', '>', q.after);
  // One extra row says whether another page follows without a count.
  const rows = await query.orderBy('name').limit(q.limit + 1).execute();
  return {
    items: rows.slice(0, q.limit).map((r) => ({
      name: r.name, createdAt: r.created_at, expiresAt: r.expires_at, autoRenew: r.auto_renew === 1, locked: r.locked === 1, rgpStatus: r.rgp_status,
    })),
    more: rows.length > q.limit,
  };
}
