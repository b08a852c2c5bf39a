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
import type { Core } from './core.ts';
import { CoreError } from './errors.ts';
import { DAY_MS, addYears } from './dates.ts';
import { debit } from './ledger.ts';
import { recordHistory } from './history.ts';
import { priceFor } from './commands/prices.ts';
import { autoApproveTransfers, serverCancelPendingTransfer } from './commands/transfers.ts';
import { PENDING_DELETE_DAYS, REDEMPTION_DAYS, purgeDomain } from './commands/deleteDomain.ts';
import { enqueuePoll } from './commands/pollQueue.ts';
import type { DomainRow } from './commands/findDomain.ts';
import { reconcileOrders } from './orders/reconcileOrders.ts';
import { isRemoteRegistry } from './orders/registryReach.ts';

/** Days after expiry before a domain that was not renewed enters redemption (the auto-renew grace period). */
export const AUTO_RENEW_GRACE_DAYS = 30;
/** At most this many yearly auto-renewals per domain in one pass (a clock moved years ahead). */
const MAX_RENEWALS_PER_PASS = 10;

export interface LifecycleReport {
  asyncCompleted?: number;
  transfersApproved: number;
  autoRenewed: number;
  expired: number;
  restoresLapsed: number;
  pendingDelete: number;
  purged: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export async function runLifecycle(core: Core): Promise<LifecycleReport> {
  const report: LifecycleReport = { transfersApproved: 0, autoRenewed: 0, expired: 0, restoresLapsed: 0, pendingDelete: 0, purged: 0 };
  // Orders left in flight (a crash, a late answer, an asynchronous registry): ask their registry and settle them.
  const reconciled = await reconcileOrders(core);
  report.asyncCompleted = reconciled.completed;
  report.transfersApproved = await autoApproveTransfers(core);
  const now = await core.clock.now();
  const nowIso = now.toISOString();
  const live = () => core.db.selectFrom('domains').selectAll().where('deleted_at', 'is', null);

  // 2. auto-renew
  const toRenew = await live().where('rgp_status', 'is', null).where('expires_at', '<=', nowIso)
    .where('auto_renew', '=', 1).where('let_expire', '=', 0).orderBy('expires_at', 'asc').orderBy('id', 'asc').execute();
  for (const d of toRenew) if (!isRemoteRegistry(core, d.tld)) report.autoRenewed += await autoRenew(core, d, now);

  // 3. expired past the grace: into redemption
  const graceCutoff = iso(now.getTime() - AUTO_RENEW_GRACE_DAYS * DAY_MS);
  const toExpire = await live().where('rgp_status', 'is', null).where('expires_at', '<=', graceCutoff).orderBy('expires_at', 'asc').orderBy('id', 'asc').execute();
  for (const d of toExpire) if (await expireIntoRedemption(core, d, now)) report.expired++;

  // 4. restore requests without a report
  const lapsed = await live().where('rgp_status', '=', 'pendingRestore').where('redemption_ends_at', '<=', nowIso).orderBy('id', 'asc').execute();
  for (const d of lapsed) if (await lapseRestore(core, d, now)) report.restoresLapsed++;

  // 5. redemption over
  const ended = await live().where('rgp_status', '=', 'redemptionPeriod').where('redemption_ends_at', '<=', nowIso).orderBy('id', 'asc').execute();
  for (const d of ended) if (await endRedemption(core, d, now)) report.pendingDelete++;

  // 6. purge
  const purgeable = await live().where('rgp_status', '=', 'pendingDelete').where('purge_at', '<=', nowIso).orderBy('purge_at', 'asc').orderBy('id', 'asc').execute();
  for (const d of purgeable) {
    if (await core.db.transaction().execute((trx) => purgeDomain(trx, d, new Date(d.purge_at!)))) report.purged++;
  }
  return report;
}

/** Renews a year at a time at each passed expiry until the domain runs past now. Returns the renewals made. */
async function autoRenew(core: Core, d0: DomainRow, now: Date): Promise<number> {
  let d = d0;
  let count = 0;
  const price = await priceFor(core, d.tld, 'renew', 1).catch(() => undefined);
  if (!price) return 0;
  while (new Date(d.expires_at) <= now && count < MAX_RENEWALS_PER_PASS) {
    const at = new Date(d.expires_at);
    try {
      d = await core.db.transaction().execute(async (trx) => {
        // The registry renews at expiry on its own (its poll message tells remote registries' renewals); regd
        // charges the sponsor and moves its record. TLDs served remotely are skipped above.
        const next = addYears(at, 1).toISOString();
        const claimed = await trx.updateTable('domains').set({ expires_at: next, updated_at: now.toISOString() })
          .where('id', '=', d.id).where('deleted_at', 'is', null).where('rgp_status', 'is', null).where('expires_at', '=', d.expires_at)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) throw new CoreError('already_renewed', 'renewed meanwhile');
        const order = await trx.insertInto('orders').values({
          reseller_id: d.reseller_id, profile_id: d.profile_id, domain_id: d.id, domain_name: d.name, kind: 'renew', status: 'completed',
          period: 1, amount_minor: price.amountMinor, currency: price.currency, request_json: JSON.stringify({ autoRenew: true }),
          created_at: at.toISOString(), completed_at: at.toISOString(),
        }).returning('id').executeTakeFirstOrThrow();
        await debit(trx, { resellerId: d.reseller_id, amountMinor: price.amountMinor, orderId: order.id, description: `auto-renew ${d.name} 1y`, at });
        await recordHistory(trx, {
          at, resellerId: null, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'auto_renew',
          detail: { period: 1, fromYear: at.getUTCFullYear(), to: next, orderId: order.id, amountMinor: price.amountMinor },
        });
        await enqueuePoll(trx, {
          resellerId: d.reseller_id, at, kind: 'autoRenew', message: `Domain ${d.name} was auto-renewed until ${next.slice(0, 10)}`,
          payload: { type: 'renewal', name: d.name, expiresAt: next },
        });
        return { ...d, expires_at: next };
      });
      count++;
    } catch (err) {
      // Short of funds: the domain is left to expire (step 3 takes it once the grace has passed).
      // Renewed by someone else meanwhile: nothing to do.
      if (err instanceof CoreError && (err.kind === 'insufficient_funds' || err.kind === 'already_renewed')) break;
      throw err;
    }
  }
  return count;
}

