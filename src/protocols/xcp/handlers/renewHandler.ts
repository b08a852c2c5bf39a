// RENEW DOMAIN: period, currentexpirationyear (must match the domain's), optional auto_renew.
import type { XcpHandler } from '../xcpContext.ts';
import { XcpError } from '../xcpError.ts';
import { accessDomain } from '../../../core/commands/domainAccess.ts';
import { renewDomain } from '../../../core/commands/renewDomain.ts';
import { flag, opsDate } from '../opsViews.ts';
import { readContactSet } from '../../../core/domainContacts.ts';
import { readPremiumPriceToVerify } from './registerHandler.ts';

/**
 * The auto_renew the reply reports: the flag the request set (0 as well as 1; the renewal stores it), else the
 * domain's flag as it was, which the renewal leaves alone.
 */
export const reportedAutoRenew = (requested: boolean | undefined, before: boolean | number): string => flag(requested ?? before);

export const renewDomainHandler: XcpHandler = async (ctx, req) => {
  const a = req.attributes;
  const access = await accessDomain(ctx.core, {
    resellerId: ctx.reseller.id, cookie: req.cookie, domain: a.optString('domain') ?? req.domain, ip: req.registrantIp ?? ctx.remoteIp,
  });
  // Sponsorship and the statuses that refuse a renewal are checked by the core's renewal (domainGuard.ts).
  const year = a.int('currentexpirationyear');
  const handle = (a.optString('handle') ?? 'process').toLowerCase();
  if (handle !== 'process') throw new XcpError(465, 'Invalid data: only handle=process is supported for renewals');
  const autoRenew = a.optFlag('auto_renew');
  const r = await renewDomain(ctx.core, {
    resellerId: ctx.reseller.id, domain: access.domain, period: a.int('period'), currentExpirationYear: year, autoRenew,
    acceptedPrice: readPremiumPriceToVerify(a),
  });
  const contacts = await readContactSet(ctx.core.db, access.domain.id);
  // A registry that has not confirmed in time: OpenSRS's asynchronous answer, with the order to follow.
  const submitted = r.status === 'submitted';
  return {
    code: submitted ? 250 : 200, text: submitted ? 'Renewal submitted to the registry; it completes when the registry confirms it' : 'Command completed successfully',
    attributes: {
      order_id: String(r.orderId), id: String(r.orderId), auto_renew: reportedAutoRenew(autoRenew, access.domain.auto_renew),
      'registration expiration date': opsDate(r.expiresAt), admin_email: contacts.admin?.email ?? '',
    },
  };
};
