// What one kind of order does around its registry call. The use case reserves (order row `inflight`, funds held,
// the object held) in its own transaction; carryOrder.ts then calls the registry outside any transaction and
// settleOrder.ts runs `complete` or `fail` in a second one. Everything a step needs is read back from the store
// (the order row and the rows it reserved), so the reconciler can finish an order after a restart.
import type { Selectable } from 'kysely';
import type { Core, Tx } from '../core.ts';
import type { OrdersTable } from '../../store/schema.ts';
import type { InFlightOperation, RegistryCall, RegistryOutcome } from '../../registry/registryPort.ts';

export type OrderRow = Selectable<OrdersTable>;

export interface RegistryFailure { code: number; message: string; reason: 'refused' | 'unavailable' }

export interface SettleContext {
  now: Date;
  /** The reseller was answered "pending" (or not at all): tell it the outcome with a poll/event message. */
  notify: boolean;
}

export interface OrderStep<V = unknown> {
  call(core: Core, order: OrderRow, call: RegistryCall): Promise<RegistryOutcome<V>>;
  /** What the reconciler asks the registry about when the outcome is not known. */
  inFlight(order: OrderRow): InFlightOperation | Promise<InFlightOperation>;
  /**
   * Reads what completing needs from the registry (outside any transaction), once it said ok: a transfer-in's
   * ROID and dates, say. Undefined: the registry's answer is enough.
   */
  enrich?(core: Core, order: OrderRow, value: V): Promise<V>;
  /**
   * Writes the outcome. What it returns reaches the command that carried the order (OrderOutcome.result), for
   * replies that need what completing decided (a delete's refund, say); a settle by the reconciler drops it.
   */
  complete(trx: Tx, core: Core, order: OrderRow, value: V, ctx: SettleContext): Promise<unknown>;
  /**
   * Runs after the completing transaction committed, outside any transaction, with what complete() returned: starts
   * the registry call of a follow-up order complete() reserved (a transfer-in's contacts, say). Must not throw.
   */
  afterComplete?(core: Core, order: OrderRow, result: unknown): void;
  /**
   * The call states a whole desired state (an update planned against what the registry holds), so sending it again
   * is harmless and is how the reconciler finds out and finishes what became of it, instead of judging by a read.
   */
  resendable?: boolean;
  fail(trx: Tx, core: Core, order: OrderRow, failure: RegistryFailure, ctx: SettleContext): Promise<void>;
}
