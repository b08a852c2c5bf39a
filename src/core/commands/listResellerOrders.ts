// A reseller's orders, newest first, a page at a time with a keyset ("before this order id"), filtered by state,
// kind and domain name; and one order by id. The state is the one GET_ORDERS_BY_DOMAIN shows (ordersByDomain.ts:
// saved, in_progress, completed, failed, cancelled), computed from three columns, and the filter on it is pushed
// into the query as the same rule. Another reseller's order is "not found", like one that does not exist.
import type { ExpressionBuilder, ExpressionWrapper, SqlBool } from 'kysely';
import type { Core } from '../core.ts';
import type { Database } from '../../store/schema.ts';
import { CoreError } from '../errors.ts';
import { toAsciiHostname } from '../domainName.ts';
import { ORDER_STATES, orderStateOf, type OrderState } from './ordersByDomain.ts';

export interface ResellerOrdersQuery {
  resellerId: number;
  state?: OrderState;
  /** The order's kind as stored (register, renew, transfer, ...). */
  kind?: string;
  /** Orders for this name (U-label or A-label). */
  domain?: string;
  /** The last (smallest) id of the previous page. */
  before?: number;
  limit: number;
}

export interface ResellerOrder {
  id: number;
  domain: string;
  kind: string;
  state: OrderState;
  period: number;
  amountMinor: number;
  currency: string;
  createdAt: string;
  completedAt: string | null;
}

const KIND = /^[a-z_]{1,32}$/;
const FINAL: OrderState[] = ['completed', 'failed', 'cancelled'];

type OrdersEb = ExpressionBuilder<Database, 'orders'>;

/** orderStateOf as SQL: a pending registration nobody sent anywhere is saved; anything else unfinished is in progress. */
function inState(eb: OrdersEb, state: OrderState): ExpressionWrapper<Database, 'orders', SqlBool> {
  const saved = eb.and([eb('status', '=', 'pending'), eb('registry_state', 'is', null), eb('kind', '=', 'register')]);
  if (FINAL.includes(state)) return eb('status', '=', state);
  if (state === 'saved') return saved;
  return eb.and([eb('status', 'not in', FINAL), eb.not(saved)]);
}

const COLUMNS = ['id', 'domain_name', 'kind', 'status', 'registry_state', 'period', 'amount_minor', 'currency', 'created_at', 'completed_at'] as const;

function toOrder(r: { id: number; domain_name: string; kind: string; status: string; registry_state: string | null; period: number; amount_minor: number; currency: string; created_at: string; completed_at: string | null }): ResellerOrder {
  return {
    id: Number(r.id), domain: r.domain_name, kind: r.kind, state: orderStateOf(r), period: Number(r.period),
    amountMinor: Number(r.amount_minor), currency: r.currency, createdAt: r.created_at, completedAt: r.completed_at,
  };
}

export async function listResellerOrders(core: Core, q: ResellerOrdersQuery): Promise<{ items: ResellerOrder[]; more: boolean }> {
  let query = core.db.selectFrom('orders').select(COLUMNS).where('reseller_id', '=', q.resellerId);
  if (q.state !== undefined) {
    const state = q.state;
    if (!ORDER_STATES.includes(state)) throw new CoreError('invalid_value', `Invalid data: status must be one of ${ORDER_STATES.join(', ')}`, 'status');
    query = query.where((eb) => inState(eb, state));
  }
  if (q.kind !== undefined) {
    if (!KIND.test(q.kind)) throw new CoreError('invalid_value', 'Invalid data: kind is an order kind such as register, renew or transfer', 'kind');
    query = query.where('kind', '=', q.kind);
  }
  if (q.domain !== undefined) {
    const name = toAsciiHostname(q.domain);
    if (!name) throw new CoreError('invalid_domain', 'Invalid domain name syntax', 'domain');
    query = query.where('domain_name', '=', name);
  }
  if (q.before !== undefined) query = query.where('id', '<', q.before);
  // One extra row says whether another page follows without a count.
  const rows = await query.orderBy('id', 'desc').limit(q.limit + 1).execute();
  return { items: rows.slice(0, q.limit).map(toOrder), more: rows.length > q.limit };
}

export async function findResellerOrder(core: Core, resellerId: number, orderId: number): Promise<ResellerOrder> {
  const row = Number.isSafeInteger(orderId) && orderId > 0
    ? await core.db.selectFrom('orders').select(COLUMNS).where('id', '=', orderId).where('reseller_id', '=', resellerId).executeTakeFirst()
    : undefined;
  if (!row) throw new CoreError('not_found', `Order ${orderId} not found`, 'id');
  return toOrder(row);
}
