// Contacts as the registry port takes them (RegistryContact), read from the store: a domain's by role, or one by id.
import type { Selectable } from 'kysely';
import type { Tx } from '../core.ts';
import type { ContactsTable } from '../../store/schema.ts';
import type { ContactRole, RegistryContact } from '../../registry/registryPort.ts';

const ROLES: readonly ContactRole[] = ['owner', 'admin', 'tech', 'billing'];

function toRegistryContact(r: Selectable<ContactsTable>): RegistryContact {
  return {
    localId: r.id, handle: r.handle, firstName: r.first_name, lastName: r.last_name, orgName: r.org_name,
    address1: r.address1, address2: r.address2, address3: r.address3, city: r.city, state: r.state, country: r.country,
    postalCode: r.postal_code, phone: r.phone, fax: r.fax, email: r.email,
  };
}

export async function registryContactsOf(tx: Tx, domainId: number): Promise<Partial<Record<ContactRole, RegistryContact>>> {
  const rows = await tx.selectFrom('domain_contacts').innerJoin('contacts', 'contacts.id', 'domain_contacts.contact_id')
    .selectAll('contacts').select('domain_contacts.role').where('domain_contacts.domain_id', '=', domainId).execute();
  const out: Partial<Record<ContactRole, RegistryContact>> = {};
  for (const { role, ...r } of rows) {
    if ((ROLES as readonly string[]).includes(role)) out[role as ContactRole] = toRegistryContact(r);
  }
  return out;
}

export async function registryContactById(tx: Tx, contactId: number): Promise<RegistryContact | undefined> {
  const r = await tx.selectFrom('contacts').selectAll().where('id', '=', contactId).executeTakeFirst();
  return r ? toRegistryContact(r) : undefined;
}

export async function nameserverNamesOf(tx: Tx, domainId: number): Promise<string[]> {
  const rows = await tx.selectFrom('domain_nameservers').select('name').where('domain_id', '=', domainId)
    .orderBy('sort_order').orderBy('name').execute();
  return rows.map((r) => r.name);
}
