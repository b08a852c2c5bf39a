// Registrant profiles: a reg_username/reg_password pair per reseller that groups a registrant's domains.
import type { Core, Tx } from '../core.ts';
import { CoreError } from '../errors.ts';
import { hashPassword, verifyPasswordOrDummy } from '../passwordHash.ts';
import { profileLoginAttempt, throttledCheck } from '../access/loginThrottle.ts';
import { verifyProfilePassword } from '../access/recentlyVerifiedPasswords.ts';

// OpenSRS's limits: passwords of 3-20 characters; usernames are short identifiers.
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@+-]{2,63}$/;

export function validateProfileCredentials(username: string | undefined, password: string | undefined): { username: string; password: string } {
  if (!username) throw new CoreError('missing_field', "Required field 'reg_username' not provided", 'reg_username');
  if (!password) throw new CoreError('missing_field', "Required field 'reg_password' not provided", 'reg_password');
  if (!USERNAME.test(username)) throw new CoreError('invalid_value', 'Invalid syntax for registrant username', 'reg_username');
  // "epp-<reseller>" holds the domains a reseller creates over EPP (resellerProfile.ts); nobody may claim it.
  if (username.toLowerCase().startsWith('epp-')) throw new CoreError('invalid_value', 'Registrant usernames starting with "epp-" are reserved', 'reg_username');
  if (password.length < 3) throw new CoreError('invalid_value', 'Password length below minimum: 3 characters', 'reg_password');
  if (password.length > 20) throw new CoreError('invalid_value', 'Password exceeded maximum length: 20 characters', 'reg_password');
  if (/[\s\x00-\x1f]/.test(password)) throw new CoreError('invalid_value', 'Invalid syntax for registrant password', 'reg_password');
  return { username, password };
}

export interface ProfileRow { id: number; password_hash: string }

export async function findProfile(tx: Tx, resellerId: number, username: string): Promise<ProfileRow | undefined> {
  return tx.selectFrom('profiles').select(['id', 'password_hash'])
    .where('reseller_id', '=', resellerId).where('reg_username', '=', username).executeTakeFirst();
}

/**
 * Checks registrant credentials; unknown user and wrong password read the same to the caller, and take the same
 * scrypt time. The password-guessing throttle applies, keyed by the connection's source address and the profile
 * (access/loginThrottle.ts):
 * while the address or the profile is locked it throws LoginLockedError (auth_failed) without checking the password.
 */
export async function authenticateProfile(core: Core, resellerId: number, username: string, password: string, sourceAddress: string): Promise<number> {
  const check = async () => {
    const p = await findProfile(core.db, resellerId, username);
    if (!p) {
      // An unknown user costs the same scrypt time as a wrong password (never a cache hit: nothing was verified).
      await verifyPasswordOrDummy(password, undefined);
      return undefined;
    }
    return (await verifyProfilePassword(p.id, password, p.password_hash)) ? p.id : undefined;
  };
  const id = await throttledCheck(core, profileLoginAttempt(sourceAddress, resellerId, username), check);
  if (id === undefined) throw new CoreError('auth_failed', 'Authentication failed: invalid registrant username or password', 'reg_password');
  return id;
}

/**
 * Prepares "this profile, created if new" before a transaction: verifying or hashing a password takes tens of
 * milliseconds of scrypt, which must not run while the embedded store's single connection is held.
 */
export interface PreparedProfile { username: string; password: string; existingId?: number; newHash?: string }

export async function prepareProfile(core: Core, resellerId: number, username: string, password: string): Promise<PreparedProfile> {
  const p = await findProfile(core.db, resellerId, username);
  if (p) {
    if (!(await verifyProfilePassword(p.id, password, p.password_hash))) {
      throw new CoreError('auth_failed', `Authentication failed: wrong password for existing profile ${username}`, 'reg_password');
    }
    return { username, password, existingId: p.id };
  }
  return { username, password, newHash: await hashPassword(password) };
}

/** Inside the transaction: the prepared profile's id, creating it if it is still new. */
export async function resolvePreparedProfile(tx: Tx, resellerId: number, prepared: PreparedProfile, now: Date): Promise<{ id: number; created: boolean }> {
  if (prepared.existingId !== undefined) return { id: prepared.existingId, created: false };
  const raced = await findProfile(tx, resellerId, prepared.username);
  if (raced) {
    // Another request created it in between; it must carry the same password to be joined.
    if (!(await verifyProfilePassword(raced.id, prepared.password, raced.password_hash))) {
      throw new CoreError('auth_failed', `Authentication failed: wrong password for existing profile ${prepared.username}`, 'reg_password');
    }
    return { id: raced.id, created: false };
  }
  // ON CONFLICT DO NOTHING: on PostgreSQL a concurrent first registration may insert the same profile between
  // our check and our insert; then the row is theirs and must carry the same password.
  const row = await tx.insertInto('profiles').values({
    reseller_id: resellerId, reg_username: prepared.username, password_hash: prepared.newHash!, created_at: now.toISOString(),
  }).onConflict((oc) => oc.columns(['reseller_id', 'reg_username']).doNothing()).returning('id').executeTakeFirst();
  if (row) return { id: row.id, created: true };
  const theirs = await findProfile(tx, resellerId, prepared.username);
  if (!theirs || !(await verifyProfilePassword(theirs.id, prepared.password, theirs.password_hash))) {
    throw new CoreError('auth_failed', `Authentication failed: wrong password for existing profile ${prepared.username}`, 'reg_password');
  }
  return { id: theirs.id, created: false };
}
