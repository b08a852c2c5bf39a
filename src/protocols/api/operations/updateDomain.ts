// updateDomain: PATCH states what the domain should be; what is left out stays. It is one core update
// (updateDomain.ts, the one EPP <domain:update> runs, in one transaction with one history row): the whole delegation,
// a contact per role (an id, or the data of a new contact), the transfer lock, auto-renewal, WHOIS privacy, and the
// auth code (set, or drawn anew). 200 with the domain, or 202 with the order when a remote registry answers late.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { emptyDomainUpdate, updateDomainObject } from '../../../core/commands/updateDomain.ts';
import { findLiveDomain } from '../../../core/commands/findDomain.ts';
import {
  DomainContactsInputSchema, DomainNameParam, DomainSchema, IdempotencyHeaders, NameserversInputSchema, replayableJson, writeProblemResponses,
} from '../schemas.ts';
import { idempotencyKeys } from '../idempotency.ts';
import { ApiProblem } from '../problem.ts';
import { splitContactRefs } from './contactInput.ts';
import { domainView } from './domainView.ts';
import { inApiTerms } from './apiFieldNames.ts';
import { assertOwnContacts, ownDomain } from './ownedObjects.ts';
import { pendingOrderResponse, pendingOrderView } from './pendingOrder.ts';
import type { ApiEnv } from '../apiEnv.ts';

const UpdateRequest = z.object({
  nameservers: NameserversInputSchema.optional().openapi({ description: 'The whole new delegation, in order ([] for none)' }),
  contacts: DomainContactsInputSchema.optional().openapi({ description: 'The roles to give a new contact; the others keep theirs' }),
  lock: z.boolean().optional().openapi({ description: 'Locked against transfer (clientTransferProhibited)' }),
  autoRenew: z.boolean().optional(),
  whoisPrivacy: z.boolean().optional(),
  authCode: z.string().min(1).max(32).optional().openapi({ description: 'A new auth code, 6-32 characters without spaces' }),
  generateAuthCode: z.literal(true).optional().openapi({ description: 'true: the server draws a new auth code (getDomain and this answer show it)' }),
}).openapi('UpdateDomainRequest');

export const updateDomainRoute = createRoute({
  method: 'patch', path: '/domains/{name}', operationId: 'updateDomain', tags: ['domains'],
  summary: 'Change one of the reseller\'s domains',
  middleware: [idempotencyKeys()] as const,
  request: {
    params: z.object({ name: DomainNameParam }), headers: IdempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: UpdateRequest } } },
  },
  responses: {
    200: replayableJson(DomainSchema, 'The domain as it is now'),
    202: pendingOrderResponse('update'),
    ...writeProblemResponses(404),
  },
});

export function addUpdateDomain(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(updateDomainRoute, async (c) => {
    const core = c.get('core');
    const resellerId = c.get('reseller').id;
    const body = c.req.valid('json');
    if (body.authCode !== undefined && body.generateAuthCode) throw new ApiProblem('invalid_value', 'Invalid data: give authCode or generateAuthCode, not both', 'generateAuthCode');
    const row = await ownDomain(core, resellerId, c.req.valid('param').name);
    const { handles, data } = splitContactRefs(body.contacts);
    await assertOwnContacts(core, resellerId, handles);
    const r = await inApiTerms(() => updateDomainObject(core, resellerId, row, {
      ...emptyDomainUpdate(),
      nameservers: body.nameservers?.map((name) => ({ name, addresses: [], hostAttr: false })),
      setContacts: handles, contactData: data,
      locked: body.lock, autoRenew: body.autoRenew, whoisPrivacy: body.whoisPrivacy,
      authCode: body.authCode, resetAuthCode: body.generateAuthCode,
    }), { status: 'lock' });
    if (r.status === 'submitted' && r.orderId !== undefined) return c.json(await pendingOrderView(core, resellerId, r.orderId), 202);
    return c.json(await domainView(core, (await findLiveDomain(core, row.name))!), 200);
  });
}
