// Asynchronous registries: a registration submitted to one stays pending at the registry until this time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('domains').addColumn('registry_pending_until', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('regd migrations are forward-only');
}
