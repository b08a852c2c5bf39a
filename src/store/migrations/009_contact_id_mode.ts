// Per-reseller choice of who names EPP contacts (issue 9, item 9):
//   'assigned'  the server assigns every handle and ignores the client's <contact:id> (Openprovider; the default,
//               and what every reseller created before this migration keeps)
//   'client'    the client's <contact:id> is the handle (RFC 5733): 2302 when it exists
// Set with `regd reseller contact-ids NAME assigned|client`; read by createContact (src/core/commands/contacts.ts).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('resellers').addColumn('contact_id_mode', 'text', (c) => c.notNull().defaultTo('assigned')).execute();
}

export async function down(): Promise<void> {
  throw new Error('regd migrations are forward-only');
}
