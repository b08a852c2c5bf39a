// Reading a domain with everything the doors show about it: contacts, nameservers, flags and dates.
import type { Core } from '../core.ts';
import type { ContactSet } from '../contact.ts';
import { readContactSet } from '../domainContacts.ts';
import type { DomainRow } from './findDomain.ts';
import type { NameserverEntry } from '../nameserverList.ts';

export interface DomainDetails {
  row: DomainRow;
  contacts: Partial<ContactSet>;
  nameservers: NameserverEntry[];
}

export async function readNameservers(core: Core, domainId: number): Promise<NameserverEntry[]> {
  const rows = await core.db.selectFrom('domain_nameservers').select(['name', 'sort_order'])
    .where('domain_id', '=', domainId).orderBy('sort_order').orderBy('name').execute();
  return rows.map((r) => ({ name: r.name, sortOrder: r.sort_order }));
}

export async function readDomainDetails(core: Core, row: DomainRow): Promise<DomainDetails> {
  return { row, contacts: await readContactSet(core.db, row.id), nameservers: await readNameservers(core, row.id) };
}
