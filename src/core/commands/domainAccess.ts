// Who may act on a domain. A request either carries a registrant cookie (it reaches only the domains of that
// cookie's profile) or names a domain outright (it acts for the sponsoring reseller, which must be the caller).
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { toAsciiHostname } from '../domainName.ts';
import { resolveCookie } from './cookies.ts';
import { findLiveDomain, type DomainRow } from './findDomain.ts';


export interface DomainAccess {
  domain: DomainRow;
  /** The profile whose cookie was used, if any. */
  cookieProfileId?: number;
}

export async function accessDomain(core: Core, req: { resellerId: number; cookie?: string; domain?: string; ip?: string }): Promise<DomainAccess> {
  if (req.cookie) {
    const c = await resolveCookie(core, req.resellerId, req.cookie, req.ip);
    if (req.domain) {
      const d = await findLiveDomain(core, req.domain);
      if (!d || d.rgp_status !== null || d.profile_id !== c.profileId) {
        throw new CoreError('not_profile_owner', `Domain ${toAsciiHostname(req.domain) ?? req.domain} not owned by user`, 'domain');
      }
      return { domain: d, cookieProfileId: c.profileId };
    }
    const d = await core.db.selectFrom('domains').selectAll().where('id', '=', c.domainId).where('deleted_at', 'is', null).where('rgp_status', 'is', null).executeTakeFirst();
    if (!d) throw new CoreError('not_found', 'The cookie\'s domain no longer exists', 'cookie');
    return { domain: d, cookieProfileId: c.profileId };
  }
  if (!req.domain) throw new CoreError('missing_field', 'Missing required field: domain (or cookie)', 'domain');
  const d = await findLiveDomain(core, req.domain);
  // A deleted domain in its redemption grace period is still taken (LOOKUP) but no longer there for its owner.
  if (!d || d.rgp_status !== null) throw new CoreError('not_found', `Domain ${toAsciiHostname(req.domain)} not found`, 'domain');
  if (d.reseller_id !== req.resellerId) throw new CoreError('not_sponsor', 'Domain does not belong to Registrar', 'domain');
  return { domain: d };
}
