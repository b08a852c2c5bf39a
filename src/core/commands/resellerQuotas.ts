// Setting and reading a reseller's quotas (`regd reseller quota NAME --domains N --nameservers N`).
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { recordHistory } from '../history.ts';
import { findResellerByUsername } from './resellers.ts';

export interface ResellerQuotas { maxDomains: number | null; maxNameservers: number | null }

/** undefined leaves a quota as it is; null makes it unlimited. */
export async function setResellerQuotas(core: Core, username: string, change: { maxDomains?: number | null; maxNameservers?: number | null }): Promise<ResellerQuotas> {
  const r = await findResellerByUsername(core, username);
  if (!r) throw new CoreError('not_found', `Reseller ${username} not found`, 'username');
  for (const [field, v] of [['domains', change.maxDomains], ['nameservers', change.maxNameservers]] as const) {
    if (v !== undefined && v !== null && (!Number.isSafeInteger(v) || v < 0)) {
      throw new CoreError('invalid_value', `The ${field} quota must be a whole number of 0 or more (or unlimited)`, field);
    }
  }
  const now = await core.clock.now();
  await core.db.transaction().execute(async (trx) => {
    const set: { max_domains?: number | null; max_nameservers?: number | null; updated_at: string } = { updated_at: now.toISOString() };
    if (change.maxDomains !== undefined) set.max_domains = change.maxDomains;
    if (change.maxNameservers !== undefined) set.max_nameservers = change.maxNameservers;
    await trx.updateTable('resellers').set(set).where('id', '=', r.id).execute();
    await recordHistory(trx, { at: now, resellerId: r.id, domainId: null, objectType: 'reseller', objectId: r.id, action: 'quota', detail: { ...change } });
  });
  return readResellerQuotas(core, r.id);
}

export async function readResellerQuotas(core: Core, resellerId: number): Promise<ResellerQuotas> {
  const row = await core.db.selectFrom('resellers').select(['max_domains', 'max_nameservers']).where('id', '=', resellerId).executeTakeFirstOrThrow();
  return { maxDomains: row.max_domains === null ? null : Number(row.max_domains), maxNameservers: row.max_nameservers === null ? null : Number(row.max_nameservers) };
}
