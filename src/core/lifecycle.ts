// The registry life cycle on the clock: one pass does, at the clock's now, everything that has come due.
//
//   1. pending transfers past their action deadline are approved by the server (serverApproved);
//   2. expired domains with auto-renew on (and not set to expire) are renewed for a year, the sponsor is charged
//      and told; if its funds are short the domain is left to expire;
//   3. domains still expired AUTO_RENEW_GRACE_DAYS after their expiry enter redemption (restorable, 30 days);
//   4. restore requests without a report within RESTORE_REPORT_DAYS fall back to redemptionPeriod;
//   5. redemption that has ended becomes pendingDelete (5 days);
//   6. pendingDelete that has ended is purged: the name is free again.
//
// Each event acts at its nominal time (the deadline, the expiry plus grace, ...), not at the time the pass runs,
// so the outcome is the same whether the pass runs every minute or once after the clock jumped 60 days; and the
// steps run in this order so one pass carries a domain through every stage that has come due. Every change is
// claimed with a conditional update, so concurrent passes (a timer and a poll request) never apply one twice.
// Serve runs runLifecycle on a timer; EPP poll requests and transfer queries run it first.
//
// At scale (issue 11): each step reads only its due rows, through an index that holds them in (due time, id) order
// (migration 008), a batch at a time (keyset: the next batch starts after the last row of the previous one, so a
// step never scans what it has passed). On SQLite a batch's events are applied in one transaction (one commit;
// each renewal in its own savepoint, so a short balance undoes only that renewal), which ends once the batch is
// done or has run `sliceMs`; then the pass yields to the event loop (setImmediate) before the next batch, so
// requests keep being served however much has come due. A pass with nothing due is one index probe per step.
// Within a step, rows are taken in (due time, id) order; steps 4 and 5 took them by id before, which changes only
// the order in which their history rows and poll messages are written, never what is written.
import type { ControlledTransaction } from 'kysely';
import { sql } from 'kysely';
import { performance } from 'node:perf_hooks';
import type { Core } from './core.ts';
import type { Database } from '../store/schema.ts';
import { isPostgres } from '../store/dialectOf.ts';
import { CoreError } from './errors.ts';
import { DAY_MS, addYears } from './dates.ts';
import { debit } from './ledger.ts';
import { recordHistory } from './history.ts';
import { priceFor } from './commands/prices.ts';
import { autoApproveTransfers, serverCancelPendingTransfer } from './commands/transfers.ts';
import { purgeDomain } from './commands/deleteDomain.ts';
import { PENDING_DELETE_DAYS, REDEMPTION_DAYS } from './rgpPeriods.ts';
import { enqueuePoll } from './commands/pollQueue.ts';
import type { DomainRow } from './commands/findDomain.ts';
import { reconcileOrders } from './orders/reconcileOrders.ts';
import { isRemoteRegistry } from './orders/registryReach.ts';

/** Days after expiry before a domain that was not renewed enters redemption (the auto-renew grace period). */
export const AUTO_RENEW_GRACE_DAYS = 30;
/** At most this many yearly auto-renewals per domain in one pass (a clock moved years ahead). */
const MAX_RENEWALS_PER_PASS = 10;

/** How a pass divides its work; the defaults suit a server, tests make batches small. */
export interface LifecycleOptions {
  /** Due rows read per query, and at most this many domains per transaction. */
  batchSize?: number;
  /** A batch commits and the pass yields to the event loop once its transaction has run this long (ms). */
  sliceMs?: number;
  /** Stops the pass after the batch in hand (a server shutting down); the next pass carries on from there. */
  signal?: AbortSignal;
}
export const LIFECYCLE_BATCH_SIZE = 100;
export const LIFECYCLE_SLICE_MS = 8;

export interface LifecycleReport {
  asyncCompleted?: number;
  transfersApproved: number;
  autoRenewed: number;
  expired: number;
  restoresLapsed: number;
  pendingDelete: number;
  purged: number;
}

