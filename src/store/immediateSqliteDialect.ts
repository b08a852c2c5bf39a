// SQLite's default "BEGIN" (deferred) takes the write lock only at a transaction's first write. When another
// process (the CLI beside a running server) wrote in between the transaction's first read and that write, SQLite
// answers SQLITE_BUSY at once, without waiting out busy_timeout, because the transaction's snapshot is stale.
// BEGIN IMMEDIATE takes the write lock up front, so a second process simply waits its turn. Inside one process it
// costs nothing: Kysely already runs one transaction at a time on the single connection.
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) { super(settings); }
  override createDriver(): Driver { return new ImmediateSqliteDriver(this.settings); }
}
