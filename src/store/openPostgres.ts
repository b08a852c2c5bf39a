// The scale-out store: the same schema and migrations on PostgreSQL.
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';
import { migrateToLatest } from './migrate.ts';

// bigint (int8) columns hold money in minor units and ids; they fit a JS number comfortably (2^53).
pg.types.setTypeParser(20, (v: string) => Number(v));

export async function openPostgresStore(connectionString: string): Promise<Kysely<Database>> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle pooled connection that the server drops (restart, failover, pg_terminate_backend, idle timeouts) emits
  // 'error' on the pool; unhandled, that event kills the whole process. The pool discards the client and opens a
  // new one on the next query, so reporting it is enough.
  pool.on('error', (err) => console.error('regd: PostgreSQL connection lost (the pool reconnects):', err.message));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db);
  } catch (err) {
    // Do not leave the pool's connections open (and the process alive) behind a failed start.
    await db.destroy().catch(() => {});
    throw err;
  }
  return db;
}
