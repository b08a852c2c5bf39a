// Giving a registrant profile a new password, whichever way the registrant proved who it is (an OpenSRS cookie in
// CHANGE PASSWORD, a web session at /my): the rules of validateNewPassword, an scrypt hash, one history row, and
// every other sign-in of the profile ended: its OpenSRS cookies (also the JSON API's registrant sessions, which are
// cookies) and its web sessions, except the one making the change.
import type { Core } from '../core.ts';
import { hashPassword } from '../passwordHash.ts';
import { recordHistory } from '../history.ts';
import { endOtherSessions } from '../access/sessions.ts';
import { CoreError } from '../errors.ts';

/** OpenSRS's registrant password rules (3-20 characters, no spaces or control characters) and two weak ones refused. */
export function validateNewPassword(password: string | undefined, username: string): string {
  if (password === undefined || password === '') throw new CoreError('missing_field', "Required field 'reg_password' not provided", 'reg_password');
  if (password.length < 3) throw new CoreError('invalid_value', 'Password length below minimum: 3 characters', 'reg_password');
  if (password.length > 20) throw new CoreError('invalid_value', 'Password exceeded maximum length: 20 characters', 'reg_password');
  if (/[\s\x00-\x1f\x7f]/.test(password)) throw new CoreError('invalid_value', 'Invalid syntax for registrant password: no spaces or control characters', 'reg_password');
  if (password.toLowerCase() === username.toLowerCase()) throw new CoreError('invalid_value', 'Password too weak: it must not be the registrant username', 'reg_password');
  if (/^(.)\1*$/su.test(password)) throw new CoreError('invalid_value', 'Password too weak: it must not be one character repeated', 'reg_password');
  return password;
}

export interface NewProfilePassword {
  resellerId: number;
  profileId: number;
  username: string;
  newPassword: string | undefined;
  /** The cookie making the change, which stays signed in. */
  keepCookie?: string;
  /** The web session making the change, which stays signed in. */
  keepWebSessionId?: number;
}

/** Returns how many cookies were signed out. */
export async function setProfilePassword(core: Core, input: NewProfilePassword): Promise<{ cookiesSignedOut: number }> {
  const password = validateNewPassword(input.newPassword, input.username);
  const hash = await hashPassword(password);
  const now = await core.clock.now();
  const cookiesSignedOut = await core.db.transaction().execute(async (trx) => {
    await trx.updateTable('profiles').set({ password_hash: hash }).where('id', '=', input.profileId).where('reseller_id', '=', input.resellerId).execute();
    let cookies = trx.deleteFrom('cookies').where('profile_id', '=', input.profileId).where('reseller_id', '=', input.resellerId);
    if (input.keepCookie !== undefined) cookies = cookies.where('token', '!=', input.keepCookie);
    const res = await cookies.executeTakeFirst();
    await recordHistory(trx, { at: now, resellerId: input.resellerId, domainId: null, objectType: 'profile', objectId: input.profileId, action: 'change_password', detail: { reg_username: input.username } });
    return Number(res.numDeletedRows);
  });
  await endOtherSessions(core, { resellerId: input.resellerId, profileId: input.profileId }, input.keepWebSessionId);
  return { cookiesSignedOut };
}
