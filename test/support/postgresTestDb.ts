// A throwaway PostgreSQL schema per test file run: created with a plain pg client on REGD_TEST_DATABASE_URL and
// reached through a connection string whose search_path names it, so every table (and Kysely's migration tables)
// lands there. An unreachable server is a test failure with a clear message, never a skip: CI (.ci/run) installs
// and starts PostgreSQL.
import crypto from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.REGD_TEST_DATABASE_URL || 'postgres://postgres:postgres@127.0.0.1:5432/test';

export interface TestSchema {
  schema: string;
  /** Connection string for the store: TEST_DATABASE_URL with search_path set to the schema. */
  url: string;
  /** A plain client on the same database (not bound to the schema) for inspection and administration. */
  admin: pg.Client;
  drop(): Promise<void>;
}

/** Redacts the password before a URL goes into an error message. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable REGD_TEST_DATABASE_URL>';
  }
}

/** TEST_DATABASE_URL (or `base`) with `-c search_path=<schema>` added to any libpq options it already carries. */
export function urlWithSearchPath(schema: string, base = TEST_DATABASE_URL): string {
  const u = new URL(base);
  const existing = u.searchParams.get('options');
  u.searchParams.set('options', `${existing ? `${existing} ` : ''}-c search_path=${schema}`);
  return u.toString();
}

/** Connects an admin client, failing with a message that says what to do. */
export async function connectAdmin(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw new Error(
      `PostgreSQL is not reachable at ${redact(TEST_DATABASE_URL)}: ${(err as Error).message}. ` +
      'The PostgreSQL store tests need a real server: start one (`.ci/run` installs and starts it on a fresh Debian ' +
      'machine) or point REGD_TEST_DATABASE_URL at one.', { cause: err });
  }
  // An idle admin connection dropped by the server must not crash the test process.
  client.on('error', () => {});
  return client;
}

/** Creates a fresh, empty schema `regd_test_<random>` and returns how to reach and drop it. */
export async function createTestSchema(prefix = 'regd_test'): Promise<TestSchema> {
  const admin = await connectAdmin();
  const schema = `${prefix}_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad schema name ${schema}`);
  await admin.query(`CREATE SCHEMA "${schema}"`);
  let dropped = false;
  return {
    schema,
    url: urlWithSearchPath(schema),
    admin,
    async drop() {
      if (dropped) return;
      dropped = true;
      try {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}
