// Where seeded rows go, fast: the store's own query layer would cost a transaction and a round of Kysely per row.
//
// - SQLite: one connection of its own with prepared INSERTs, committed every `flush` (tens of thousands of rows per
//   transaction), no journal and no fsync while it runs (a seed either completes or the store is thrown away), and
//   the secondary indexes of the tables it writes dropped first and built again at the end: building an index sorts
//   its keys once, where inserting a million random names into it would touch a random page per row.
// - PostgreSQL: multi-row INSERTs of up to ~30,000 parameters, every table's buffer written parents first so no row
//   arrives before the rows it refers to; the id sequences are moved past the seeded ids and ANALYZE runs at the end.
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { COLUMNS, ID_TABLES, TABLE_ORDER, type SeedTable, type Value } from './seedStoreRows.ts';

export interface Sink {
  /** Adds a row (values in COLUMNS[table] order). Synchronous: SQLite writes it at once, PostgreSQL buffers it. */
  insert(table: SeedTable, row: Value[]): void;
  /** True when buffered rows should be written (flush) before more are added. */
  readonly full: boolean;
  /** Writes what is buffered (SQLite: commits the open transaction). */
  flush(): Promise<void>;
  /** Writes the rest, rebuilds what was set aside (indexes) and closes the connection. */
  finish(onStage?: (stage: string) => void): Promise<void>;
  /** Closes the connection after a failure, leaving the store as it is. */
  abort(): Promise<void>;
}

const insertSql = (table: SeedTable, tuples: string[]) =>
  `INSERT INTO ${table} (${COLUMNS[table].join(', ')}) VALUES ${tuples.join(', ')}`;

export function sqliteSink(file: string): Sink {
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144'); // 256 MiB
  db.pragma('temp_store = MEMORY');
  // Every secondary index of the written tables, as the migrations created it (constraint indexes have no SQL and
  // stay: primary keys and UNIQUE columns keep guarding the rows while they are written).
  const tables = TABLE_ORDER.filter((t) => t !== 'settings');
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')}) ORDER BY rowid`)
    .all(...tables) as Array<{ name: string; sql: string }>;
  for (const i of indexes) db.exec(`DROP INDEX "${i.name}"`);
  const statements = new Map<SeedTable, SqliteDatabase.Statement>();
  let inTx = false;
  const commit = () => { if (inTx) { db.exec('COMMIT'); inTx = false; } };
  return {
    insert(table, row) {
      let st = statements.get(table);
      if (!st) {
        st = db.prepare(insertSql(table, [`(${COLUMNS[table].map(() => '?').join(', ')})`]));
        statements.set(table, st);
      }
      if (!inTx) { db.exec('BEGIN'); inTx = true; }
      st.run(row);
    },
    get full() { return false; },
    async flush() { commit(); },
    async finish(onStage) {
      commit();
      for (const [n, i] of indexes.entries()) {
        onStage?.(`index ${n + 1}/${indexes.length}: ${i.name}`);
        db.exec(i.sql);
      }
      db.pragma('journal_mode = WAL');
      db.close();
    },
    async abort() {
      try { commit(); } finally { db.close(); }
    },
  };
}

const MAX_PARAMETERS = 30_000;

export function postgresSink(url: string): Sink {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  connected.catch(() => {}); // reported by the first flush
  const buffers = new Map<SeedTable, Value[][]>();
  let parameters = 0;
  const writeOut = async (table: SeedTable) => {
    const rows = buffers.get(table);
    if (!rows || rows.length === 0) return;
    const params: Value[] = [];
    const tuples = rows.map((r) => `(${r.map((v) => { params.push(v); return `$${params.length}`; }).join(', ')})`);
    await client.query(insertSql(table, tuples), params);
    buffers.set(table, []);
  };
  const flush = async () => {
    await connected;
    for (const t of TABLE_ORDER) await writeOut(t);
    parameters = 0;
  };
  return {
    insert(table, row) {
      let rows = buffers.get(table);
      if (!rows) buffers.set(table, rows = []);
      rows.push(row);
      parameters += row.length;
    },
    // Checked after each domain (a few rows): a buffer never grows far past the limit, well under PostgreSQL's 65,535.
    get full() { return parameters >= MAX_PARAMETERS; },
    flush,
    async finish(onStage) {
      await flush();
      for (const t of ID_TABLES) {
        await client.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), GREATEST((SELECT max(id) FROM ${t}), 1))`);
      }
      onStage?.('ANALYZE');
      await client.query('ANALYZE');
      await client.end();
    },
    async abort() { await client.end().catch(() => {}); },
  };
}
