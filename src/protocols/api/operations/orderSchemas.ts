// The shapes of orders over the JSON API: a summary per order (listOrders) and one order in full (getOrder). The
// status is the core's order state (ordersByDomain.ts), the same words XCP GET_ORDERS_BY_DOMAIN is mapped from.
import { z } from '@hono/zod-openapi';
import { ORDER_STATES, type OrderState } from '../../../core/commands/ordersByDomain.ts';
import type { ResellerOrder } from '../../../core/commands/listResellerOrders.ts';
import { formatAmount } from '../../../core/money.ts';
import { ContactSchema, MoneySchema } from '../schemas.ts';

export const OrderStatusSchema = z.enum(ORDER_STATES as [OrderState, ...OrderState[]]).openapi('OrderStatus', {
  description: 'saved: a registration saved for later, not sent; in_progress: at the registry or waiting on the other side of a transfer; '
    + 'then completed, failed or cancelled',
});

export const OrderSummarySchema = z.object({
  id: z.number().int(),
  domain: z.string().openapi({ description: 'The domain name (A-label)' }),
  kind: z.string().openapi({ description: 'What was ordered: register, renew, transfer, ...', example: 'register' }),
  status: OrderStatusSchema,
  period: z.number().int().openapi({ description: 'Years' }),
  price: MoneySchema.openapi({ description: 'What the order cost' }),
  createdAt: z.string().datetime(),
  completedAt: z.string().datetime().nullable(),
}).openapi('OrderSummary');

export const OrderSchema = OrderSummarySchema.extend({
  autoRenew: z.boolean(),
  locked: z.boolean(),
  whoisPrivacy: z.boolean(),
  nameservers: z.array(z.string()),
  contacts: z.object({
    owner: ContactSchema.optional(), admin: ContactSchema.optional(), billing: ContactSchema.optional(), tech: ContactSchema.optional(),
  }),
}).openapi('Order');

export function orderSummaryView(o: ResellerOrder): z.infer<typeof OrderSummarySchema> {
  return {
    id: o.id, domain: o.domain, kind: o.kind, status: o.state, period: o.period,
    price: { amount: formatAmount(o.amountMinor), currency: o.currency }, createdAt: o.createdAt, completedAt: o.completedAt,
  };
}
