// Which domain a registrant request reaches: one of its session's profile, through the same rule as an XCP request
// with a registrant cookie (core/commands/domainAccess.ts; a domain pending deletion is not reachable). Anything
// else, another profile's domain included, is 404 exactly like a name nobody holds.
import type { Context } from 'hono';
import { accessDomain } from '../../../core/commands/domainAccess.ts';
import type { DomainRow } from '../../../core/commands/findDomain.ts';
import { CoreError } from '../../../core/errors.ts';
import type { ApiEnv } from '../apiEnv.ts';

export async function registrantDomain(c: Context<ApiEnv>, name: string): Promise<DomainRow> {
  const s = c.get('registrant');
  try {
    const { domain } = await accessDomain(c.get('core'), { resellerId: s.resellerId, cookie: s.token, domain: name, ip: c.env.remoteAddress });
    return domain;
  } catch (err) {
    if (err instanceof CoreError && (err.kind === 'not_profile_owner' || err.kind === 'not_found')) throw new CoreError('not_found', `Domain ${name} not found`, 'name');
    throw err;
  }
}
