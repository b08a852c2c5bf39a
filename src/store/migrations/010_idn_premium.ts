// IDN language tags: domains.encoding_type keeps the language a reseller registered an IDN for (OpenSRS
// encoding_type on SW_REGISTER, returned by GET DOMAIN); '' when none was given. Premium prices need no column:
// the registry names them (RegistryPort.premiumPrice) and the order row keeps the amount charged.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('domains').addColumn('encoding_type', 'text', (c) => c.notNull().defaultTo('')).execute();
}

export async function down(): Promise<void> {
  throw new Error('regd migrations are forward-only');
}
