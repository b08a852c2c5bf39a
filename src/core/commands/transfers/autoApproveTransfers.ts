// Auto-approval on the clock: a transfer the losing side did not answer within the TLD's window is approved by
// the server.
import { performance } from 'node:perf_hooks';
import type { Core } from '../../core.ts';
import { CoreError } from '../../errors.ts';
import { completeTransfer } from './completeTransfer.ts';
import { isRemoteRegistry } from '../../orders/registryReach.ts';
import { carryFollowUpSync } from '../../orders/followUpSync.ts';
import { prepareEppProfile } from './transferProfile.ts';

/**
 * Approves every pending transfer whose action deadline has passed (serverApproved), acting at the deadline so
 * the outcome does not depend on when the pass runs. Returns how many it approved.
 *
 * The due transfers are read a batch at a time in (deadline, id) order through transfers_pending_due (migration
 * 008), each batch starting after the last transfer of the one before; the pass yields to the event loop between
 * batches, and within one once it has run `sliceMs`, so a backlog never holds the loop.
 */
export async function autoApproveTransfers(core: Core, options: { batchSize?: number; sliceMs?: number; signal?: AbortSignal } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 100;
  const sliceMs = options.sliceMs ?? 8;
  const now = await core.clock.now();
  let after: { at: string; id: number } | undefined;
  let approved = 0;
  for (;;) {
    if (options.signal?.aborted) return approved;
    const due = await core.db.selectFrom('transfers').selectAll().where('status', '=', 'pending')
      .where('action_deadline', '<=', now.toISOString())
      .$if(after !== undefined, (qb) => qb.where(({ eb, refTuple, tuple }) => eb(refTuple('action_deadline', 'id'), '>', tuple(after!.at, after!.id))))
      .orderBy('action_deadline', 'asc').orderBy('id', 'asc').limit(batchSize).execute();
    let started = performance.now();
    for (const t of due) {
      const prepared = await prepareEppProfile(core, t.gaining_reseller_id);
      try {
        const remote = isRemoteRegistry(core, t.domain_name.slice(t.domain_name.indexOf('.') + 1));
        const done = await core.db.transaction().execute((trx) => completeTransfer(trx, t.id, 'serverApproved', new Date(t.action_deadline), prepared, { remote }));
        carryFollowUpSync(core, done.syncOrderId, 'the data sent with the transfer');
        approved++;
      } catch (err) {
        // Another pass or a client action got there first.
        if (!(err instanceof CoreError && err.kind === 'not_pending_transfer')) throw err;
      }
      if (performance.now() - started >= sliceMs) {
        await yieldToLoop();
        started = performance.now();
      }
    }
    if (due.length > 0) await yieldToLoop();
    if (due.length < batchSize) return approved;
    after = { at: due[due.length - 1].action_deadline, id: due[due.length - 1].id };
  }
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
