// SEND_PASSWORD DOMAIN and SEND_AUTHCODE DOMAIN: mails to a domain's contacts, recorded in the outbox.
import type { XcpHandler } from '../xcpContext.ts';
import type { XcpResult } from '../xcpReply.ts';
import type { XcpRequest } from '../xcpRequest.ts';
import { xcpInvalid, xcpMissing } from '../xcpError.ts';
import { accessDomain } from '../../../core/commands/domainAccess.ts';
import { sendAuthCode, sendPasswordReminder } from '../../../core/commands/registrantMail.ts';

/** These commands name the domain domain_name; `domain` (attribute or top level) is accepted too. */
function domainNameOf(req: XcpRequest): string | undefined {
  return req.attributes.optString('domain_name') ?? req.attributes.optString('domain') ?? req.domain;
}

export const sendPasswordHandler: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const a = req.attributes;
  const name = domainNameOf(req);
  if (!name && !req.cookie) throw xcpMissing('domain_name');
  const sendTo = (a.optString('send_to') ?? 'admin').toLowerCase();
  if (sendTo !== 'owner' && sendTo !== 'admin') throw xcpInvalid(`Invalid data: send_to must be owner or admin, not ${sendTo}`);
  const subUser = a.flag('sub_user', false);
  const { domain } = await accessDomain(ctx.core, { resellerId: ctx.reseller.id, cookie: req.cookie, domain: name, ip: req.registrantIp ?? ctx.remoteIp });
  await sendPasswordReminder(ctx.core, domain, { sendTo, subUser });
  return { code: 200, text: 'Message sent' };
};

export const sendAuthcodeHandler: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const name = domainNameOf(req);
  if (!name && !req.cookie) throw xcpMissing('domain_name');
  const { domain } = await accessDomain(ctx.core, { resellerId: ctx.reseller.id, cookie: req.cookie, domain: name, ip: req.registrantIp ?? ctx.remoteIp });
  await sendAuthCode(ctx.core, domain);
  return { code: 200, text: 'Message sent' };
};
