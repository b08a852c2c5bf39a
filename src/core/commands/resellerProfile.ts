// The registrant profile that holds domains a reseller creates without registrant credentials (over EPP): one per
// reseller, named "epp-<reseller username>", with the hash of a random password nobody is told, so nobody can log
// into it. The "epp-" prefix is reserved: XCP registrations cannot create profiles with it.
import type { Core, Tx } from '../core.ts';
import { hashPassword } from '../passwordHash.ts';
import { randomString } from '../secrets.ts';
import { findProfile } from './profiles.ts';

export const RESERVED_PROFILE_PREFIX = 'epp-';

export function resellerProfileName(resellerUsername: string): string {
  return `${RESERVED_PROFILE_PREFIX}${resellerUsername}`;
}

export interface PreparedResellerProfile { username: string; existingId?: number; newHash?: string }

/** Before the transaction (hashing takes tens of milliseconds): the profile's id, or a hash to create it with. */
export async function prepareResellerProfile(core: Core, resellerId: number, resellerUsername: string): Promise<PreparedResellerProfile> {
  const username = resellerProfileName(resellerUsername);
  const p = await findProfile(core.db, resellerId, username);
  if (p) return { username, existingId: p.id };
  return { username, newHash: await hashPassword(randomString(32)) };
}

export async function resolveResellerProfile(tx: Tx, resellerId: number, prepared: PreparedResellerProfile, now: Date): Promise<{ id: number; created: boolean }> {
  if (prepared.existingId !== undefined) return { id: prepared.existingId, created: false };
  const row = await tx.insertInto('profiles').values({
    reseller_id: resellerId, reg_username: prepared.username, password_hash: prepared.newHash!, created_at: now.toISOString(),
  }).onConflict((oc) => oc.columns(['reseller_id', 'reg_username']).doNothing()).returning('id').executeTakeFirst();
  if (row) return { id: row.id, created: true };
  const theirs = await findProfile(tx, resellerId, prepared.username);
  return { id: theirs!.id, created: false };
}
