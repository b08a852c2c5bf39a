// PROCESS_PENDING: an order saved with handle=save is registered and charged now (at today's price), or cancelled.
// The registration runs the same checks and writes the same rows as an immediate one, in one transaction that first
// claims the order (pending -> completed), so two concurrent calls cannot both register and charge.
import type { Core } from '../core.ts';
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
import { priceFor } from './prices.ts';
import { findProfile } from './profiles.ts';

interface SavedRequest {
  period?: number;
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
}

async function loadPending(core: Core, resellerId: number, orderId: number) {
  const order = await core.db.selectFrom('orders').selectAll().where('id', '=', orderId).where('reseller_id', '=', resellerId).executeTakeFirst();
  if (!order) throw new CoreError('not_found', `Order ${orderId} not found`, 'order_id');
  if (order.status !== 'pending') throw new CoreError('invalid_value', `Invalid data: order ${orderId} is ${order.status}; only pending orders can be processed or cancelled`, 'order_id');
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
  const price = await priceFor(core, dn.tld, 'register', period);
  if (await core.registry.isRegisteredElsewhere(dn.name)) throw new CoreError('domain_taken', `Domain taken: ${dn.name}`, 'domain');
  const now = await core.clock.now();
  const authCode = req.authCode?.trim() || generateAuthCode();
  try {
    return await core.db.transaction().execute(async (trx) => {
      if (await isHeldByRegd(trx, dn.name)) throw new CoreError('domain_taken', `Domain taken: ${dn.name}`, 'domain');
      // The profile: the one the order was saved for, or created now from the password hash kept at save time.
      let profileId: number;
      let profileCreated = false;
      const existing = await findProfile(trx, input.resellerId, req.regUsername!);
      if (existing) {
        if (order.profile_id !== null && Number(order.profile_id) !== Number(existing.id)) throw new CoreError('auth_failed', `Profile ${req.regUsername} changed since order ${order.id} was saved; re-submit it`, 'reg_username');
        if (order.profile_id === null && !req.profilePasswordHash) throw new CoreError('auth_failed', `Profile ${req.regUsername} cannot be verified for order ${order.id}; re-submit it`, 'reg_username');
        if (order.profile_id === null && existing.password_hash !== req.profilePasswordHash) {
          throw new CoreError('auth_failed', `Profile ${req.regUsername} was created by another order since order ${order.id} was saved; re-submit it with that profile's password`, 'reg_username');
        }
        profileId = Number(existing.id);
      } else {
        if (!req.profilePasswordHash) throw new CoreError('auth_failed', `Profile ${req.regUsername} of order ${order.id} no longer exists; re-submit it`, 'reg_username');
        const row = await trx.insertInto('profiles').values({
          reseller_id: input.resellerId, reg_username: req.regUsername!, password_hash: req.profilePasswordHash, created_at: now.toISOString(),
        }).returning('id').executeTakeFirstOrThrow();
        profileId = Number(row.id);
        profileCreated = true;
        // Other orders this reseller saved for the same new username join the profile now created: the profile
        // did not exist when they were saved, so their passwords could not be checked against it then either.
        const siblings = await trx.selectFrom('orders').select(['id', 'request_json']).where('reseller_id', '=', input.resellerId)
          .where('status', '=', 'pending').where('profile_id', 'is', null).where('id', '!=', order.id).execute();
        for (const s of siblings) {
          if ((JSON.parse(s.request_json) as SavedRequest).regUsername === req.regUsername) {
            await trx.updateTable('orders').set({ profile_id: profileId }).where('id', '=', s.id).execute();
          }
        }
        await recordHistory(trx, { at: now, resellerId: input.resellerId, domainId: null, objectType: 'profile', objectId: profileId, action: 'create', detail: { reg_username: req.regUsername } });
      }
      const claimed = await trx.updateTable('orders').set({
        status: 'completed', completed_at: now.toISOString(), amount_minor: price.amountMinor, currency: price.currency, profile_id: profileId,
      }).where('id', '=', order.id).where('status', '=', 'pending').executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw new CoreError('invalid_value', `Invalid data: order ${order.id} is no longer pending`, 'order_id');
      await debit(trx, { resellerId: input.resellerId, amountMinor: price.amountMinor, orderId: order.id, description: `register ${dn.name} ${period}y (saved order)`, at: now });
      const created = await core.registry.createDomain({ name: dn.name, years: period, nameservers: nameservers.map((n) => n.name), authCode, now });
      const domain = await trx.insertInto('domains').values({
        name: dn.name, tld: dn.tld, roid: created.roid, profile_id: profileId, reseller_id: input.resellerId,
        created_at: created.createdAt.toISOString(), expires_at: created.expiresAt.toISOString(), updated_at: now.toISOString(),
        transferred_at: null, deleted_at: null, auth_code: authCode, locked: req.lock && policy.supportsLock ? 1 : 0,
        auto_renew: req.autoRenew ? 1 : 0, let_expire: 0, whois_privacy: req.whoisPrivacy && policy.supportsWhoisPrivacy ? 'enabled' : 'disabled',
        descr: '', affiliate_id: '', tld_data: JSON.stringify(tldData),
      }).returning('id').executeTakeFirstOrThrow();
      await trx.updateTable('orders').set({ domain_id: domain.id }).where('id', '=', order.id).execute();
      await attachContacts(trx, domain.id, input.resellerId, contacts, now);
      for (const ns of nameservers) await trx.insertInto('domain_nameservers').values({ domain_id: domain.id, name: ns.name, sort_order: ns.sortOrder }).execute();
      await assertWithinDomainQuota(trx, input.resellerId);
      await recordHistory(trx, {
        at: now, resellerId: input.resellerId, domainId: domain.id, objectType: 'domain', objectId: domain.id, action: 'register',
        detail: { name: dn.name, period, orderId: order.id, amountMinor: price.amountMinor },
      });
      await recordHistory(trx, { at: now, resellerId: input.resellerId, domainId: domain.id, objectType: 'order', objectId: order.id, action: 'process_pending', detail: { domain: dn.name, domainId: domain.id } });
      return {
        orderId: Number(order.id), domainId: Number(domain.id), name: dn.name, expiresAt: created.expiresAt, amountMinor: price.amountMinor,
        currency: price.currency, profileCreated, autoRenew: Boolean(req.autoRenew),
      };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new CoreError('domain_taken', `Domain taken: ${dn.name}`, 'domain');
    throw err;
  }
}
