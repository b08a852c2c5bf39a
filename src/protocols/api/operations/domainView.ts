// A domain as the JSON API shows it (the Domain component): getDomain, and the writes that answer with the domain.
import type { z } from '@hono/zod-openapi';
import type { Core } from '../../../core/core.ts';
import { readDomainDetails } from '../../../core/commands/domainDetails.ts';
import type { DomainRow } from '../../../core/commands/findDomain.ts';
import { CONTACT_ROLES, type Contact } from '../../../core/contact.ts';
import type { ContactSchema, DomainSchema } from '../schemas.ts';

export function contactView(c: Contact): z.infer<typeof ContactSchema> {
  return {
    firstName: c.first_name, lastName: c.last_name, organization: c.org_name,
    address: [c.address1, c.address2, c.address3].filter((l) => l !== ''), city: c.city, state: c.state,
    postalCode: c.postal_code, country: c.country, phone: c.phone, fax: c.fax, email: c.email, language: c.lang,
  };
}

export async function domainView(core: Core, row: DomainRow): Promise<z.infer<typeof DomainSchema>> {
  const d = await readDomainDetails(core, row);
  const contacts: z.infer<typeof DomainSchema>['contacts'] = {};
  for (const role of CONTACT_ROLES) {
    const ct = d.contacts[role];
    if (ct) contacts[role] = contactView(ct);
  }
  return {
    name: row.name, createdAt: row.created_at, expiresAt: row.expires_at, updatedAt: row.updated_at,
    locked: row.locked === 1, autoRenew: row.auto_renew === 1, whoisPrivacy: row.whois_privacy === 'enabled', rgpStatus: row.rgp_status,
    authCode: row.auth_code, nameservers: d.nameservers.map((n) => n.name), contacts,
  };
}
