// Headers on every web page: no inline script or style may run (CSP), the pages are never framed, no referrer leaves
// the site, and HTTPS is remembered. Charts are server-drawn SVG markup, which the policy allows without scripts.
import type { MiddlewareHandler } from 'hono';
import type { WebEnv } from './webEnv.ts';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function securityHeaders(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.res.headers.set('X-Frame-Options', 'DENY');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    c.res.headers.set('Strict-Transport-Security', 'max-age=31536000');
    c.res.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  };
}
