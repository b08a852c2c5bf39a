// The per-reseller message queue (EPP <poll>): every change a reseller must hear about that it did not ask for
// in the same command (an incoming transfer request, an auto-renewal, a purge) leaves a message here, written in
// the transaction that makes the change. Clients read the oldest unacknowledged message and acknowledge it by id.
// Payloads are protocol-neutral JSON; each front door renders them its own way.
import type { Core, Tx } from '../core.ts';
import { CoreError } from '../errors.ts';

export type TransferStatus = 'pending' | 'clientApproved' | 'clientRejected' | 'clientCancelled' | 'serverApproved' | 'serverCancelled';

/** A transfer's state as both parties see it (RFC 5731 trnData). Dates are ISO-8601 UTC. */
export interface TransferView {
  name: string;
  status: TransferStatus;
  gainingUsername: string;
  requestedAt: string;
  losingUsername: string;
  /** When the losing side must act by (pending), or when it was acted on. */
  actionAt: string;
  /** The expiry the transfer gives (projected while pending). */
  expiresAt?: string;
}

export type PollPayload =
  /** A transfer changed state. `side` says which party this message goes to. */
  | { type: 'transfer'; side: 'gaining' | 'losing'; transfer: TransferView; /** the domain's ROID (an outgoing transfer's message shows it) */ roid?: string }
  /** An action reported earlier as pending completed (ok) or failed: e.g. a delete that ended in the purge. */
  | { type: 'pendingAction'; action: 'delete' | 'create' | 'update' | 'restore'; name: string; ok: boolean; at: string; reference: string }
  /** The domain was renewed without a command (auto-renew at expiry). */
  | { type: 'renewal'; name: string; expiresAt: string }
  /** A life-cycle event with nothing more to carry (expired into redemption, redemption ended, auto-renew failed). */
  | { type: 'notice'; action: 'expire' | 'redemption' | 'pendingDelete' | 'autoRenewFailed' | 'restore'; name: string }
  /** A host or contact change reported earlier as pending completed at the registry (ok) or failed there and was undone. */
  | { type: 'objectAction'; object: 'host' | 'contact'; action: 'create' | 'update' | 'delete'; name: string; ok: boolean; reference: string }
  /** A change of registrant (TRADE_DOMAIN) moved on: a registrant answered, so it completed, was declined or waits on the next one. */
  | { type: 'trade'; name: string; tradeId: number; status: string; /** when the trade was requested (ISO) */ requestedAt?: string };

export type PollKind = 'transfer' | 'autoRenew' | 'delete' | 'registry' | 'lifecycle' | 'trade';

export interface PollMessage {
  id: number;
  createdAt: string;
  kind: PollKind;
  message: string;
  payload: PollPayload;
}

export interface EnqueueInput {
  resellerId: number;
  at: Date;
  kind: PollKind;
  message: string;
  payload: PollPayload;
}

/** Adds a message; call it inside the transaction that makes the change the message reports. */
export async function enqueuePoll(tx: Tx, m: EnqueueInput): Promise<number> {
  const row = await tx.insertInto('poll_messages').values({
    reseller_id: m.resellerId,
    created_at: m.at.toISOString(),
    kind: m.kind,
    message: m.message,
    payload: JSON.stringify(m.payload),
    acked_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

async function countUnacked(tx: Tx, resellerId: number): Promise<number> {
  const r = await tx.selectFrom('poll_messages').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('reseller_id', '=', resellerId).where('acked_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function oldestUnackedBatch(tx: Tx, resellerId: number, limit: number): Promise<PollMessage[]> {
  const rows = await tx.selectFrom('poll_messages').selectAll()
    .where('reseller_id', '=', resellerId).where('acked_at', 'is', null)
    .orderBy('id', 'asc').limit(limit).execute();
  return rows.map((row) => ({
    id: Number(row.id), createdAt: row.created_at, kind: row.kind as PollKind, message: row.message,
    payload: JSON.parse(row.payload) as PollPayload,
  }));
}

async function oldestUnacked(tx: Tx, resellerId: number): Promise<PollMessage | undefined> {
  return (await oldestUnackedBatch(tx, resellerId, 1))[0];
}

/** The oldest unacknowledged message and how many are queued (0 and undefined when empty). */
export async function peekPoll(core: Core, resellerId: number): Promise<{ count: number; message?: PollMessage }> {
  const message = await oldestUnacked(core.db, resellerId);
  if (!message) return { count: 0 };
  return { count: await countUnacked(core.db, resellerId), message };
}

/** Up to `limit` of the oldest unacknowledged messages (oldest first) and how many are queued in all. */
export async function peekPollBatch(core: Core, resellerId: number, limit: number): Promise<{ count: number; messages: PollMessage[] }> {
  const messages = await oldestUnackedBatch(core.db, resellerId, limit);
  if (messages.length === 0) return { count: 0, messages };
  return { count: await countUnacked(core.db, resellerId), messages };
}

/**
 * Acknowledges one message of this reseller. Unknown ids, ids already acknowledged and other resellers' messages
 * all read as not found. Returns what remains: the count and the next message's id.
 */
export async function ackPoll(core: Core, resellerId: number, id: number): Promise<{ count: number; nextId?: number }> {
  if (!Number.isSafeInteger(id) || id <= 0) throw new CoreError('not_found', `Message ${id} not found`, 'msgID');
  const now = await core.clock.now();
  const res = await core.db.updateTable('poll_messages').set({ acked_at: now.toISOString() })
    .where('id', '=', id).where('reseller_id', '=', resellerId).where('acked_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new CoreError('not_found', `Message ${id} not found`, 'msgID');
  const next = await oldestUnacked(core.db, resellerId);
  return { count: next ? await countUnacked(core.db, resellerId) : 0, nextId: next?.id };
}

/** What a poll message about a domain may show of it beyond the payload: its ROID and dates, while regd holds it. */
export async function polledDomainOf(core: Core, name: string): Promise<{ roid: string; createdAt: string; expiresAt: string } | undefined> {
  const d = await core.db.selectFrom('domains').select(['roid', 'created_at', 'expires_at']).where('name', '=', name).where('deleted_at', 'is', null).executeTakeFirst();
  return d ? { roid: d.roid, createdAt: d.created_at, expiresAt: d.expires_at } : undefined;
}
