// One order as GET_ORDER_INFO shows it: what was asked for and what happened, without secrets (no registrant
// username or password, no auth code).
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import type { ContactSet } from '../contact.ts';
import { DEFAULT_NAMESERVERS } from '../nameserverList.ts';

export interface OrderInfo {
  id: number;
  domain: string;
  domainId: number | null;
  kind: string;
  status: string;
  period: number;
  amountMinor: number;
  currency: string;
  createdAt: string;
  completedAt: string | null;
  autoRenew: boolean;
  lock: boolean;
  whoisPrivacy: boolean;
  customNameservers: boolean;
  nameservers: Array<{ name: string; sortOrder: number }>;
  contacts: Partial<ContactSet>;
  affiliateId: string;
}

export async function getOrderInfo(core: Core, resellerId: number, orderId: number): Promise<OrderInfo> {
  const o = await core.db.selectFrom('orders').selectAll().where('id', '=', orderId).where('reseller_id', '=', resellerId).executeTakeFirst();
  if (!o) throw new CoreError('not_found', `Order ${orderId} not found`, 'order_id');
  let req: Record<string, unknown> = {};
  try { req = JSON.parse(o.request_json) as Record<string, unknown>; } catch { /* a foreign row: show what the columns say */ }
  const ns = Array.isArray(req.nameservers) ? (req.nameservers as Array<{ name: string; sortOrder?: number }>) : [];
  let affiliateId = typeof req.affiliateId === 'string' ? req.affiliateId : '';
  let autoRenew = req.autoRenew === true;
  let lock = req.lock === true;
  if (o.domain_id !== null) {
    const d = await core.db.selectFrom('domains').select(['affiliate_id', 'auto_renew', 'locked']).where('id', '=', o.domain_id).executeTakeFirst();
    if (d) { affiliateId = affiliateId || d.affiliate_id; if (o.kind !== 'register') { autoRenew = d.auto_renew === 1; lock = d.locked === 1; } }
  }
  return {
    id: Number(o.id), domain: o.domain_name, domainId: o.domain_id === null ? null : Number(o.domain_id), kind: o.kind, status: o.status,
    period: Number(o.period), amountMinor: Number(o.amount_minor), currency: o.currency, createdAt: o.created_at, completedAt: o.completed_at,
    autoRenew, lock, whoisPrivacy: req.whoisPrivacy === true,
    customNameservers: ns.length > 0 && ns.map((n) => n.name).join(',') !== DEFAULT_NAMESERVERS.join(','),
    nameservers: ns.map((n, i) => ({ name: n.name, sortOrder: n.sortOrder ?? i + 1 })),
    contacts: (typeof req.contactSet === 'object' && req.contactSet !== null ? req.contactSet : {}) as Partial<ContactSet>,
    affiliateId,
  };
}
