// GET_ORDERS_BY_DOMAIN (object DOMAIN) and CANCEL_ORDER (object ORDER or DOMAIN): the caller's orders for one
// domain (ordersByDomain.ts) and cancelling a saved one (cancelOrder.ts).
//
// GET_ORDERS_BY_DOMAIN: domain (required); page (from 1, default 1), limit (default 40); order_from / order_to
// (YYYY-MM-DD, inclusive); status and type filters with OpenSRS's values. Reply: orders (newest first, each
// { id, order_date, status, type, period, cost, currency, completed_date }), total, page, page_size.
// OpenSRS statuses from regd's order states: pending (saved, not sent), waiting (at the registry, or a transfer
// waiting on the losing side), completed, declined (failed), cancelled. The other OpenSRS statuses (deleted,
// pending_fax, ca_owner_approval) and types (premium, sunrise) are accepted as filters and match nothing here.
import { makeAssoc } from '../../ops/index.ts';
import type { XcpHandler } from '../xcpContext.ts';
import type { XcpResult } from '../xcpReply.ts';
import { noDomainSupplied, xcpInvalid } from '../xcpError.ts';
import { opsDate } from '../opsViews.ts';
import { ordersByDomain, type OrderState } from '../../../core/commands/ordersByDomain.ts';
import { cancelOrder } from '../../../core/commands/cancelOrder.ts';
import { formatAmount } from '../../../core/money.ts';

export const DEFAULT_ORDERS_PAGE_SIZE = 40;

const STATUS_OF: Record<OrderState, string> = { saved: 'pending', in_progress: 'waiting', completed: 'completed', failed: 'declined', cancelled: 'cancelled' };
const STATES_FOR: Record<string, OrderState[]> = {
  pending: ['saved'], waiting: ['in_progress'], completed: ['completed'], declined: ['failed'], cancelled: ['cancelled'],
  deleted: [], pending_fax: [], ca_owner_approval: [],
};

const TYPE_OF: Record<string, string> = { register: 'new', renew: 'renewal', transfer: 'transfer', transfer_in: 'transfer' };
const KINDS_FOR: Record<string, string[]> = {
  new: ['register'], renewal: ['renew'], transfer: ['transfer', 'transfer_in'], premium: [], sunrise: [],
  update: ['update'], delete: ['delete'], restore: ['restore', 'restore_report'],
};

function filter<T>(table: Record<string, T[]>, field: string, value: string | undefined): T[] | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if (!Object.hasOwn(table, v)) throw xcpInvalid(`Invalid data: ${field} must be one of ${Object.keys(table).join(', ')} (got ${value.slice(0, 30)})`);
  return table[v];
}

export const getOrdersByDomainHandler: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const a = req.attributes;
  const domain = a.optString('domain') ?? req.domain;
  if (domain === undefined) throw noDomainSupplied('GET_ORDERS_BY_DOMAIN needs the domain whose orders to list');
  const limit = a.optInt('limit') ?? DEFAULT_ORDERS_PAGE_SIZE;
  const page = a.optInt('page') ?? 1;
  const r = await ordersByDomain(ctx.core, {
    resellerId: ctx.reseller.id, domain, from: a.optString('order_from'), to: a.optString('order_to'),
    states: filter(STATES_FOR, 'status', a.optString('status')), kinds: filter(KINDS_FOR, 'type', a.optString('type')), page, limit,
  });
  return {
    code: 200, text: r.total === 0 ? `No orders found for ${r.domain}` : 'Command successful',
    attributes: {
      domain: r.domain, total: String(r.total), page: String(page), page_size: String(limit),
      orders: r.orders.map((o) => makeAssoc({
        id: String(o.id), order_date: opsDate(o.createdAt), status: STATUS_OF[o.state], type: TYPE_OF[o.kind] ?? o.kind,
        period: String(o.period), cost: formatAmount(o.amountMinor), currency: o.currency, completed_date: o.completedAt ? opsDate(o.completedAt) : '',
      })),
    },
  };
};

export const cancelOrderHandler: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const id = req.attributes.int('order_id');
  if (id < 1) throw xcpInvalid('Invalid data: order_id must be a positive whole number');
  const r = await cancelOrder(ctx.core, { resellerId: ctx.reseller.id, orderId: id });
  return { code: 200, text: 'Order cancelled', attributes: { order_id: String(r.orderId), id: String(r.orderId), domain: r.domain, status: 'cancelled' } };
};
