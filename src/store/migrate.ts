// Versioned migrations, applied at start. The list is static (not read from a folder) so it works the same under
// tsx, a bundler or compiled output.
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { isPostgres } from './dialectOf.ts';
import * as m001 from './migrations/001_initial.ts';
import * as m002 from './migrations/002_epp_objects.ts';
import * as m003 from './migrations/003_domain_epp.ts';
import * as m005 from './migrations/005_async_registrations.ts';
import * as m004 from './migrations/004_xcp_surface.ts';
import * as m006 from './migrations/006_order_pipeline.ts';
import * as m007 from './migrations/007_upstream_objects.ts';
import * as m008 from './migrations/008_lifecycle_indexes.ts';
import * as m010 from './migrations/010_idn_premium.ts';
import * as m009 from './migrations/009_contact_id_mode.ts';
import * as m011 from './migrations/011_login_throttle.ts';
import * as m012 from './migrations/012_api_tokens.ts';
import * as m013 from './migrations/013_idempotency_keys.ts';
import * as m014 from './migrations/014_web_sessions.ts';
import * as m015 from './migrations/015_audit_columns.ts';
import * as m016 from './migrations/016_hot_query_indexes.ts';

const migrations: Record<string, Migration> = {
  '001_initial': m001,
  '002_epp_objects': m002,
  '003_domain_epp': m003,
  '004_xcp_surface': m004,
  '005_async_registrations': m005,
  '006_order_pipeline': m006,
  '007_upstream_objects': m007,
  '008_lifecycle_indexes': m008,
  '010_idn_premium': m010,
  '009_contact_id_mode': m009,
  '011_login_throttle': m011,
  '012_api_tokens': m012,
  '013_idempotency_keys': m013,
  '014_web_sessions': m014,
  '015_audit_columns': m015,
  '016_hot_query_indexes': m016,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> { return migrations; }
}

// On PostgreSQL, Kysely's migrator decides whether its bookkeeping tables exist by looking for their names in *every*
// schema of the database unless it is told which schema to use; a store in one schema (search_path) would then find
// another schema's kysely_migration, skip creating its own and fail. Pin them to the connection's current schema.
async function migrationTableSchema(db: Kysely<any>): Promise<string | undefined> {
  if (!isPostgres(db)) return undefined;
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? undefined;
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider(), migrationTableSchema: await migrationTableSchema(db) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Names of the migrations this build knows that the store has not applied (empty: the schema is current). Read-only:
 * what `/readyz` asks, so a node on a store another node has not yet migrated says it is not ready.
 */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider(), migrationTableSchema: await migrationTableSchema(db) });
  const known = await migrator.getMigrations();
  return known.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
