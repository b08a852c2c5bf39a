// Orders as a state machine around the registry call (src/core/orders/): the registry step of an order is tracked
// apart from its customer-facing status, so an order left in flight by a crash, a timeout or a registry's "pending"
// answer can be found and reconciled.
//   registry_state  NULL (no registry step: a saved order, a row from before this migration), 'inflight' (reserved,
//                   the call may have reached the registry), 'pending' (the registry answered 1001 and decides
//                   later), 'done', 'failed'
//   registry_key    the idempotency key sent with the call (the EPP clTRID), derived from the order id
//   next_check_at   when the reconciler next asks the registry about an in-flight or pending order
// domains.pending_order_id names the one order whose registry call is changing the domain now: a second change
// (a concurrent renewal, say) is refused instead of racing it at the registry.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('orders').addColumn('registry_state', 'text').execute();
  await db.schema.alterTable('orders').addColumn('registry_key', 'text').execute();
  await db.schema.alterTable('orders').addColumn('registry_code', 'integer').execute();
  await db.schema.alterTable('orders').addColumn('registry_message', 'text').execute();
  await db.schema.alterTable('orders').addColumn('next_check_at', 'text').execute();
  await db.schema.alterTable('orders').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('domains').addColumn('pending_order_id', 'integer').execute();
  // Registry poll messages already turned into events (registryMessages.ts): stored in the transaction that applies
  // the event, so a message seen again after a crash before its ack is acknowledged without acting twice.
  await db.schema.createTable('registry_messages')
    .addColumn('registry', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('registry_messages_pk', ['registry', 'message_id'])
    .execute();
  await db.schema.createIndex('orders_registry_due').on('orders').columns(['registry_state', 'next_check_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('regd migrations are forward-only');
}
