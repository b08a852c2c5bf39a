// Finishes orders left in flight: after a crash between the two transactions, after a registry answered "pending"
// (1001) or did not answer in time. Runs at start and on the life cycle's timer. For each order that is due it asks
// the registry what became of the call it sent (RegistryPort.reconcile, by the order's idempotency key; a step whose
// call is a whole desired state sends it again instead, OrderStep.resendable) and settles
// the order with that answer; an order the registry still works on, or that could not be asked about, is asked
// again later with a growing interval. Each ask is claimed first (next_check_at moves forward with a conditional
// update), so two passes never ask about one order at once.
import type { Core } from '../core.ts';
import type { RegistryOutcome } from '../../registry/registryPort.ts';
import { callsInProgress } from './callsInProgress.ts';
import { orderStepOf } from './orderSteps.ts';
import { settleOrder, UNKNOWN_RECHECK_MS } from './settleOrder.ts';

const BATCH = 200;
const MAX_BACKOFF_MS = 60 * 60_000;

export interface ReconcileReport { asked: number; completed: number; failed: number; stillPending: number }

export async function reconcileOrders(core: Core): Promise<ReconcileReport> {
  const report: ReconcileReport = { asked: 0, completed: 0, failed: 0, stillPending: 0 };
  const now = await core.clock.now();
  const nowIso = now.toISOString();
  const due = await core.db.selectFrom('orders').selectAll()
    .where('registry_state', 'in', ['inflight', 'pending'])
    .where((eb) => eb.or([eb('next_check_at', 'is', null), eb('next_check_at', '<=', nowIso)]))
    .orderBy('next_check_at').orderBy('id').limit(BATCH).execute();
  for (const order of due) {
    if (callsInProgress.has(order.id)) continue;
    const backoff = Math.min(UNKNOWN_RECHECK_MS * 2 ** Math.min(order.attempts, 10), MAX_BACKOFF_MS);
    const lease = await core.db.updateTable('orders')
      .set({ next_check_at: new Date(now.getTime() + backoff).toISOString(), attempts: order.attempts + 1 })
      .where('id', '=', order.id).where('registry_state', '=', order.registry_state)
      .where('attempts', '=', order.attempts).executeTakeFirst();
    if (Number(lease.numUpdatedRows) !== 1) continue; // another pass has it
    const step = orderStepOf(order.kind);
    report.asked++;
    let outcome: RegistryOutcome<unknown>;
    try {
      outcome = step.resendable
        ? await step.call(core, order, { key: order.registry_key!, at: new Date(order.created_at) })
        : await core.registry.reconcile(await step.inFlight(order));
    } catch (err) {
      core.log?.(`order ${order.id}: reconcile threw: ${(err as Error).message}`);
      continue;
    }
    if (outcome.status === 'unknown') {
      core.log?.(`order ${order.id}: registry could not say what became of ${order.registry_key}: ${outcome.message}`);
      report.stillPending++;
      continue;
    }
    if (outcome.status === 'failed' && outcome.reason === 'unavailable') {
      // Not reachable now says nothing about the call sent earlier: ask again later.
      report.stillPending++;
      continue;
    }
    const settled = await settleOrder(core, step, { ...order, attempts: order.attempts + 1 }, outcome, true);
    if (settled.state === 'completed') report.completed++;
    else if (settled.state === 'failed') report.failed++;
    else report.stillPending++;
  }
  return report;
}
