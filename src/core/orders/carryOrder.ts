// Carries a reserved order through its registry call: the call runs outside any store transaction, and its answer
// is settled (settleOrder.ts) in a transaction of its own. When the registry does not answer within the deadline
// the caller gets "pending" at once (XCP 250, EPP 1001); the call goes on, and its late answer, or the
// reconciler, settles the order and tells the reseller by poll message.
import type { Core } from '../core.ts';
import type { RegistryOutcome } from '../../registry/registryPort.ts';
import { callsInProgress } from './callsInProgress.ts';
import { orderStepOf } from './orderSteps.ts';
import { settleOrder, type OrderOutcome } from './settleOrder.ts';
import type { OrderRow } from './orderStep.ts';

/** Default time a command waits for the registry before answering "pending". */
export const DEFAULT_REGISTRY_DEADLINE_MS = 8_000;

export async function loadOrder(core: Core, orderId: number): Promise<OrderRow> {
  return core.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
}

export async function carryOrder<V = unknown>(core: Core, orderId: number): Promise<OrderOutcome<V>> {
  const order = await loadOrder(core, orderId);
  const step = orderStepOf<V>(order.kind);
  let answeredPending = false;
  callsInProgress.add(order.id);
  const settled = (async (): Promise<OrderOutcome<V>> => {
    try {
      let outcome: RegistryOutcome<V>;
      try {
        outcome = await step.call(core, order, { key: order.registry_key!, at: new Date(order.created_at) });
      } catch (err) {
        // A registry adapter reports trouble as an outcome; anything thrown is a bug there, and whether the call
        // reached the registry is not known: leave it to the reconciler.
        core.log?.(`order ${order.id}: registry call threw: ${(err as Error).message}`);
        outcome = { status: 'unknown', message: (err as Error).message };
      }
      return await settleOrder(core, step, order, outcome, answeredPending || outcome.status === 'pending');
    } finally {
      callsInProgress.delete(order.id);
    }
  })();
  const deadlineMs = core.registryDeadlineMs ?? DEFAULT_REGISTRY_DEADLINE_MS;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), deadlineMs); });
  try {
    const first = await Promise.race([settled, late]);
    if (first !== 'late') return first;
  } finally {
    clearTimeout(timer);
  }
  answeredPending = true;
  settled.catch((err) => core.log?.(`order ${order.id}: settling a late registry answer failed: ${(err as Error).message}`));
  return { state: 'pending' };
}
