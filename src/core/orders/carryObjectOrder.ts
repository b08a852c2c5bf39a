// Carries the order of a host or contact change (reserved in the change's own transaction) and answers what the
// command answers: completed, submitted (the registry has not confirmed within the deadline; a poll message
// follows), or the registry's error once the change was undone. No order (nothing for a registry): completed.
import type { Core } from '../core.ts';
import { carryOrder } from './carryOrder.ts';
import { registryFailureError } from './registryFailureError.ts';

export async function carryObjectOrder(core: Core, orderId: number | undefined, what: string): Promise<'completed' | 'submitted'> {
  if (orderId === undefined) return 'completed';
  const outcome = await carryOrder(core, orderId);
  if (outcome.state === 'failed') throw registryFailureError(outcome.failure, what);
  return outcome.state === 'pending' ? 'submitted' : 'completed';
}
