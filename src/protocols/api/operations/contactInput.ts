// Contacts as the JSON API takes them (the ContactData component, and ContactRef: an id or the data of a new
// contact) turned into the core's input: contact fields by their OpenSRS names, and a domain's roles split into
// handles and inline data.
import type { z } from '@hono/zod-openapi';
import type { ContactField } from '../../../core/contact.ts';
import type { ContactDataSchema, DomainContactsInputSchema } from '../schemas.ts';

type ContactData = z.infer<typeof ContactDataSchema>;
type DomainContactsInput = z.infer<typeof DomainContactsInputSchema>;
type Role = 'owner' | 'admin' | 'billing' | 'tech';

export function coreContactFields(c: ContactData): Partial<Record<ContactField, string>> {
  const [address1 = '', address2 = '', address3 = ''] = c.address;
  return {
    first_name: c.firstName ?? '', last_name: c.lastName, org_name: c.organization ?? '', address1, address2, address3,
    city: c.city, state: c.state ?? '', postal_code: c.postalCode, country: c.country, phone: c.phone, fax: c.fax ?? '',
    email: c.email, lang: c.language ?? '',
  };
}

export interface SplitContacts {
  handles: Partial<Record<Role, string>>;
  data: Partial<Record<Role, Partial<Record<ContactField, string>>>>;
}

export function splitContactRefs(contacts: DomainContactsInput | undefined): SplitContacts {
  const out: SplitContacts = { handles: {}, data: {} };
  for (const role of ['owner', 'admin', 'billing', 'tech'] as const) {
    const ref = contacts?.[role];
    if (ref === undefined) continue;
    if (typeof ref === 'string') out.handles[role] = ref;
    else out.data[role] = coreContactFields(ref);
  }
  return out;
}