type Trx = ControlledTransaction<Database>;
type Options = Required<Omit<LifecycleOptions, 'signal'>> & Pick<LifecycleOptions, 'signal'>;
type Price = { amountMinor: number; currency: string };
/** Where a step's keyset scan stands: the due time and id of the last row it handled. */
interface Cursor { at: string; id: number }

const iso = (ms: number): string => new Date(ms).toISOString();
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function runLifecycle(core: Core, options: LifecycleOptions = {}): Promise<LifecycleReport> {
  const o: Options = { batchSize: options.batchSize ?? LIFECYCLE_BATCH_SIZE, sliceMs: options.sliceMs ?? LIFECYCLE_SLICE_MS, signal: options.signal };
  if (!(Number.isInteger(o.batchSize) && o.batchSize >= 1)) throw new Error('lifecycle batchSize must be a positive integer');
  const report: LifecycleReport = { transfersApproved: 0, autoRenewed: 0, expired: 0, restoresLapsed: 0, pendingDelete: 0, purged: 0 };
  // Orders left in flight (a crash, a late answer, an asynchronous registry): ask their registry and settle them.
  const reconciled = await reconcileOrders(core);
  report.asyncCompleted = reconciled.completed;
  report.transfersApproved = await autoApproveTransfers(core, o);
  const now = await core.clock.now();
  const q = dueQueries(core, now);

  // 2. auto-renew. A domain is offered to autoRenew once per pass, as when the pass read its candidates up front:
  // one still due after MAX_RENEWALS_PER_PASS renewals (or renewed meanwhile to a time the scan has yet to reach)
  // waits for the next pass.
  const offered = new Set<number>();
  const prices = new Map<string, Price | undefined>();
  // Premium names renew at their registry's premium renewal price (RegistryPort.premiumPrice), by name.
  const premiumRenewals = new Map<string, Price>();
  // Sponsors' balances as read inside a transaction (and as its debits left them): on SQLite a batch shares one
  // transaction and nothing else writes meanwhile, so one read per sponsor and batch tells a short balance.
  const balances = new WeakMap<Trx, Map<number, number>>();
  report.autoRenewed = await eachDue(core, o, {
    next: (after, limit) => q.autoRenew(after, limit).execute(),
    cursor: (d) => ({ at: d.expires_at, id: d.id }),
    async prepare(rows) {
      for (const d of rows) {
        if (!prices.has(d.tld)) prices.set(d.tld, await priceFor(core, d.tld, 'renew', 1).catch(() => undefined));
        const premium = isRemoteRegistry(core, d.tld) ? undefined : await core.registry.premiumPrice?.(d.name);
        if (premium) premiumRenewals.set(d.name, { amountMinor: premium.renew, currency: premium.currency });
      }
    },
    async act(trx, d) {
      if (offered.has(d.id)) return 0;
      offered.add(d.id);
      const price = prices.get(d.tld) && (premiumRenewals.get(d.name) ?? prices.get(d.tld));
      if (!price || isRemoteRegistry(core, d.tld)) return 0;
      let known = balances.get(trx);
      if (!known) balances.set(trx, known = new Map());
      return autoRenew(trx, d, now, price, known);
    },
  });

  // 3. expired past the grace: into redemption
  report.expired = await eachDue(core, o, {
    next: (after, limit) => q.expire(after, limit).execute(), cursor: (d) => ({ at: d.expires_at, id: d.id }),
    act: async (trx, d) => (await expireIntoRedemption(trx, d, now) ? 1 : 0),
  });

  // 4. restore requests without a report
  report.restoresLapsed = await eachDue(core, o, {
    next: (after, limit) => q.redemptionEnds('pendingRestore', after, limit).execute(), cursor: (d) => ({ at: d.redemption_ends_at!, id: d.id }),
    act: async (trx, d) => (await lapseRestore(trx, d, now) ? 1 : 0),
  });

  // 5. redemption over
  report.pendingDelete = await eachDue(core, o, {
    next: (after, limit) => q.redemptionEnds('redemptionPeriod', after, limit).execute(), cursor: (d) => ({ at: d.redemption_ends_at!, id: d.id }),
    act: async (trx, d) => (await endRedemption(trx, d, now) ? 1 : 0),
  });

  // 6. purge
  report.purged = await eachDue(core, o, {
    next: (after, limit) => q.purge(after, limit).execute(), cursor: (d) => ({ at: d.purge_at!, id: d.id }),
    act: async (trx, d) => (await purgeDomain(trx, d, new Date(d.purge_at!)) ? 1 : 0),
  });
  return report;
}

