// PROCESS_PENDING: an order saved with handle=save is registered and charged now (at today's price), or cancelled.
// The registration re-validates what was saved and goes through the same order path as an immediate one
// (placeRegistration.ts), which claims the saved order first, so two concurrent calls cannot both register and charge.
import type { Core, Tx } from '../core.ts';
import { placeRegistration } from './placeRegistration.ts';
import { CoreError } from '../errors.ts';
import { recordHistory } from '../history.ts';
import { debit } from '../ledger.ts';
import { attachContacts } from '../domainContacts.ts';
import { validateContactSet } from '../contact.ts';
import { validateNameservers, DEFAULT_NAMESERVERS, type NameserverEntry } from '../nameserverList.ts';
import { generateAuthCode } from '../secrets.ts';
import { assertWithinDomainQuota } from '../quotas.ts';
import { validateTldData } from '../tldData.ts';
import { isUniqueViolation } from '../../store/uniqueViolation.ts';
import { parseOfferedDomain, isHeldByRegd } from './checkAvailability.ts';
import { assertPriceAccepted, priceOfName, type AcceptedPrice } from './prices.ts';
import { findProfile } from './profiles.ts';

interface SavedRequest {
  period?: number;
  acceptedPrice?: AcceptedPrice;
  encodingType?: string;
  contactSet?: Partial<Record<string, Partial<Record<string, string>>>>;
  nameservers?: Array<{ name: string; sortOrder?: number }>;
  regUsername?: string;
  profilePasswordHash?: string;
  autoRenew?: boolean;
  lock?: boolean;
  whoisPrivacy?: boolean;
  authCode?: string;
  tldData?: Record<string, unknown>;
}

export interface ProcessedOrder {
  orderId: number;
  domainId: number;
  name: string;
  expiresAt: Date;
  amountMinor: number;
  currency: string;
  profileCreated: boolean;
  autoRenew: boolean;
  status: 'completed' | 'submitted';
}

async function loadPending(core: Core, resellerId: number, orderId: number) {
  const order = await core.db.selectFrom('orders').selectAll().where('id', '=', orderId).where('reseller_id', '=', resellerId).executeTakeFirst();
  if (!order) throw new CoreError('not_found', `Order ${orderId} not found`, 'order_id');
  if (order.status !== 'pending' || order.registry_state !== null) throw new CoreError('invalid_value', `Invalid data: order ${orderId} is ${order.status}; only pending orders can be processed or cancelled`, 'order_id');
  if (order.kind !== 'register') throw new CoreError('invalid_value', `Invalid data: order ${orderId} is a ${order.kind} order; only saved registrations are pending`, 'order_id');
  return order;
}

export async function cancelPendingOrder(core: Core, input: { resellerId: number; orderId: number }): Promise<void> {
  const order = await loadPending(core, input.resellerId, input.orderId);
  const now = await core.clock.now();
  await core.db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('orders').set({ status: 'cancelled', completed_at: now.toISOString() })
      .where('id', '=', order.id).where('status', '=', 'pending').executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new CoreError('invalid_value', `Invalid data: order ${order.id} is no longer pending`, 'order_id');
    await recordHistory(trx, { at: now, resellerId: input.resellerId, domainId: null, objectType: 'order', objectId: order.id, action: 'cancel_pending', detail: { domain: order.domain_name } });
  });
}

