// Reseller API tokens for the JSON API (src/protocols/api/apiTokens.ts): only the SHA-256 of each token is kept, so
// a copy of the store does not hand out working credentials. A token is named per reseller (the name is how it is
// listed and revoked); revoking deletes the row, so the name may be reused.
import type { Kysely } from 'kysely';
import { isPostgres } from '../dialectOf.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema.createTable('api_tokens')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('reseller_id', pg ? 'bigint' : 'integer', (c) => c.notNull().references('resellers.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_sha256', 'text', (c) => c.notNull().unique()) // hex; looked up on every API request
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')                              // ISO time, NULL until first use
    .addUniqueConstraint('api_tokens_reseller_name', ['reseller_id', 'name'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('regd migrations are forward-only');
}
