// Objects and state the EPP door and the registry life cycle need: client status values, the RGP (redemption)
// state, host objects with addresses, DNSSEC DS records, contact auth codes and extension data, transfers and
// the poll queue. Columns added to existing tables carry defaults so rows written before stay valid.
import { type Kysely } from 'kysely';
import { isPostgres } from '../dialectOf.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const ref = pg ? 'bigint' : 'integer';
  const idCol = (t: any) => (pg ? t.addColumn('id', 'bigserial', (c: any) => c.primaryKey()) : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement()));

  const addText = async (table: string, column: string, dflt: string | null) => {
    await db.schema.alterTable(table).addColumn(column, 'text', (c) => (dflt === null ? c : c.notNull().defaultTo(dflt))).execute();
  };
  // domains
  await addText('domains', 'client_statuses', '[]');   // JSON array of client* status values (besides clientTransferProhibited = locked)
  await addText('domains', 'rgp_status', null);        // null | redemptionPeriod | pendingRestore | pendingDelete
  await addText('domains', 'redemption_ends_at', null);
  await addText('domains', 'purge_at', null);
  await addText('domains', 'launch_phase', null);
  await addText('domains', 'op_ext', '{}');            // Openprovider extension data (JSON)
  await db.schema.alterTable('domains').addColumn('cr_reseller_id', ref).execute();
  await db.schema.alterTable('domains').addColumn('up_reseller_id', ref).execute();
  // hostAttr addresses on a domain's delegation
  await addText('domain_nameservers', 'addresses', '[]');
  // contacts as EPP objects
  await addText('contacts', 'auth_code', '');
  await addText('contacts', 'client_statuses', '[]');
  await addText('contacts', 'op_ext', '{}');
  await addText('contacts', 'disclose', '{}');
  // resellers: optional TLS client-certificate pin for EPP (SHA-256 fingerprint, hex)
  await addText('resellers', 'epp_cert_sha256', null);

  await idCol(db.schema.createTable('hosts'))
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('reseller_id', ref, (c: any) => c.notNull().references('resellers.id'))
    .addColumn('cr_reseller_id', ref, (c: any) => c.notNull())
    .addColumn('up_reseller_id', ref)
    .addColumn('domain_id', ref)                       // the superordinate domain of an internal host
    .addColumn('client_statuses', 'text', (c: any) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('transferred_at', 'text')
    .execute();
  await db.schema.createIndex('hosts_name').on('hosts').column('name').unique().execute();

  await db.schema.createTable('host_addresses')
    .addColumn('host_id', ref, (c) => c.notNull().references('hosts.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('ip_version', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('host_addresses_pk', ['host_id', 'address'])
    .execute();

  await db.schema.createTable('domain_ds')
    .addColumn('domain_id', ref, (c) => c.notNull().references('domains.id'))
    .addColumn('key_tag', 'integer', (c) => c.notNull())
    .addColumn('alg', 'integer', (c) => c.notNull())
    .addColumn('digest_type', 'integer', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('domain_ds_pk', ['domain_id', 'key_tag', 'alg', 'digest_type', 'digest'])
    .execute();

  await idCol(db.schema.createTable('transfers'))
    .addColumn('domain_id', ref, (c: any) => c.notNull().references('domains.id'))
    .addColumn('domain_name', 'text', (c: any) => c.notNull())
    .addColumn('gaining_reseller_id', ref, (c: any) => c.notNull().references('resellers.id'))
    .addColumn('losing_reseller_id', ref, (c: any) => c.notNull().references('resellers.id'))
    .addColumn('status', 'text', (c: any) => c.notNull())     // pending | clientApproved | clientRejected | clientCancelled | serverApproved | serverCancelled
    .addColumn('requested_at', 'text', (c: any) => c.notNull())
    .addColumn('action_deadline', 'text', (c: any) => c.notNull())
    .addColumn('acted_at', 'text')
    .addColumn('period', 'integer', (c: any) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c: any) => c.notNull())
    .addColumn('currency', 'text', (c: any) => c.notNull())
    .addColumn('order_id', ref)
    .addColumn('expires_at_after', 'text')
    .execute();
  await db.schema.createIndex('transfers_domain_status').on('transfers').columns(['domain_id', 'status']).execute();

  await idCol(db.schema.createTable('poll_messages'))
    .addColumn('reseller_id', ref, (c: any) => c.notNull().references('resellers.id'))
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('kind', 'text', (c: any) => c.notNull())       // transfer | autoRenew | delete | registry
    .addColumn('message', 'text', (c: any) => c.notNull())
    .addColumn('payload', 'text', (c: any) => c.notNull())    // JSON the doors render (e.g. trnData fields)
    .addColumn('acked_at', 'text')
    .execute();
  await db.schema.createIndex('poll_messages_queue').on('poll_messages').columns(['reseller_id', 'acked_at', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('regd migrations are forward-only');
}
