// Kysely's SQLite driver prepares every statement anew (better-sqlite3's prepare: about an eighth of a busy
// server's time in a CPU profile of creates). Kysely compiles the same query shapes to the same SQL text, so the
// prepared statements can be kept and reused, keyed by that text. better-sqlite3 statements are reusable once a
// call returns; Kysely runs one statement at a time on its single connection, so a cached statement is never in
// use twice. (A streamed query keeps its statement busy while it iterates: those are prepared fresh.)
// The cache is bounded: queries with a variable number of parameters (IN lists) make many shapes.
import type { Database as BetterSqlite } from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export class CachedStatements implements SqliteDatabase {
  private readonly statements = new Map<string, SqliteStatement>();

  constructor(private readonly db: BetterSqlite, private readonly max = 1000) {}

  prepare(sql: string): SqliteStatement {
    const hit = this.statements.get(sql);
    if (hit) {
      // Most recently used last, so the first entry is the one to drop when full.
      this.statements.delete(sql);
      this.statements.set(sql, hit);
      return hit;
    }
    const stmt = this.db.prepare(sql);
    const cached: SqliteStatement = {
      reader: stmt.reader,
      all: (params) => stmt.all(...params),
      run: (params) => stmt.run(...params),
      // A streaming read holds its statement until the iterator ends: give it its own.
      iterate: (params) => this.db.prepare(sql).iterate(...params),
    };
    this.statements.set(sql, cached);
    if (this.statements.size > this.max) this.statements.delete(this.statements.keys().next().value!);
    return cached;
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }
}
