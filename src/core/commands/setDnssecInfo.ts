// Replacing the DS records of a domain (OpenSRS SET_DNSSEC_INFO: the full set is sent; an empty set removes
// DNSSEC). Once the domain is found to be the caller's, the set is validated whole (algorithm and digest
// registries, digest length, duplicates, at most MAX_DS_RECORDS), then applied as an EPP secDNS update would be
// (<rem><all/></rem> plus <add> of each record) through updateDomainObject, so the same rules hold: a pending
// transfer, a domain pending deletion or clientUpdateProhibited refuse it, and at a remote registry it is an
// order carried to that registry.
import type { Core } from '../core.ts';
import { accessDomain } from './domainAccess.ts';
import { validateDsSet, type DsRecord } from './dsRecords.ts';
import { emptyDomainUpdate, updateDomainObject } from './updateDomain.ts';
import type { DnssecQuery } from './getDnssecInfo.ts';

export interface DnssecChange extends DnssecQuery { records: DsRecord[] }

export async function setDnssecInfo(core: Core, input: DnssecChange): Promise<{ domain: string; records: DsRecord[]; changed: boolean; status: 'completed' | 'submitted' }> {
  const { domain } = await accessDomain(core, input);
  const records = validateDsSet(input.records);
  const r = await updateDomainObject(core, input.resellerId, domain, { ...emptyDomainUpdate(), ds: { removeAll: true, rem: [], add: records } });
  return { domain: domain.name, records, changed: r.changed.length > 0, status: r.status ?? 'completed' };
}
