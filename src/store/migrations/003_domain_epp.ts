// What the EPP domain mapping needs beyond migration 002: whether a delegation entry was given as a host
// attribute (RFC 5731 hostAttr: name plus optional addresses) or as a host object reference (hostObj, and every
// nameserver set over XCP), so <domain:info> answers in the form the client used; and the launch application
// identifier (RFC 8334) of a domain created in a launch phase.
import { type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('domain_nameservers').addColumn('host_attr', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('domains').addColumn('launch_application_id', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('regd migrations are forward-only');
}
