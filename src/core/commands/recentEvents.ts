// The newest messages of a reseller's event queue (the one EPP <poll> and XCP POLL EVENT read), for a person to look
// at: newest first, acknowledged ones included and marked, with how many still wait to be acknowledged. Reading
// them acknowledges nothing, so a client polling the queue still gets every message.
import type { Core } from '../core.ts';
import type { PollKind, PollPayload } from './pollQueue.ts';

export interface RecentEvent {
  id: number;
  createdAt: string;
  kind: PollKind;
  message: string;
  payload: PollPayload;
  acknowledged: boolean;
}

export async function recentEvents(core: Core, resellerId: number, limit: number): Promise<{ unacknowledged: number; events: RecentEvent[] }> {
  const rows = await core.db.selectFrom('poll_messages').selectAll().where('reseller_id', '=', resellerId)
    .orderBy('id', 'desc').limit(Math.min(Math.max(limit, 1), 100)).execute();
  const waiting = await core.db.selectFrom('poll_messages').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('reseller_id', '=', resellerId).where('acked_at', 'is', null).executeTakeFirstOrThrow();
  return {
    unacknowledged: Number(waiting.n),
    events: rows.map((r) => ({
      id: Number(r.id), createdAt: r.created_at, kind: r.kind as PollKind, message: r.message,
      payload: JSON.parse(r.payload) as PollPayload, acknowledged: r.acked_at !== null,
    })),
  };
}