/**
 * The due-row queries of steps 2-6 (not yet run), each a range scan of one index of migration 008 in (due time, id)
 * order, starting after `after`. Exported for the query-plan test.
 */
export function dueQueries(core: Core, now: Date) {
  const nowIso = now.toISOString();
  const graceCutoff = iso(now.getTime() - AUTO_RENEW_GRACE_DAYS * DAY_MS);
  // The conditions of each partial index, repeated so SQLite sees that the index applies.
  const liveActive = () => core.db.selectFrom('domains').selectAll().where('deleted_at', 'is', null).where('rgp_status', 'is', null);
  const liveInRgp = (state: string) => core.db.selectFrom('domains').selectAll().where('deleted_at', 'is', null).where('rgp_status', '=', state);
  return {
    autoRenew: (after: Cursor | undefined, limit: number) => liveActive()
      .where('auto_renew', '=', sql.lit(1)).where('let_expire', '=', sql.lit(0)).where('expires_at', '<=', nowIso)
      .$if(after !== undefined, (qb) => qb.where(({ eb, refTuple, tuple }) => eb(refTuple('expires_at', 'id'), '>', tuple(after!.at, after!.id))))
      .orderBy('expires_at').orderBy('id').limit(limit),
    expire: (after: Cursor | undefined, limit: number) => liveActive()
      .where('expires_at', '<=', graceCutoff)
      .$if(after !== undefined, (qb) => qb.where(({ eb, refTuple, tuple }) => eb(refTuple('expires_at', 'id'), '>', tuple(after!.at, after!.id))))
      .orderBy('expires_at').orderBy('id').limit(limit),
    redemptionEnds: (state: 'pendingRestore' | 'redemptionPeriod', after: Cursor | undefined, limit: number) => liveInRgp(state)
      .where('redemption_ends_at', '<=', nowIso)
      .$if(after !== undefined, (qb) => qb.where(({ eb, refTuple, tuple }) => eb(refTuple('redemption_ends_at', 'id'), '>', tuple(after!.at, after!.id))))
      .orderBy('redemption_ends_at').orderBy('id').limit(limit),
    purge: (after: Cursor | undefined, limit: number) => liveInRgp('pendingDelete')
      .where('purge_at', '<=', nowIso)
      .$if(after !== undefined, (qb) => qb.where(({ eb, refTuple, tuple }) => eb(refTuple('purge_at', 'id'), '>', tuple(after!.at, after!.id))))
      .orderBy('purge_at').orderBy('id').limit(limit),
  };
}

interface DueStep {
  next(after: Cursor | undefined, limit: number): Promise<DomainRow[]>;
  cursor(d: DomainRow): Cursor;
  /** Reads a batch needs before its transaction opens (SQLite has one connection, which the transaction holds). */
  prepare?(rows: DomainRow[]): Promise<void>;
  /** Applies a domain's event inside the batch's transaction; returns how many it applied. */
  act(trx: Trx, d: DomainRow): Promise<number>;
}

/**
 * Runs one step over every due row, a batch at a time, yielding to the event loop between batches.
 *
 * On SQLite a batch's events share one transaction: better-sqlite3 commits synchronously, so every commit (an fsync)
 * holds the event loop, and one per batch instead of one per event keeps both the pass and the holds short; SQLite
 * has one writer, so the batch's locks cannot deadlock with anyone. On PostgreSQL commits do not hold the loop, and
 * a batch holding many domains' row locks (and its sponsors' balance rows) across events could deadlock with a
 * concurrent pass or command; there each event keeps its own transaction, as before batching.
 */
