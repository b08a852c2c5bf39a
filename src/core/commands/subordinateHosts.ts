// The host objects subordinate to one domain (hosts whose superordinate domain it is, see hosts.ts) that a reseller
// sponsors, with their addresses and whether a live delegation uses them. Read by XCP's GET NAMESERVER name=all.
import type { Core } from '../core.ts';
import type { HostAddress, IpVersion } from './hosts.ts';

export interface SubordinateHost {
  name: string;
  /** IPv4 first, each family in address order (as hostInfo orders them). */
  addresses: HostAddress[];
  /** A live domain's delegation names it: it cannot be deleted. */
  linked: boolean;
}

export async function listSubordinateHosts(core: Core, req: { resellerId: number; domainId: number }): Promise<SubordinateHost[]> {
  const hosts = await core.db.selectFrom('hosts').select(['id', 'name'])
    .where('domain_id', '=', req.domainId).where('reseller_id', '=', req.resellerId).orderBy('name').execute();
  if (hosts.length === 0) return [];
  const ids = hosts.map((h) => h.id);
  const names = hosts.map((h) => h.name);
  // Three queries whatever the number of hosts, not three per host.
  const addresses = await core.db.selectFrom('host_addresses').select(['host_id', 'address', 'ip_version'])
    .where('host_id', 'in', ids).execute();
  const linked = new Set((await core.db.selectFrom('domain_nameservers')
    .innerJoin('domains', 'domains.id', 'domain_nameservers.domain_id')
    .select('domain_nameservers.name')
    .where('domain_nameservers.name', 'in', names).where('domains.deleted_at', 'is', null)
    .execute()).map((r) => r.name));
  const order = (a: HostAddress, b: HostAddress) => (a.version === b.version ? a.address.localeCompare(b.address) : a.version.localeCompare(b.version));
  return hosts.map((h) => ({
    name: h.name,
    addresses: addresses.filter((a) => a.host_id === h.id)
      .map((a) => ({ address: a.address, version: a.ip_version as IpVersion })).sort(order),
    linked: linked.has(h.name),
  }));
}
