// Reseller-wide domain queries: deleted domains, domains by expiry date, whether a name belongs to the caller, the
// live domains of a profile, and the contacts of a list of domains.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { toAsciiHostname } from '../domainName.ts';
import { parseRegistrySettings } from '../tldData.ts';
import type { DomainRow } from './findDomain.ts';
import { readContactsWithTrade, type DomainContactsView } from './trades.ts';

export interface Page<T> { items: T[]; total: number; page: number; limit: number; remainder: boolean }

function page<T>(all: T[], pageNo: number, limit: number): Page<T> {
  const start = pageNo * limit;
  return { items: all.slice(start, start + limit), total: all.length, page: pageNo, limit, remainder: start + limit < all.length };
}

/** "YYYY-MM-DD" -> the start of that day (UTC), ISO; `end` gives the last millisecond of that day. */
export function parseDay(text: string, field: string, end = false): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new CoreError('invalid_value', `Invalid data: ${field} must be a date in the format YYYY-MM-DD`, field);
  }
  return new Date(d.getTime() + (end ? 86_400_000 - 1 : 0)).toISOString();
}

export interface ExpiringDomain { name: string; expiresAt: string; autoRenew: boolean; letExpire: boolean }

/**
 * GET_DOMAINS_BY_EXPIREDATE: a reseller's active domains expiring in [from, to], by expiry then name. The count and
 * the page are both read from the covering index domains_reseller_expiry_live (migration 008), which holds every
 * column the reply needs in that order: no table rows and no sort, and a deep page only skips index entries.
 */
export async function listDomainsByExpiry(core: Core, q: { resellerId: number; from: string; to: string; page: number; limit: number }): Promise<Page<ExpiringDomain>> {
  if (q.from > q.to) return page([], q.page, q.limit);
  const base = core.db.selectFrom('domains').where('reseller_id', '=', q.resellerId).where('deleted_at', 'is', null).where('rgp_status', 'is', null)
    .where('expires_at', '>=', q.from).where('expires_at', '<=', q.to);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = q.page * q.limit >= total ? [] : await base.select(['name', 'expires_at', 'auto_renew', 'let_expire']).orderBy('expires_at').orderBy('name')
    .limit(q.limit).offset(q.page * q.limit).execute();
  return {
    items: rows.map((r) => ({ name: r.name, expiresAt: r.expires_at, autoRenew: r.auto_renew === 1, letExpire: r.let_expire === 1 })),
    total, page: q.page, limit: q.limit, remainder: (q.page + 1) * q.limit < total,
  };
}

export interface DeletedDomain { name: string; reason: string; status: string; deletedAt: string; expiresAt: string }

export interface DeletedQuery {
  resellerId: number;
  domain?: string;
  delFrom?: string; delTo?: string;
  expFrom?: string; expTo?: string;
  emails?: Partial<Record<'owner' | 'admin' | 'billing' | 'tech', string>>;
  page: number; limit: number;
}

