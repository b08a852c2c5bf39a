// Password-guessing throttle (core/access/loginThrottle.ts): one row per source address or account with failed
// logins. Kept in the store so a lock survives a restart and holds for every server process on the store.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('login_throttle')
    .addColumn('kind', 'text', (c) => c.notNull())          // 'address' | 'account'
    .addColumn('key', 'text', (c) => c.notNull())           // a canonical address, or e.g. "reseller:clid"
    .addColumn('window_start', 'text', (c) => c.notNull())  // ISO time of the first failure of the series
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')                      // ISO time, or NULL when never locked in this series
    .addPrimaryKeyConstraint('login_throttle_pk', ['kind', 'key'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('regd migrations are forward-only');
}
