// getOrder: one of the reseller's orders with what was asked for (GET_ORDER_INFO's view: nameservers, contacts,
// settings; never the registrant password or an auth code). Another reseller's order is 404 like an unknown one.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { findResellerOrder } from '../../../core/commands/listResellerOrders.ts';
import { getOrderInfo } from '../../../core/commands/orderInfo.ts';
import { CONTACT_FIELDS, CONTACT_ROLES, type Contact } from '../../../core/contact.ts';
import { jsonContent, problemResponses } from '../schemas.ts';
import type { ApiEnv } from '../apiEnv.ts';
import { contactView } from './domainView.ts';
import { OrderSchema, orderSummaryView } from './orderSchemas.ts';

const OrderParams = z.object({
  id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).openapi({ param: { name: 'id', in: 'path' }, example: 42 }),
});

export const getOrderRoute = createRoute({
  method: 'get', path: '/orders/{id}', operationId: 'getOrder', tags: ['orders'],
  summary: 'One of the reseller\'s orders',
  request: { params: OrderParams },
  responses: { 200: jsonContent(OrderSchema, 'The order'), ...problemResponses(404, 429) },
});

export function addGetOrder(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(getOrderRoute, async (c) => {
    const core = c.get('core');
    const resellerId = c.get('reseller').id;
    const { id } = c.req.valid('param');
    const summary = await findResellerOrder(core, resellerId, id);
    const info = await getOrderInfo(core, resellerId, id);
    const contacts: z.infer<typeof OrderSchema>['contacts'] = {};
    for (const role of CONTACT_ROLES) {
      const ct = info.contacts[role];
      // The order keeps the contacts as they were sent; a field it lacks reads as empty.
      if (ct) contacts[role] = contactView(Object.fromEntries(CONTACT_FIELDS.map((f) => [f, String(ct[f] ?? '')])) as Contact);
    }
    return c.json({
      ...orderSummaryView(summary), autoRenew: info.autoRenew, locked: info.lock, whoisPrivacy: info.whoisPrivacy,
      nameservers: info.nameservers.map((n) => n.name), contacts,
    }, 200);
  });
}
