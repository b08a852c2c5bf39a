// A registrant changes the password of its profile (OpenSRS CHANGE PASSWORD): the request carries the registrant's
// cookie, and the cookie's profile gets the new password, stored as an scrypt hash (passwordHash.ts). A domain, if
// named, must be one of that profile's. The rules are OpenSRS's for registrant passwords (3 to 20 characters, no
// spaces or control characters, as at registration) plus two refusals of obviously weak ones: the registrant
// username itself and one character repeated. The registrant's other cookies are signed out; the one used stays.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { hashPassword } from '../passwordHash.ts';
import { recordHistory } from '../history.ts';
import { resolveCookie } from './cookies.ts';
import { accessDomain } from './domainAccess.ts';

export interface PasswordChange { resellerId: number; cookie?: string; domain?: string; newPassword?: string; ip?: string }

export function validateNewPassword(password: string | undefined, username: string): string {
  if (password === undefined || password === '') throw new CoreError('missing_field', "Required field 'reg_password' not provided", 'reg_password');
  if (password.length < 3) throw new CoreError('invalid_value', 'Password length below minimum: 3 characters', 'reg_password');
  if (password.length > 20) throw new CoreError('invalid_value', 'Password exceeded maximum length: 20 characters', 'reg_password');
  if (/[\s\x00-\x1f\x7f]/.test(password)) throw new CoreError('invalid_value', 'Invalid syntax for registrant password: no spaces or control characters', 'reg_password');
  if (password.toLowerCase() === username.toLowerCase()) throw new CoreError('invalid_value', 'Password too weak: it must not be the registrant username', 'reg_password');
  if (/^(.)\1*$/su.test(password)) throw new CoreError('invalid_value', 'Password too weak: it must not be one character repeated', 'reg_password');
  return password;
}

export async function changeProfilePassword(core: Core, input: PasswordChange): Promise<{ profileId: number; username: string; signedOut: number }> {
  if (!input.cookie) throw new CoreError('missing_field', 'No Cookie Supplied: CHANGE PASSWORD acts on the profile of a registrant cookie (SET COOKIE)', 'cookie');
  // resolveCookie refuses unknown, expired and other resellers' cookies; accessDomain also checks a named domain.
  const c = input.domain
    ? await accessDomain(core, { resellerId: input.resellerId, cookie: input.cookie, domain: input.domain, ip: input.ip }).then((a) => ({ profileId: a.cookieProfileId! }))
    : await resolveCookie(core, input.resellerId, input.cookie, input.ip);
  const profile = await core.db.selectFrom('profiles').select(['id', 'reg_username']).where('id', '=', c.profileId)
    .where('reseller_id', '=', input.resellerId).executeTakeFirst();
  if (!profile) throw new CoreError('cookie_invalid', 'Invalid Cookie Supplied: its profile no longer exists', 'cookie');
  const password = validateNewPassword(input.newPassword, profile.reg_username);
  const hash = await hashPassword(password);
  const now = await core.clock.now();
  const signedOut = await core.db.transaction().execute(async (trx) => {
    await trx.updateTable('profiles').set({ password_hash: hash }).where('id', '=', profile.id).where('reseller_id', '=', input.resellerId).execute();
    const res = await trx.deleteFrom('cookies').where('profile_id', '=', profile.id).where('reseller_id', '=', input.resellerId)
      .where('token', '!=', input.cookie!).executeTakeFirst();
    await recordHistory(trx, { at: now, resellerId: input.resellerId, domainId: null, objectType: 'profile', objectId: profile.id, action: 'change_password', detail: { reg_username: profile.reg_username } });
    return Number(res.numDeletedRows);
  });
  return { profileId: Number(profile.id), username: profile.reg_username, signedOut };
}
