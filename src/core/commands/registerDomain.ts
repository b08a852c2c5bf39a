// Registering a new domain (Nomulus-style flow). Validation runs in a fixed order before anything is written:
// name -> TLD -> period -> contacts -> nameservers -> registrant credentials -> price. Then one transaction
// re-checks availability, debits the reseller, creates the domain at the registry and writes the domain, its
// contacts, nameservers, the order, the ledger entry and history rows: all of it commits, or none of it.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { validateContactSet } from '../contact.ts';
import { validateNameservers, DEFAULT_NAMESERVERS, type NameserverEntry } from '../nameserverList.ts';
import { prepareProfile, resolvePreparedProfile, validateProfileCredentials } from './profiles.ts';
import { parseOfferedDomain, isHeldByRegd } from './checkAvailability.ts';
import { priceFor } from './prices.ts';
import { debit } from '../ledger.ts';
import { recordHistory } from '../history.ts';
import { attachContacts } from '../domainContacts.ts';
import { generateAuthCode } from '../secrets.ts';
import { isUniqueViolation } from '../../store/uniqueViolation.ts';
import { assertWithinDomainQuota } from '../quotas.ts';
import { validateTldData } from '../tldData.ts';
import { checkLaunchCreate } from '../launchPhase.ts';
import { ASYNC_COMPLETION_MS } from './asyncRegistrations.ts';

export interface RegisterDomainInput {
  resellerId: number;
  domain: string;
  period: number;
  contactSet: Partial<Record<string, Partial<Record<string, string>>>> | undefined;
  /** undefined: the sandbox's default nameservers. */
  nameservers?: Array<{ name: string; sortOrder?: number }>;
  regUsername?: string;
  regPassword?: string;
  autoRenew: boolean;
  lock: boolean;
  whoisPrivacy: boolean;
  /** 'save' records the order for later processing without registering or charging. */
  handle: 'process' | 'save';
  authCode?: string;
  /** Registry-specific registrant data (OpenSRS tld_data: .AU eligibility, .US nexus, .CA legal type). */
  tldData?: Record<string, unknown>;
}

export interface RegisterDomainResult {
  orderId: number;
  /** 'submitted': an asynchronous registry has the request; it completes on the clock (asyncRegistrations.ts). */
  status: 'completed' | 'saved' | 'submitted';
  domainId?: number;
  name: string;
  expiresAt?: Date;
  amountMinor: number;
  currency: string;
  profileCreated: boolean;
}

