// Rejection, cancellation or a cancel by the server: nothing changes hands and the gaining side gets its money back.
import type { Tx } from '../../core.ts';
import { credit } from '../../ledger.ts';
import { recordHistory } from '../../history.ts';
import { enqueuePoll, type TransferView } from '../pollQueue.ts';
import { claimTransfer, pendingTransferOf, transferView } from './transferRecords.ts';

/** Rejection, cancellation or a server cancel: nothing changes hands and the gaining side gets its money back. */
export async function endTransfer(trx: Tx, transferId: number, status: 'clientRejected' | 'clientCancelled' | 'serverCancelled', at: Date): Promise<TransferView> {
  const t = await claimTransfer(trx, transferId, status, at);
  if (t.order_id !== null) await trx.updateTable('orders').set({ status: 'cancelled', completed_at: at.toISOString() }).where('id', '=', t.order_id).execute();
  if (t.amount_minor > 0) {
    await credit(trx, { resellerId: t.gaining_reseller_id, amountMinor: t.amount_minor, orderId: t.order_id, description: `refund: transfer ${t.domain_name} ${status}`, at });
  }
  const view = await transferView(trx, t);
  const actor = status === 'clientRejected' ? t.losing_reseller_id : status === 'clientCancelled' ? t.gaining_reseller_id : null;
  await recordHistory(trx, {
    at, resellerId: actor, domainId: t.domain_id, objectType: 'domain', objectId: t.domain_id,
    action: status === 'clientRejected' ? 'transfer_reject' : 'transfer_cancel',
    detail: { transferId, status, refundMinor: t.amount_minor },
  });
  const msg = {
    clientRejected: `Transfer of ${t.domain_name} rejected by ${view.losingUsername}`,
    clientCancelled: `Transfer of ${t.domain_name} cancelled by ${view.gainingUsername}`,
    serverCancelled: `Transfer of ${t.domain_name} cancelled by the server`,
  }[status];
  if (status !== 'clientCancelled') await enqueuePoll(trx, { resellerId: t.gaining_reseller_id, at, kind: 'transfer', message: msg, payload: { type: 'transfer', side: 'gaining', transfer: view } });
  if (status !== 'clientRejected') await enqueuePoll(trx, { resellerId: t.losing_reseller_id, at, kind: 'transfer', message: msg, payload: { type: 'transfer', side: 'losing', transfer: view } });
  return view;
}

/** Cancels a domain's pending transfer, if any, by the server (e.g. when the domain leaves its live state). */
export async function serverCancelPendingTransfer(trx: Tx, domainId: number, at: Date): Promise<void> {
  const t = await pendingTransferOf(trx, domainId);
  if (t) await endTransfer(trx, t.id, 'serverCancelled', at);
}
