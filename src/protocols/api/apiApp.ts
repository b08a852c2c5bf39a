// The JSON API (/api/v1) as a Hono app: routes declared with Zod schemas (@hono/zod-openapi) that both validate
// requests and generate the OpenAPI 3.1 document served at /api/v1/openapi.json (and as HTML at /api/v1/docs).
// Every error leaves as an RFC 9457 problem; the document and its HTML page are public, the reseller operations need
// a bearer token, the registrant operations a registrant session. Every request counts against its source
// address's request rate, and then against its reseller's or registrant's (rateLimit.ts).
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { Core } from '../../core/core.ts';
import { LoginLockedError } from '../../core/access/loginThrottle.ts';
import type { ApiEnv } from './apiEnv.ts';
import { bearerAuth } from './bearerAuth.ts';
import { ApiProblem, problemFromError, problemOf, problemResponse } from './problem.ts';
import { DEFAULT_API_RATE_LIMIT, RateLimitedError, TokenBuckets, rateLimitByAddress, takeRequest, type ApiRateLimit } from './rateLimit.ts';
import { publishedDocument } from './apiDocument.ts';
import { addCheckDomains } from './operations/checkDomains.ts';
import { addGetBalance } from './operations/getBalance.ts';
import { addListDomains } from './operations/listDomains.ts';
import { addGetDomain } from './operations/getDomain.ts';
import { addGetPrices } from './operations/getPrices.ts';
import { addWriteOperations } from './operations/writeOperations.ts';
import { addReadOperations } from './operations/readOperations.ts';
import { addRegistrantOperations, REGISTRANT_API_PREFIX } from './registrant/registrantOperations.ts';
import { addReferencePage, REFERENCE_PATH, REFERENCE_STYLE_PATH } from './referencePage.ts';

export const API_BASE_PATH = '/api/v1';
export const OPENAPI_PATH = `${API_BASE_PATH}/openapi.json`;

export interface ApiAppOptions {
  /**
   * Requests per caller (each source address; each reseller token; each registrant session): a token bucket of
   * `burst` refilled at `requestsPerSecond`. false: no limit. Default DEFAULT_API_RATE_LIMIT (20 a second, burst 100).
   */
  rateLimit?: ApiRateLimit | false;
}

/** Paths that need no credentials: the document, its HTML page and stylesheet, and the registrant operations (their own auth). */
function isPublic(path: string): boolean {
  return path === OPENAPI_PATH || path === REFERENCE_PATH || path === REFERENCE_STYLE_PATH || path.startsWith(REGISTRANT_API_PREFIX);
}

/** Problems that tell the caller when to come back carry Retry-After; a locked sign-in is one of them. */
function retryAfterOf(err: unknown): number | undefined {
  if (err instanceof RateLimitedError || err instanceof LoginLockedError) return err.retryAfterSeconds;
  return undefined;
}

export function createApiApp(core: Core, options: ApiAppOptions = {}): OpenAPIHono<ApiEnv> {
  const limit = options.rateLimit ?? DEFAULT_API_RATE_LIMIT;
  const buckets = limit === false ? undefined : new TokenBuckets(limit);
  const app = new OpenAPIHono<ApiEnv>({
    // A request that fails its schema: one 400 problem naming the first field at fault.
    defaultHook: (result) => {
      if (result.success) return;
      const issue = result.error.issues[0];
      const field = issue?.path.join('.') || undefined;
      throw new ApiProblem('invalid_value', `Invalid data${field ? `: ${field}` : ''}: ${issue?.message ?? 'does not match the schema'}`, field);
    },
  }).basePath(API_BASE_PATH);

  app.use('*', async (c, next) => {
    c.set('core', core);
    c.set('rateLimit', buckets);
    await next();
  });
  // First, before anything reads the store: the source address's rate.
  app.use('*', rateLimitByAddress(buckets));
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http', scheme: 'bearer', description: 'A reseller API token: regd reseller token create NAME',
  });
  const document = publishedDocument(app);
  app.get('/openapi.json', (c) => c.json(document(), 200));

  // Everything but the public paths needs a reseller token, and then counts against that reseller's rate.
  // Registrant operations authenticate with a registrant session instead (registrant/registrantAuth.ts).
  const auth = bearerAuth();
  app.use('*', async (c, next) => {
    if (isPublic(c.req.path)) return next();
    return auth(c, async () => {
      takeRequest(buckets, `reseller:${c.get('reseller').id}`);
      await next();
    });
  });
  addReferencePage(app, document, API_BASE_PATH);
  addCheckDomains(app);
  addGetBalance(app);
  addListDomains(app);
  addGetDomain(app);
  addGetPrices(app);
  addWriteOperations(app);
  addReadOperations(app);
  addRegistrantOperations(app);

  app.notFound((c) => problemResponse(problemOf('route_not_found', `No operation at ${c.req.method} ${c.req.path}`)));
  app.onError((err) => {
    // Hono's own refusals (malformed JSON body) keep their status, as a problem of the fitting kind.
    if (err instanceof HTTPException && err.status === 400) return problemResponse(problemOf('invalid_value', err.message || 'Malformed request body'));
    const retryAfter = retryAfterOf(err);
    // A sign-in locked by the password-guessing throttle is, to an API client, "too many requests".
    const p = err instanceof LoginLockedError ? problemOf('rate_limited', err.message) : problemFromError(err);
    if (p.status === 500) console.error('regd: JSON API handler failed:', err);
    const headers: Record<string, string> = {};
    if (p.status === 401) headers['WWW-Authenticate'] = 'Bearer realm="regd"';
    if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
    return problemResponse(p, headers);
  });
  return app;
}
