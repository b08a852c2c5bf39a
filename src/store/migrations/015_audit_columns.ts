// The audit log is the history table with who did it (issue 14 finding 10): the actor, the door, the source address
// and the node, filled from the request's audit context (core/audit/auditContext.ts). Older rows keep NULLs. The
// per-reseller index serves `regd audit --reseller`; the per-domain one exists since 001.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['actor', 'door', 'source_ip', 'node_id']) {
    await db.schema.alterTable('history').addColumn(column, 'text').execute();
  }
  await db.schema.createIndex('history_reseller').on('history').columns(['reseller_id', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('regd migrations are forward-only');
}