export async function processPendingOrder(core: Core, input: { resellerId: number; orderId: number }): Promise<ProcessedOrder> {
  const order = await loadPending(core, input.resellerId, input.orderId);
  const req = JSON.parse(order.request_json) as SavedRequest;
  const dn = parseOfferedDomain(core, order.domain_name);
  const policy = core.registry.policy(dn.tld)!;
  const period = Number(order.period);
  // Re-validate what was saved: policies may have changed since.
  if (!policy.periods.includes(period)) throw new CoreError('period_not_allowed', `Invalid period ${period}: .${dn.tld} registers for ${policy.periods.join(', ')} year(s)`, 'period');
  const contacts = validateContactSet(req.contactSet);
  const nameservers: NameserverEntry[] = req.nameservers && req.nameservers.length > 0
    ? validateNameservers(req.nameservers, { min: Math.max(1, policy.minNameservers), max: policy.maxNameservers })
    : DEFAULT_NAMESERVERS.map((name, i) => ({ name, sortOrder: i + 1 }));
  const tldData = req.tldData && Object.keys(req.tldData).length > 0 ? validateTldData(dn.tld, req.tldData) : {};
  if (!req.regUsername) throw new CoreError('missing_field', `Order ${order.id} has no registrant profile; re-submit it`, 'reg_username');
  // The price now (a premium price may have changed since): the acknowledgement saved with the order must cover it.
  const quoted = await priceOfName(core, dn, 'register', period);
  assertPriceAccepted(quoted, req.acceptedPrice, `Domain ${dn.name}`, 'premium_price_to_verify');
  const price = { amountMinor: quoted.amountMinor, currency: quoted.currency };
  const authCode = req.authCode?.trim() || generateAuthCode();
  const outcome = await placeRegistration(core, {
    resellerId: input.resellerId, name: dn, policy, years: period, price, savedOrderId: order.id,
    profile: { username: req.regUsername, resolve: (trx, now) => resolveSavedProfile(trx, input.resellerId, order.id, order.profile_id, req, now) },
    contacts: { kind: 'data', set: contacts },
    nameservers: nameservers.map((n) => ({ name: n.name, sortOrder: n.sortOrder, addresses: [], hostAttr: false })),
    authCode, ds: [],
    domain: { locked: Boolean(req.lock && policy.supportsLock), autoRenew: Boolean(req.autoRenew), whoisPrivacy: Boolean(req.whoisPrivacy && policy.supportsWhoisPrivacy), tldData, encodingType: req.encodingType },
    summary: JSON.parse(order.request_json) as Record<string, unknown>,
  });
  return {
    orderId: outcome.orderId, domainId: outcome.domainId, name: dn.name, expiresAt: outcome.expiresAt, amountMinor: outcome.amountMinor,
    currency: outcome.currency, profileCreated: outcome.profileCreated, autoRenew: Boolean(req.autoRenew), status: outcome.status,
  };
}

/** The profile: the one the order was saved for, or created now from the password hash kept at save time. */
async function resolveSavedProfile(trx: Tx, resellerId: number, orderId: number, savedProfileId: number | null, req: SavedRequest, now: Date): Promise<{ id: number; created: boolean }> {
  const username = req.regUsername!;
  const existing = await findProfile(trx, resellerId, username);
  if (existing) {
    if (savedProfileId !== null && Number(savedProfileId) !== Number(existing.id)) throw new CoreError('auth_failed', `Profile ${username} changed since order ${orderId} was saved; re-submit it`, 'reg_username');
    if (savedProfileId === null && !req.profilePasswordHash) throw new CoreError('auth_failed', `Profile ${username} cannot be verified for order ${orderId}; re-submit it`, 'reg_username');
    if (savedProfileId === null && existing.password_hash !== req.profilePasswordHash) {
      throw new CoreError('auth_failed', `Profile ${username} was created by another order since order ${orderId} was saved; re-submit it with that profile's password`, 'reg_username');
    }
    return { id: Number(existing.id), created: false };
  }
  if (!req.profilePasswordHash) throw new CoreError('auth_failed', `Profile ${username} of order ${orderId} no longer exists; re-submit it`, 'reg_username');
  const row = await trx.insertInto('profiles').values({
    reseller_id: resellerId, reg_username: username, password_hash: req.profilePasswordHash, created_at: now.toISOString(),
  }).returning('id').executeTakeFirstOrThrow();
  // Other orders this reseller saved for the same new username join the profile now created: the profile did not
  // exist when they were saved, so their passwords could not be checked against it then either.
  const siblings = await trx.selectFrom('orders').select(['id', 'request_json']).where('reseller_id', '=', resellerId)
    .where('status', '=', 'pending').where('profile_id', 'is', null).where('id', '!=', orderId).execute();
  for (const s of siblings) {
    if ((JSON.parse(s.request_json) as SavedRequest).regUsername === username) {
      await trx.updateTable('orders').set({ profile_id: row.id }).where('id', '=', s.id).execute();
    }
  }
  return { id: Number(row.id), created: true };
}
