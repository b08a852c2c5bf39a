// The gaining reseller withdraws its pending transfer request: refunded.
import type { Core } from '../../core.ts';
import type { TransferView } from '../pollQueue.ts';
import { pendingFor } from './transferRecords.ts';
import { cancelTransferIn, openTransferIn } from './remoteTransfers.ts';
import { endTransfer } from './endTransfer.ts';

export async function cancelTransfer(core: Core, input: { resellerId: number; name: string }): Promise<TransferView> {
  if (await openTransferIn(core, input.resellerId, input.name.trim().toLowerCase())) return cancelTransferIn(core, input.resellerId, input.name.trim().toLowerCase());
  const { t } = await pendingFor(core, input, 'gaining');
  const now = await core.clock.now();
  return core.db.transaction().execute((trx) => endTransfer(trx, t.id, 'clientCancelled', now));
}
