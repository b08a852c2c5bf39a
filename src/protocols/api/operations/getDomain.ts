// getDomain: one of the caller's domains with its contacts and nameservers. Another reseller's domain is answered
// exactly like a name nobody holds (404), so the API cannot be used to learn who sponsors what.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { findLiveDomain } from '../../../core/commands/findDomain.ts';
import { readDomainDetails } from '../../../core/commands/domainDetails.ts';
import { CONTACT_ROLES, type Contact } from '../../../core/contact.ts';
import { CoreError } from '../../../core/errors.ts';
import { DomainNameParam, jsonContent, problemResponses } from '../schemas.ts';
import type { ApiEnv } from '../apiEnv.ts';

const ContactSchema = z.object({
  firstName: z.string(), lastName: z.string(), organization: z.string(),
  address: z.array(z.string()), city: z.string(), state: z.string(), postalCode: z.string(), country: z.string(),
  phone: z.string(), fax: z.string(), email: z.string(), language: z.string(),
}).openapi('Contact');

const DomainSchema = z.object({
  name: z.string(),
  createdAt: z.string().datetime(),
  expiresAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
  locked: z.boolean(),
  autoRenew: z.boolean(),
  whoisPrivacy: z.boolean(),
  rgpStatus: z.string().nullable(),
  nameservers: z.array(z.string()),
  contacts: z.object({
    owner: ContactSchema.optional(), admin: ContactSchema.optional(), billing: ContactSchema.optional(), tech: ContactSchema.optional(),
  }),
}).openapi('Domain');

export const getDomainRoute = createRoute({
  method: 'get', path: '/domains/{name}', operationId: 'getDomain', tags: ['domains'],
  summary: 'One of the reseller\'s domains',
  request: { params: z.object({ name: DomainNameParam }) },
  responses: { 200: jsonContent(DomainSchema, 'The domain'), ...problemResponses(404) },
});

function contactView(c: Contact): z.infer<typeof ContactSchema> {
  return {
    firstName: c.first_name, lastName: c.last_name, organization: c.org_name,
    address: [c.address1, c.address2, c.address3].filter((l) => l !== ''), city: c.city, state: c.state,
    postalCode: c.postal_code, country: c.country, phone: c.phone, fax: c.fax, email: c.email, language: c.lang,
  };
}

export function addGetDomain(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(getDomainRoute, async (c) => {
    const core = c.get('core');
    const { name } = c.req.valid('param');
    const row = await findLiveDomain(core, name);
    if (!row || Number(row.reseller_id) !== c.get('reseller').id) throw new CoreError('not_found', `Domain ${name} not found`, 'name');
    const d = await readDomainDetails(core, row);
    const contacts: z.infer<typeof DomainSchema>['contacts'] = {};
    for (const role of CONTACT_ROLES) {
      const ct = d.contacts[role];
      if (ct) contacts[role] = contactView(ct);
    }
    return c.json({
      name: row.name, createdAt: row.created_at, expiresAt: row.expires_at, updatedAt: row.updated_at,
      locked: row.locked === 1, autoRenew: row.auto_renew === 1, whoisPrivacy: row.whois_privacy === 'enabled', rgpStatus: row.rgp_status,
      nameservers: d.nameservers.map((n) => n.name), contacts,
    }, 200);
  });
}