function wildcard(pattern: string): RegExp {
  const esc = pattern.trim().toLowerCase().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${esc}$`);
}

/** GET_DELETED_DOMAINS reads this many candidates, and their history, per chunk; it yields between chunks. */
const DELETED_CHUNK = 500;

/**
 * Domains this reseller had that were deleted (revoked, deleted, expired and purged) or that are pending deletion
 * (redemption). A .UK domain released to another registrar's tag left by transfer, not deletion, and is not listed.
 *
 * The deletion date and reason come from each domain's history and filter the list, so every candidate is looked
 * at; they are read a chunk at a time (newest first, through domains_reseller_gone of migration 008), with the
 * history of a whole chunk in one query, yielding to the event loop between chunks.
 */
export async function listDeletedDomains(core: Core, q: DeletedQuery): Promise<Page<DeletedDomain>> {
  let query = core.db.selectFrom('domains')
    .select(['id', 'name', 'deleted_at', 'rgp_status', 'updated_at', 'expires_at', 'registry_settings'])
    .where('reseller_id', '=', q.resellerId)
    .where((eb) => eb.or([eb('deleted_at', 'is not', null), eb('rgp_status', 'is not', null)]));
  if (q.domain) {
    const name = toAsciiHostname(q.domain);
    if (!name) throw new CoreError('invalid_domain', 'Invalid domain name syntax', 'domain');
    query = query.where('name', '=', name);
  }
  if (q.expFrom) query = query.where('expires_at', '>=', q.expFrom);
  if (q.expTo) query = query.where('expires_at', '<=', q.expTo);
  const out: DeletedDomain[] = [];
  let before: number | undefined;
  for (;;) {
    const chunk = await query.$if(before !== undefined, (qb) => qb.where('id', '<', before!)).orderBy('id', 'desc').limit(DELETED_CHUNK).execute();
    if (chunk.length === 0) break;
    before = chunk[chunk.length - 1].id;
    const rows = chunk.filter((r) => !parseRegistrySettings(r.registry_settings).released_to_tag);
    // Why each went, newest first: revoked (REVOKE), deleted (by its sponsor), or expired (the life cycle).
    const why = new Map<number, { revoke?: { at: string }; delete?: { at: string }; expire?: { at: string } }>();
    if (rows.length > 0) {
      const hist = await core.db.selectFrom('history').select(['domain_id', 'action', 'at'])
        .where('domain_id', 'in', rows.map((r) => r.id)).where('action', 'in', ['revoke', 'delete', 'expire'])
        .orderBy('id', 'desc').execute();
      for (const h of hist) {
        const w = why.get(h.domain_id!) ?? {};
        const action = h.action as 'revoke' | 'delete' | 'expire';
        w[action] ??= { at: h.at };
        why.set(h.domain_id!, w);
      }
    }
    for (const r of rows) {
      const w = why.get(r.id);
      const del = w?.revoke ? { action: 'revoke', ...w.revoke } : w?.delete ? { action: 'delete', ...w.delete } : w?.expire ? { action: 'expire', ...w.expire } : undefined;
      const deletedAt = r.deleted_at ?? del?.at ?? r.updated_at;
      if (q.delFrom && deletedAt < q.delFrom) continue;
      if (q.delTo && deletedAt > q.delTo) continue;
      if (q.emails && Object.keys(q.emails).length > 0) {
        const { contacts } = await readContactsWithTrade(core.db, r.id, true);
        const ok = Object.entries(q.emails).every(([role, pattern]) => {
          const email = contacts[role as keyof typeof contacts]?.email ?? '';
          return pattern === undefined || wildcard(pattern).test(email.toLowerCase());
        });
        if (!ok) continue;
      }
      const reason = del?.action === 'revoke' ? 'revoked' : del?.action === 'expire' ? 'expired' : 'deleted';
      out.push({ name: r.name, reason, status: r.deleted_at ? 'deleted' : (r.rgp_status ?? 'deleted'), deletedAt, expiresAt: r.expires_at });
    }
    if (chunk.length < DELETED_CHUNK) break;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return page(out, q.page, q.limit);
}

export async function belongsToReseller(core: Core, resellerId: number, domain: string): Promise<{ known: boolean; belongs: boolean; expiresAt?: string }> {
  const name = toAsciiHostname(domain);
  if (!name) throw new CoreError('invalid_domain', 'Invalid domain name syntax', 'domain');
  const d = await core.db.selectFrom('domains').select(['reseller_id', 'expires_at', 'rgp_status']).where('name', '=', name)
    .where('deleted_at', 'is', null).executeTakeFirst();
  // A domain pending deletion is no longer active in the account (OpenSRS: "Unknown Domain").
  if (!d || d.rgp_status !== null) return { known: false, belongs: false };
  const belongs = Number(d.reseller_id) === resellerId;
  return { known: true, belongs, expiresAt: belongs ? d.expires_at : undefined };
}

/** The live domains of a registrant profile of this reseller (none pending deletion), by name. */
export async function profileDomains(core: Core, resellerId: number, profileId: number): Promise<DomainRow[]> {
  return core.db.selectFrom('domains').selectAll().where('profile_id', '=', profileId).where('reseller_id', '=', resellerId)
    .where('deleted_at', 'is', null).where('rgp_status', 'is', null).orderBy('name').execute();
}

export type DomainContactsResult = { name: string; ok: true; view: DomainContactsView } | { name: string; ok: false; code: 'not_found' | 'not_sponsor' | 'invalid_domain'; message: string };

export const MAX_CONTACT_QUERY_DOMAINS = 100;

export async function contactsOfDomains(core: Core, resellerId: number, names: string[], activeOnly: boolean): Promise<DomainContactsResult[]> {
  if (names.length === 0) throw new CoreError('missing_field', 'Missing required field: domain_list', 'domain_list');
  if (names.length > MAX_CONTACT_QUERY_DOMAINS) throw new CoreError('invalid_value', `Invalid data: at most ${MAX_CONTACT_QUERY_DOMAINS} domains per request`, 'domain_list');
  const out: DomainContactsResult[] = [];
  for (const input of names) {
    const name = toAsciiHostname(input);
    if (!name) { out.push({ name: input, ok: false, code: 'invalid_domain', message: 'Invalid domain name syntax' }); continue; }
    const d = await core.db.selectFrom('domains').select(['id', 'reseller_id']).where('name', '=', name).where('deleted_at', 'is', null)
      .where('rgp_status', 'is', null).executeTakeFirst();
    if (!d) { out.push({ name, ok: false, code: 'not_found', message: `Domain ${name} not found` }); continue; }
    if (Number(d.reseller_id) !== resellerId) { out.push({ name, ok: false, code: 'not_sponsor', message: 'Domain does not belong to Registrar' }); continue; }
    out.push({ name, ok: true, view: await readContactsWithTrade(core.db, d.id, activeOnly) });
  }
  return out;
}
