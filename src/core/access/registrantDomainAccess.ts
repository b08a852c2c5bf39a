// What a signed-in registrant reaches: the domains of its own profile at its own reseller, nothing else. The cookie
// path (commands/domainAccess.ts) answers this for an OpenSRS cookie; this answers it for a registrant known by
// profile id (a web session). Another profile's or another reseller's domain reads exactly as a name nobody holds,
// so a registrant who edits a URL learns nothing about other people's domains.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { findLiveDomain, type DomainRow } from '../commands/findDomain.ts';

export interface RegistrantRef { resellerId: number; profileId: number }

export function registrantDomainNotFound(name: string): CoreError {
  return new CoreError('not_found', `You have no domain called ${name}.`, 'domain');
}

/** The live domain of this profile called `name` (U- or A-label); not_found for anything else. */
export async function registrantDomain(core: Core, who: RegistrantRef, name: string): Promise<DomainRow> {
  let d: DomainRow | undefined;
  try {
    d = await findLiveDomain(core, name);
  } catch (err) {
    if (err instanceof CoreError && err.kind === 'invalid_domain') throw registrantDomainNotFound(name);
    throw err;
  }
  // A domain in redemption is gone for its owner, as for a cookie (domainAccess.ts).
  if (!d || d.profile_id !== who.profileId || d.reseller_id !== who.resellerId || d.rgp_status !== null) throw registrantDomainNotFound(name);
  return d;
}

/** The profile's username (shown as who is signed in); undefined if the profile is gone. */
export async function registrantUsername(core: Core, who: RegistrantRef): Promise<string | undefined> {
  const p = await core.db.selectFrom('profiles').select('reg_username').where('id', '=', who.profileId)
    .where('reseller_id', '=', who.resellerId).executeTakeFirst();
  return p?.reg_username;
}
