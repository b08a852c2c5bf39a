// listOrders: the reseller's orders, newest first, filtered by status, kind and domain, a page at a time (nextCursor,
// null on the last page). Only the caller's own orders are ever listed.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { listResellerOrders } from '../../../core/commands/listResellerOrders.ts';
import { jsonContent, problemResponses } from '../schemas.ts';
import type { ApiEnv } from '../apiEnv.ts';
import { decodeIdCursor, nextIdCursor } from './idCursor.ts';
import { OrderStatusSchema, OrderSummarySchema, orderSummaryView } from './orderSchemas.ts';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

const ListQuery = z.object({
  status: OrderStatusSchema.optional().openapi({ description: 'Only orders in this status' }),
  kind: z.string().regex(/^[a-z_]{1,32}$/).optional().openapi({ description: 'Only orders of this kind', example: 'renew' }),
  domain: z.string().min(1).max(253).optional().openapi({ description: 'Only orders for this domain name', example: 'example.com' }),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).optional().openapi({ description: `Page size, default ${DEFAULT_LIMIT}` }),
  cursor: z.string().min(1).max(40).optional().openapi({ description: 'nextCursor of the previous page' }),
});

const OrderListResponse = z.object({ items: z.array(OrderSummarySchema), nextCursor: z.string().nullable() }).openapi('OrderList');

export const listOrdersRoute = createRoute({
  method: 'get', path: '/orders', operationId: 'listOrders', tags: ['orders'],
  summary: 'The reseller\'s orders, newest first, filtered and paged',
  request: { query: ListQuery },
  responses: { 200: jsonContent(OrderListResponse, 'One page of orders'), ...problemResponses(429) },
});

export function addListOrders(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(listOrdersRoute, async (c) => {
    const q = c.req.valid('query');
    const page = await listResellerOrders(c.get('core'), {
      resellerId: c.get('reseller').id, state: q.status, kind: q.kind, domain: q.domain,
      before: q.cursor === undefined ? undefined : decodeIdCursor(q.cursor), limit: q.limit ?? DEFAULT_LIMIT,
    });
    return c.json({ items: page.items.map(orderSummaryView), nextCursor: nextIdCursor(page) }, 200);
  });
}
