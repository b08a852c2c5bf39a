// Renders core values in the shapes OpenSRS replies use (contact hashes, nameserver lists, dates, flags).
import { makeAssoc, type OpsAssoc } from '../ops/index.ts';
import { CONTACT_FIELDS, CONTACT_ROLES, type Contact, type ContactSet } from '../../core/contact.ts';
import type { NameserverEntry } from '../../core/nameserverList.ts';
import { formatOpsDate } from '../../core/dates.ts';

export const flag = (b: boolean | number): string => (b ? '1' : '0');

export function contactView(c: Contact, status = 'active'): OpsAssoc {
  const out = makeAssoc();
  for (const f of CONTACT_FIELDS) out[f] = c[f];
  out.status = status;
  return out;
}

export function contactSetView(set: Partial<ContactSet>, roles: readonly string[] = CONTACT_ROLES): OpsAssoc {
  const out = makeAssoc();
  for (const role of roles) {
    const c = set[role as keyof ContactSet];
    if (c) out[role] = contactView(c);
  }
  return out;
}

/** A delegation entry (NameserverEntry) with the first glue address of each family regd knows for it. */
export interface NameserverGlueView extends NameserverEntry { ipv4?: string; ipv6?: string }

/**
 * type=nameservers: name, sortorder and ipaddress (empty without IPv4 glue), as the seed's examples show; ipv6 only
 * when there is IPv6 glue (the seed's nameserver table: "Returned if the nameserver has an IPv6 address").
 */
export function nameserverListPlain(list: NameserverGlueView[]): OpsAssoc[] {
  return list.map((n) => {
    const out = makeAssoc({ name: n.name, sortorder: String(n.sortOrder), ipaddress: n.ipv4 ?? '' });
    if (n.ipv6) out.ipv6 = n.ipv6;
    return out;
  });
}

/**
 * type=all_info: the seed documents two spellings. Its example reply (and type=nameservers, and the clients that
 * read both types with one parser) uses sortorder/ipaddress; its parameter table says sort_order/ip_address. Clients
 * that read the first lost the glue when regd sent only the second, so both are sent: the example's keys always
 * (ipaddress empty without IPv4 glue, as in type=nameservers), the table's as it describes them (ip_address only
 * with IPv4 glue), and ipv6 with IPv6 glue.
 */
export function nameserverListAllInfo(list: NameserverGlueView[]): OpsAssoc[] {
  return list.map((n) => {
    const out = makeAssoc({ name: n.name, sortorder: String(n.sortOrder), ipaddress: n.ipv4 ?? '', sort_order: String(n.sortOrder) });
    if (n.ipv4) out.ip_address = n.ipv4;
    if (n.ipv6) out.ipv6 = n.ipv6;
    return out;
  });
}

export const opsDate = formatOpsDate;
