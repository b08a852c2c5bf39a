// The losing reseller approves a pending transfer: the domain changes hands (completeTransfer.ts).
import type { Core } from '../../core.ts';
import type { TransferView } from '../pollQueue.ts';
import { pendingFor, remoteLosingSide } from './transferRecords.ts';
import { actOnRegistryTransfer } from './remoteTransfers.ts';
import { prepareEppProfile } from './transferProfile.ts';
import { completeTransfer } from './completeTransfer.ts';
import { isRemoteRegistry } from '../../orders/registryReach.ts';
import { carryFollowUpSync } from '../../orders/followUpSync.ts';

export async function approveTransfer(core: Core, input: { resellerId: number; name: string }): Promise<TransferView> {
  const remote = await remoteLosingSide(core, input);
  if (remote) return actOnRegistryTransfer(core, remote, 'approve');
  const { t } = await pendingFor(core, input, 'losing');
  const prepared = await prepareEppProfile(core, t.gaining_reseller_id);
  const now = await core.clock.now();
  const atRemoteRegistry = isRemoteRegistry(core, t.domain_name.slice(t.domain_name.indexOf('.') + 1));
  const done = await core.db.transaction().execute((trx) => completeTransfer(trx, t.id, 'clientApproved', now, prepared, { remote: atRemoteRegistry }));
  carryFollowUpSync(core, done.syncOrderId, 'the data sent with the transfer');
  return done.view;
}
