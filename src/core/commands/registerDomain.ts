// XCP's registration (SW_REGISTER reg_type=new): contact data and registrant credentials. Validation runs in a
// fixed order before anything is written: name -> TLD -> period -> contacts -> nameservers -> registrant
// credentials -> price. handle=save stores the order for PROCESS_PENDING; otherwise placeRegistration.ts carries
// it through the order path (reserve, registry, complete or fail).
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { validateContactSet } from '../contact.ts';
import { validateNameservers, DEFAULT_NAMESERVERS, type NameserverEntry } from '../nameserverList.ts';
import { prepareProfile, resolvePreparedProfile, validateProfileCredentials } from './profiles.ts';
import { parseOfferedDomain } from './checkAvailability.ts';
import { placeRegistration } from './placeRegistration.ts';
import { assertPriceAccepted, priceOfName, type AcceptedPrice } from './prices.ts';
import { normaliseIdnLanguage } from '../domainName.ts';
import { recordHistory } from '../history.ts';
import { generateAuthCode } from '../secrets.ts';
import { validateTldData } from '../tldData.ts';
import { checkLaunchCreate } from '../launchPhase.ts';

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
  /** The price the client acknowledged (XCP premium_price_to_verify); required for a premium name. */
  acceptedPrice?: AcceptedPrice;
  /** The IDN language tag (XCP encoding_type), kept with the domain. */
  encodingType?: string;
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
  const encodingType = normaliseIdnLanguage(input.encodingType);
  const price = await priceOfName(core, dn, 'register', input.period);
  assertPriceAccepted(price, input.acceptedPrice, `Domain ${dn.name}`, 'premium_price_to_verify');
  const prepared = await prepareProfile(core, input.resellerId, creds.username, creds.password);
  const now = await core.clock.now();
  const requestJson = JSON.stringify({ ...input, regPassword: undefined, contactSet: contacts, nameservers, encodingType });

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

  const outcome = await placeRegistration(core, {
    resellerId: input.resellerId, name: dn, policy, years: input.period, price: { amountMinor: price.amountMinor, currency: price.currency },
    profile: { username: creds.username, resolve: (trx, at) => resolvePreparedProfile(trx, input.resellerId, prepared, at) },
    contacts: { kind: 'data', set: contacts },
    nameservers: nameservers.map((n) => ({ name: n.name, sortOrder: n.sortOrder, addresses: [], hostAttr: false })),
    authCode, ds: [],
    domain: { locked: input.lock, autoRenew: input.autoRenew, whoisPrivacy: input.whoisPrivacy, tldData, encodingType },
    summary: JSON.parse(requestJson) as Record<string, unknown>,
  });
  return {
    orderId: outcome.orderId, status: outcome.status, domainId: outcome.domainId, name: dn.name, expiresAt: outcome.expiresAt,
    amountMinor: outcome.amountMinor, currency: outcome.currency, profileCreated: outcome.profileCreated,
  };
}
