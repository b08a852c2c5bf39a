// renewDomain: the core's renewal (renewDomain.ts), as XCP RENEW: the caller states the domain's current expiry year,
// so a retried renewal is refused (already_renewed) instead of renewing twice. 200 with the domain, or 202 with the
// order when the registry answers late.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { renewDomain } from '../../../core/commands/renewDomain.ts';
import { findLiveDomain } from '../../../core/commands/findDomain.ts';
import { AcceptedPriceSchema, DomainNameParam, DomainSchema, IdempotencyHeaders, replayableJson, writeProblemResponses } from '../schemas.ts';
import { idempotencyKeys } from '../idempotency.ts';
import { acceptedPriceOf } from './acceptedPrice.ts';
import { domainView } from './domainView.ts';
import { inApiTerms } from './apiFieldNames.ts';
import { ownDomain } from './ownedObjects.ts';
import { pendingOrderResponse, pendingOrderView } from './pendingOrder.ts';
import type { ApiEnv } from '../apiEnv.ts';

const RenewRequest = z.object({
  period: z.number().int().min(1).default(1).openapi({ description: 'Years to add' }),
  currentExpiryYear: z.number().int().min(1).max(9999).openapi({ description: 'The year the domain expires now (UTC), as getDomain shows it', example: 2027 }),
  acceptedPrice: AcceptedPriceSchema.optional(),
}).openapi('RenewDomainRequest');

export const renewDomainRoute = createRoute({
  method: 'post', path: '/domains/{name}/renew', operationId: 'renewDomain', tags: ['domains'],
  summary: 'Renew one of the reseller\'s domains',
  middleware: [idempotencyKeys()] as const,
  request: {
    params: z.object({ name: DomainNameParam }), headers: IdempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: RenewRequest } } },
  },
  responses: {
    200: replayableJson(DomainSchema, 'Renewed: the domain with its new expiry'),
    202: pendingOrderResponse('renewal'),
    ...writeProblemResponses(404),
  },
});

export function addRenewDomain(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(renewDomainRoute, async (c) => {
    const core = c.get('core');
    const resellerId = c.get('reseller').id;
    const body = c.req.valid('json');
    const row = await ownDomain(core, resellerId, c.req.valid('param').name);
    const r = await inApiTerms(() => renewDomain(core, {
      resellerId, domain: row, period: body.period, currentExpirationYear: body.currentExpiryYear, acceptedPrice: acceptedPriceOf(body.acceptedPrice),
    }));
    if (r.status === 'submitted') return c.json(await pendingOrderView(core, resellerId, r.orderId), 202);
    return c.json(await domainView(core, (await findLiveDomain(core, row.name))!), 200);
  });
}
