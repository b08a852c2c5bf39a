// The order row every registry-touching command reserves: `inflight` from the start, its idempotency key derived
// from its id (the clTRID the registry sees), first asked about by the reconciler a minute on. One place, so every
// kind of order enters the state machine the same way.
import type { Tx } from '../core.ts';
import { orderKey } from './orderKey.ts';

/** How long after reserving the reconciler first looks at an order that is still in flight. */
const FIRST_CHECK_MS = 60_000;

export interface InflightOrder {
  resellerId: number;
  profileId: number | null;
  domainId: number | null;
  /** The object the order acts on: a domain, or a host's or contact's name. */
  name: string;
  kind: string;
  period?: number;
  amountMinor?: number;
  currency?: string;
  request: unknown;
  now: Date;
}

export async function insertInflightOrder(tx: Tx, o: InflightOrder): Promise<number> {
  const row = await tx.insertInto('orders').values({
    reseller_id: o.resellerId, profile_id: o.profileId, domain_id: o.domainId, domain_name: o.name, kind: o.kind, status: 'pending',
    period: o.period ?? 0, amount_minor: o.amountMinor ?? 0, currency: o.currency ?? 'USD', request_json: JSON.stringify(o.request),
    created_at: o.now.toISOString(), completed_at: null, registry_state: 'inflight', next_check_at: new Date(o.now.getTime() + FIRST_CHECK_MS).toISOString(),
  }).returning('id').executeTakeFirstOrThrow();
  await tx.updateTable('orders').set({ registry_key: orderKey(row.id) }).where('id', '=', row.id).execute();
  return row.id;
}
