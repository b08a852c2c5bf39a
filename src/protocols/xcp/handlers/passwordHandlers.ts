// CHANGE PASSWORD: a registrant sets a new password for its profile (changeProfilePassword.ts). The request carries
// the registrant's cookie (top-level `cookie`, from SET COOKIE) and attributes.reg_password; a `domain`, if given,
// must be one of the profile's. No cookie is 447 ("No Cookie Supplied"), a bad one 415, an empty password 460,
// a short, long, malformed or weak one 465.
import { getItem, unclass } from '../../ops/index.ts';
import type { XcpHandler } from '../xcpContext.ts';
import type { XcpResult } from '../xcpReply.ts';
import { XcpError, noCookieSupplied } from '../xcpError.ts';
import { changeProfilePassword } from '../../../core/commands/changeProfilePassword.ts';

export const changePasswordHandler: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  if (!req.cookie) throw noCookieSupplied('CHANGE PASSWORD needs the registrant\'s cookie (SET COOKIE)');
  // Not optString: a password is taken as sent, spaces included (and then refused), never trimmed into another one.
  const item = getItem(req.attributes.raw(), 'reg_password');
  const raw = item === undefined ? undefined : unclass(item);
  if (raw !== undefined && typeof raw !== 'string') throw new XcpError(465, 'Invalid data: reg_password must be a single value');
  const r = await changeProfilePassword(ctx.core, {
    resellerId: ctx.reseller.id, cookie: req.cookie, domain: req.attributes.optString('domain') ?? req.domain,
    newPassword: raw, ip: req.registrantIp ?? ctx.remoteIp,
  });
  return { code: 200, text: 'Password changed successfully', attributes: { reg_username: r.username, cookies_signed_out: String(r.signedOut) } };
};
