// The DS records of a domain (OpenSRS GET_DNSSEC_INFO): the same rows EPP's secDNS extension shows and changes
// (dsRecords.ts). Reached as every domain command is (domainAccess.ts): the caller's own domain, or a registrant
// cookie's.
import type { Core } from '../core.ts';
import { accessDomain } from './domainAccess.ts';
import { readDsRecords, type DsRecord } from './dsRecords.ts';

export interface DnssecQuery { resellerId: number; domain?: string; cookie?: string; ip?: string }

export async function getDnssecInfo(core: Core, q: DnssecQuery): Promise<{ domain: string; records: DsRecord[] }> {
  const { domain } = await accessDomain(core, q);
  return { domain: domain.name, records: await readDsRecords(core.db, domain.id) };
}
