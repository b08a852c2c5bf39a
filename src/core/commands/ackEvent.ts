// Acknowledging one event of the reseller's queue (OpenSRS ACK EVENT): the very message EPP <poll op="ack"> would
// acknowledge, since both doors read one queue (pollQueue.ts). Ids are the queue's message ids; anything that is not
// one of this reseller's unacknowledged messages (malformed, unknown, already acknowledged, another reseller's)
// reads as not found.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { ackPoll } from './pollQueue.ts';

export async function ackEvent(core: Core, resellerId: number, eventId: string): Promise<{ total: number; nextId?: number }> {
  const id = /^[0-9]{1,15}$/.test(eventId) ? Number(eventId) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw new CoreError('not_found', `Event ${eventId} not found`, 'event_id');
  try {
    const { count, nextId } = await ackPoll(core, resellerId, id);
    return { total: count, nextId };
  } catch (err) {
    if (err instanceof CoreError && err.kind === 'not_found') throw new CoreError('not_found', `Event ${eventId} not found (unknown or already acknowledged)`, 'event_id');
    throw err;
  }
}
