// SET, UPDATE and DELETE COOKIE, and QUIT SESSION.
import type { XcpHandler } from '../xcpContext.ts';
import { noCookieSupplied } from '../xcpError.ts';
import { deleteCookie, setCookie, updateCookie, type CookieInfo } from '../../../core/commands/cookies.ts';
import { opsDate } from '../opsViews.ts';
import type { XcpResult } from '../xcpReply.ts';
import { LoginLockedError } from '../../../core/access/loginThrottle.ts';

function cookieAttributes(c: CookieInfo) {
  return {
    cookie: c.token, domain_count: String(c.domainCount), expiredate: opsDate(c.domainExpiresAt), f_owner: '1',
    last_access_time: String(Math.floor(new Date(c.lastAccessAt).getTime() / 1000)), last_ip: c.lastIp,
    permission: '', waiting_requests_no: '0',
  };
}

/** A login refused by the password-guessing throttle: 415 saying why, with the wait in seconds as retry_after. */
function lockedReply(err: unknown): XcpResult {
  if (!(err instanceof LoginLockedError)) throw err;
  return { code: 415, text: err.message, attributes: { retry_after: String(err.retryAfterSeconds) } };
}

export const setCookieHandler: XcpHandler = async (ctx, req) => {
  const a = req.attributes;
  const c = await setCookie(ctx.core, {
    resellerId: ctx.reseller.id, regUsername: a.string('reg_username'), regPassword: a.string('reg_password'),
    domain: a.optString('domain') ?? req.domain ?? a.string('domain'), ip: req.registrantIp ?? ctx.remoteIp, sourceAddress: ctx.remoteIp,
  }).catch(lockedReply);
  if ('code' in c) return c;
  return { code: 200, text: 'Command completed successfully', attributes: cookieAttributes(c) };
};

export const updateCookieHandler: XcpHandler = async (ctx, req) => {
  const a = req.attributes;
  const token = req.cookie ?? a.optString('cookie');
  if (!token) throw noCookieSupplied('send the cookie to act on');
  const c = await updateCookie(ctx.core, {
    resellerId: ctx.reseller.id, token, regUsername: a.string('reg_username'), regPassword: a.string('reg_password'),
    domainNew: a.string('domain_new'), ip: req.registrantIp ?? ctx.remoteIp, sourceAddress: ctx.remoteIp,
  }).catch(lockedReply);
  if ('code' in c) return c;
  return { code: 200, text: 'Command completed successfully', attributes: cookieAttributes(c) };
};

export const deleteCookieHandler: XcpHandler = async (ctx, req) => {
  const token = req.cookie ?? req.attributes.optString('cookie');
  if (!token) throw noCookieSupplied('send the cookie to act on');
  await deleteCookie(ctx.core, ctx.reseller.id, token);
  return { code: 200, text: 'Cookie deleted' };
};

/** Over HTTPS there is no session to end; the TCP door closes its connection after this reply. */
export const quitSession: XcpHandler = async () => ({ code: 200, text: 'Closing Connection' });
