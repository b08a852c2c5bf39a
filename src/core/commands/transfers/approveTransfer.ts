// The losing reseller approves a pending transfer: the domain changes hands (completeTransfer.ts).
import type { Core } from '../../core.ts';
import type { TransferView } from '../pollQueue.ts';
import { pendingFor, remoteLosingSide } from './transferRecords.ts';
import { actOnRegistryTransfer } from './remoteTransfers.ts';
import { prepareEppProfile } from './transferProfile.ts';
import { completeTransfer } from './completeTransfer.ts';
import { isRemoteRegistry } from '../../orders/registryReach.ts';

export async function approveTransfer(core: Core, input: { resellerId: number; name: string }): Promise<TransferView> {
  const remote = await remoteLosingSide(core, input);
  if (remote) return actOnRegistryTransfer(core, remote, 'approve');
  const { t } = await pendingFor(core, input, 'losing');
  const prepared = await prepareEppProfile(core, t.gaining_reseller_id);
  const now = await core.clock.now();
  return core.db.transaction().execute((trx) => completeTransfer(trx, t.id, 'clientApproved', now, prepared, { keepAuthCode: isRemoteRegistry(core, t.domain_name.slice(t.domain_name.indexOf('.') + 1)) }));
}
