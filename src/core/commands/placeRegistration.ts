// The one registration use case. Each door turns its input into a RegistrationRequest (XCP SW_REGISTER with contact
// data and registrant credentials: registerDomain.ts; EPP <domain:create> with contact handles: createDomain.ts; a
// saved order processed later: processPendingOrder.ts) and this carries it through the order path:
//   1. reserve, in one transaction: availability re-checked, the profile resolved, the order row `inflight`, the
//      price debited (held until the registry decides), the domain row holding the name (registry_pending_until)
//      with its contacts, delegation and DS records, the quota checked;
//   2. the registry creates the name, outside any transaction (orders/carryOrder.ts);
//   3. complete (ROID and dates from the registry) or fail (name released, price refunded) in a second one.
// An answer later than the deadline, or a registry's "pending", returns status 'submitted' (XCP 250, EPP 1001);
// the order completes later and the reseller hears of it by poll message.
import { assertRegistryOffers, isRemoteRegistry } from '../orders/registryReach.ts';
import type { Core, Tx } from '../core.ts';
import { CoreError } from '../errors.ts';
import type { DomainName } from '../domainName.ts';
import type { TldPolicy } from '../../registry/tldPolicy.ts';
import type { ContactSet } from '../contact.ts';
import type { DsRecord } from './dsRecords.ts';
import { isHeldByRegd } from './checkAvailability.ts';
import { debit } from '../ledger.ts';
import { recordHistory } from '../history.ts';
import { attachContacts } from '../domainContacts.ts';
import { setContactRole } from '../contactHandles.ts';
import { writeDsRecords } from './dsRecords.ts';
import { assertWithinDomainQuota } from '../quotas.ts';
import { isUniqueViolation } from '../../store/uniqueViolation.ts';
import { addYears } from '../dates.ts';
import { orderKey } from '../orders/orderKey.ts';
import { carryOrder } from '../orders/carryOrder.ts';
import { registryFailureError } from '../orders/registryFailureError.ts';
import { ASYNC_COMPLETION_MS } from './asyncRegistrations.ts';
import type { RegistryCreateResult } from '../../registry/registryPort.ts';

export interface RegistrationNameserver { name: string; sortOrder: number; addresses: string[]; hostAttr: boolean }

export interface RegistrationRequest {
  resellerId: number;
  name: DomainName;
  policy: TldPolicy;
  years: number;
  price: { amountMinor: number; currency: string };
  /** Resolves (creating if new) the registrant profile inside the reservation. */
  profile: { username: string; resolve(trx: Tx, now: Date): Promise<{ id: number; created: boolean }> };
  /**
   * XCP: contact data (new contact rows); EPP: existing contacts by role; the JSON API: existing contacts for some
   * roles and contact data (new rows) for the others.
   */
  contacts: { kind: 'data'; set: ContactSet } | { kind: 'ids'; roles: Map<string, number>; data?: Partial<ContactSet> };
  nameservers: RegistrationNameserver[];
  authCode: string;
  ds: DsRecord[];
  domain: {
    locked: boolean; autoRenew: boolean; whoisPrivacy: boolean; tldData?: Record<string, unknown>;
    launchPhase?: string; launchApplicationId?: string; opExt?: Record<string, string>; crResellerId?: number;
    /** The IDN language tag (XCP encoding_type; domains.encoding_type, migration 010). */
    encodingType?: string;
  };
  /** Stored with the order (request_json). */
  summary: Record<string, unknown>;
  /** Extra detail for the domain's 'register' history row (name, period, order and amount are always there). */
  historyDetail?: Record<string, unknown>;
  /** PROCESS_PENDING: the saved order to carry out, instead of a new order row. */
  savedOrderId?: number;
}

export interface RegistrationOutcome {
  orderId: number;
  /** 'submitted': the registry has not confirmed yet; the order completes later. */
  status: 'completed' | 'submitted';
  domainId: number;
  name: string;
  roid: string;
  createdAt: Date;
  expiresAt: Date;
  amountMinor: number;
  currency: string;
  profileCreated: boolean;
}

