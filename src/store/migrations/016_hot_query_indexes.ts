// Indexes for hot queries that still read a whole table or sorted a whole reseller (test/hotQueryPlans.test.ts runs
// every statement of the hot paths on a seeded store and plans each):
//   domains_reseller_live_names  a reseller's live domains by name: the keyset listing of the JSON API and the web
//                           interface (core listResellerDomains) was `SEARCH domains USING INDEX domains_reseller_expiry
//                           (reseller_id=?)` and a temp B-tree: every page read and sorted all of the reseller's
//                           domains. Now a page is one range of this index after the last name shown.
//   cookies_domain          registrant cookies of a domain, dropped when it is purged, deleted or transferred
//                           (`SCAN cookies` inside the life-cycle pass's transactions before);
//   cookies_profile         ... of a profile: the foreign key from cookies to profiles is checked through it;
//   hosts_domain            the glue hosts of a domain, which move with it on a transfer (`SCAN hosts` before).
// Partial on `deleted_at is null` as the listing's own condition, so SQLite sees that it applies.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('domains_reseller_live_names').on('domains').columns(['reseller_id', 'name'])
    .where(sql<boolean>`deleted_at is null`).execute();
  await db.schema.createIndex('cookies_domain').on('cookies').column('domain_id').execute();
  await db.schema.createIndex('cookies_profile').on('cookies').column('profile_id').execute();
  await db.schema.createIndex('hosts_domain').on('hosts').column('domain_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('regd migrations are forward-only');
}
