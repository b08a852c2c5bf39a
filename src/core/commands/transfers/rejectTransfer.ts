// The losing reseller rejects a pending transfer: nothing changes hands, the gaining side is refunded.
import type { Core } from '../../core.ts';
import type { TransferView } from '../pollQueue.ts';
import { pendingFor, remoteLosingSide } from './transferRecords.ts';
import { actOnRegistryTransfer } from './remoteTransfers.ts';
import { endTransfer } from './endTransfer.ts';

export async function rejectTransfer(core: Core, input: { resellerId: number; name: string }): Promise<TransferView> {
  const remote = await remoteLosingSide(core, input);
  if (remote) return actOnRegistryTransfer(core, remote, 'reject');
  const { t } = await pendingFor(core, input, 'losing');
  const now = await core.clock.now();
  return core.db.transaction().execute((trx) => endTransfer(trx, t.id, 'clientRejected', now));
}
