// Indexes that make the life cycle (src/core/lifecycle.ts) and the domain lists independent of the store's size.
// Each life-cycle step reads its due rows in keyset batches ordered by (due time, id); each index below holds only
// the rows a step can ever act on, ordered that way, so a step is a range scan of the rows that are due and a pass
// with nothing due costs a few index probes whatever the number of domains (bench/lifecycleScale.ts, BENCHMARKS.md).
//   domains_autorenew_due   2. auto-renew candidates: live, not pending deletion, auto-renew on, not let-expire
//   domains_expiry_due      3. expiry into redemption: live, not pending deletion, by expiry
//   domains_rgp_redemption  4./5. restore reports and redemption periods that end: by RGP state and its end
//   domains_rgp_purge       6. purge: by RGP state and purge time
//   transfers_pending_due   1. transfers the losing side did not answer in time
// And for the lists, which page through them instead of sorting a whole profile or reseller per request:
//   domains_profile_names   `get domain list`: a profile's domains by name, with whether they are live and their
//                           expiry (for the window); replaces domains_profile
//   domains_reseller_expiry_live  GET_DOMAINS_BY_EXPIREDATE: a reseller's active domains by expiry then name,
//                           covering every column the reply needs
//   domains_reseller_gone   GET_DELETED_DOMAINS: a reseller's deleted domains and those pending deletion, newest first
// SQLite only uses a partial index when the query repeats its conditions: the queries in lifecycle.ts spell them
// out (IS NULL, and the auto-renew flags as literals), and test/lifecycleBatches.test.ts checks the plans.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const liveActive = sql<boolean>`deleted_at is null and rgp_status is null`;
  const livePendingDeletion = sql<boolean>`deleted_at is null and rgp_status is not null`;
  await db.schema.createIndex('domains_autorenew_due').on('domains').columns(['auto_renew', 'let_expire', 'expires_at', 'id'])
    .where(sql<boolean>`deleted_at is null and rgp_status is null and auto_renew = 1 and let_expire = 0`).execute();
  await db.schema.createIndex('domains_expiry_due').on('domains').columns(['expires_at', 'id']).where(liveActive).execute();
  await db.schema.createIndex('domains_rgp_redemption').on('domains').columns(['rgp_status', 'redemption_ends_at', 'id']).where(livePendingDeletion).execute();
  await db.schema.createIndex('domains_rgp_purge').on('domains').columns(['rgp_status', 'purge_at', 'id']).where(livePendingDeletion).execute();
  await db.schema.createIndex('transfers_pending_due').on('transfers').columns(['status', 'action_deadline', 'id']).execute();
  // Not partial, and deleted_at after the name: the index then serves every other lookup by profile too and replaces
  // domains_profile (001), which SQLite would otherwise pick for the count and read the table behind it; PostgreSQL
  // reads it in name order (it does not take `deleted_at IS NULL` on an earlier column as fixing that column), and
  // both check deleted_at and the expiry window in the index without reading rows.
  await db.schema.createIndex('domains_profile_names').on('domains').columns(['profile_id', 'name', 'deleted_at', 'expires_at', 'id']).execute();
  await db.schema.dropIndex('domains_profile').execute();
  await db.schema.createIndex('domains_reseller_gone').on('domains').columns(['reseller_id', 'id'])
    .where(sql<boolean>`deleted_at is not null or rgp_status is not null`).execute();
  // deleted_at and rgp_status (always null here) as columns too: SQLite then reads count and page from the index
  // alone instead of checking each entry's row against the conditions the index already guarantees.
  await db.schema.createIndex('domains_reseller_expiry_live').on('domains')
    .columns(['reseller_id', 'expires_at', 'name', 'auto_renew', 'let_expire', 'deleted_at', 'rgp_status']).where(liveActive).execute();
}

export async function down(): Promise<void> {
  throw new Error('regd migrations are forward-only');
}
