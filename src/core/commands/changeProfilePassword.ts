// A registrant changes the password of its profile (OpenSRS CHANGE PASSWORD): the request carries the registrant's
// cookie, and the cookie's profile gets the new password, stored as an scrypt hash (passwordHash.ts). A domain, if
// named, must be one of that profile's. The rules are OpenSRS's for registrant passwords (3 to 20 characters, no
// spaces or control characters, as at registration) plus two refusals of obviously weak ones: the registrant
// username itself and one character repeated. The registrant's other cookies and its web sessions (at /my) are
// signed out; the cookie used stays (setProfilePassword.ts).
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { setProfilePassword, validateNewPassword } from './setProfilePassword.ts';
import { resolveCookie } from './cookies.ts';
import { accessDomain } from './domainAccess.ts';

export interface PasswordChange { resellerId: number; cookie?: string; domain?: string; newPassword?: string; ip?: string }

// The password rules live with setProfilePassword, which every door's password change goes through.
export { validateNewPassword };

export async function changeProfilePassword(core: Core, input: PasswordChange): Promise<{ profileId: number; username: string; signedOut: number }> {
  if (!input.cookie) throw new CoreError('missing_field', 'No Cookie Supplied: CHANGE PASSWORD acts on the profile of a registrant cookie (SET COOKIE)', 'cookie');
  // resolveCookie refuses unknown, expired and other resellers' cookies; accessDomain also checks a named domain.
  const c = input.domain
    ? await accessDomain(core, { resellerId: input.resellerId, cookie: input.cookie, domain: input.domain, ip: input.ip }).then((a) => ({ profileId: a.cookieProfileId! }))
    : await resolveCookie(core, input.resellerId, input.cookie, input.ip);
  const profile = await core.db.selectFrom('profiles').select(['id', 'reg_username']).where('id', '=', c.profileId)
    .where('reseller_id', '=', input.resellerId).executeTakeFirst();
  if (!profile) throw new CoreError('cookie_invalid', 'Invalid Cookie Supplied: its profile no longer exists', 'cookie');
  const { cookiesSignedOut: signedOut } = await setProfilePassword(core, {
    resellerId: input.resellerId, profileId: Number(profile.id), username: profile.reg_username, newPassword: input.newPassword, keepCookie: input.cookie,
  });
  return { profileId: Number(profile.id), username: profile.reg_username, signedOut };
}
