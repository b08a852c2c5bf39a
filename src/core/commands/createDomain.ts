// Creating a domain from object references (the EPP way, and the JSON API's): contacts by handle (or, for the JSON
// API, contact data for some roles, stored as new contacts), the delegation as host names or host attributes, DS
// records, an optional launch phase. Validation runs in a fixed order before anything is
// written: name -> TLD -> period -> launch phase -> delegation -> contacts -> auth code -> DS -> price ->
// availability. Then placeRegistration.ts carries it through the order path (reserve, registry, complete or fail).
// The domain belongs to the reseller's own registrant profile (resellerProfile.ts), so XCP sees it.
import crypto from 'node:crypto';
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { parseOfferedDomain } from './checkAvailability.ts';
import { placeRegistration } from './placeRegistration.ts';
import { assertPriceAccepted, priceOfName, type AcceptedPrice, type NamePrice } from './prices.ts';
import { validateDelegation, writeDelegation, type DelegationInput } from '../delegation.ts';
import { resolveContactHandle, type ContactRef } from '../contactHandles.ts';
import { assertRoleGivenOnce, validateInlineContacts, type InlineContactInput } from '../inlineContacts.ts';
import { authCodeOrGenerated } from '../domainAuthCode.ts';
import { validateDsSet, type DsRecord } from './dsRecords.ts';
import { checkLaunchCreate, type LaunchCreateRequest } from '../launchPhase.ts';
import { prepareResellerProfile, resolveResellerProfile } from './resellerProfile.ts';
import type { LaunchPhaseName, TldPolicy } from '../../registry/tldPolicy.ts';

export interface CreateDomainInput {
  resellerId: number;
  resellerUsername: string;
  domain: string;
  years: number;
  nameservers: DelegationInput[];
  /** The registrant's handle; may be left out when contactData gives the owner. */
  registrant: string | undefined;
  contacts: ContactRef[];
  /** Contact data for roles not named by handle (the JSON API's inline contacts): each becomes a new contact. */
  contactData?: InlineContactInput;
  /** Blank or undefined: the server generates one. */
  authCode: string | undefined;
  ds: DsRecord[];
  launch?: LaunchCreateRequest;
  autoRenew?: boolean;
  locked?: boolean;
  /** WHOIS privacy from the start (the TLD must offer it); EPP has no way to ask, so it stays off there. */
  whoisPrivacy?: boolean;
  /** Extension data kept with the domain (domains.op_ext). */
  extData?: Record<string, string>;
  /** The fee the client agreed to (EPP fee:create); required for a premium name. */
  acceptedPrice?: AcceptedPrice;
}

export interface CreateDomainResult {
  domainId: number;
  name: string;
  roid: string;
  createdAt: Date;
  expiresAt: Date;
  orderId: number;
  amountMinor: number;
  currency: string;
  /** 'submitted': the registry has not confirmed yet (EPP 1001); a poll message tells when it does. */
  status: 'completed' | 'submitted';
  premium: boolean;
  launch?: { phase: LaunchPhaseName; applicationId: string };
}

/** Registration and renewal periods: 1-10 years is the protocol range; the TLD may allow fewer. */
export function checkPeriod(policy: TldPolicy, years: number): void {
  if (!Number.isInteger(years) || years < 1 || years > 10) {
    throw new CoreError('period_not_allowed', `Invalid period: ${years} years (1-10 years are possible)`, 'period');
  }
  if (!policy.periods.includes(years)) {
    throw new CoreError('policy_violation', `Period of ${years} year(s) is not allowed for .${policy.tld} (allowed: ${policy.periods.join(', ')})`, 'period');
  }
}

