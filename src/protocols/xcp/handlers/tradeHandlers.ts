// TRADE_DOMAIN: a change of registrant. The new owner's contact fields come flat in the attributes; the trade then
// waits on the current and the new registrant (GET owner shows pending_current_registrant / pending_new_registrant).
import type { XcpHandler } from '../xcpContext.ts';
import type { XcpResult } from '../xcpReply.ts';
import { accessDomain } from '../../../core/commands/domainAccess.ts';
import { requestTrade } from '../../../core/commands/trades.ts';
import { CONTACT_FIELDS } from '../../../core/contact.ts';
import { opsDate } from '../opsViews.ts';

export const tradeDomainHandler: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const a = req.attributes;
  const { domain } = await accessDomain(ctx.core, {
    resellerId: ctx.reseller.id, cookie: req.cookie, domain: a.optString('domain') ?? req.domain, ip: req.registrantIp ?? ctx.remoteIp,
  });
  const input: Partial<Record<string, string>> = {};
  for (const f of CONTACT_FIELDS) {
    const v = a.optString(f);
    if (v !== undefined) input[f] = v;
  }
  const t = await requestTrade(ctx.core, domain, input);
  return {
    code: 200, text: 'Trade request submitted: waiting on the current registrant',
    attributes: { trade_id: String(t.id), domain: domain.name, status: t.status, request_date: opsDate(t.requestedAt) },
  };
};
