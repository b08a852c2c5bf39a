// The one way a reseller page reaches a domain named in its URL: the live domain of that name if the signed-in
// reseller sponsors it. Another reseller's domain reads exactly like a name nobody holds (not_found, the same
// message), so changing the name in the address bar tells nothing about who holds what.
import { CoreError } from '../../../core/errors.ts';
import { findLiveDomain, type DomainRow } from '../../../core/commands/findDomain.ts';
import { toAsciiHostname } from '../../../core/domainName.ts';
import { signedIn, type WebContext } from './resellerShell.ts';

export async function ownDomain(c: WebContext, name: string): Promise<DomainRow> {
  const d = await findLiveDomain(c.get('core'), name);
  if (!d || d.reseller_id !== signedIn(c).id) throw new CoreError('not_found', `Domain ${toAsciiHostname(name) ?? name} not found`, 'domain');
  return d;
}

/** The domain's page, for links and redirects. */
export function domainPath(name: string, action = ''): string {
  return `/domains/${encodeURIComponent(name)}${action ? `/${action}` : ''}`;
}
