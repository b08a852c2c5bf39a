// Renewing a domain. The caller states the current expiry year (XCP) or date (EPP's curExpDate, YYYY-MM-DD) as a
// guard against double renewals: it must equal the domain's; if it equals the year (date) a renewal already moved
// the domain away from, that renewal is reported as done instead. The new expiry may not run past the TLD's maximum
// horizon. The renewal goes through the order path (orders/): reserve (order, held price, the domain marked), the
// registry's renewal outside any transaction, then the new expiry and history, or a refund.
import { assertRegistryOffers } from '../orders/registryReach.ts';
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { assertPriceAccepted, priceOfName, type AcceptedPrice } from './prices.ts';
import { debit } from '../ledger.ts';
import { orderKey } from '../orders/orderKey.ts';
import { carryOrder } from '../orders/carryOrder.ts';
import { registryFailureError } from '../orders/registryFailureError.ts';
import type { RegistryRenewResult } from '../../registry/registryPort.ts';
import { addYears } from '../dates.ts';
import type { DomainRow } from './findDomain.ts';
import { assertDomainAllows, type DomainState } from '../domainGuard.ts';

/** A registration the registry has not confirmed (pendingCreate) cannot be renewed yet. */
export const RENEW_BLOCKED_BY: ReadonlySet<DomainState> = new Set<DomainState>(['clientRenewProhibited', 'pendingCreate', 'pendingDelete', 'pendingTransfer']);

export interface RenewInput {
  resellerId: number;
  domain: DomainRow;
  period: number;
  /** XCP's guard: the current expiry year. */
  currentExpirationYear?: number;
  /** EPP's guard: the current expiry date, YYYY-MM-DD (UTC). One of the two guards is required. */
  currentExpiryDate?: string;
  autoRenew?: boolean;
  /** The price the client acknowledged (XCP premium_price_to_verify, EPP fee:renew); required for a premium name. */
  acceptedPrice?: AcceptedPrice;
}
export interface RenewResult {
  orderId: number;
  /** The new expiry; while 'submitted', the one the registry is expected to give. */
  expiresAt: Date;
  amountMinor: number;
  status: 'completed' | 'submitted';
}

export async function renewDomain(core: Core, input: RenewInput): Promise<RenewResult> {
  const d = input.domain;
  const policy = core.registry.policy(d.tld)!;
  await assertDomainAllows(core.db, d, { resellerId: input.resellerId, blockedBy: RENEW_BLOCKED_BY, action: 'renewal' });
  assertRegistryOffers(core, d.tld, 'renew', 'Renewal');
  const price = await priceOfName(core, d, 'renew', input.period);
  assertPriceAccepted(price, input.acceptedPrice, `The renewal of ${d.name}`, 'premium_price_to_verify');
  const now = await core.clock.now();
  const currentExpiry = new Date(d.expires_at);
  if (input.currentExpiryDate !== undefined) {
    const current = currentExpiry.toISOString().slice(0, 10);
    if (input.currentExpiryDate !== current) {
      const earlier = await core.db.selectFrom('history').select('detail')
        .where('domain_id', '=', d.id).where('action', '=', 'renew').execute();
      if (earlier.some((h) => String((JSON.parse(h.detail) as { from?: string }).from ?? '').slice(0, 10) === input.currentExpiryDate)) {
        throw new CoreError('already_renewed', `Domain has already been renewed from ${input.currentExpiryDate}; its expiry date is now ${current}`, 'curExpDate');
      }
      throw new CoreError('expiry_year_mismatch', `curExpDate ${input.currentExpiryDate} does not match the domain's expiry date ${current}`, 'curExpDate');
    }
  } else if (input.currentExpirationYear !== currentExpiry.getUTCFullYear()) {
    const earlier = await core.db.selectFrom('history').select('detail')
      .where('domain_id', '=', d.id).where('action', '=', 'renew').execute();
    if (earlier.some((h) => (JSON.parse(h.detail) as { fromYear?: number }).fromYear === input.currentExpirationYear)) {
      throw new CoreError('already_renewed', 'Domain has already been successfully renewed, with the current expiration year matching the year provided by the user', 'currentexpirationyear');
    }
    throw new CoreError('expiry_year_mismatch', `Domain's current expiration year in registry (${currentExpiry.getUTCFullYear()}) doesn't match the year provided by user (${input.currentExpirationYear})`, 'currentexpirationyear');
  }
  const newExpiry = addYears(currentExpiry, input.period);
  if (newExpiry > addYears(now, policy.maxYearsAhead)) {
    throw new CoreError('period_not_allowed', `Invalid period: renewal would extend ${d.name} beyond ${policy.maxYearsAhead} years from today`, 'period');
  }
  // Reserve: the domain is marked with the order (so of concurrent renewals exactly one proceeds, on PostgreSQL's
  // default isolation too, and the others are refused before anything is charged), the price is held.
  const orderId = await core.db.transaction().execute(async (trx) => {
    const order = await trx.insertInto('orders').values({
      reseller_id: input.resellerId, profile_id: d.profile_id, domain_id: d.id, domain_name: d.name, kind: 'renew', status: 'pending',
      period: input.period, amount_minor: price.amountMinor, currency: price.currency,
      request_json: JSON.stringify({ period: input.period, from: currentExpiry.toISOString(), autoRenew: input.autoRenew, currentExpirationYear: input.currentExpirationYear, currentExpiryDate: input.currentExpiryDate }),
      created_at: now.toISOString(), completed_at: null, registry_state: 'inflight', next_check_at: new Date(now.getTime() + 60_000).toISOString(),
    }).returning('id').executeTakeFirstOrThrow();
    const claimed = await trx.updateTable('domains').set({ pending_order_id: order.id, updated_at: now.toISOString() })
      .where('id', '=', d.id).where('deleted_at', 'is', null).where('expires_at', '=', d.expires_at).where('pending_order_id', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      throw new CoreError('already_renewed', 'Domain already renewed; another renewal cannot be applied until the first request completes at the registry', 'currentexpirationyear');
    }
    await trx.updateTable('orders').set({ registry_key: orderKey(order.id) }).where('id', '=', order.id).execute();
    await debit(trx, { resellerId: input.resellerId, amountMinor: price.amountMinor, orderId: order.id, description: `renew ${d.name} ${input.period}y`, at: now });
    return order.id;
  });
  const outcome = await carryOrder<RegistryRenewResult>(core, orderId);
  if (outcome.state === 'failed') throw registryFailureError(outcome.failure, `the renewal of ${d.name}`);
  if (outcome.state === 'pending') return { orderId, expiresAt: newExpiry, amountMinor: price.amountMinor, status: 'submitted' };
  return { orderId, expiresAt: outcome.value.expiresAt, amountMinor: price.amountMinor, status: 'completed' };
}
