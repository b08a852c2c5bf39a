// The reseller's event queue read in batches (OpenSRS POLL EVENT): the same messages as EPP <poll> (pollQueue.ts),
// oldest first, so an event acknowledged through one door is gone from the other. Like an EPP poll request, a read
// first runs the life-cycle pass so that clock-driven events (auto-renewals, expiries, asynchronous completions)
// are queued before the caller looks. Each message comes with the caller's own domain of that name, when there is
// one, so a door can name the domain's id and expiry without another query per event.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { runLifecycle } from '../lifecycle.ts';
import { peekPollBatch, type PollMessage, type PollPayload } from './pollQueue.ts';

export const DEFAULT_EVENT_BATCH = 1;
export const MAX_EVENT_BATCH = 50;

export interface EventDomain { id: number; expiresAt: string; deleted: boolean }

export interface QueuedEvent extends PollMessage {
  /** The caller's domain the event is about (its live row, else its most recent deleted one); absent when it has none. */
  domain?: EventDomain;
}

/** The domain an event is about (a host or contact change is about that object, not a domain). */
export function eventDomainName(p: PollPayload): string | undefined {
  if (p.type === 'objectAction') return undefined;
  return p.type === 'transfer' ? p.transfer.name : p.name;
}

export async function pollEvents(core: Core, resellerId: number, limit = DEFAULT_EVENT_BATCH): Promise<{ total: number; events: QueuedEvent[] }> {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_EVENT_BATCH) {
    throw new CoreError('invalid_value', `Invalid data: limit must be a whole number from 1 to ${MAX_EVENT_BATCH}`, 'limit');
  }
  await runLifecycle(core);
  const { count, messages } = await peekPollBatch(core, resellerId, limit);
  const names = [...new Set(messages.map((m) => eventDomainName(m.payload)).filter((n): n is string => n !== undefined))];
  const domains = new Map<string, EventDomain>();
  if (names.length > 0) {
    // Live rows first, then the newest deleted one: the first row seen per name wins.
    const rows = await core.db.selectFrom('domains').select(['id', 'name', 'expires_at', 'deleted_at'])
      .where('reseller_id', '=', resellerId).where('name', 'in', names).orderBy('id', 'desc').execute();
    for (const r of [...rows.filter((x) => x.deleted_at === null), ...rows.filter((x) => x.deleted_at !== null)]) {
      if (!domains.has(r.name)) domains.set(r.name, { id: Number(r.id), expiresAt: r.expires_at, deleted: r.deleted_at !== null });
    }
  }
  return { total: count, events: messages.map((m) => ({ ...m, domain: domains.get(eventDomainName(m.payload) ?? '') })) };
}
