// The scale-out store: the same schema and migrations on PostgreSQL.
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';
import { migrateToLatest } from './migrate.ts';

// bigint (int8) columns hold money in minor units and ids; they fit a JS number comfortably (2^53).
pg.types.setTypeParser(20, (v: string) => Number(v));

export async function openPostgresStore(connectionString: string): Promise<Kysely<Database>> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(db);
  return db;
}
