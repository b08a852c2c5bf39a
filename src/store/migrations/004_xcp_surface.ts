// What the rest of the OpenSRS XCP surface needs: per-domain TLD data (JSON), the .NAME-style forwarding e-mail,
// registry-side settings (CIRA/.UK WHOIS display, a released .UK IPS tag) as JSON, per-reseller quotas (NULL =
// unlimited), an outbox of the mails regd would send (SEND_PASSWORD, SEND_AUTHCODE, trades), ownership trades
// with their pending states, and free-text notes on domains and orders.
import { type Kysely } from 'kysely';
import { isPostgres } from '../dialectOf.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const ref = pg ? 'bigint' : 'integer';
  const idCol = (t: any) => (pg ? t.addColumn('id', 'bigserial', (c: any) => c.primaryKey()) : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement()));

  await db.schema.alterTable('domains').addColumn('tld_data', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  await db.schema.alterTable('domains').addColumn('forwarding_email', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('domains').addColumn('registry_settings', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  await db.schema.alterTable('resellers').addColumn('max_domains', 'integer').execute();
  await db.schema.alterTable('resellers').addColumn('max_nameservers', 'integer').execute();

  await idCol(db.schema.createTable('outbox'))
    .addColumn('reseller_id', ref, (c: any) => c.notNull().references('resellers.id'))
    .addColumn('domain_id', ref)
    .addColumn('domain_name', 'text', (c: any) => c.notNull())
    .addColumn('kind', 'text', (c: any) => c.notNull())          // send_password | send_authcode | trade_* | update_contacts_report
    .addColumn('to_address', 'text', (c: any) => c.notNull())
    .addColumn('subject', 'text', (c: any) => c.notNull())
    .addColumn('body', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_reseller').on('outbox').columns(['reseller_id', 'id']).execute();

  await idCol(db.schema.createTable('trades'))
    .addColumn('domain_id', ref, (c: any) => c.notNull().references('domains.id'))
    .addColumn('reseller_id', ref, (c: any) => c.notNull().references('resellers.id'))
    .addColumn('status', 'text', (c: any) => c.notNull())        // pending_current_registrant | pending_new_registrant | completed | cancelled_by_*
    .addColumn('new_owner', 'text', (c: any) => c.notNull())     // JSON contact in the OpenSRS field names
    .addColumn('requested_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema.createIndex('trades_domain_status').on('trades').columns(['domain_id', 'status']).execute();

  await idCol(db.schema.createTable('notes'))
    .addColumn('reseller_id', ref, (c: any) => c.notNull().references('resellers.id'))
    .addColumn('domain_id', ref)
    .addColumn('order_id', ref)
    .addColumn('domain_name', 'text', (c: any) => c.notNull())
    .addColumn('note', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('notes_domain').on('notes').column('domain_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('regd migrations are forward-only');
}
