// restoreDomain: brings a deleted domain in its redemption period back, in one call: the core's restore request and
// the RFC 3915 report written from what regd holds (restoreAtOnce.ts; EPP sends the two itself). Charged the restore
// fee, plus a year's renewal if the domain expired meanwhile. 200 with the live domain, or 202 with the order when the
// registry answers late (calling again then finishes the restore).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { restoreDomainAtOnce } from '../../../core/commands/restoreAtOnce.ts';
import { findLiveDomain } from '../../../core/commands/findDomain.ts';
import { AcceptedPriceSchema, DomainNameParam, DomainSchema, IdempotencyHeaders, replayableJson, writeProblemResponses } from '../schemas.ts';
import { idempotencyKeys } from '../idempotency.ts';
import { acceptedPriceOf } from './acceptedPrice.ts';
import { domainView } from './domainView.ts';
import { inApiTerms } from './apiFieldNames.ts';
import { ownDomain } from './ownedObjects.ts';
import { pendingOrderResponse, pendingOrderView } from './pendingOrder.ts';
import type { ApiEnv } from '../apiEnv.ts';

const RestoreRequest = z.object({
  reason: z.string().max(1000).optional().openapi({ description: 'Why the domain is restored, for the registry\'s restore report' }),
  acceptedPrice: AcceptedPriceSchema.optional(),
}).openapi('RestoreDomainRequest');

export const restoreDomainRoute = createRoute({
  method: 'post', path: '/domains/{name}/restore', operationId: 'restoreDomain', tags: ['domains'],
  summary: 'Restore one of the reseller\'s domains from its redemption period',
  middleware: [idempotencyKeys()] as const,
  request: {
    params: z.object({ name: DomainNameParam }), headers: IdempotencyHeaders,
    body: { required: false, content: { 'application/json': { schema: RestoreRequest } } },
  },
  responses: {
    200: replayableJson(DomainSchema, 'Restored: the domain is live again'),
    202: pendingOrderResponse('restore'),
    ...writeProblemResponses(404),
  },
});

export function addRestoreDomain(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(restoreDomainRoute, async (c) => {
    const core = c.get('core');
    const resellerId = c.get('reseller').id;
    const body = c.req.valid('json') ?? {};
    const row = await ownDomain(core, resellerId, c.req.valid('param').name);
    const r = await inApiTerms(() => restoreDomainAtOnce(core, { resellerId, name: row.name, reason: body.reason, acceptedPrice: acceptedPriceOf(body.acceptedPrice) }));
    if (r.status === 'submitted') return c.json(await pendingOrderView(core, resellerId, r.orderId), 202);
    return c.json(await domainView(core, (await findLiveDomain(core, row.name))!), 200);
  });
}
