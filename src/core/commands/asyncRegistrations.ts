// Registrations at asynchronous registries (the sandbox's de and eu): the registry confirms them some time after
// submission. Until then the name is held (LOOKUP 221, a second request 437) and, in the last stretch before the
// answer, "processing" (486). The life cycle completes them on the clock: the order completes, history and a poll
// message record it.
import type { Core, Tx } from '../core.ts';
import { recordHistory } from '../history.ts';
import { enqueuePoll } from './pollQueue.ts';

/** Sandbox time from submission to the registry's answer. */
export const ASYNC_COMPLETION_MS = 2 * 60_000;
/** The final part of that time, during which the request counts as processing. */
export const ASYNC_PROCESSING_MS = 30_000;

export type AsyncState = 'waiting' | 'processing';

export async function asyncStateOf(core: Core, name: string): Promise<AsyncState | undefined> {
  const d = await core.db.selectFrom('domains').select('registry_pending_until').where('name', '=', name)
    .where('deleted_at', 'is', null).executeTakeFirst();
  if (!d?.registry_pending_until) return undefined;
  const left = new Date(d.registry_pending_until).getTime() - (await core.clock.now()).getTime();
  return left <= ASYNC_PROCESSING_MS ? 'processing' : 'waiting';
}

export async function completeAsyncRegistrations(core: Core): Promise<number> {
  const now = await core.clock.now();
  const due = await core.db.selectFrom('domains').select(['id', 'name', 'reseller_id'])
    .where('registry_pending_until', 'is not', null).where('registry_pending_until', '<=', now.toISOString())
    .where('deleted_at', 'is', null).execute();
  let done = 0;
  for (const d of due) {
    const completed = await core.db.transaction().execute(async (trx: Tx) => {
      const res = await trx.updateTable('domains').set({ registry_pending_until: null, updated_at: now.toISOString() })
        .where('id', '=', d.id).where('registry_pending_until', 'is not', null).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return false; // another pass got there first
      const order = await trx.selectFrom('orders').select('id').where('domain_id', '=', d.id).where('kind', '=', 'register')
        .where('status', '=', 'pending').executeTakeFirst();
      await trx.updateTable('orders').set({ status: 'completed', completed_at: now.toISOString() })
        .where('domain_id', '=', d.id).where('kind', '=', 'register').where('status', '=', 'pending').execute();
      await recordHistory(trx, { at: now, resellerId: d.reseller_id, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'registry_confirmed', detail: { name: d.name } });
      await enqueuePoll(trx, {
        resellerId: d.reseller_id, at: now, kind: 'registry', message: `Registration of ${d.name} completed at the registry`,
        payload: { type: 'pendingAction', action: 'create', name: d.name, ok: true, at: now.toISOString(), reference: `ORDER-${order?.id ?? d.id}` },
      });
      return true;
    });
    if (completed) done += 1;
  }
  return done;
}

/** The asynchronous requests of a domain, for XCP GET type=waiting_history. */
export async function waitingHistory(core: Core, domainId: number): Promise<Array<{ orderId: number; action: string; status: string; requestedAt: string; completedAt: string | null }>> {
  const rows = await core.db.selectFrom('orders').select(['id', 'kind', 'status', 'created_at', 'completed_at'])
    .where('domain_id', '=', domainId).orderBy('id').execute();
  return rows.filter((r) => r.kind === 'register').map((r) => ({ orderId: r.id, action: r.kind, status: r.status, requestedAt: r.created_at, completedAt: r.completed_at }));
}