async function eachDue(core: Core, o: Options, step: DueStep): Promise<number> {
  const shared = !isPostgres(core.db);
  let after: Cursor | undefined;
  let applied = 0;
  for (;;) {
    if (o.signal?.aborted) return applied;
    const rows = await step.next(after, o.batchSize);
    if (rows.length === 0) return applied;
    await step.prepare?.(rows);
    let done = 0;
    let trx: Trx | undefined;
    try {
      const started = performance.now();
      while (done < rows.length) {
        trx ??= await core.db.startTransaction().execute();
        applied += await step.act(trx, rows[done++]);
        if (!shared) { await trx.commit().execute(); trx = undefined; }
        if (performance.now() - started >= o.sliceMs) break;
      }
      await trx?.commit().execute();
    } catch (err) {
      await trx?.rollback().execute().catch(() => {});
      throw err;
    }
    after = step.cursor(rows[done - 1]);
    // Yield after every batch, the last of a step too: the next step's first batch must not follow it unbroken.
    await yieldToLoop();
    if (done === rows.length && rows.length < o.batchSize) return applied;
  }
}

/** Renews a year at a time at each passed expiry until the domain runs past now. Returns the renewals made. */
async function autoRenew(trx: Trx, d0: DomainRow, now: Date, price: Price, balances: Map<number, number>): Promise<number> {
  let d = d0;
  let count = 0;
  while (new Date(d.expires_at) <= now && count < MAX_RENEWALS_PER_PASS) {
    const at = new Date(d.expires_at);
    // A sponsor short of funds is retried on every pass until the grace ends: tell that from its balance (read once
    // per transaction) rather than by a renewal written and undone. The debit below stays the authority.
    let balance = balances.get(d.reseller_id);
    if (balance === undefined) {
      balance = (await trx.selectFrom('resellers').select('balance_minor').where('id', '=', d.reseller_id).executeTakeFirst())?.balance_minor ?? 0;
      balances.set(d.reseller_id, balance);
    }
    if (balance < price.amountMinor) break;
    // Each renewal in its own savepoint: a short balance (or a renewal made meanwhile) undoes only this one.
    const sp = await trx.savepoint('renewal').execute();
    try {
      // The registry renews at expiry on its own (its poll message tells remote registries' renewals); regd
      // charges the sponsor and moves its record. TLDs served remotely are skipped by the caller.
      const next = addYears(at, 1).toISOString();
      const claimed = await sp.updateTable('domains').set({ expires_at: next, updated_at: now.toISOString() })
        .where('id', '=', d.id).where('deleted_at', 'is', null).where('rgp_status', 'is', null).where('expires_at', '=', d.expires_at)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw new CoreError('already_renewed', 'renewed meanwhile');
      const order = await sp.insertInto('orders').values({
        reseller_id: d.reseller_id, profile_id: d.profile_id, domain_id: d.id, domain_name: d.name, kind: 'renew', status: 'completed',
        period: 1, amount_minor: price.amountMinor, currency: price.currency, request_json: JSON.stringify({ autoRenew: true }),
        created_at: at.toISOString(), completed_at: at.toISOString(),
      }).returning('id').executeTakeFirstOrThrow();
      const left = await debit(sp, { resellerId: d.reseller_id, amountMinor: price.amountMinor, orderId: order.id, description: `auto-renew ${d.name} 1y`, at });
      await recordHistory(sp, {
        at, resellerId: null, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'auto_renew',
        detail: { period: 1, fromYear: at.getUTCFullYear(), to: next, orderId: order.id, amountMinor: price.amountMinor },
      });
      await enqueuePoll(sp, {
        resellerId: d.reseller_id, at, kind: 'autoRenew', message: `Domain ${d.name} was auto-renewed until ${next.slice(0, 10)}`,
        payload: { type: 'renewal', name: d.name, expiresAt: next },
      });
      await sp.releaseSavepoint('renewal').execute();
      balances.set(d.reseller_id, left);
      d = { ...d, expires_at: next };
      count++;
    } catch (err) {
      await sp.rollbackToSavepoint('renewal').execute();
      await sp.releaseSavepoint('renewal').execute();
      balances.delete(d.reseller_id); // read again next time
      // Short of funds: the domain is left to expire (step 3 takes it once the grace has passed).
      // Renewed by someone else meanwhile: nothing to do.
      if (err instanceof CoreError && (err.kind === 'insufficient_funds' || err.kind === 'already_renewed')) break;
      throw err;
    }
  }
  return count;
}

