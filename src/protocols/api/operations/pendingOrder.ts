// The answer to a write whose registry has not answered within the deadline (202, as XCP's 250 and EPP's 1001): the
// order, which completes later (getOrder shows it; an event tells the reseller).
import type { z } from '@hono/zod-openapi';
import type { Core } from '../../../core/core.ts';
import { findResellerOrder } from '../../../core/commands/listResellerOrders.ts';
import { OrderSummarySchema, orderSummaryView } from './orderSchemas.ts';
import { replayableJson } from '../schemas.ts';

export const pendingOrderResponse = (what: string) => replayableJson(OrderSummarySchema, `The registry has not answered yet: the ${what} order, which completes later`);

export async function pendingOrderView(core: Core, resellerId: number, orderId: number): Promise<z.infer<typeof OrderSummarySchema>> {
  return orderSummaryView(await findResellerOrder(core, resellerId, orderId));
}
