// Contacts and hosts regd created at an upstream registry, mapped to regd's own: a registry assigns or constrains
// its object ids (3-16 characters for contacts), and each object must be created there once, on first use.
//   registry   the upstream's object scope (its login at its host: objects belong to a login, not to a name
//              an operator may rename in regd.toml)
//   kind       'contact' | 'host'
//   local_id   regd's id: contacts.id for a contact, the host name for a host
//   remote_id  the registry's id (contact:id as the registry answered it; the host name)
import type { Kysely } from 'kysely';
import { isPostgres } from '../dialectOf.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const table = db.schema.createTable('upstream_objects');
  await (pg ? table.addColumn('id', 'bigserial', (c) => c.primaryKey()) : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('registry', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('local_id', 'text', (c) => c.notNull())
    .addColumn('remote_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('upstream_objects_local').on('upstream_objects').columns(['registry', 'kind', 'local_id']).unique().execute();
}

export async function down(): Promise<void> {
  throw new Error('regd migrations are forward-only');
}