export async function registerDomain(core: Core, input: RegisterDomainInput): Promise<RegisterDomainResult> {
  const dn = parseOfferedDomain(core, input.domain);
  const policy = core.registry.policy(dn.tld)!;
  if (!Number.isInteger(input.period) || !policy.periods.includes(input.period)) {
    throw new CoreError('period_not_allowed', `Invalid period ${input.period}: .${dn.tld} registers for ${policy.periods.join(', ')} year(s)`, 'period');
  }
  // No launch data comes this way: TLDs in sunrise, landrush or a custom phase, and names needing a claims
  // notice, are refused (EPP's <launch:create> reaches them).
  await checkLaunchCreate(core, policy, dn, undefined, await core.clock.now());
  const contacts = validateContactSet(input.contactSet);
  const tldData = input.tldData && Object.keys(input.tldData).length > 0 ? validateTldData(dn.tld, input.tldData) : undefined;
  const nameservers: NameserverEntry[] = input.nameservers
    ? validateNameservers(input.nameservers, { min: Math.max(1, policy.minNameservers), max: policy.maxNameservers })
    : DEFAULT_NAMESERVERS.map((name, i) => ({ name, sortOrder: i + 1 }));
  const creds = validateProfileCredentials(input.regUsername, input.regPassword);
  if (input.whoisPrivacy && !policy.supportsWhoisPrivacy) {
    throw new CoreError('not_supported', `WHOIS privacy is not available for .${dn.tld}`, 'f_whois_privacy');
  }
  if (input.lock && !policy.supportsLock) throw new CoreError('not_supported', `Domain locking is not available for .${dn.tld}`, 'f_lock_domain');
  const authCode = input.authCode?.trim() || generateAuthCode();
  if (authCode.length < 6 || authCode.length > 32) throw new CoreError('invalid_value', 'Invalid data: auth code must be 6-32 characters', 'auth_info');
  const price = await priceFor(core, dn.tld, 'register', input.period);
  const prepared = await prepareProfile(core, input.resellerId, creds.username, creds.password);
  const now = await core.clock.now();
  const requestJson = JSON.stringify({ ...input, regPassword: undefined, contactSet: contacts, nameservers });

  if (input.handle === 'save') {
    const order = await core.db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('orders').values({
        reseller_id: input.resellerId, profile_id: prepared.existingId ?? null, domain_id: null, domain_name: dn.name,
        kind: 'register', status: 'pending', period: input.period, amount_minor: price.amountMinor, currency: price.currency,
        // A new profile is created when the order is processed: keep its password hash (never shown) for then.
        request_json: prepared.newHash ? JSON.stringify({ ...JSON.parse(requestJson), profilePasswordHash: prepared.newHash }) : requestJson,
        created_at: now.toISOString(), completed_at: null,
      }).returning('id').executeTakeFirstOrThrow();
      await recordHistory(trx, { at: now, resellerId: input.resellerId, domainId: null, objectType: 'order', objectId: row.id, action: 'save', detail: { domain: dn.name } });
      return row.id;
    });
    return { orderId: order, status: 'saved', name: dn.name, amountMinor: price.amountMinor, currency: price.currency, profileCreated: false };
  }

  if (await core.registry.isRegisteredElsewhere(dn.name)) throw new CoreError('domain_taken', `Domain taken: ${dn.name}`, 'domain');
  try {
    // An asynchronous registry answers later: the domain row holds the name (and the debit is made) now, marked
    // pending until the registry's confirmation arrives.
    const pendingUntil = policy.asynchronous ? new Date(now.getTime() + ASYNC_COMPLETION_MS).toISOString() : null;
    return await core.db.transaction().execute(async (trx) => {
      if (await isHeldByRegd(trx, dn.name)) throw new CoreError('domain_taken', `Domain taken: ${dn.name}`, 'domain');
      const profile = await resolvePreparedProfile(trx, input.resellerId, prepared, now);
      const order = await trx.insertInto('orders').values({
        reseller_id: input.resellerId, profile_id: profile.id, domain_id: null, domain_name: dn.name, kind: 'register',
        status: pendingUntil ? 'pending' : 'completed', period: input.period, amount_minor: price.amountMinor, currency: price.currency,
        request_json: requestJson, created_at: now.toISOString(), completed_at: pendingUntil ? null : now.toISOString(),
      }).returning('id').executeTakeFirstOrThrow();
      await debit(trx, { resellerId: input.resellerId, amountMinor: price.amountMinor, orderId: order.id, description: `register ${dn.name} ${input.period}y`, at: now });
      const created = await core.registry.createDomain({ name: dn.name, years: input.period, nameservers: nameservers.map((n) => n.name), authCode, now });
      const domain = await trx.insertInto('domains').values({
        name: dn.name, tld: dn.tld, roid: created.roid, profile_id: profile.id, reseller_id: input.resellerId,
        created_at: created.createdAt.toISOString(), expires_at: created.expiresAt.toISOString(), updated_at: now.toISOString(),
        transferred_at: null, deleted_at: null, auth_code: authCode, locked: input.lock ? 1 : 0,
        auto_renew: input.autoRenew ? 1 : 0, let_expire: 0, whois_privacy: input.whoisPrivacy ? 'enabled' : 'disabled',
        descr: '', affiliate_id: '', ...(tldData ? { tld_data: JSON.stringify(tldData) } : {}), registry_pending_until: pendingUntil,
      }).returning('id').executeTakeFirstOrThrow();
      await trx.updateTable('orders').set({ domain_id: domain.id }).where('id', '=', order.id).execute();
      await attachContacts(trx, domain.id, input.resellerId, contacts, now);
      await assertWithinDomainQuota(trx, input.resellerId);
      for (const ns of nameservers) {
        await trx.insertInto('domain_nameservers').values({ domain_id: domain.id, name: ns.name, sort_order: ns.sortOrder }).execute();
      }
      if (profile.created) {
        await recordHistory(trx, { at: now, resellerId: input.resellerId, domainId: null, objectType: 'profile', objectId: profile.id, action: 'create', detail: { reg_username: creds.username } });
      }
      await recordHistory(trx, {
        at: now, resellerId: input.resellerId, domainId: domain.id, objectType: 'domain', objectId: domain.id, action: 'register',
        detail: { name: dn.name, period: input.period, orderId: order.id, amountMinor: price.amountMinor },
      });
      return {
        orderId: order.id, status: pendingUntil ? 'submitted' as const : 'completed' as const, domainId: domain.id, name: dn.name, expiresAt: created.expiresAt,
        amountMinor: price.amountMinor, currency: price.currency, profileCreated: profile.created,
      };
    });
  } catch (err) {
    // Two registrations raced past the availability check; the unique index let exactly one through.
    if (isUniqueViolation(err)) throw new CoreError('domain_taken', `Domain taken: ${dn.name}`, 'domain');
    throw err;
  }
}
