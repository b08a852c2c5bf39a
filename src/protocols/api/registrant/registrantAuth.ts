// Authentication of the registrant operations: `Authorization: Bearer <session token>` from createRegistrantSession
// names a registrant session (a registrant cookie, core/commands/registrantSessions.ts), whose expiry each use slides
// forward. The reseller's IP allow list does not apply: registrants come from anywhere, as they do to a reseller's
// own site; the session's password, the sign-in throttle and the request rate protect them instead.
import type { MiddlewareHandler } from 'hono';
import { resolveRegistrantSession } from '../../../core/commands/registrantSessions.ts';
import { ApiProblem } from '../problem.ts';
import { takeRequest } from '../rateLimit.ts';
import type { ApiEnv } from '../apiEnv.ts';

const BEARER = /^Bearer +([A-Za-z0-9._~+/=-]{1,256}) *$/i;

export const REGISTRANT_SCHEME = 'registrantSession';

/** `isOpen(method, path)`: requests that need no session (signing in). */
export function registrantAuth(isOpen: (method: string, path: string) => boolean): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (isOpen(c.req.method, c.req.path)) return next();
    const m = BEARER.exec(c.req.header('authorization') ?? '');
    if (!m) throw new ApiProblem('unauthorized', 'A registrant session is required: Authorization: Bearer <token> (POST /api/v1/registrant/session)');
    const session = await resolveRegistrantSession(c.get('core'), m[1], c.env.remoteAddress);
    takeRequest(c.get('rateLimit'), `registrant:${session.resellerId}:${session.profileId}`);
    c.set('registrant', session);
    await next();
  };
}
