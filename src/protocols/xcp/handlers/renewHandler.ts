// RENEW DOMAIN: period, currentexpirationyear (must match the domain's), optional auto_renew.
import type { XcpHandler } from '../xcpContext.ts';
import { XcpError } from '../xcpError.ts';
import { accessDomain } from '../../../core/commands/domainAccess.ts';
import { renewDomain } from '../../../core/commands/renewDomain.ts';
import { opsDate } from '../opsViews.ts';
import { readContactSet } from '../../../core/domainContacts.ts';

export const renewDomainHandler: XcpHandler = async (ctx, req) => {
  const a = req.attributes;
  const access = await accessDomain(ctx.core, {
    resellerId: ctx.reseller.id, cookie: req.cookie, domain: a.optString('domain') ?? req.domain, ip: req.registrantIp ?? ctx.remoteIp,
  });
  if (access.domain.reseller_id !== ctx.reseller.id) throw new XcpError(465, 'Domain does not belong to Registrar');
  const year = a.int('currentexpirationyear');
  const handle = (a.optString('handle') ?? 'process').toLowerCase();
  if (handle !== 'process') throw new XcpError(465, 'Invalid data: only handle=process is supported for renewals');
  const r = await renewDomain(ctx.core, {
    resellerId: ctx.reseller.id, domain: access.domain, period: a.int('period'), currentExpirationYear: year, autoRenew: a.optFlag('auto_renew'),
  });
  const contacts = await readContactSet(ctx.core.db, access.domain.id);
  // A registry that has not confirmed in time: OpenSRS's asynchronous answer, with the order to follow.
  const submitted = r.status === 'submitted';
  return {
    code: submitted ? 250 : 200, text: submitted ? 'Renewal submitted to the registry; it completes when the registry confirms it' : 'Command completed successfully',
    attributes: {
      order_id: String(r.orderId), id: String(r.orderId), auto_renew: a.optFlag('auto_renew') ? '1' : String(access.domain.auto_renew),
      'registration expiration date': opsDate(r.expiresAt), admin_email: contacts.admin?.email ?? '',
    },
  };
};
