// A domain's delegation as EPP sees it: host names, each either a reference to a host (RFC 5731 hostObj, and every
// nameserver set over XCP) or a host attribute (hostAttr) that may carry its own IPv4/IPv6 addresses. Addresses are
// glue: only a host inside the domain itself (in bailiwick: ns1.example.com for example.com) may have them, and such
// a host given as an attribute needs at least one; a host elsewhere is found through its own zone (RFC 5731 1.1).
import { isIPv4, isIPv6 } from 'node:net';
import type { Tx } from './core.ts';
import { CoreError } from './errors.ts';
import { parseHostname } from './domainName.ts';
import type { TldPolicy } from '../registry/tldPolicy.ts';

export interface HostAddressInput { address: string; version: 'v4' | 'v6' }
export interface DelegationInput { name: string; addresses: HostAddressInput[]; hostAttr: boolean }
export interface DelegationHost { name: string; addresses: string[]; hostAttr: boolean }
export interface StoredDelegationHost extends DelegationHost { sortOrder: number }

export const MAX_HOST_ADDRESSES = 13;

export function isSubordinate(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

export function validateDelegationHost(input: DelegationInput, domain: string): DelegationHost {
  const name = parseHostname(input.name);
  const addresses: string[] = [];
  for (const a of input.addresses) {
    const address = a.address.trim().toLowerCase();
    const ok = a.version === 'v6' ? isIPv6(address) : isIPv4(address);
    if (!ok) throw new CoreError('invalid_value', `Invalid ${a.version === 'v6' ? 'IPv6' : 'IPv4'} address for ${name}: ${a.address}`, 'hostAddr');
    if (!addresses.includes(address)) addresses.push(address);
  }
  if (addresses.length > MAX_HOST_ADDRESSES) throw new CoreError('policy_violation', `At most ${MAX_HOST_ADDRESSES} addresses per host (${name})`, 'hostAddr');
  if (addresses.length > 0 && !isSubordinate(name, domain)) {
    throw new CoreError('policy_violation', `Host ${name} is not inside ${domain}: glue addresses are only allowed for hosts under the domain itself (leave out hostAddr)`, 'hostAddr');
  }
  if (input.hostAttr && addresses.length === 0 && isSubordinate(name, domain)) {
    throw new CoreError('policy_violation', `Host ${name} is inside ${domain}: give at least one address`, 'hostAddr');
  }
  return { name, addresses, hostAttr: input.hostAttr };
}

export function validateDelegation(input: DelegationInput[], domain: string, policy: TldPolicy): DelegationHost[] {
  const out: DelegationHost[] = [];
  for (const i of input) {
    const h = validateDelegationHost(i, domain);
    if (out.some((o) => o.name === h.name)) throw new CoreError('policy_violation', `Nameserver ${h.name} is given twice`, 'ns');
    out.push(h);
  }
  checkDelegationSize(out.length, policy);
  return out;
}

export function checkDelegationSize(count: number, policy: TldPolicy): void {
  if (count > policy.maxNameservers) throw new CoreError('policy_violation', `At most ${policy.maxNameservers} nameservers are allowed for .${policy.tld}`, 'ns');
  if (count < policy.minNameservers) throw new CoreError('policy_violation', `At least ${policy.minNameservers} nameservers are required for .${policy.tld}`, 'ns');
}

export async function readDelegation(tx: Tx, domainId: number): Promise<StoredDelegationHost[]> {
  const rows = await tx.selectFrom('domain_nameservers').select(['name', 'sort_order', 'addresses', 'host_attr'])
    .where('domain_id', '=', domainId).orderBy('sort_order').orderBy('name').execute();
  return rows.map((r) => ({ name: r.name, sortOrder: r.sort_order, addresses: JSON.parse(r.addresses || '[]') as string[], hostAttr: r.host_attr === 1 }));
}

/** Replaces the stored delegation; entries keep the given order. */
export async function writeDelegation(tx: Tx, domainId: number, hosts: DelegationHost[]): Promise<void> {
  await tx.deleteFrom('domain_nameservers').where('domain_id', '=', domainId).execute();
  let order = 0;
  for (const h of hosts) {
    await tx.insertInto('domain_nameservers').values({
      domain_id: domainId, name: h.name, sort_order: ++order, addresses: JSON.stringify(h.addresses), host_attr: h.hostAttr ? 1 : 0,
    }).execute();
  }
}
