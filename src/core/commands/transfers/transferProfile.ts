// The registrant profile a transferred-in domain joins when the request named none: the gaining reseller's own
// "epp-<username>" profile (resellerProfile.ts), created if it has none yet.
import type { Core, Tx } from '../../core.ts';
import { recordHistory } from '../../history.ts';
import { prepareResellerProfile, resolveResellerProfile, type PreparedResellerProfile } from '../resellerProfile.ts';
import { usernameOf } from './transferRecords.ts';

export interface PreparedEppProfile { resellerId: number; prepared: PreparedResellerProfile }

export async function prepareEppProfile(core: Core, resellerId: number): Promise<PreparedEppProfile> {
  return { resellerId, prepared: await prepareResellerProfile(core, resellerId, await usernameOf(core.db, resellerId)) };
}

export async function resolveEppProfile(tx: Tx, p: PreparedEppProfile, now: Date): Promise<number> {
  const profile = await resolveResellerProfile(tx, p.resellerId, p.prepared, now);
  if (profile.created) {
    await recordHistory(tx, { at: now, resellerId: p.resellerId, domainId: null, objectType: 'profile', objectId: profile.id, action: 'create', detail: { reg_username: p.prepared.username } });
  }
  return profile.id;
}
