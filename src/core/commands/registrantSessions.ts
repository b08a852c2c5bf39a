// Registrant sessions for a door the registrant reaches directly (the JSON API), with no reseller in between: the
// registrant names one of its domains, the domain names the reseller, and from there it is the OpenSRS "set cookie"
// (cookies.ts) with its password-guessing throttle. The session is the cookie: the same token, the same two-hour
// sliding expiry, the same store rows, so signing out or changing the password ends it everywhere.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { LoginLockedError, profileLoginAttempt, throttledCheck } from '../access/loginThrottle.ts';
import { verifyPasswordOrDummy } from '../passwordHash.ts';
import { COOKIE_IDLE_MS, deleteCookie, resolveCookie, setCookie, type CookieInfo } from './cookies.ts';
import { findLiveDomain } from './findDomain.ts';

export interface RegistrantSession { token: string; resellerId: number; profileId: number; expiresAt: string }

const LOGIN_FAILED = 'Authentication failed: invalid registrant username, password or domain';

/** `sourceAddress` is the connection's own address: it keys the throttle and is kept as the session's last IP. */
export async function startRegistrantSession(core: Core, input: { username: string; password: string; domain: string; sourceAddress: string }): Promise<RegistrantSession & { cookie: CookieInfo }> {
  const d = await findLiveDomain(core, input.domain);
  if (!d) {
    // No domain, no reseller, no profile to check: a failed login all the same, counted against the address (under
    // no reseller's account), after the same scrypt time, so the answer says nothing about which names exist.
    await throttledCheck(core, profileLoginAttempt(input.sourceAddress, 0, input.username), async () => {
      await verifyPasswordOrDummy(input.password, undefined);
      return undefined;
    });
    throw new CoreError('auth_failed', LOGIN_FAILED, 'password');
  }
  let cookie: CookieInfo;
  try {
    cookie = await setCookie(core, {
      resellerId: d.reseller_id, regUsername: input.username, regPassword: input.password, domain: d.name, ip: input.sourceAddress, sourceAddress: input.sourceAddress,
    });
  } catch (err) {
    // Right credentials naming another profile's domain read like wrong ones: the caller proves nothing about it.
    if (err instanceof CoreError && !(err instanceof LoginLockedError) && (err.kind === 'auth_failed' || err.kind === 'not_profile_owner')) throw new CoreError('auth_failed', LOGIN_FAILED, 'password');
    throw err;
  }
  return {
    token: cookie.token, resellerId: d.reseller_id, profileId: cookie.profileId, cookie,
    expiresAt: new Date(Date.parse(cookie.lastAccessAt) + COOKIE_IDLE_MS).toISOString(),
  };
}

/** The session a token names, its expiry slid forward; unknown, expired and signed-out tokens are cookie_invalid. */
export async function resolveRegistrantSession(core: Core, token: string, ip: string): Promise<RegistrantSession> {
  const row = await core.db.selectFrom('cookies').select('reseller_id').where('token', '=', token).executeTakeFirst();
  if (!row) throw new CoreError('cookie_invalid', 'The registrant session is not valid (unknown, expired or signed out)', 'authorization');
  const c = await resolveCookie(core, Number(row.reseller_id), token, ip).catch((err: unknown) => {
    if (err instanceof CoreError && err.kind === 'cookie_invalid') throw new CoreError('cookie_invalid', 'The registrant session is not valid (unknown, expired or signed out)', 'authorization');
    throw err;
  });
  const now = await core.clock.now();
  return { token, resellerId: Number(row.reseller_id), profileId: c.profileId, expiresAt: new Date(now.getTime() + COOKIE_IDLE_MS).toISOString() };
}

export async function endRegistrantSession(core: Core, session: RegistrantSession): Promise<void> {
  await deleteCookie(core, session.resellerId, session.token);
}
