// What XCP's CHECK_TRANSFER reports about a transfer already asked for (check_status=1, get_request_address=1): its
// state, when it was requested, and the address the request for approval went to (the domain's admin contact when
// the request was made, kept on the order). Only the parties see it: the reseller that asked, and the sponsor.
import type { Core } from '../../core.ts';
import { findLiveDomain } from '../findDomain.ts';
import { lastTransferOf } from './transferRecords.ts';

export interface TransferRequestInfo {
  /** pending, completed or cancelled (the latest transfer of the name the caller is a party to). */
  state: 'pending' | 'completed' | 'cancelled';
  /** When it was requested (ISO). */
  requestedAt: string;
  /** The e-mail address the request for approval was sent to, where regd knows it. */
  requestAddress?: string;
}

const STATE: Record<string, TransferRequestInfo['state']> = {
  pending: 'pending', clientApproved: 'completed', serverApproved: 'completed',
  clientRejected: 'cancelled', clientCancelled: 'cancelled', serverCancelled: 'cancelled',
};

export async function transferRequestInfo(core: Core, resellerId: number, name: string): Promise<TransferRequestInfo | undefined> {
  const n = name.trim().toLowerCase();
  const d = await findLiveDomain(core, n);
  if (d) {
    const t = await lastTransferOf(core.db, d.id);
    if (t && (t.gaining_reseller_id === resellerId || t.losing_reseller_id === resellerId)) {
      const order = t.order_id === null ? undefined : await core.db.selectFrom('orders').select('request_json').where('id', '=', t.order_id).executeTakeFirst();
      const requestAddress = order ? (JSON.parse(order.request_json) as { requestAddress?: string }).requestAddress : undefined;
      return { state: STATE[t.status] ?? 'pending', requestedAt: t.requested_at, ...(requestAddress ? { requestAddress } : {}) };
    }
  }
  // A transfer in from another registrar (a remote registry, or the sandbox's other registrar).
  const order = await core.db.selectFrom('orders').select(['created_at', 'registry_state']).where('domain_name', '=', n)
    .where('kind', '=', 'transfer_in').where('reseller_id', '=', resellerId).orderBy('id', 'desc').executeTakeFirst();
  if (!order) return undefined;
  const state = order.registry_state === 'done' ? 'completed' : order.registry_state === 'failed' ? 'cancelled' : 'pending';
  return { state, requestedAt: order.created_at };
}
