// Authentication for every operation: `Authorization: Bearer <token>` names a reseller, and that reseller's IP allow
// list (the one rule every door obeys, core/access/sourceAddressAllowed.ts) must admit the client's address.
import type { MiddlewareHandler } from 'hono';
import { authenticateApiToken } from './apiTokens.ts';
import { assertSourceAllowed } from '../../core/access/sourceAddressAllowed.ts';
import { ApiProblem } from './problem.ts';
import type { ApiEnv } from './apiEnv.ts';
import { noteAuditActor } from '../../core/audit/auditContext.ts';

const BEARER = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i;

export function bearerAuth(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const m = BEARER.exec(c.req.header('authorization') ?? '');
    if (!m) throw new ApiProblem('unauthorized', 'An API token is required: Authorization: Bearer <token> (regd reseller token create NAME)');
    const reseller = await authenticateApiToken(c.get('core'), m[1]);
    // One answer for unknown and revoked tokens: which tokens ever existed is nobody's business.
    if (!reseller) throw new ApiProblem('unauthorized', 'The API token is not valid (unknown or revoked)');
    assertSourceAllowed(c.get('core'), reseller, c.env.remoteAddress);
    c.set('reseller', reseller);
    noteAuditActor(`reseller:${reseller.username}`);
    await next();
  };
}
