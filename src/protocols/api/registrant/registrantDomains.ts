// A registrant's domains: the listing (the same summaries and statuses as the reseller's listDomains, narrowed to
// the session's profile), one domain in full, and the changes a registrant makes itself: nameservers, contacts, the
// transfer lock and WHOIS privacy, through the core commands XCP MODIFY / ADVANCED_UPDATE_NAMESERVERS use with a
// registrant cookie, so every status rule is the core's.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { listResellerDomains } from '../../../core/commands/listResellerDomains.ts';
import { findLiveDomain, type DomainRow } from '../../../core/commands/findDomain.ts';
import { modifyContacts, setLockState, setWhoisPrivacy } from '../../../core/commands/modifyDomain.ts';
import { updateNameservers } from '../../../core/commands/updateNameservers.ts';
import { pendingTrade } from '../../../core/commands/trades.ts';
import { CONTACT_ROLES, validateContact, type ContactRole } from '../../../core/contact.ts';
import { CoreError } from '../../../core/errors.ts';
import type { Core } from '../../../core/core.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { ContactDataSchema, DomainNameParam, DomainSchema, jsonContent, NameserversInputSchema, problemResponses } from '../schemas.ts';
import { ApiProblem } from '../problem.ts';
import type { ApiEnv } from '../apiEnv.ts';
import { DomainListResponse, DomainStatusSchema } from '../operations/listDomains.ts';
import { domainView } from '../operations/domainView.ts';
import { coreContactFields } from '../operations/contactInput.ts';
import { apiFieldName, inApiTerms } from '../operations/apiFieldNames.ts';
import { REGISTRANT_SCHEME } from './registrantAuth.ts';
import { registrantDomain } from './registrantDomainAccess.ts';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const security = [{ [REGISTRANT_SCHEME]: [] }];
/** The core's names for this operation's inputs that the shared renaming does not know (apiFieldNames.ts). */
const CORE_FIELDS = {
  state: 'whoisPrivacy', assign_ns: 'nameservers', nameserver: 'nameservers', nameserver_list: 'nameservers', sortorder: 'nameservers', contact_set: 'contacts',
};

const ListQuery = z.object({
  status: DomainStatusSchema.optional().openapi({ description: 'Only domains in this life-cycle status' }),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).optional().openapi({ description: `Page size, default ${DEFAULT_LIMIT}` }),
  cursor: z.string().min(1).max(400).optional().openapi({ description: 'nextCursor of the previous page' }),
});

const NameParams = z.object({ name: DomainNameParam });

const UpdateRequest = z.object({
  nameservers: NameserversInputSchema.optional().openapi({ description: 'The whole new list, in order' }),
  contacts: z.object({
    owner: ContactDataSchema.optional(), admin: ContactDataSchema.optional(), billing: ContactDataSchema.optional(), tech: ContactDataSchema.optional(),
  }).optional().openapi({ description: 'The roles to replace, with their new data; roles not given keep their contact' }),
  lock: z.boolean().optional().openapi({ description: 'Locked against transfer (clientTransferProhibited)' }),
  whoisPrivacy: z.boolean().optional(),
}).openapi('RegistrantDomainUpdate');

export const listRegistrantDomainsRoute = createRoute({
  method: 'get', path: '/registrant/domains', operationId: 'listRegistrantDomains', tags: ['registrant'],
  summary: 'The signed-in registrant\'s domains, paged', security,
  request: { query: ListQuery },
  responses: { 200: jsonContent(DomainListResponse, 'One page of domains, by name'), ...problemResponses(429) },
});

export const getRegistrantDomainRoute = createRoute({
  method: 'get', path: '/registrant/domains/{name}', operationId: 'getRegistrantDomain', tags: ['registrant'],
  summary: 'One of the registrant\'s domains', security,
  request: { params: NameParams },
  responses: { 200: jsonContent(DomainSchema, 'The domain'), ...problemResponses(404, 429) },
});

