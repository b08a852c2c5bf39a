// Contacts referenced by handle (contacts.handle), as EPP names them: a handle must exist and belong to the
// reseller that uses it. XCP-created contacts have handles too, so both doors see the same objects.
import type { Tx } from './core.ts';
import { CoreError } from './errors.ts';

/** EPP's contact roles on a domain besides the registrant (stored as role "owner"). */
export const CONTACT_TYPES = ['admin', 'billing', 'tech'] as const;
export type ContactType = typeof CONTACT_TYPES[number];
export interface ContactRef { role: ContactType; handle: string }

export async function resolveContactHandle(tx: Tx, resellerId: number, handle: string): Promise<number> {
  const row = await tx.selectFrom('contacts').select(['id', 'reseller_id']).where('handle', '=', handle).executeTakeFirst();
  if (!row) throw new CoreError('not_found', `Contact ${handle} does not exist`, 'contact');
  if (row.reseller_id !== resellerId) throw new CoreError('not_sponsor', `Contact ${handle} belongs to another reseller`, 'contact');
  return row.id;
}

/** role ("owner", "admin", "billing", "tech") -> the contact's id and handle. */
export async function readContactHandles(tx: Tx, domainId: number): Promise<Map<string, { id: number; handle: string }>> {
  const rows = await tx.selectFrom('domain_contacts').innerJoin('contacts', 'contacts.id', 'domain_contacts.contact_id')
    .select(['domain_contacts.role', 'contacts.id', 'contacts.handle']).where('domain_contacts.domain_id', '=', domainId).execute();
  return new Map(rows.map((r) => [r.role, { id: r.id, handle: r.handle }]));
}

export async function setContactRole(tx: Tx, domainId: number, role: string, contactId: number | undefined): Promise<void> {
  await tx.deleteFrom('domain_contacts').where('domain_id', '=', domainId).where('role', '=', role).execute();
  if (contactId !== undefined) await tx.insertInto('domain_contacts').values({ domain_id: domainId, role, contact_id: contactId }).execute();
}
