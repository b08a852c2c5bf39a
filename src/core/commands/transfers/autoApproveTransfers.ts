// Auto-approval on the clock: a transfer the losing side did not answer within the TLD's window is approved by
// the server.
import type { Core } from '../../core.ts';
import { CoreError } from '../../errors.ts';
import { completeTransfer } from './completeTransfer.ts';
import { isRemoteRegistry } from '../../orders/registryReach.ts';
import { prepareEppProfile } from './transferProfile.ts';

/**
 * Approves every pending transfer whose action deadline has passed (serverApproved), acting at the deadline so
 * the outcome does not depend on when the pass runs. Returns how many it approved.
 */
export async function autoApproveTransfers(core: Core): Promise<number> {
  const now = await core.clock.now();
  const due = await core.db.selectFrom('transfers').selectAll().where('status', '=', 'pending')
    .where('action_deadline', '<=', now.toISOString()).orderBy('action_deadline', 'asc').orderBy('id', 'asc').execute();
  let approved = 0;
  for (const t of due) {
    const prepared = await prepareEppProfile(core, t.gaining_reseller_id);
    try {
      await core.db.transaction().execute((trx) => completeTransfer(trx, t.id, 'serverApproved', new Date(t.action_deadline), prepared, { keepAuthCode: isRemoteRegistry(core, t.domain_name.slice(t.domain_name.indexOf('.') + 1)) }));
      approved++;
    } catch (err) {
      // Another pass or a client action got there first.
      if (!(err instanceof CoreError && err.kind === 'not_pending_transfer')) throw err;
    }
  }
  return approved;
}
