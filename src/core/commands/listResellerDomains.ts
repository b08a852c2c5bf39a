// A reseller's live domains by name (or one registrant profile's), a page at a time with a keyset ("after this
// name") rather than an offset, so a page is one index range however deep the listing goes and a domain added
// meanwhile never shifts the pages. Each domain carries one life-cycle status, derived from its columns, and the
// listing can be narrowed to one status inside the query itself.
import type { ExpressionBuilder, ExpressionWrapper, SqlBool } from 'kysely';
import type { Core } from '../core.ts';
import type { Database } from '../../store/schema.ts';
import { CoreError } from '../errors.ts';

/**
 * One status per domain, the first that holds in this order: pendingDelete (redemption over, waiting for the purge),
 * redemption (deleted or expired past its grace, restorable; a restore awaiting its report counts here), a pending
 * transfer, pendingCreate (the registry has not confirmed the registration yet), expired (past its expiry, in the
 * auto-renew grace) and active.
 */
export const DOMAIN_LIST_STATUSES = ['active', 'expired', 'pendingCreate', 'pendingTransfer', 'redemption', 'pendingDelete'] as const;
export type DomainListStatus = typeof DOMAIN_LIST_STATUSES[number];

export interface ResellerDomainsQuery {
  resellerId: number;
  /** Only this registrant profile's domains (the registrant's own listing). */
  profileId?: number;
  /** Part of the (ASCII) name: letters, digits, dots and hyphens only, so it needs no LIKE escaping. */
  nameContains?: string;
  /** ISO time: domains expiring strictly before it. */
  expiringBefore?: string;
  status?: DomainListStatus;
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
  status: DomainListStatus;
  /** RGP state of a domain pending deletion (e.g. "redemptionPeriod"); null for an active one. */
  rgpStatus: string | null;
}

const NAME_PART = /^[a-z0-9.-]{1,253}$/;
/** The RGP states of a restorable domain; any other RGP state is the wait for the purge. */
const REDEMPTION_RGP = ['redemptionPeriod', 'pendingRestore'];

type DomainsEb = ExpressionBuilder<Database, 'domains'>;

const pendingTransfer = (eb: DomainsEb) => eb.exists(eb.selectFrom('transfers').select('transfers.id')
  .whereRef('transfers.domain_id', '=', 'domains.id').where('transfers.status', '=', 'pending'));

/** The SQL for "this domain's status is `status`", the same precedence as statusOf below. */
function hasStatus(eb: DomainsEb, status: DomainListStatus, now: string): ExpressionWrapper<Database, 'domains', SqlBool> {
  const inRgp = eb('domains.rgp_status', 'is not', null);
  const notInRgp = eb('domains.rgp_status', 'is', null);
  switch (status) {
    case 'pendingDelete': return eb.and([inRgp, eb('domains.rgp_status', 'not in', REDEMPTION_RGP)]);
    case 'redemption': return eb('domains.rgp_status', 'in', REDEMPTION_RGP);
    case 'pendingTransfer': return eb.and([notInRgp, pendingTransfer(eb)]);
    case 'pendingCreate': return eb.and([notInRgp, eb.not(pendingTransfer(eb)), eb('domains.registry_pending_until', 'is not', null)]);
    case 'expired': return eb.and([notInRgp, eb.not(pendingTransfer(eb)), eb('domains.registry_pending_until', 'is', null), eb('domains.expires_at', '<=', now)]);
    case 'active': return eb.and([notInRgp, eb.not(pendingTransfer(eb)), eb('domains.registry_pending_until', 'is', null), eb('domains.expires_at', '>', now)]);
  }
}

function statusOf(r: { rgp_status: string | null; registry_pending_until: string | null; expires_at: string; pending_transfer: unknown }, now: string): DomainListStatus {
  if (r.rgp_status !== null) return REDEMPTION_RGP.includes(r.rgp_status) ? 'redemption' : 'pendingDelete';
  if (Number(r.pending_transfer) === 1 || r.pending_transfer === true) return 'pendingTransfer';
  if (r.registry_pending_until !== null) return 'pendingCreate';
  return r.expires_at <= now ? 'expired' : 'active';
}

export async function listResellerDomains(core: Core, q: ResellerDomainsQuery): Promise<{ items: ResellerDomainSummary[]; more: boolean }> {
  const now = (await core.clock.now()).toISOString();
  let query = core.db.selectFrom('domains')
    .select(['domains.name', 'domains.created_at', 'domains.expires_at', 'domains.auto_renew', 'domains.locked', 'domains.rgp_status', 'domains.registry_pending_until'])
    .select((eb) => eb.case().when(pendingTransfer(eb)).then(1).else(0).end().as('pending_transfer'))
    .where('domains.reseller_id', '=', q.resellerId).where('domains.deleted_at', 'is', null);
  if (q.profileId !== undefined) query = query.where('domains.profile_id', '=', q.profileId);
  if (q.nameContains !== undefined) {
    const part = q.nameContains.trim().toLowerCase();
    if (!NAME_PART.test(part)) throw new CoreError('invalid_value', 'Invalid data: nameContains may hold only letters, digits, dots and hyphens', 'nameContains');
    query = query.where('domains.name', 'like', `%${part}%`);
  }
  if (q.expiringBefore !== undefined) query = query.where('domains.expires_at', '<', q.expiringBefore);
  if (q.status !== undefined) {
    const status = q.status;
    if (!DOMAIN_LIST_STATUSES.includes(status)) throw new CoreError('invalid_value', `Invalid data: status must be one of ${DOMAIN_LIST_STATUSES.join(', ')}`, 'status');
    query = query.where((eb) => hasStatus(eb, status, now));
  }
  if (q.after !== undefined) query = query.where('domains.name', '>', q.after);
  // One extra row says whether another page follows without a count.
  const rows = await query.orderBy('domains.name').limit(q.limit + 1).execute();
  return {
    items: rows.slice(0, q.limit).map((r) => ({
      name: r.name, createdAt: r.created_at, expiresAt: r.expires_at, autoRenew: r.auto_renew === 1, locked: r.locked === 1,
      status: statusOf(r, now), rgpStatus: r.rgp_status,
    })),
    more: rows.length > q.limit,
  };
}
