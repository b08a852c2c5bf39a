// The first schema. Written once with Kysely's schema builder so the same migration runs on SQLite and PostgreSQL;
// the only dialect difference is how an auto-increment key is spelled.
import { sql, type Kysely, type CreateTableBuilder } from 'kysely';
import { isPostgres } from '../dialectOf.ts';

function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return isPostgres(db)
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<any>): Promise<void> {
  const ref = isPostgres(db) ? 'bigint' : 'integer';
  await db.schema.createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('resellers'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('balance_minor', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`balance_minor >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('allowed_ips', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('profiles'))
    .addColumn('reseller_id', ref, (c) => c.notNull().references('resellers.id'))
    .addColumn('reg_username', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('profiles_reseller_username', ['reseller_id', 'reg_username'])
    .execute();

  let contacts = withId(db, db.schema.createTable('contacts'))
    .addColumn('handle', 'text', (c) => c.notNull().unique())
    .addColumn('reseller_id', ref, (c) => c.notNull().references('resellers.id'));
  for (const f of ['first_name', 'last_name', 'org_name', 'address1', 'address2', 'address3', 'city', 'state',
    'country', 'postal_code', 'phone', 'fax', 'email', 'lang', 'created_at', 'updated_at']) {
    contacts = contacts.addColumn(f, 'text', (c) => c.notNull());
  }
  await contacts.execute();

  await withId(db, db.schema.createTable('domains'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tld', 'text', (c) => c.notNull())
    .addColumn('roid', 'text', (c) => c.notNull())
    .addColumn('profile_id', ref, (c) => c.notNull().references('profiles.id'))
    .addColumn('reseller_id', ref, (c) => c.notNull().references('resellers.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('transferred_at', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('auth_code', 'text', (c) => c.notNull())
    .addColumn('locked', 'integer', (c) => c.notNull())
    .addColumn('auto_renew', 'integer', (c) => c.notNull())
    .addColumn('let_expire', 'integer', (c) => c.notNull())
    .addColumn('whois_privacy', 'text', (c) => c.notNull())
    .addColumn('descr', 'text', (c) => c.notNull())
    .addColumn('affiliate_id', 'text', (c) => c.notNull())
    .execute();
  // One live registration per name: the last line of defence against concurrent registrations of one name.
  await db.schema.createIndex('domains_live_name').on('domains').column('name').unique()
    .where(sql.ref('deleted_at'), 'is', null).execute();
  await db.schema.createIndex('domains_profile').on('domains').column('profile_id').execute();
  await db.schema.createIndex('domains_reseller_expiry').on('domains').columns(['reseller_id', 'expires_at']).execute();

  await db.schema.createTable('domain_contacts')
    .addColumn('domain_id', ref, (c) => c.notNull().references('domains.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('contact_id', ref, (c) => c.notNull().references('contacts.id'))
    .addPrimaryKeyConstraint('domain_contacts_pk', ['domain_id', 'role'])
    .execute();

  await db.schema.createTable('domain_nameservers')
    .addColumn('domain_id', ref, (c) => c.notNull().references('domains.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('domain_nameservers_pk', ['domain_id', 'name'])
    .execute();

  await withId(db, db.schema.createTable('orders'))
    .addColumn('reseller_id', ref, (c) => c.notNull().references('resellers.id'))
    .addColumn('profile_id', ref)
    .addColumn('domain_id', ref)
    .addColumn('domain_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('period', 'integer', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('request_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();

  await withId(db, db.schema.createTable('ledger_entries'))
    .addColumn('reseller_id', ref, (c) => c.notNull().references('resellers.id'))
    .addColumn('order_id', ref)
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('balance_after', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_reseller').on('ledger_entries').column('reseller_id').execute();

  await db.schema.createTable('prices')
    .addColumn('tld', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('period', 'integer', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('prices_pk', ['tld', 'action', 'period'])
    .execute();

  await withId(db, db.schema.createTable('history'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reseller_id', ref)
    .addColumn('domain_id', ref)
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('history_domain').on('history').column('domain_id').execute();

  await db.schema.createTable('cookies')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', ref, (c) => c.notNull().references('resellers.id'))
    .addColumn('profile_id', ref, (c) => c.notNull().references('profiles.id'))
    .addColumn('domain_id', ref, (c) => c.notNull().references('domains.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_access_at', 'text', (c) => c.notNull())
    .addColumn('last_ip', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('regd migrations are forward-only');
}
