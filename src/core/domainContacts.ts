// Storing and reading a domain's contact set. Each role points at a contact row; identical contacts in one set
// share a row, so a change to "the owner" of a domain never silently edits another domain's contact.
import crypto from 'node:crypto';
import type { Tx } from './core.ts';
import { CONTACT_FIELDS, CONTACT_ROLES, type Contact, type ContactRole, type ContactSet } from './contact.ts';

function newHandle(): string {
  return `RG${crypto.randomBytes(5).toString('hex').toUpperCase()}`;
}

export async function insertContact(tx: Tx, resellerId: number, c: Contact, now: Date): Promise<number> {
  const row = await tx.insertInto('contacts').values({
    handle: newHandle(), reseller_id: resellerId, ...c, created_at: now.toISOString(), updated_at: now.toISOString(),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function attachContacts(tx: Tx, domainId: number, resellerId: number, set: Partial<ContactSet>, now: Date): Promise<void> {
  const byContent = new Map<string, number>();
  for (const role of CONTACT_ROLES) {
    const c = set[role];
    if (!c) continue;
    const key = JSON.stringify(c);
    let id = byContent.get(key);
    if (id === undefined) {
      id = await insertContact(tx, resellerId, c, now);
      byContent.set(key, id);
    }
    await tx.deleteFrom('domain_contacts').where('domain_id', '=', domainId).where('role', '=', role).execute();
    await tx.insertInto('domain_contacts').values({ domain_id: domainId, role, contact_id: id }).execute();
  }
}

export async function readContactSet(tx: Tx, domainId: number): Promise<Partial<ContactSet>> {
  const rows = await tx.selectFrom('domain_contacts')
    .innerJoin('contacts', 'contacts.id', 'domain_contacts.contact_id')
    .select(['domain_contacts.role', ...CONTACT_FIELDS.map((f) => `contacts.${f}` as const)])
    .where('domain_contacts.domain_id', '=', domainId)
    .execute();
  const set: Partial<ContactSet> = {};
  for (const r of rows) {
    const c = {} as Contact;
    for (const f of CONTACT_FIELDS) c[f] = (r as unknown as Record<string, string>)[f];
    set[r.role as ContactRole] = c;
  }
  return set;
}
