// The embedded store: one SQLite file under the data folder, WAL journal and synchronous=FULL so that a commit
// that was acknowledged survives a crash. better-sqlite3 is synchronous; Kysely serialises access to its single
// connection, so transactions never interleave.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely } from 'kysely';
import { ImmediateSqliteDialect } from './immediateSqliteDialect.ts';
import { CachedStatements } from './statementCache.ts';
import type { Database } from './schema.ts';
import { migrateToLatest } from './migrate.ts';

export async function openSqliteStore(dataDir: string): Promise<Kysely<Database>> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'regd.sqlite');
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Another process (the CLI) may write while the server runs: wait for its lock instead of failing.
  sqlite.pragma('busy_timeout = 15000');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: new CachedStatements(sqlite) }) });
  await migrateToLatest(db);
  return db;
}
