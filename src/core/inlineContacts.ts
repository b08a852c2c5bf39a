// Contact data given per role with a domain command instead of a contact handle (the JSON API lets each role be
// either). Each role's data is validated as a contact object is (commands/contacts.ts validateObjectContact), so a
// contact made inline obeys the same rules as one made by createContact; a role named both by handle and by data
// is refused, since only one contact can hold it.
import { CoreError } from './errors.ts';
import { CONTACT_ROLES, type Contact, type ContactRole } from './contact.ts';
import { validateObjectContact } from './commands/contacts.ts';

export type InlineContactInput = Partial<Record<ContactRole, Partial<Record<string, string>>>>;

/** `path` prefixes the field a refusal names (contacts.owner.email). */
export function validateInlineContacts(input: InlineContactInput | undefined, path = 'contacts'): Partial<Record<ContactRole, Contact>> {
  const out: Partial<Record<ContactRole, Contact>> = {};
  for (const role of CONTACT_ROLES) {
    const c = input?.[role];
    if (c) out[role] = validateObjectContact(c, `${path}.${role}`);
  }
  return out;
}

export function assertRoleGivenOnce(byHandle: Iterable<string>, inline: Partial<Record<ContactRole, Contact>>, path = 'contacts'): void {
  for (const role of byHandle) {
    if (role in inline) throw new CoreError('policy_violation', `The ${role} contact is given both by handle and as contact data; give one`, `${path}.${role}`);
  }
}
