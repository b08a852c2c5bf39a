// A signed-in registrant (a web session at /my) changes its profile's password. Being signed in is not enough: the
// current password is asked again, under the password-guessing throttle, so a session left open on a shared
// computer cannot be turned into a stolen account. Then the change is CHANGE PASSWORD's (setProfilePassword.ts):
// the same rules, and every other sign-in of the profile ends.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { LoginLockedError } from '../access/loginThrottle.ts';
import { registrantUsername, type RegistrantRef } from '../access/registrantDomainAccess.ts';
import { authenticateProfile } from './profiles.ts';
import { setProfilePassword } from './setProfilePassword.ts';

export interface SignedInPasswordChange extends RegistrantRef {
  currentPassword: string;
  newPassword: string;
  /** The connection's address: it keys the throttle. */
  sourceAddress: string;
  /** The session making the change, which stays signed in. */
  webSessionId: number;
}

export async function changeSignedInProfilePassword(core: Core, input: SignedInPasswordChange): Promise<{ username: string }> {
  const username = await registrantUsername(core, input);
  if (username === undefined) throw new CoreError('not_found', 'This registrant profile no longer exists', 'profile');
  if (input.currentPassword === '') throw new CoreError('missing_field', 'Enter your current password', 'current_password');
  try {
    const id = await authenticateProfile(core, input.resellerId, username, input.currentPassword, input.sourceAddress);
    if (id !== input.profileId) throw new CoreError('auth_failed', 'The current password is wrong', 'current_password');
  } catch (err) {
    if (err instanceof CoreError && err.kind === 'auth_failed' && !(err instanceof LoginLockedError)) {
      throw new CoreError('auth_failed', 'The current password is wrong', 'current_password');
    }
    throw err;
  }
  await setProfilePassword(core, {
    resellerId: input.resellerId, profileId: input.profileId, username, newPassword: input.newPassword, keepWebSessionId: input.webSessionId,
  });
  return { username };
}
