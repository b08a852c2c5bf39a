// Sessions of the web interface (src/protocols/web/webSession.ts) and of registrant sign-in on the JSON API: stored,
// not in process memory, so any node serves any request and a restart signs nobody out. Only the SHA-256 of the
// session secret is kept; the CSRF token is per session.
import type { Kysely } from 'kysely';
import { isPostgres } from '../dialectOf.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const id = pg ? 'bigint' : 'integer';
  await db.schema.createTable('web_sessions')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('secret_sha256', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())              // 'reseller' | 'registrant' | 'registrant_api'
    .addColumn('reseller_id', id, (c) => c.notNull().references('resellers.id').onDelete('cascade'))
    .addColumn('profile_id', id)                                 // set for registrant sessions
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('remote_address', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('web_sessions_expires').on('web_sessions').column('expires_at').execute();
}

export async function down(): Promise<void> {
  throw new Error('regd migrations are forward-only');
}
