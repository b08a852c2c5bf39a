// Reading a domain as an object with references (what EPP's <domain:info> shows): contact handles by role, the
// delegation with host attributes, subordinate hosts, DS records, the sponsoring, creating and updating resellers
// by username, and the state flags derived from the row.
import type { Core } from '../core.ts';
import { readContactHandles } from '../contactHandles.ts';
import { readDelegation, type StoredDelegationHost } from '../delegation.ts';
import { readDsRecords, type DsRecord } from './dsRecords.ts';
import { domainStatuses } from '../domainStatus.ts';
import { hasPendingTransfer } from './transfers.ts';
import type { DomainRow } from './findDomain.ts';

export interface DomainObjectView {
  row: DomainRow;
  statuses: string[];
  /** role ("owner", "admin", "billing", "tech") -> contact handle. */
  contacts: Map<string, string>;
  delegation: StoredDelegationHost[];
  /** Hosts whose superordinate domain this is (host objects named under it). */
  subordinateHosts: string[];
  ds: DsRecord[];
  sponsor: string;
  creator?: string;
  updater?: string;
}

export async function readDomainObject(core: Core, row: DomainRow): Promise<DomainObjectView> {
  const contacts = await readContactHandles(core.db, row.id);
  const delegation = await readDelegation(core.db, row.id);
  const hosts = await core.db.selectFrom('hosts').select('name').where('domain_id', '=', row.id).orderBy('name').execute();
  const ds = await readDsRecords(core.db, row.id);
  const ids = [row.reseller_id, row.cr_reseller_id, row.up_reseller_id].filter((x): x is number => x !== null);
  const resellers = await core.db.selectFrom('resellers').select(['id', 'username']).where('id', 'in', ids).execute();
  const username = (id: number | null) => (id === null ? undefined : resellers.find((r) => r.id === id)?.username);
  const statuses = domainStatuses(row, { pendingTransfer: await hasPendingTransfer(core, row.id) });
  // RFC 5731: a domain without delegation is "inactive", which replaces "ok".
  if (delegation.length === 0) {
    const i = statuses.indexOf('ok');
    if (i >= 0) statuses.splice(i, 1);
    statuses.push('inactive');
    statuses.sort();
  }
  return {
    row, statuses,
    contacts: new Map([...contacts].map(([role, c]) => [role, c.handle])),
    delegation, subordinateHosts: hosts.map((h) => h.name), ds,
    sponsor: username(row.reseller_id)!, creator: username(row.cr_reseller_id), updater: username(row.up_reseller_id),
  };
}
