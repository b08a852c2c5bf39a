// GET_ORDER_INFO DOMAIN and PROCESS_PENDING DOMAIN (orders saved with SW_REGISTER handle=save).
import { makeAssoc } from '../../ops/index.ts';
import type { XcpHandler } from '../xcpContext.ts';
import type { XcpResult } from '../xcpReply.ts';
import { xcpInvalid } from '../xcpError.ts';
import { getOrderInfo } from '../../../core/commands/orderInfo.ts';
import { cancelPendingOrder, processPendingOrder } from '../../../core/commands/processPendingOrder.ts';
import { formatAmount } from '../../../core/money.ts';
import { contactSetView, opsDate } from '../opsViews.ts';

const REG_TYPE: Record<string, string> = { register: 'new', renew: 'renewal', transfer: 'transfer', revoke: 'revoke' };

function orderId(raw: number): number {
  if (raw < 1) throw xcpInvalid('Invalid data: order_id must be a positive whole number');
  return raw;
}

export const getOrderInfoHandler: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const o = await getOrderInfo(ctx.core, ctx.reseller.id, orderId(req.attributes.int('order_id')));
  const fieldHash = makeAssoc({
    id: String(o.id), order_id: String(o.id), domain: o.domain, reg_type: REG_TYPE[o.kind] ?? o.kind, status: o.status,
    period: String(o.period), cost: formatAmount(o.amountMinor), price: formatAmount(o.amountMinor), currency: o.currency,
    order_date: opsDate(o.createdAt), completed_date: o.completedAt ? opsDate(o.completedAt) : '',
    affiliate_id: o.affiliateId, encoding_type: '', f_auto_renew: o.autoRenew ? 'Y' : 'N', f_lock_domain: o.lock ? '1' : '0',
    f_whois_privacy: o.whoisPrivacy ? '1' : '0', custom_nameservers: o.customNameservers ? '1' : '0',
    flag_saved_ns_fields: o.customNameservers ? '1' : '0', flag_saved_tech_fields: o.contacts.tech ? '1' : '0',
    domain_id: o.domainId === null ? '' : String(o.domainId),
    nameserver_list: o.nameservers.map((n) => makeAssoc({ name: n.name, sortorder: String(n.sortOrder) })),
    contact_set: contactSetView(o.contacts),
  });
  return { code: 200, text: 'Command completed successfully', attributes: { field_hash: fieldHash } };
};

export const processPendingHandler: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const a = req.attributes;
  const id = orderId(a.int('order_id'));
  const command = a.optString('command')?.toLowerCase();
  if (command !== undefined && command !== 'cancel') throw xcpInvalid(`Invalid data: command must be cancel (or absent to process), not ${command}`);
  if (command === 'cancel') {
    await cancelPendingOrder(ctx.core, { resellerId: ctx.reseller.id, orderId: id });
    return { code: 200, text: 'Order cancelled', attributes: { id: String(id), order_id: String(id), status: 'cancelled' } };
  }
  const r = await processPendingOrder(ctx.core, { resellerId: ctx.reseller.id, orderId: id });
  const submitted = r.status === 'submitted';
  const text = submitted ? 'Action submitted successfully for processing to asynchronous registry' : 'Domain registration successfully completed';
  return {
    code: submitted ? 250 : 200, text,
    attributes: {
      id: String(r.orderId), order_id: String(r.orderId), domain_id: String(r.domainId), registration_code: submitted ? '250' : '200',
      registration_text: text, async_reason: submitted ? 'Registry confirms later' : '', f_auto_renew: r.autoRenew ? 'Y' : 'N',
      registration_expiration_date: opsDate(r.expiresAt), new_profile: r.profileCreated ? '1' : '0', cost: formatAmount(r.amountMinor),
    },
  };
};