export async function createDomain(core: Core, input: CreateDomainInput): Promise<CreateDomainResult> {
  const dn = parseOfferedDomain(core, input.domain);
  const policy = core.registry.policy(dn.tld)!;
  checkPeriod(policy, input.years);
  const now = await core.clock.now();
  const launch = await checkLaunchCreate(core, policy, dn, input.launch, now);
  const delegation = validateDelegation(input.nameservers, dn.name, policy);
  const inline = validateInlineContacts(input.contactData);
  const registrant = input.registrant?.trim() ?? '';
  if (registrant === '' && !inline.owner) throw new CoreError('missing_field', 'Missing required field: registrant', 'registrant');
  const roles = new Map<string, number>();
  if (registrant !== '') roles.set('owner', await resolveContactHandle(core.db, input.resellerId, registrant));
  for (const c of input.contacts) {
    if (roles.has(c.role)) throw new CoreError('policy_violation', `Only one ${c.role} contact per domain`, 'contact');
    roles.set(c.role, await resolveContactHandle(core.db, input.resellerId, c.handle));
  }
  assertRoleGivenOnce(roles.keys(), inline);
  const authCode = authCodeOrGenerated(input.authCode);
  const ds = validateDsSet(input.ds);
  if (input.locked && !policy.supportsLock) throw new CoreError('not_supported', `Domain locking is not available for .${dn.tld}`, 'locked');
  if (input.whoisPrivacy && !policy.supportsWhoisPrivacy) throw new CoreError('not_supported', `WHOIS privacy is not available for .${dn.tld}`, 'whoisPrivacy');
  const price: NamePrice = await priceOfName(core, dn, 'register', input.years);
  assertPriceAccepted(price, input.acceptedPrice, `Domain ${dn.name}`, 'fee');
  const prepared = await prepareResellerProfile(core, input.resellerId, input.resellerUsername);
  const applicationId = launch.phase ? `A${crypto.randomBytes(6).toString('hex').toUpperCase()}` : undefined;
  const summary = {
    name: dn.name, period: input.years, nameservers: delegation.map((h) => h.name), registrant: input.registrant,
    contacts: input.contacts, ...(Object.keys(inline).length > 0 ? { contactData: Object.keys(inline) } : {}), ds: ds.length, launchPhase: launch.phase ?? null, claimKey: launch.claimKey ?? null,
    noticeId: launch.notice?.noticeId ?? null, markId: launch.markId ?? null,
    // The whole notice, for a registry behind regd that wants it with the create (registerStep.ts).
    claimsNotice: launch.notice ? { noticeId: launch.notice.noticeId, notAfter: launch.notice.notAfter.toISOString(), acceptedDate: launch.notice.acceptedDate.toISOString() } : null,
  };
  const outcome = await placeRegistration(core, {
    resellerId: input.resellerId, name: dn, policy, years: input.years, price: { amountMinor: price.amountMinor, currency: price.currency },
    profile: { username: prepared.username, resolve: (trx, at) => resolveResellerProfile(trx, input.resellerId, prepared, at) },
    contacts: { kind: 'ids', roles, ...(Object.keys(inline).length > 0 ? { data: inline } : {}) },
    nameservers: delegation.map((h, i) => ({ name: h.name, sortOrder: i + 1, addresses: h.addresses, hostAttr: h.hostAttr })),
    authCode, ds,
    domain: {
      locked: Boolean(input.locked), autoRenew: Boolean(input.autoRenew), whoisPrivacy: Boolean(input.whoisPrivacy),
      launchPhase: launch.phase, launchApplicationId: applicationId, crResellerId: input.resellerId,
      opExt: Object.fromEntries(Object.entries(input.extData ?? {}).filter(([, v]) => v !== '')),
    },
    summary, historyDetail: summary,
  });
  return {
    domainId: outcome.domainId, name: dn.name, roid: outcome.roid, createdAt: outcome.createdAt, expiresAt: outcome.expiresAt,
    orderId: outcome.orderId, amountMinor: outcome.amountMinor, currency: outcome.currency, status: outcome.status, premium: price.premium,
    launch: launch.phase && applicationId ? { phase: launch.phase, applicationId } : undefined,
  };
}
