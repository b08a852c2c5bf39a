// The JSON API (/api/v1) as a Hono app: routes declared with Zod schemas (@hono/zod-openapi) that both validate
// requests and generate the OpenAPI 3.1 document served at /api/v1/openapi.json. Every error leaves as an RFC 9457
// problem; the document is public, the operations need a bearer token.
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { Core } from '../../core/core.ts';
import type { ApiEnv } from './apiEnv.ts';
import { bearerAuth } from './bearerAuth.ts';
import { ApiProblem, problemFromError, problemOf, problemResponse } from './problem.ts';
import { addCheckDomains } from './operations/checkDomains.ts';
import { addGetBalance } from './operations/getBalance.ts';
import { addListDomains } from './operations/listDomains.ts';
import { addGetDomain } from './operations/getDomain.ts';
import { addGetPrices } from './operations/getPrices.ts';

export const API_BASE_PATH = '/api/v1';
export const OPENAPI_PATH = `${API_BASE_PATH}/openapi.json`;

export function createApiApp(core: Core): OpenAPIHono<ApiEnv> {
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
    await next();
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http', scheme: 'bearer', description: 'A reseller API token: regd reseller token create NAME',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'regd JSON API', version: '1.0.0', description: 'The reseller JSON API of regd. Errors are RFC 9457 problem details.' },
    security: [{ bearerAuth: [] }],
  });

  // Everything but the document needs a token; registered after doc31 so the document stays public.
  const auth = bearerAuth();
  app.use('*', async (c, next) => (c.req.path === OPENAPI_PATH ? next() : auth(c, next)));
  addCheckDomains(app);
  addGetBalance(app);
  addListDomains(app);
  addGetDomain(app);
  addGetPrices(app);

  app.notFound((c) => problemResponse(problemOf('route_not_found', `No operation at ${c.req.method} ${c.req.path}`)));
  app.onError((err) => {
    // Hono's own refusals (malformed JSON body) keep their status, as a problem of the fitting kind.
    if (err instanceof HTTPException && err.status === 400) return problemResponse(problemOf('invalid_value', err.message || 'Malformed request body'));
    const p = problemFromError(err);
    if (p.status === 500) console.error('regd: JSON API handler failed:', err);
    const headers: Record<string, string> = p.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="regd"' } : {};
    return problemResponse(p, headers);
  });
  return app;
}
