// ADVANCED_UPDATE_NAMESERVERS DOMAIN: op_type=assign (assign_ns replaces the list) or add_remove (add_ns, remove_ns).
import type { XcpHandler } from '../xcpContext.ts';
import { XcpError } from '../xcpError.ts';
import { accessDomain } from '../../../core/commands/domainAccess.ts';
import { updateNameservers } from '../../../core/commands/updateNameservers.ts';

export const advancedUpdateNameservers: XcpHandler = async (ctx, req) => {
  const a = req.attributes;
  const op = a.optString('op_type')?.toLowerCase();
  if (!op) throw new XcpError(460, 'Missing required field: op_type');
  const access = await accessDomain(ctx.core, {
    resellerId: ctx.reseller.id, cookie: req.cookie, domain: a.optString('domain') ?? req.domain, ip: req.registrantIp ?? ctx.remoteIp,
  });
  let result;
  if (op === 'assign') {
    const names = a.optStringList('assign_ns');
    if (!names || names.length === 0) throw new XcpError(460, 'Missing required field: assign_ns');
    result = await updateNameservers(ctx.core, access.domain, { op: 'assign', names });
  } else if (op === 'add_remove') {
    const add = a.optStringList('add_ns') ?? [];
    const remove = a.optStringList('remove_ns') ?? [];
    if (add.length === 0 && remove.length === 0) throw new XcpError(460, 'Missing required field: add_ns or remove_ns');
    result = await updateNameservers(ctx.core, access.domain, { op: 'add_remove', add, remove });
  } else {
    throw new XcpError(465, `Invalid data: op_type must be assign or add_remove, not ${op}`);
  }
  return {
    code: 200, text: result.changed ? 'Nameserver update successful' : 'No nameserver changes necessary',
    attributes: { nameserver_list: result.nameservers.map((n) => n.name) },
  };
};
