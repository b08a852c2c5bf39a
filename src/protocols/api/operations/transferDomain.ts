// transferDomain: asks for a domain another reseller (or, at a registry behind regd, another registrar) holds, with
// its auth code: the core's transfer request (transfers/requestTransfer.ts, as XCP SW_REGISTER reg_type=transfer and
// EPP <transfer op="request">), paid at once and refunded if it does not complete. The domain joins the reseller's
// own registrant profile, with the contacts, nameservers and auto-renewal given here, when the transfer completes:
// when the losing side approves or its transfer window ends. 202 while it is pending.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { requestTransfer } from '../../../core/commands/transfers.ts';
import {
  AcceptedPriceSchema, DomainContactsInputSchema, IdempotencyHeaders, NameserversInputSchema, replayableJson, writeProblemResponses,
} from '../schemas.ts';
import { idempotencyKeys } from '../idempotency.ts';
import { acceptedPriceOf } from './acceptedPrice.ts';
import { splitContactRefs } from './contactInput.ts';
import { inApiTerms } from './apiFieldNames.ts';
import { assertOwnContacts } from './ownedObjects.ts';
import type { ApiEnv } from '../apiEnv.ts';

const TransferRequest = z.object({
  name: z.string().min(1).max(253).openapi({ example: 'example.com' }),
  authCode: z.string().min(1).max(64).openapi({ description: 'The auth code the current sponsor gave the registrant' }),
  period: z.number().int().min(1).default(1).openapi({ description: 'Years the transfer adds (1)' }),
  contacts: DomainContactsInputSchema.optional().openapi({ description: 'The contacts the domain takes on when the transfer completes; roles left out keep theirs' }),
  nameservers: NameserversInputSchema.optional().openapi({ description: 'The delegation the domain takes on when the transfer completes; left out, it keeps its own' }),
  autoRenew: z.boolean().optional(),
  acceptedPrice: AcceptedPriceSchema.optional(),
}).openapi('TransferDomainRequest');

const TransferSchema = z.object({
  name: z.string(),
  status: z.string().openapi({ description: 'pending, clientApproved, serverApproved, clientRejected, clientCancelled or serverCancelled', example: 'pending' }),
  requestedAt: z.string().datetime(),
  actionBy: z.string().datetime().openapi({ description: 'While pending: when the transfer window ends and the server approves; else when it was decided' }),
  expiresAt: z.string().datetime().nullable().openapi({ description: 'The expiry the transfer gives (projected while pending)' }),
  orderId: z.number().int().nullable(),
}).openapi('Transfer');

export const transferDomainRoute = createRoute({
  method: 'post', path: '/domains/transfers', operationId: 'transferDomain', tags: ['domains'],
  summary: 'Transfer a domain in',
  middleware: [idempotencyKeys()] as const,
  request: { headers: IdempotencyHeaders, body: { required: true, content: { 'application/json': { schema: TransferRequest } } } },
  responses: {
    200: replayableJson(TransferSchema, 'Transferred already (approved at once)'),
    202: replayableJson(TransferSchema, 'Requested: pending until the losing side approves or the transfer window ends'),
    ...writeProblemResponses(404),
  },
});

export function addTransferDomain(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(transferDomainRoute, async (c) => {
    const core = c.get('core');
    const resellerId = c.get('reseller').id;
    const body = c.req.valid('json');
    const { handles, data } = splitContactRefs(body.contacts);
    await assertOwnContacts(core, resellerId, handles);
    const t = await inApiTerms(() => requestTransfer(core, {
      resellerId, name: body.name, authCode: body.authCode, period: body.period,
      ...(Object.keys(handles).length > 0 ? { contactHandles: handles } : {}),
      ...(Object.keys(data).length > 0 ? { contactData: data } : {}),
      ...(body.nameservers && body.nameservers.length > 0 ? { delegation: body.nameservers.map((name) => ({ name, addresses: [], hostAttr: false })) } : {}),
      ...(body.autoRenew !== undefined ? { autoRenew: body.autoRenew } : {}),
      acceptedPrice: acceptedPriceOf(body.acceptedPrice),
    }));
    const view = {
      name: t.name, status: t.status, requestedAt: t.requestedAt, actionBy: t.actionAt, expiresAt: t.expiresAt ?? null, orderId: t.orderId ?? null,
    };
    return t.status === 'pending' ? c.json(view, 202) : c.json(view, 200);
  });
}
