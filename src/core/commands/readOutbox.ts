// Reading the outbox (newest first), for the web UI and the tests.
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';

export interface OutboxMessage {
  id: number;
  resellerId: number;
  domain: string;
  kind: string;
  to: string;
  subject: string;
  body: string;
  createdAt: string;
}

export async function readOutbox(db: Kysely<Database>, filter: { resellerId?: number; domain?: string; to?: string; kind?: string; limit?: number } = {}): Promise<OutboxMessage[]> {
  let q = db.selectFrom('outbox').selectAll();
  if (filter.resellerId !== undefined) q = q.where('reseller_id', '=', filter.resellerId);
  if (filter.domain !== undefined) q = q.where('domain_name', '=', filter.domain.toLowerCase());
  if (filter.to !== undefined) q = q.where('to_address', '=', filter.to);
  if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
  const rows = await q.orderBy('id', 'desc').limit(Math.min(Math.max(filter.limit ?? 100, 1), 1000)).execute();
  return rows.map((r) => ({
    id: Number(r.id), resellerId: Number(r.reseller_id), domain: r.domain_name, kind: r.kind, to: r.to_address,
    subject: r.subject, body: r.body, createdAt: r.created_at,
  }));
}
