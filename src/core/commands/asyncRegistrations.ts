// Registrations at asynchronous registries (the sandbox's de and eu): the registry confirms them some time after
// submission. Until then the name is held (LOOKUP 221, a second request 437) and, in the last stretch before the
// answer, "processing" (486). The reconciler (orders/reconcileOrders.ts) completes them when the registry says so:
// the order completes, history and a poll message record it.
import type { Core } from '../core.ts';

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

/** The asynchronous requests of a domain, for XCP GET type=waiting_history. */
export async function waitingHistory(core: Core, domainId: number): Promise<Array<{ orderId: number; action: string; status: string; requestedAt: string; completedAt: string | null }>> {
  const rows = await core.db.selectFrom('orders').select(['id', 'kind', 'status', 'created_at', 'completed_at'])
    .where('domain_id', '=', domainId).orderBy('id').execute();
  return rows.filter((r) => r.kind === 'register').map((r) => ({ orderId: r.id, action: r.kind, status: r.status, requestedAt: r.created_at, completedAt: r.completed_at }));
}
