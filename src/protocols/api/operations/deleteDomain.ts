// deleteDomain: the core's delete (deleteDomain.ts, as EPP <domain:delete>): inside the add grace period the name is
// gone at once and refunded; later the domain enters its redemption period, restorable with restoreDomain until
// redemptionEndsAt. 200 with what happened, or 202 with the order when the registry answers late.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { deleteDomain } from '../../../core/commands/deleteDomain.ts';
import { formatAmount } from '../../../core/money.ts';
import { DomainNameParam, IdempotencyHeaders, MoneySchema, replayableJson, writeProblemResponses } from '../schemas.ts';
import { idempotencyKeys } from '../idempotency.ts';
import { inApiTerms } from './apiFieldNames.ts';
import { ownDomain } from './ownedObjects.ts';
import { pendingOrderResponse, pendingOrderView } from './pendingOrder.ts';
import type { ApiEnv } from '../apiEnv.ts';

const DeletionSchema = z.object({
  name: z.string(),
  outcome: z.enum(['deleted', 'redemption']).openapi({ description: 'deleted: gone now (add grace period, refunded); redemption: restorable until redemptionEndsAt' }),
  refund: MoneySchema,
  redemptionEndsAt: z.string().datetime().nullable(),
  purgeAt: z.string().datetime().nullable().openapi({ description: 'When the name is freed unless restored' }),
}).openapi('DomainDeletion');

export const deleteDomainRoute = createRoute({
  method: 'delete', path: '/domains/{name}', operationId: 'deleteDomain', tags: ['domains'],
  summary: 'Delete one of the reseller\'s domains',
  middleware: [idempotencyKeys()] as const,
  request: { params: z.object({ name: DomainNameParam }), headers: IdempotencyHeaders },
  responses: {
    200: replayableJson(DeletionSchema, 'Deleted, or in its redemption period'),
    202: pendingOrderResponse('delete'),
    ...writeProblemResponses(404),
  },
});

export function addDeleteDomain(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(deleteDomainRoute, async (c) => {
    const core = c.get('core');
    const resellerId = c.get('reseller').id;
    const row = await ownDomain(core, resellerId, c.req.valid('param').name);
    const r = await inApiTerms(() => deleteDomain(core, { resellerId, name: row.name }));
    if (r.outcome === 'submitted') return c.json(await pendingOrderView(core, resellerId, r.orderId), 202);
    return c.json({
      name: r.name, outcome: r.outcome,
      refund: { amount: formatAmount(r.refundMinor), currency: core.registry.policy(row.tld)?.currency ?? 'USD' },
      redemptionEndsAt: r.redemptionEndsAt ?? null, purgeAt: r.purgeAt ?? null,
    }, 200);
  });
}
