// The second transaction of an order: the registry's answer becomes the order's outcome. `ok` completes it (the
// step writes the domain rows, history, a poll message when the reseller was told "pending"); `failed` fails it
// (the step releases the held funds and the held name); `pending` and `unknown` leave it in flight for the
// reconciler. The state change is claimed with a conditional update, so of a late reply and a reconcile pass
// racing for one order exactly one settles it.
import type { Core } from '../core.ts';
import type { RegistryOutcome } from '../../registry/registryPort.ts';
import type { OrderRow, OrderStep, RegistryFailure } from './orderStep.ts';

export type OrderOutcome<V = unknown> =
  | { state: 'completed'; value: V; /** what the step's complete() returned; undefined if another settle won */ result?: unknown }
  | { state: 'pending'; retryAt?: Date }
  | { state: 'failed'; failure: RegistryFailure };

/** How long an order whose answer is unknown (timeout, lost connection) waits before the reconciler asks. */
export const UNKNOWN_RECHECK_MS = 30_000;
/** How long an order the registry answered "pending" waits before the reconciler asks (a poll message may come first). */
export const PENDING_RECHECK_MS = 60_000;

export async function settleOrder<V>(core: Core, step: OrderStep<V>, order: OrderRow, outcome: RegistryOutcome<V>, notify: boolean): Promise<OrderOutcome<V>> {
  const now = await core.clock.now();
  const nowIso = now.toISOString();
  switch (outcome.status) {
    case 'pending':
    case 'unknown': {
      const retryAt = outcome.status === 'pending' && outcome.retryAt ? outcome.retryAt
        : new Date(now.getTime() + (outcome.status === 'pending' ? PENDING_RECHECK_MS : UNKNOWN_RECHECK_MS));
      await core.db.updateTable('orders').set({
        registry_state: outcome.status === 'pending' ? 'pending' : 'inflight', next_check_at: retryAt.toISOString(),
        registry_code: outcome.status === 'pending' ? outcome.code ?? 1001 : null, registry_message: outcome.message ?? null,
      }).where('id', '=', order.id).where('registry_state', 'in', ['inflight', 'pending']).execute();
      return { state: 'pending', retryAt };
    }
    case 'ok': {
      const value = step.enrich ? await step.enrich(core, order, outcome.value) : outcome.value;
      const completed = await core.db.transaction().execute(async (trx) => {
        const claimed = await trx.updateTable('orders').set({
          registry_state: 'done', status: 'completed', completed_at: nowIso, next_check_at: null,
          registry_code: outcome.code ?? 1000, registry_message: outcome.message ?? null,
        }).where('id', '=', order.id).where('registry_state', 'in', ['inflight', 'pending']).executeTakeFirst();
        const won = Number(claimed.numUpdatedRows) === 1;
        const result = won ? await step.complete(trx, core, order, value, { now, notify }) : undefined;
        return { state: 'completed' as const, value, result, won };
      });
      if (completed.won) step.afterComplete?.(core, order, completed.result);
      return { state: 'completed', value, result: completed.result };
    }
    case 'failed': {
      const failure: RegistryFailure = { code: outcome.code, message: outcome.message, reason: outcome.reason };
      return core.db.transaction().execute(async (trx) => {
        const claimed = await trx.updateTable('orders').set({
          registry_state: 'failed', status: 'failed', completed_at: nowIso, next_check_at: null,
          registry_code: outcome.code, registry_message: outcome.message,
        }).where('id', '=', order.id).where('registry_state', 'in', ['inflight', 'pending']).executeTakeFirst();
        if (Number(claimed.numUpdatedRows) === 1) await step.fail(trx, core, order, failure, { now, notify });
        return { state: 'failed' as const, failure };
      });
    }
  }
}
