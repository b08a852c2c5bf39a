// Resubmitting a transfer order that was cancelled (rejected by the losing side, withdrawn, cancelled by the server)
// or failed (a transfer in that its registry refused): OpenSRS's PROCESS_TRANSFER. A new order and a new transfer
// request with the same data as the old one (auth code, registrant profile, contacts, nameservers, op fields); the
// old order is left as it was. The transfer is charged again only if the old order was refunded; otherwise what was
// paid for it carries over to the new one.
import type { Core } from '../../core.ts';
import { CoreError } from '../../errors.ts';
import type { TransferView } from '../pollQueue.ts';
import { requestTransfer } from './requestTransfer.ts';
import type { TransferCarry } from './transferData.ts';

export interface ResubmitInput {
  resellerId: number;
  orderId: number;
  /** The auth code to use instead of the one the old order sent (e.g. the losing side gave a new one). */
  authCode?: string;
}

export async function resubmitTransfer(core: Core, input: ResubmitInput): Promise<TransferView & { orderId?: number; charged: boolean; resubmittedFrom: number }> {
  const order = await core.db.selectFrom('orders').selectAll().where('id', '=', input.orderId).executeTakeFirst();
  // Another reseller's order reads as not found: its existence is not the caller's business.
  if (!order || order.reseller_id !== input.resellerId) throw new CoreError('not_found', `Order ${input.orderId} not found`, 'order_id');
  if (order.kind !== 'transfer' && order.kind !== 'transfer_in') {
    throw new CoreError('invalid_value', `Order ${order.id} is not a transfer order (it is a ${order.kind} order)`, 'order_id');
  }
  if (order.status !== 'cancelled' && order.status !== 'failed') {
    throw new CoreError('invalid_value', `Order ${order.id} is not a cancelled or failed transfer (its status is ${order.status})`, 'order_id');
  }
  const request = JSON.parse(order.request_json) as TransferCarry & { authCode?: string; period?: number };
  const authCode = input.authCode ?? request.authCode;
  if (!authCode) throw new CoreError('missing_field', `Order ${order.id} kept no auth code: give auth_info`, 'auth_info');
  // What the old order still holds of the reseller's money (debits are negative): 0 once it was refunded.
  const entries = await core.db.selectFrom('ledger_entries').select('amount_minor').where('order_id', '=', order.id).execute();
  const held = -entries.reduce((sum, e) => sum + Number(e.amount_minor), 0);
  const charged = held <= 0;
  // Contacts named by handle (EPP): handed back by handle, so they are checked again (still there, still the caller's).
  const contactHandles: Partial<Record<'owner' | 'admin' | 'billing' | 'tech', string>> = {};
  for (const [role, id] of Object.entries(request.contactIds ?? {}) as Array<[keyof typeof contactHandles, number]>) {
    const c = await core.db.selectFrom('contacts').select('handle').where('id', '=', id).executeTakeFirst();
    if (c) contactHandles[role] = c.handle;
  }
  const t = await requestTransfer(core, {
    resellerId: input.resellerId, name: order.domain_name, authCode, period: order.period || request.period,
    contactSet: request.contactSet, ...(Object.keys(contactHandles).length > 0 ? { contactHandles } : {}), ...(order.profile_id !== null ? { profileId: order.profile_id } : {}),
    ...(charged ? {} : { prepaidMinor: held }), resubmittedFrom: order.id,
    ...carriedInput(request),
  });
  return { ...t, charged, resubmittedFrom: order.id };
}

/** The old order's validated data, handed back as input (it validates again, against today's TLD limits). */
function carriedInput(r: TransferCarry) {
  return {
    ...(r.nameservers ? { delegation: r.nameservers.map((h) => ({ name: h.name, hostAttr: h.hostAttr, addresses: h.addresses.map((a) => ({ address: a, version: (a.includes(':') ? 'v6' : 'v4') as 'v4' | 'v6' })) })) } : {}),
    ...(r.autoRenew !== undefined ? { autoRenew: r.autoRenew } : {}),
    ...(r.contactData ? { contactData: r.contactData } : {}),
    ...(r.opExt ? { extData: r.opExt } : {}),
  };
}
