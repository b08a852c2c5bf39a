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

/** type=all_info style: name and sort_order. */
export function nameserverListAllInfo(list: NameserverEntry[]): OpsAssoc[] {
  return list.map((n) => makeAssoc({ name: n.name, sort_order: String(n.sortOrder) }));
}

/** type=nameservers style: name, sortorder and ipaddress (empty: the sandbox keeps no glue for foreign hosts). */
export function nameserverListPlain(list: NameserverEntry[]): OpsAssoc[] {
  return list.map((n) => makeAssoc({ name: n.name, sortorder: String(n.sortOrder), ipaddress: '' }));
}

export const opsDate = formatOpsDate;
