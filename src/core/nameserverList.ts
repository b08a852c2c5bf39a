// A domain's delegation: host names with a sort order, validated the same way for every door.
import { CoreError } from './errors.ts';
import { parseHostname } from './domainName.ts';

export interface NameserverEntry { name: string; sortOrder: number }

export function validateNameservers(input: Array<{ name: string; sortOrder?: number }>, limits: { min: number; max: number }): NameserverEntry[] {
  const out: NameserverEntry[] = [];
  const names = new Set<string>();
  const orders = new Set<number>();
  input.forEach((ns, i) => {
    const name = parseHostname(ns.name);
    const sortOrder = ns.sortOrder ?? i + 1;
    if (!Number.isInteger(sortOrder) || sortOrder < 0 || sortOrder > 1000) {
      throw new CoreError('invalid_value', `Invalid sortorder for nameserver ${name}`, 'sortorder');
    }
    if (names.has(name)) throw new CoreError('invalid_value', `Duplicate nameserver detected for ${name}`, 'nameserver');
    if (orders.has(sortOrder)) throw new CoreError('invalid_value', `Duplicate sortorder detected for ${name}`, 'sortorder');
    names.add(name);
    orders.add(sortOrder);
    out.push({ name, sortOrder });
  });
  if (out.length < limits.min) throw new CoreError('invalid_value', `At least ${limits.min} nameservers are required`, 'nameserver_list');
  if (out.length > limits.max) throw new CoreError('invalid_value', `At most ${limits.max} nameservers are allowed`, 'nameserver_list');
  return out.sort((a, b) => a.sortOrder - b.sortOrder);
}

/** The sandbox's default delegation when a reseller asks for none. */
export const DEFAULT_NAMESERVERS = ['ns1.sandbox.regd.test', 'ns2.sandbox.regd.test'];
