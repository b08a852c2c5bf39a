// Signing a registrant in directly (the web pages at /my), with no reseller in between: as the OpenSRS "set cookie"
// (commands/cookies.ts), the registrant names its profile's username, password and one of the profile's domains.
// The domain names the reseller (profile usernames are per reseller), the password is checked under the same
// password-guessing throttle, and only then is the domain checked to be the profile's.
//
// Every way of failing (no such domain, no such username, a wrong password, a domain of another profile) reads the
// same, so the answer tells a guesser nothing about which names or usernames exist; an unknown domain still costs
// the scrypt time and counts as a failure against the address.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { authenticateProfile } from '../commands/profiles.ts';
import { findLiveDomain, type DomainRow } from '../commands/findDomain.ts';
import { verifyPasswordOrDummy } from '../passwordHash.ts';
import { LoginLockedError, profileLoginAttempt, throttledCheck } from './loginThrottle.ts';

export const REGISTRANT_SIGN_IN_FAILED = 'Wrong username, password or domain name.';

export interface RegistrantIdentity { resellerId: number; profileId: number; domain: DomainRow }

async function liveDomainOrNothing(core: Core, name: string): Promise<DomainRow | undefined> {
  try {
    return await findLiveDomain(core, name);
  } catch (err) {
    // A name that is not even a domain name is just one more unknown domain.
    if (err instanceof CoreError && err.kind === 'invalid_domain') return undefined;
    throw err;
  }
}

/**
 * The profile the credentials open, with the domain they named. Throws LoginLockedError while the address or the
 * account is locked, and CoreError auth_failed with REGISTRANT_SIGN_IN_FAILED for every other refusal.
 */
export async function authenticateRegistrant(core: Core, input: { username: string; password: string; domain: string; sourceAddress: string }): Promise<RegistrantIdentity> {
  const d = input.domain.trim() === '' ? undefined : await liveDomainOrNothing(core, input.domain.trim());
  if (!d) {
    // No domain, so no reseller and no profile: counted against the address under no reseller's account (id 0).
    await throttledCheck(core, profileLoginAttempt(input.sourceAddress, 0, input.username), async () => {
      await verifyPasswordOrDummy(input.password, undefined);
      return undefined;
    });
    throw new CoreError('auth_failed', REGISTRANT_SIGN_IN_FAILED, 'password');
  }
  let profileId: number;
  try {
    profileId = await authenticateProfile(core, d.reseller_id, input.username, input.password, input.sourceAddress);
  } catch (err) {
    if (err instanceof LoginLockedError) throw err;
    if (err instanceof CoreError && err.kind === 'auth_failed') throw new CoreError('auth_failed', REGISTRANT_SIGN_IN_FAILED, 'password');
    throw err;
  }
  // Right credentials with another profile's domain prove nothing about that domain: the same answer.
  if (d.profile_id !== profileId) throw new CoreError('auth_failed', REGISTRANT_SIGN_IN_FAILED, 'password');
  return { resellerId: d.reseller_id, profileId, domain: d };
}