export const updateRegistrantDomainRoute = createRoute({
  method: 'patch', path: '/registrant/domains/{name}', operationId: 'updateRegistrantDomain', tags: ['registrant'],
  summary: 'Change nameservers, contacts, the transfer lock or WHOIS privacy of one of the registrant\'s domains',
  description: 'The changes apply in this order: contacts, nameservers, WHOIS privacy, lock. Contacts are validated before any change; '
    + 'if a later change is refused, the earlier ones stay made and the problem says which was refused.',
  security,
  request: { params: NameParams, body: { required: true, content: { 'application/json': { schema: UpdateRequest } } } },
  responses: { 200: jsonContent(DomainSchema, 'The domain after the changes'), ...problemResponses(404, 409, 422, 429) },
});

/** The contact roles given, validated all before anything changes. */
function validatedContacts(input: Partial<Record<ContactRole, z.infer<typeof ContactDataSchema>>>): Partial<Record<ContactRole, Record<string, string>>> {
  const out: Partial<Record<ContactRole, Record<string, string>>> = {};
  for (const role of CONTACT_ROLES) {
    const c = input[role];
    if (!c) continue;
    try {
      out[role] = validateContact(coreContactFields(c), `contacts.${role}`);
    } catch (err) {
      if (err instanceof CoreError) throw new CoreError(err.kind, err.message, apiFieldName(err.field));
      throw err;
    }
  }
  return out;
}

/** Each change acts on the row as it now is (the previous change moved updated_at, the lock ...). */
async function fresh(core: Core, d: DomainRow): Promise<DomainRow> {
  const row = await findLiveDomain(core, d.name);
  if (!row) throw new CoreError('not_found', `Domain ${d.name} not found`, 'name');
  return row;
}

export function addRegistrantDomains(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(listRegistrantDomainsRoute, async (c) => {
    const q = c.req.valid('query');
    const s = c.get('registrant');
    const page = await listResellerDomains(c.get('core'), {
      resellerId: s.resellerId, profileId: s.profileId, status: q.status,
      after: q.cursor === undefined ? undefined : decodeCursor(q.cursor), limit: q.limit ?? DEFAULT_LIMIT,
    });
    const last = page.items[page.items.length - 1];
    return c.json({ items: page.items, nextCursor: page.more && last ? encodeCursor(last.name) : null }, 200);
  });

  app.openapi(getRegistrantDomainRoute, async (c) => {
    const d = await registrantDomain(c, c.req.valid('param').name);
    return c.json(await domainView(c.get('core'), d), 200);
  });

  app.openapi(updateRegistrantDomainRoute, async (c) => {
    const core = c.get('core');
    const body = c.req.valid('json');
    if (body.nameservers === undefined && body.contacts === undefined && body.lock === undefined && body.whoisPrivacy === undefined) {
      throw new ApiProblem('missing_field', 'Nothing to change: send nameservers, contacts, lock or whoisPrivacy');
    }
    let d = await registrantDomain(c, c.req.valid('param').name);
    const contacts = body.contacts ? validatedContacts(body.contacts) : undefined;
    if (contacts) {
      if (Object.keys(contacts).length === 0) throw new ApiProblem('missing_field', 'Missing required field: contacts (owner, admin, billing or tech)', 'contacts');
      // As XCP MODIFY contact_info refuses it: the owner is what a pending change of registrant is about to replace.
      if (contacts.owner && await pendingTrade(core.db, d.id)) {
        throw new CoreError('status_prohibits', `Cannot change the owner of ${d.name}: a change of registrant (trade) is pending`, 'contacts.owner');
      }
      await inApiTerms(() => modifyContacts(core, d, contacts), CORE_FIELDS);
      d = await fresh(core, d);
    }
    if (body.nameservers) {
      const names = body.nameservers;
      await inApiTerms(() => updateNameservers(core, d, { op: 'assign', names }), CORE_FIELDS);
      d = await fresh(core, d);
    }
    if (body.whoisPrivacy !== undefined && (d.whois_privacy === 'enabled') !== body.whoisPrivacy) {
      const enable = body.whoisPrivacy;
      await inApiTerms(() => setWhoisPrivacy(core, d, enable), CORE_FIELDS);
      d = await fresh(core, d);
    }
    if (body.lock !== undefined && (d.locked === 1) !== body.lock) {
      const lock = body.lock;
      await inApiTerms(() => setLockState(core, d, lock), CORE_FIELDS);
      d = await fresh(core, d);
    }
    return c.json(await domainView(core, d), 200);
  });
}