export async function placeRegistration(core: Core, req: RegistrationRequest): Promise<RegistrationOutcome> {
  const dn = req.name;
  assertRegistryOffers(core, dn.tld, 'create', 'Registration');
  // The sandbox answers "taken elsewhere" from a rule, at no cost. A remote registry's create answers it anyway
  // (2302, becoming domain_taken below), so asking it with a check first would only add a round trip.
  if (!isRemoteRegistry(core, dn.tld) && await core.registry.isRegisteredElsewhere(dn.name)) throw new CoreError('domain_taken', `Domain taken: ${dn.name}`, 'domain');
  const now = await core.clock.now();
  const projectedExpiry = addYears(now, req.years);
  let reserved: { orderId: number; domainId: number; profileCreated: boolean };
  try {
    reserved = await core.db.transaction().execute(async (trx) => {
      if (await isHeldByRegd(trx, dn.name)) throw new CoreError('domain_taken', `Domain taken: ${dn.name}`, 'domain');
      const profile = await req.profile.resolve(trx, now);
      const orderId = await reserveOrderRow(trx, req, profile.id, now);
      await debit(trx, { resellerId: req.resellerId, amountMinor: req.price.amountMinor, orderId, description: `register ${dn.name} ${req.years}y`, at: now });
      // Held until the registry answers; an asynchronous registry is expected to answer after ASYNC_COMPLETION_MS.
      const heldUntil = new Date(now.getTime() + (req.policy.asynchronous ? ASYNC_COMPLETION_MS : 0)).toISOString();
      const domain = await trx.insertInto('domains').values({
        name: dn.name, tld: dn.tld, roid: `PENDING-${orderKey(orderId)}`, profile_id: profile.id, reseller_id: req.resellerId,
        created_at: now.toISOString(), expires_at: projectedExpiry.toISOString(), updated_at: now.toISOString(),
        transferred_at: null, deleted_at: null, auth_code: req.authCode, locked: req.domain.locked ? 1 : 0,
        auto_renew: req.domain.autoRenew ? 1 : 0, let_expire: 0, whois_privacy: req.domain.whoisPrivacy ? 'enabled' : 'disabled',
        descr: '', affiliate_id: '', tld_data: JSON.stringify(req.domain.tldData ?? {}),
        launch_phase: req.domain.launchPhase ?? null, launch_application_id: req.domain.launchApplicationId ?? null,
        op_ext: JSON.stringify(req.domain.opExt ?? {}), cr_reseller_id: req.domain.crResellerId ?? null, up_reseller_id: null,
        registry_pending_until: heldUntil, pending_order_id: orderId, encoding_type: req.domain.encodingType ?? '',
      }).returning('id').executeTakeFirstOrThrow();
      await trx.updateTable('orders').set({ domain_id: domain.id }).where('id', '=', orderId).execute();
      if (req.contacts.kind === 'data') await attachContacts(trx, domain.id, req.resellerId, req.contacts.set, now);
      else {
        for (const [role, contactId] of req.contacts.roles) await setContactRole(trx, domain.id, role, contactId);
        if (req.contacts.data) await attachContacts(trx, domain.id, req.resellerId, req.contacts.data, now);
      }
      for (const ns of req.nameservers) {
        await trx.insertInto('domain_nameservers').values({
          domain_id: domain.id, name: ns.name, sort_order: ns.sortOrder, addresses: JSON.stringify(ns.addresses), host_attr: ns.hostAttr ? 1 : 0,
        }).execute();
      }
      await writeDsRecords(trx, domain.id, req.ds);
      await assertWithinDomainQuota(trx, req.resellerId);
      if (profile.created) {
        await recordHistory(trx, { at: now, resellerId: req.resellerId, domainId: null, objectType: 'profile', objectId: profile.id, action: 'create', detail: { reg_username: req.profile.username } });
      }
      await recordHistory(trx, {
        at: now, resellerId: req.resellerId, domainId: domain.id, objectType: 'domain', objectId: domain.id, action: 'register',
        detail: { ...req.historyDetail, name: dn.name, period: req.years, orderId, amountMinor: req.price.amountMinor },
      });
      if (req.savedOrderId !== undefined) {
        await recordHistory(trx, { at: now, resellerId: req.resellerId, domainId: domain.id, objectType: 'order', objectId: orderId, action: 'process_pending', detail: { domain: dn.name, domainId: domain.id } });
      }
      return { orderId, domainId: domain.id, profileCreated: profile.created };
    });
  } catch (err) {
    // Two registrations raced past the availability check; the unique index let exactly one through.
    if (isUniqueViolation(err)) throw new CoreError('domain_taken', `Domain taken: ${dn.name}`, 'domain');
    throw err;
  }

  const outcome = await carryOrder<RegistryCreateResult>(core, reserved.orderId);
  const base = {
    orderId: reserved.orderId, domainId: reserved.domainId, name: dn.name, amountMinor: req.price.amountMinor,
    currency: req.price.currency, profileCreated: reserved.profileCreated,
  };
  if (outcome.state === 'failed') throw registryFailureError(outcome.failure, dn.name);
  if (outcome.state === 'pending') return { ...base, status: 'submitted', roid: `PENDING-${orderKey(reserved.orderId)}`, createdAt: now, expiresAt: projectedExpiry };
  return { ...base, status: 'completed', roid: outcome.value.roid, createdAt: outcome.value.createdAt, expiresAt: outcome.value.expiresAt };
}

/** The order row: a new one, or the saved order PROCESS_PENDING carries out (claimed so it runs once). */
async function reserveOrderRow(trx: Tx, req: RegistrationRequest, profileId: number, now: Date): Promise<number> {
  const common = {
    profile_id: profileId, status: 'pending', registry_state: 'inflight', amount_minor: req.price.amountMinor, currency: req.price.currency,
    next_check_at: new Date(now.getTime() + 60_000).toISOString(),
  };
  if (req.savedOrderId !== undefined) {
    const claimed = await trx.updateTable('orders').set({ ...common, registry_key: orderKey(req.savedOrderId) })
      .where('id', '=', req.savedOrderId).where('status', '=', 'pending').where('registry_state', 'is', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw new CoreError('invalid_value', `Invalid data: order ${req.savedOrderId} is no longer pending`, 'order_id');
    return req.savedOrderId;
  }
  const row = await trx.insertInto('orders').values({
    ...common, reseller_id: req.resellerId, domain_id: null, domain_name: req.name.name, kind: 'register', period: req.years,
    request_json: JSON.stringify(req.summary), created_at: now.toISOString(), completed_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  await trx.updateTable('orders').set({ registry_key: orderKey(row.id) }).where('id', '=', row.id).execute();
  return row.id;
}
