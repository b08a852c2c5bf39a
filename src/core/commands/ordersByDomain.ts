// The caller's orders for one domain name (OpenSRS GET_ORDERS_BY_DOMAIN), newest first, a page at a time. Only the
// caller's own orders are ever read: another reseller's orders for the same name (it registered the name before,
// or holds it now) are not there for the caller. The domain need not exist: a saved, cancelled or failed
// registration has orders and no domain.
//
// Each order's state, in protocol-neutral terms:
//   saved        a registration saved for later (handle=save), not yet sent anywhere: it can be processed or cancelled
//   in_progress  taken on and not finished: at the registry (in flight, or answered "pending"), or a transfer
//                waiting on the losing side
//   completed | failed | cancelled
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { toAsciiHostname } from '../domainName.ts';

export type OrderState = 'saved' | 'in_progress' | 'completed' | 'failed' | 'cancelled';
export const ORDER_STATES: readonly OrderState[] = ['saved', 'in_progress', 'completed', 'failed', 'cancelled'];

export interface DomainOrder {
  id: number;
  kind: string;
  state: OrderState;
  period: number;
  amountMinor: number;
  currency: string;
  createdAt: string;
  completedAt: string | null;
}

export interface DomainOrdersQuery {
  resellerId: number;
  domain: string;
  /** Inclusive bounds on the order date (UTC days, YYYY-MM-DD). */
  from?: string;
  to?: string;
  /** Only orders in one of these states / of one of these kinds; undefined: all. */
  states?: OrderState[];
  kinds?: string[];
  /** 1-based. */
  page: number;
  limit: number;
}

export const MAX_ORDERS_PAGE = 500;

export function orderStateOf(o: { status: string; registry_state: string | null; kind: string }): OrderState {
  if (o.status === 'completed' || o.status === 'failed' || o.status === 'cancelled') return o.status;
  if (o.status === 'pending' && o.registry_state === null && o.kind === 'register') return 'saved';
  return 'in_progress';
}

function day(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!d || d.toISOString().slice(0, 10) !== value) throw new CoreError('invalid_value', `Invalid data: ${field} must be a date YYYY-MM-DD`, field);
  return value;
}

export async function ordersByDomain(core: Core, q: DomainOrdersQuery): Promise<{ domain: string; total: number; orders: DomainOrder[] }> {
  const name = toAsciiHostname(q.domain);
  if (!name) throw new CoreError('invalid_domain', 'Invalid domain name syntax', 'domain');
  if (!Number.isSafeInteger(q.page) || q.page < 1) throw new CoreError('invalid_value', 'Invalid data: page must be a whole number from 1', 'page');
  if (!Number.isSafeInteger(q.limit) || q.limit < 1 || q.limit > MAX_ORDERS_PAGE) {
    throw new CoreError('invalid_value', `Invalid data: limit must be a whole number from 1 to ${MAX_ORDERS_PAGE}`, 'limit');
  }
  const from = day(q.from, 'order_from');
  const to = day(q.to, 'order_to');
  let query = core.db.selectFrom('orders')
    .select(['id', 'kind', 'status', 'registry_state', 'period', 'amount_minor', 'currency', 'created_at', 'completed_at'])
    .where('reseller_id', '=', q.resellerId).where('domain_name', '=', name);
  if (from) query = query.where('created_at', '>=', `${from}T00:00:00.000Z`);
  if (to) query = query.where('created_at', '<', new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString());
  if (q.kinds) query = query.where('kind', 'in', q.kinds.length > 0 ? q.kinds : ['']);
  // One name has few orders: the state (computed from three columns) is filtered here, then the page is cut.
  const rows = (await query.orderBy('id', 'desc').execute())
    .map((r) => ({ ...r, state: orderStateOf(r) }))
    .filter((r) => !q.states || q.states.includes(r.state));
  const page = rows.slice((q.page - 1) * q.limit, q.page * q.limit);
  return {
    domain: name, total: rows.length,
    orders: page.map((r) => ({
      id: Number(r.id), kind: r.kind, state: r.state, period: Number(r.period), amountMinor: Number(r.amount_minor), currency: r.currency,
      createdAt: r.created_at, completedAt: r.completed_at,
    })),
  };
}
