// CHANGE OWNERSHIP (and CHANGE DOMAIN): move a domain to another registrant profile of the same reseller, given the
// target profile's username and password (created if new); reg_domain names a domain already in that profile;
// move_all=1 moves every domain of the current profile.
import type { XcpHandler } from '../xcpContext.ts';
import type { XcpResult } from '../xcpReply.ts';
import { accessDomain } from '../../../core/commands/domainAccess.ts';
import { changeOwnership } from '../../../core/commands/changeOwnership.ts';

export const changeOwnershipHandler: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const a = req.attributes;
  const { domain } = await accessDomain(ctx.core, {
    resellerId: ctx.reseller.id, cookie: req.cookie, domain: a.optString('domain') ?? req.domain, ip: req.registrantIp ?? ctx.remoteIp,
  });
  const r = await changeOwnership(ctx.core, {
    resellerId: ctx.reseller.id, domain, username: a.optString('username'), password: a.optString('password'),
    regDomain: a.optString('reg_domain'), moveAll: a.flag('move_all', false),
  });
  return {
    code: 200, text: 'Ownership changed',
    attributes: { new_profile: r.profileCreated ? '1' : '0', domain_count: String(r.moved.length), domain_list: r.moved },
  };
};