async function expireIntoRedemption(core: Core, d: DomainRow, now: Date): Promise<boolean> {
  const atMs = new Date(d.expires_at).getTime() + AUTO_RENEW_GRACE_DAYS * DAY_MS;
  const at = new Date(atMs);
  const redemptionEndsAt = iso(atMs + REDEMPTION_DAYS * DAY_MS);
  const purgeAt = iso(atMs + (REDEMPTION_DAYS + PENDING_DELETE_DAYS) * DAY_MS);
  return core.db.transaction().execute(async (trx) => {
    const claimed = await trx.updateTable('domains').set({ rgp_status: 'redemptionPeriod', redemption_ends_at: redemptionEndsAt, purge_at: purgeAt, updated_at: now.toISOString() })
      .where('id', '=', d.id).where('deleted_at', 'is', null).where('rgp_status', 'is', null).where('expires_at', '=', d.expires_at).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return false;
    await serverCancelPendingTransfer(trx, d.id, at);
    await recordHistory(trx, { at, resellerId: null, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'expire', detail: { expiredAt: d.expires_at, redemptionEndsAt, purgeAt } });
    await enqueuePoll(trx, {
      resellerId: d.reseller_id, at, kind: 'lifecycle', message: `Domain ${d.name} expired on ${d.expires_at.slice(0, 10)} and is in its redemption period until ${redemptionEndsAt.slice(0, 10)}`,
      payload: { type: 'notice', action: 'expire', name: d.name },
    });
    return true;
  });
}

async function lapseRestore(core: Core, d: DomainRow, now: Date): Promise<boolean> {
  const at = new Date(d.redemption_ends_at!);
  const purgeMs = Math.max(new Date(d.purge_at ?? at.toISOString()).getTime(), at.getTime() + PENDING_DELETE_DAYS * DAY_MS);
  const redemptionEndsAt = iso(Math.max(purgeMs - PENDING_DELETE_DAYS * DAY_MS, at.getTime()));
  return core.db.transaction().execute(async (trx) => {
    const claimed = await trx.updateTable('domains').set({ rgp_status: 'redemptionPeriod', redemption_ends_at: redemptionEndsAt, purge_at: iso(purgeMs), updated_at: now.toISOString() })
      .where('id', '=', d.id).where('deleted_at', 'is', null).where('rgp_status', '=', 'pendingRestore').where('redemption_ends_at', '=', d.redemption_ends_at).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return false;
    await recordHistory(trx, { at, resellerId: null, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'restore_lapsed', detail: { redemptionEndsAt, purgeAt: iso(purgeMs) } });
    await enqueuePoll(trx, {
      resellerId: d.reseller_id, at, kind: 'lifecycle', message: `No restore report for ${d.name} arrived in time; it is back in its redemption period`,
      payload: { type: 'notice', action: 'redemption', name: d.name },
    });
    return true;
  });
}

async function endRedemption(core: Core, d: DomainRow, now: Date): Promise<boolean> {
  const at = new Date(d.redemption_ends_at!);
  return core.db.transaction().execute(async (trx) => {
    const claimed = await trx.updateTable('domains').set({ rgp_status: 'pendingDelete', updated_at: now.toISOString() })
      .where('id', '=', d.id).where('deleted_at', 'is', null).where('rgp_status', '=', 'redemptionPeriod').where('redemption_ends_at', '=', d.redemption_ends_at).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return false;
    await recordHistory(trx, { at, resellerId: null, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'pending_delete', detail: { purgeAt: d.purge_at } });
    await enqueuePoll(trx, {
      resellerId: d.reseller_id, at, kind: 'lifecycle', message: `The redemption period of ${d.name} has ended; it will be purged on ${(d.purge_at ?? '').slice(0, 10)}`,
      payload: { type: 'notice', action: 'pendingDelete', name: d.name },
    });
    return true;
  });
}

