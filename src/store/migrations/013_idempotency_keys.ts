// Idempotency keys for the JSON API's writes (src/protocols/api/idempotency.ts): a retried POST with the same
// `Idempotency-Key` gets the first answer again instead of registering or charging twice. A key belongs to one
// caller (reseller, or registrant profile); the request's digest is kept so the same key with another body is refused.
import type { Kysely } from 'kysely';
import { isPostgres } from '../dialectOf.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema.createTable('idempotency_keys')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('owner', 'text', (c) => c.notNull())            // 'reseller:<id>' or 'profile:<id>'
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_sha256', 'text', (c) => c.notNull())   // method, path and body of the first request
    .addColumn('state', 'text', (c) => c.notNull())            // 'running' | 'done'
    .addColumn('status', 'integer')                            // HTTP status of the stored answer
    .addColumn('content_type', 'text')
    .addColumn('body', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('idempotency_keys_owner_key', ['owner', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();
}

export async function down(): Promise<void> {
  throw new Error('regd migrations are forward-only');
}
