// CSRF protection for every form: a POST must come from this site (Origin or Sec-Fetch-Site, when the browser sends
// them) and carry the session's own token in the `_csrf` field, compared in constant time. The sign-in forms, before
// any session exists, carry a token bound to a short-lived pre-session cookie instead.
import crypto from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { WebEnv } from './webEnv.ts';

export const CSRF_FIELD = '_csrf';
const PRE_SESSION_COOKIE = 'regd_csrf';

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && crypto.timingSafeEqual(x, y);
}

/** The token a form on this page must carry: the session's, or (signed out) the pre-session cookie's. */
export function csrfToken(c: Context<WebEnv>): string {
  const s = c.get('session');
  if (s) return s.csrfToken;
  let token = getCookie(c, PRE_SESSION_COOKIE);
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) {
    token = crypto.randomBytes(32).toString('base64url');
    setCookie(c, PRE_SESSION_COOKIE, token, { path: '/', secure: true, httpOnly: true, sameSite: 'Strict', maxAge: 3600 });
  }
  return token;
}

class CsrfRefused extends Error {}

/** Checks a POST's origin and token; a refusal is a plain 403 page, nothing changes. */
export function csrfProtection(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const site = c.req.header('sec-fetch-site');
    if (site && site !== 'same-origin' && site !== 'none') return c.text('Refused: the form did not come from this site.', 403);
    const origin = c.req.header('origin');
    const host = c.req.header('host');
    if (origin && host && origin !== 'null' && new URL(origin).host !== host) return c.text('Refused: the form did not come from this site.', 403);
    const form = await c.req.parseBody().catch(() => { throw new CsrfRefused(); });
    const sent = typeof form[CSRF_FIELD] === 'string' ? form[CSRF_FIELD] : '';
    const s = c.get('session');
    const expected = s ? s.csrfToken : getCookie(c, PRE_SESSION_COOKIE) ?? '';
    if (!sameToken(sent, expected)) return c.text('Refused: the form has expired or did not come from this site. Go back, reload the page and try again.', 403);
    await next();
  };
}