// The three claims below skip a domain carrying an order still at its registry (a renewal, a delete, a restore):
// the order decides first, and the next pass looks again.
async function expireIntoRedemption(trx: Trx, d: DomainRow, now: Date): Promise<boolean> {
  const atMs = new Date(d.expires_at).getTime() + AUTO_RENEW_GRACE_DAYS * DAY_MS;
  const at = new Date(atMs);
  const redemptionEndsAt = iso(atMs + REDEMPTION_DAYS * DAY_MS);
  const purgeAt = iso(atMs + (REDEMPTION_DAYS + PENDING_DELETE_DAYS) * DAY_MS);
  const claimed = await trx.updateTable('domains').set({ rgp_status: 'redemptionPeriod', redemption_ends_at: redemptionEndsAt, purge_at: purgeAt, updated_at: now.toISOString() })
    .where('id', '=', d.id).where('deleted_at', 'is', null).where('rgp_status', 'is', null).where('expires_at', '=', d.expires_at).where('pending_order_id', 'is', null).executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return false;
  await serverCancelPendingTransfer(trx, d.id, at);
  await recordHistory(trx, { at, resellerId: null, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'expire', detail: { expiredAt: d.expires_at, redemptionEndsAt, purgeAt } });
  await enqueuePoll(trx, {
    resellerId: d.reseller_id, at, kind: 'lifecycle', message: `Domain ${d.name} expired on ${d.expires_at.slice(0, 10)} and is in its redemption period until ${redemptionEndsAt.slice(0, 10)}`,
    payload: { type: 'notice', action: 'expire', name: d.name },
  });
  return true;
}

async function lapseRestore(trx: Trx, d: DomainRow, now: Date): Promise<boolean> {
  const at = new Date(d.redemption_ends_at!);
  const purgeMs = Math.max(new Date(d.purge_at ?? at.toISOString()).getTime(), at.getTime() + PENDING_DELETE_DAYS * DAY_MS);
  const redemptionEndsAt = iso(Math.max(purgeMs - PENDING_DELETE_DAYS * DAY_MS, at.getTime()));
  const claimed = await trx.updateTable('domains').set({ rgp_status: 'redemptionPeriod', redemption_ends_at: redemptionEndsAt, purge_at: iso(purgeMs), updated_at: now.toISOString() })
    .where('id', '=', d.id).where('deleted_at', 'is', null).where('rgp_status', '=', 'pendingRestore').where('redemption_ends_at', '=', d.redemption_ends_at).where('pending_order_id', 'is', null).executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return false;
  await recordHistory(trx, { at, resellerId: null, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'restore_lapsed', detail: { redemptionEndsAt, purgeAt: iso(purgeMs) } });
  await enqueuePoll(trx, {
    resellerId: d.reseller_id, at, kind: 'lifecycle', message: `No restore report for ${d.name} arrived in time; it is back in its redemption period`,
    payload: { type: 'notice', action: 'redemption', name: d.name },
  });
  return true;
}

async function endRedemption(trx: Trx, d: DomainRow, now: Date): Promise<boolean> {
  const at = new Date(d.redemption_ends_at!);
  const claimed = await trx.updateTable('domains').set({ rgp_status: 'pendingDelete', updated_at: now.toISOString() })
    .where('id', '=', d.id).where('deleted_at', 'is', null).where('rgp_status', '=', 'redemptionPeriod').where('redemption_ends_at', '=', d.redemption_ends_at).where('pending_order_id', 'is', null).executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return false;
  await recordHistory(trx, { at, resellerId: null, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'pending_delete', detail: { purgeAt: d.purge_at } });
  await enqueuePoll(trx, {
    resellerId: d.reseller_id, at, kind: 'lifecycle', message: `The redemption period of ${d.name} has ended; it will be purged on ${(d.purge_at ?? '').slice(0, 10)}`,
    payload: { type: 'notice', action: 'pendingDelete', name: d.name },
  });
  return true;
}
