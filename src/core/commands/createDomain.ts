// Creating a domain from object references (the EPP way): contacts by handle, the delegation as host names or
// host attributes, DS records, an optional launch phase. Validation runs in a fixed order before anything is
// written: name -> TLD -> period -> launch phase -> delegation -> contacts -> auth code -> DS -> price ->
// availability. Then one transaction re-checks availability, debits the reseller, creates the domain at the
// registry and writes the domain, its contact links, delegation, DS records, the order, the ledger entry and the
// history rows. The domain belongs to the reseller's own registrant profile (resellerProfile.ts), so XCP sees it.
import crypto from 'node:crypto';
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { parseOfferedDomain, isHeldByRegd } from './checkAvailability.ts';
import { priceFor } from './prices.ts';
import { debit } from '../ledger.ts';
import { recordHistory } from '../history.ts';
import { isUniqueViolation } from '../../store/uniqueViolation.ts';
import { validateDelegation, writeDelegation, type DelegationInput } from '../delegation.ts';
import { resolveContactHandle, setContactRole, type ContactRef } from '../contactHandles.ts';
import { authCodeOrGenerated } from '../domainAuthCode.ts';
import { validateDsSet, writeDsRecords, type DsRecord } from './dsRecords.ts';
import { checkLaunchCreate, type LaunchCreateRequest } from '../launchPhase.ts';
import { prepareResellerProfile, resolveResellerProfile } from './resellerProfile.ts';
import { assertWithinDomainQuota } from '../quotas.ts';
import type { LaunchPhaseName, TldPolicy } from '../../registry/tldPolicy.ts';

export interface CreateDomainInput {
  resellerId: number;
  resellerUsername: string;
  domain: string;
  years: number;
  nameservers: DelegationInput[];
  registrant: string | undefined;
  contacts: ContactRef[];
  /** Blank or undefined: the server generates one. */
  authCode: string | undefined;
  ds: DsRecord[];
  launch?: LaunchCreateRequest;
  autoRenew?: boolean;
  locked?: boolean;
  /** Extension data kept with the domain (domains.op_ext). */
  extData?: Record<string, string>;
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
  if (input.registrant === undefined || input.registrant.trim() === '') throw new CoreError('missing_field', 'Missing required field: registrant', 'registrant');
  const roles = new Map<string, number>();
  roles.set('owner', await resolveContactHandle(core.db, input.resellerId, input.registrant.trim()));
  for (const c of input.contacts) {
    if (roles.has(c.role)) throw new CoreError('policy_violation', `Only one ${c.role} contact per domain`, 'contact');
    roles.set(c.role, await resolveContactHandle(core.db, input.resellerId, c.handle));
  }
  const authCode = authCodeOrGenerated(input.authCode);
  const ds = validateDsSet(input.ds);
  if (input.locked && !policy.supportsLock) throw new CoreError('not_supported', `Domain locking is not available for .${dn.tld}`, 'locked');
  const price = await priceFor(core, dn.tld, 'register', input.years);
  if (await core.registry.isRegisteredElsewhere(dn.name)) throw new CoreError('domain_taken', `Domain taken: ${dn.name}`, 'domain');
  const prepared = await prepareResellerProfile(core, input.resellerId, input.resellerUsername);
  const applicationId = launch.phase ? `A${crypto.randomBytes(6).toString('hex').toUpperCase()}` : undefined;
  const summary = {
    name: dn.name, period: input.years, nameservers: delegation.map((h) => h.name), registrant: input.registrant,
    contacts: input.contacts, ds: ds.length, launchPhase: launch.phase ?? null, claimKey: launch.claimKey ?? null,
    noticeId: launch.notice?.noticeId ?? null, markId: launch.markId ?? null,
  };
  try {
    return await core.db.transaction().execute(async (trx) => {
      if (await isHeldByRegd(trx, dn.name)) throw new CoreError('domain_taken', `Domain taken: ${dn.name}`, 'domain');
      const profile = await resolveResellerProfile(trx, input.resellerId, prepared, now);
      const order = await trx.insertInto('orders').values({
        reseller_id: input.resellerId, profile_id: profile.id, domain_id: null, domain_name: dn.name, kind: 'register',
        status: 'completed', period: input.years, amount_minor: price.amountMinor, currency: price.currency,
        request_json: JSON.stringify(summary), created_at: now.toISOString(), completed_at: now.toISOString(),
      }).returning('id').executeTakeFirstOrThrow();
      await debit(trx, { resellerId: input.resellerId, amountMinor: price.amountMinor, orderId: order.id, description: `register ${dn.name} ${input.years}y`, at: now });
      const created = await core.registry.createDomain({ name: dn.name, years: input.years, nameservers: delegation.map((h) => h.name), authCode, now });
      const domain = await trx.insertInto('domains').values({
        name: dn.name, tld: dn.tld, roid: created.roid, profile_id: profile.id, reseller_id: input.resellerId,
        created_at: created.createdAt.toISOString(), expires_at: created.expiresAt.toISOString(), updated_at: now.toISOString(),
        transferred_at: null, deleted_at: null, auth_code: authCode, locked: input.locked ? 1 : 0,
        auto_renew: input.autoRenew ? 1 : 0, let_expire: 0, whois_privacy: 'disabled', descr: '', affiliate_id: '',
        launch_phase: launch.phase ?? null, launch_application_id: applicationId ?? null,
        op_ext: JSON.stringify(Object.fromEntries(Object.entries(input.extData ?? {}).filter(([, v]) => v !== ''))), cr_reseller_id: input.resellerId, up_reseller_id: null,
      }).returning('id').executeTakeFirstOrThrow();
      await trx.updateTable('orders').set({ domain_id: domain.id }).where('id', '=', order.id).execute();
      await assertWithinDomainQuota(trx, input.resellerId);
      for (const [role, contactId] of roles) await setContactRole(trx, domain.id, role, contactId);
      await writeDelegation(trx, domain.id, delegation);
      await writeDsRecords(trx, domain.id, ds);
      if (profile.created) {
        await recordHistory(trx, { at: now, resellerId: input.resellerId, domainId: null, objectType: 'profile', objectId: profile.id, action: 'create', detail: { reg_username: prepared.username } });
      }
      await recordHistory(trx, {
        at: now, resellerId: input.resellerId, domainId: domain.id, objectType: 'domain', objectId: domain.id, action: 'register',
        detail: { ...summary, orderId: order.id, amountMinor: price.amountMinor },
      });
      return {
        domainId: domain.id, name: dn.name, roid: created.roid, createdAt: created.createdAt, expiresAt: created.expiresAt,
        orderId: order.id, amountMinor: price.amountMinor, currency: price.currency,
        launch: launch.phase && applicationId ? { phase: launch.phase, applicationId } : undefined,
      };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new CoreError('domain_taken', `Domain taken: ${dn.name}`, 'domain');
    throw err;
  }
}
