// A domain's delegation with the addresses regd knows for each name: the glue given with the delegation (EPP
// hostAttr) or, for a host object regd holds, that host's addresses.
import { isIP } from 'node:net';
import type { Core } from '../core.ts';

export interface NameserverWithAddresses { name: string; sortOrder: number; ipv4: string[]; ipv6: string[] }

export async function readNameserversWithAddresses(core: Core, domainId: number): Promise<NameserverWithAddresses[]> {
  const rows = await core.db.selectFrom('domain_nameservers').select(['name', 'sort_order', 'addresses'])
    .where('domain_id', '=', domainId).orderBy('sort_order').orderBy('name').execute();
  const out: NameserverWithAddresses[] = [];
  for (const r of rows) {
    let addrs: string[] = [];
    try {
      const parsed = JSON.parse(r.addresses || '[]') as unknown;
      if (Array.isArray(parsed)) addrs = parsed.map((a) => (typeof a === 'string' ? a : String((a as { address?: unknown })?.address ?? ''))).filter((a) => a !== '');
    } catch { /* unreadable glue: none */ }
    if (addrs.length === 0) {
      const host = await core.db.selectFrom('hosts').innerJoin('host_addresses', 'host_addresses.host_id', 'hosts.id')
        .select('host_addresses.address').where('hosts.name', '=', r.name).execute();
      addrs = host.map((h) => h.address);
    }
    out.push({ name: r.name, sortOrder: r.sort_order, ipv4: addrs.filter((a) => isIP(a) === 4), ipv6: addrs.filter((a) => isIP(a) === 6) });
  }
  return out;
}
