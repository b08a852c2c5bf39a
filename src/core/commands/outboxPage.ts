// A reseller's outbox (the mails regd records instead of sending: auth codes, password reminders, trade approvals,
// contact update reports), newest first, a page at a time with a keyset ("before this message id"), optionally for
// one domain. readOutbox.ts reads the same table for tests and tools; this is the paged view for a person.
import type { Core } from '../core.ts';
import type { OutboxMessage } from './readOutbox.ts';

export async function listOutboxPage(core: Core, q: { resellerId: number; domain?: string; before?: number; limit: number }): Promise<{ items: OutboxMessage[]; more: boolean }> {
  let query = core.db.selectFrom('outbox').selectAll().where('reseller_id', '=', q.resellerId);
  if (q.domain !== undefined) query = query.where('domain_name', '=', q.domain.trim().toLowerCase());
  if (q.before !== undefined) query = query.where('id', '<', q.before);
  const rows = await query.orderBy('id', 'desc').limit(q.limit + 1).execute();
  return {
    items: rows.slice(0, q.limit).map((r) => ({
      id: Number(r.id), resellerId: Number(r.reseller_id), domain: r.domain_name, kind: r.kind, to: r.to_address,
      subject: r.subject, body: r.body, createdAt: r.created_at,
    })),
    more: rows.length > q.limit,
  };
}
