// Chooses the store: PostgreSQL when a connection URL is given, the embedded SQLite file otherwise.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { openSqliteStore } from './openSqlite.ts';
import { openPostgresStore } from './openPostgres.ts';

export interface StoreOptions { dataDir: string; databaseUrl?: string }

export async function openStore(opts: StoreOptions): Promise<Kysely<Database>> {
  if (opts.databaseUrl) return openPostgresStore(opts.databaseUrl);
  return openSqliteStore(opts.dataDir);
}
