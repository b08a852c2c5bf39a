// registerDomain: a new registration, on the core's one registration use case (createDomain.ts, placeRegistration.ts:
// the same rules and order path as XCP SW_REGISTER and EPP <domain:create>). Each contact role takes the id of a
// contact made by createContact or the data of a new one; the domain joins the reseller's own registrant profile, as
// over EPP, so XCP sees it too. 201 with the domain, or 202 with the order when the registry answers late.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { createDomain } from '../../../core/commands/createDomain.ts';
import { findLiveDomain } from '../../../core/commands/findDomain.ts';
import { CONTACT_TYPES } from '../../../core/contactHandles.ts';
import {
  AcceptedPriceSchema, ContactRefSchema, DomainSchema, IdempotencyHeaders, NameserversInputSchema, replayableJson, writeProblemResponses,
} from '../schemas.ts';
import { idempotencyKeys } from '../idempotency.ts';
import { acceptedPriceOf } from './acceptedPrice.ts';
import { splitContactRefs } from './contactInput.ts';
import { domainView } from './domainView.ts';
import { inApiTerms } from './apiFieldNames.ts';
import { assertOwnContacts } from './ownedObjects.ts';
import { pendingOrderResponse, pendingOrderView } from './pendingOrder.ts';
import type { ApiEnv } from '../apiEnv.ts';

const RegistrationContacts = z.object({
  owner: ContactRefSchema, admin: ContactRefSchema.optional(), billing: ContactRefSchema.optional(), tech: ContactRefSchema.optional(),
}).openapi('RegistrationContacts');

const RegisterRequest = z.object({
  name: z.string().min(1).max(253).openapi({ description: 'U-label or A-label; registered as the A-label', example: 'example.com' }),
  period: z.number().int().min(1).default(1).openapi({ description: 'Years; the TLD says which are allowed' }),
  contacts: RegistrationContacts,
  nameservers: NameserversInputSchema.optional(),
  autoRenew: z.boolean().default(false),
  whoisPrivacy: z.boolean().default(false),
  lock: z.boolean().default(false).openapi({ description: 'Locked against transfer (clientTransferProhibited)' }),
  authCode: z.string().min(1).max(32).optional().openapi({ description: '6-32 characters; left out, the server draws one' }),
  acceptedPrice: AcceptedPriceSchema.optional(),
}).openapi('RegisterDomainRequest');

export const registerDomainRoute = createRoute({
  method: 'post', path: '/domains', operationId: 'registerDomain', tags: ['domains'],
  summary: 'Register a domain',
  middleware: [idempotencyKeys()] as const,
  request: { headers: IdempotencyHeaders, body: { required: true, content: { 'application/json': { schema: RegisterRequest } } } },
  responses: {
    201: replayableJson(DomainSchema, 'Registered'),
    202: pendingOrderResponse('registration'),
    ...writeProblemResponses(404),
  },
});

export function addRegisterDomain(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(registerDomainRoute, async (c) => {
    const core = c.get('core');
    const reseller = c.get('reseller');
    const body = c.req.valid('json');
    const { handles, data } = splitContactRefs(body.contacts);
    await assertOwnContacts(core, reseller.id, handles);
    const r = await inApiTerms(() => createDomain(core, {
      resellerId: reseller.id, resellerUsername: reseller.username, domain: body.name, years: body.period,
      nameservers: (body.nameservers ?? []).map((name) => ({ name, addresses: [], hostAttr: false })),
      registrant: handles.owner,
      contacts: CONTACT_TYPES.flatMap((role) => (handles[role] ? [{ role, handle: handles[role] }] : [])),
      contactData: data, authCode: body.authCode, ds: [],
      autoRenew: body.autoRenew, locked: body.lock, whoisPrivacy: body.whoisPrivacy, acceptedPrice: acceptedPriceOf(body.acceptedPrice),
    }));
    if (r.status === 'submitted') return c.json(await pendingOrderView(core, reseller.id, r.orderId), 202);
    return c.json(await domainView(core, (await findLiveDomain(core, r.name))!), 201);
  });
}
