// Registrant cookies (OpenSRS "set cookie"): a registrant signs in with reg_username/reg_password and one of the
// profile's domains and gets an opaque token that reaches that profile's domains. Tokens are random, live in
// the store (so every server process sees them) and expire after two hours without use.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { generateToken } from '../secrets.ts';
import { authenticateProfile } from './profiles.ts';
import { recordHistory } from '../history.ts';
import { findLiveDomain } from './findDomain.ts';
import { noteAuditProfile } from '../audit/auditContext.ts';

export const COOKIE_IDLE_MS = 2 * 3_600_000;

export interface CookieInfo {
  token: string;
  profileId: number;
  domainId: number;
  domainName: string;
  domainExpiresAt: string;
  domainCount: number;
  lastAccessAt: string;
  lastIp: string;
}

async function profileDomain(core: Core, profileId: number, domain: string) {
  const d = await findLiveDomain(core, domain);
  if (!d || d.profile_id !== profileId) throw new CoreError('not_profile_owner', `Domain ${domain} not owned by user`, 'domain');
  return d;
}

async function countProfileDomains(core: Core, profileId: number): Promise<number> {
  const r = await core.db.selectFrom('domains').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('profile_id', '=', profileId).where('deleted_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * `ip` is the registrant's address as the reseller reports it (shown back as last_ip); `sourceAddress`, the
 * connection's own address, keys the password-guessing throttle (access/loginThrottle.ts).
 */
export async function setCookie(core: Core, input: { resellerId: number; regUsername: string; regPassword: string; domain: string; ip: string; sourceAddress: string }): Promise<CookieInfo> {
  const profileId = await authenticateProfile(core, input.resellerId, input.regUsername, input.regPassword, input.sourceAddress);
  noteAuditProfile(profileId);
  const d = await profileDomain(core, profileId, input.domain);
  const now = await core.clock.now();
  const token = generateToken();
  await core.db.transaction().execute(async (trx) => {
    await trx.insertInto('cookies').values({
      token, reseller_id: input.resellerId, profile_id: profileId, domain_id: d.id, created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + COOKIE_IDLE_MS).toISOString(), last_access_at: now.toISOString(), last_ip: input.ip,
    }).execute();
    await recordHistory(trx, { at: now, resellerId: input.resellerId, domainId: d.id, objectType: 'cookie', objectId: profileId, action: 'set' });
  });
  return {
    token, profileId, domainId: d.id, domainName: d.name, domainExpiresAt: d.expires_at,
    domainCount: await countProfileDomains(core, profileId), lastAccessAt: now.toISOString(), lastIp: input.ip,
  };
}

/** Validates a cookie and slides its expiry; unknown, expired or another reseller's cookies are all invalid. */
export async function resolveCookie(core: Core, resellerId: number, token: string, ip?: string): Promise<{ profileId: number; domainId: number; lastAccessAt: string; lastIp: string }> {
  const now = await core.clock.now();
  const row = await core.db.selectFrom('cookies').selectAll().where('token', '=', token).executeTakeFirst();
  if (!row || row.reseller_id !== resellerId || row.expires_at <= now.toISOString()) {
    throw new CoreError('cookie_invalid', 'Invalid Cookie Supplied', 'cookie');
  }
  await core.db.updateTable('cookies').set({
    expires_at: new Date(now.getTime() + COOKIE_IDLE_MS).toISOString(), last_access_at: now.toISOString(), last_ip: ip ?? row.last_ip,
  }).where('token', '=', token).execute();
  noteAuditProfile(row.profile_id);
  return { profileId: row.profile_id, domainId: row.domain_id, lastAccessAt: row.last_access_at, lastIp: row.last_ip };
}

/** Points an existing cookie at another domain of the same profile (OpenSRS "update cookie"). */
export async function updateCookie(core: Core, input: { resellerId: number; token: string; regUsername: string; regPassword: string; domainNew: string; ip: string; sourceAddress: string }): Promise<CookieInfo> {
  const c = await resolveCookie(core, input.resellerId, input.token, input.ip);
  const profileId = await authenticateProfile(core, input.resellerId, input.regUsername, input.regPassword, input.sourceAddress);
  if (profileId !== c.profileId) throw new CoreError('auth_failed', 'Authentication failed: credentials belong to another profile', 'reg_username');
  const d = await profileDomain(core, profileId, input.domainNew);
  const now = await core.clock.now();
  await core.db.updateTable('cookies').set({ domain_id: d.id }).where('token', '=', input.token).execute();
  return {
    token: input.token, profileId, domainId: d.id, domainName: d.name, domainExpiresAt: d.expires_at,
    domainCount: await countProfileDomains(core, profileId), lastAccessAt: now.toISOString(), lastIp: input.ip,
  };
}

export async function deleteCookie(core: Core, resellerId: number, token: string): Promise<void> {
  await resolveCookie(core, resellerId, token);
  await core.db.deleteFrom('cookies').where('token', '=', token).execute();
}
