// CHANGE OWNERSHIP: moves a domain (or, with moveAll, every domain of its profile) to another registrant profile of
// the same reseller: the profile with the given username (its password must match), or a new profile with that
// username and password. Cookies on the moved domains end (they were issued to the old profile). One transaction,
// a history row per domain; no money moves.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { recordHistory } from '../history.ts';
import { toAsciiHostname } from '../domainName.ts';
import type { DomainRow } from './findDomain.ts';
import { prepareProfile, resolvePreparedProfile, validateProfileCredentials } from './profiles.ts';

export interface ChangeOwnershipInput {
  resellerId: number;
  domain: DomainRow;
  username: string | undefined;
  password: string | undefined;
  /** A domain already in the target profile: the move must land in that profile. */
  regDomain?: string;
  moveAll?: boolean;
}

export interface ChangeOwnershipResult { profileId: number; profileCreated: boolean; moved: string[] }

export async function changeOwnership(core: Core, input: ChangeOwnershipInput): Promise<ChangeOwnershipResult> {
  const d = input.domain;
  if (d.reseller_id !== input.resellerId) throw new CoreError('not_sponsor', 'Domain does not belong to Registrar', 'domain');
  const creds = validateProfileCredentials(input.username, input.password);
  const prepared = await prepareProfile(core, input.resellerId, creds.username, creds.password);
  let regDomainProfile: number | undefined;
  if (input.regDomain) {
    const name = toAsciiHostname(input.regDomain);
    if (!name) throw new CoreError('invalid_domain', 'Invalid domain name syntax', 'reg_domain');
    const rd = await core.db.selectFrom('domains').select(['profile_id', 'reseller_id']).where('name', '=', name).where('deleted_at', 'is', null).executeTakeFirst();
    if (!rd || Number(rd.reseller_id) !== input.resellerId) throw new CoreError('not_found', `Profile based on ${name} not found`, 'reg_domain');
    if (prepared.existingId === undefined || Number(rd.profile_id) !== prepared.existingId) {
      throw new CoreError('auth_failed', `Authentication failed: ${creds.username} is not the profile of ${name}`, 'username');
    }
    regDomainProfile = Number(rd.profile_id);
  }
  const now = await core.clock.now();
  return core.db.transaction().execute(async (trx) => {
    const profile = await resolvePreparedProfile(trx, input.resellerId, prepared, now);
    if (regDomainProfile !== undefined && Number(profile.id) !== regDomainProfile) throw new CoreError('auth_failed', 'Authentication failed: profile mismatch', 'reg_domain');
    const fromProfile = Number(d.profile_id);
    if (fromProfile === Number(profile.id)) throw new CoreError('invalid_value', `Invalid data: ${d.name} is already in profile ${creds.username}`, 'username');
    const rows = input.moveAll
      ? await trx.selectFrom('domains').select(['id', 'name']).where('profile_id', '=', fromProfile).where('reseller_id', '=', input.resellerId).where('deleted_at', 'is', null).orderBy('name').execute()
      : [{ id: d.id, name: d.name }];
    const from = await trx.selectFrom('profiles').select('reg_username').where('id', '=', fromProfile).executeTakeFirst();
    for (const r of rows) {
      await trx.updateTable('domains').set({ profile_id: profile.id, updated_at: now.toISOString() }).where('id', '=', r.id).execute();
      await trx.deleteFrom('cookies').where('domain_id', '=', r.id).execute();
      await recordHistory(trx, {
        at: now, resellerId: input.resellerId, domainId: r.id, objectType: 'domain', objectId: r.id, action: 'change_ownership',
        detail: { fromProfileId: fromProfile, fromUsername: from?.reg_username ?? '', toProfileId: profile.id, toUsername: creds.username, profileCreated: profile.created },
      });
    }
    if (profile.created) {
      await recordHistory(trx, { at: now, resellerId: input.resellerId, domainId: null, objectType: 'profile', objectId: profile.id, action: 'create', detail: { reg_username: creds.username } });
    }
    return { profileId: profile.id, profileCreated: profile.created, moved: rows.map((r) => r.name) };
  });
}
