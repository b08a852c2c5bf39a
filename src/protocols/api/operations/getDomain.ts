// getDomain: one of the caller's domains with its contacts and nameservers. Another reseller's domain is answered
// exactly like a name nobody holds (404), so the API cannot be used to learn who sponsors what.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { findLiveDomain } from '../../../core/commands/findDomain.ts';
import { CoreError } from '../../../core/errors.ts';
import { DomainNameParam, DomainSchema, jsonContent, problemResponses } from '../schemas.ts';
import { domainView } from './domainView.ts';
import type { ApiEnv } from '../apiEnv.ts';

export const getDomainRoute = createRoute({
  method: 'get', path: '/domains/{name}', operationId: 'getDomain', tags: ['domains'],
  summary: 'One of the reseller\'s domains',
  request: { params: z.object({ name: DomainNameParam }) },
  responses: { 200: jsonContent(DomainSchema, 'The domain'), ...problemResponses(404) },
});

export function addGetDomain(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(getDomainRoute, async (c) => {
    const core = c.get('core');
    const { name } = c.req.valid('param');
    const row = await findLiveDomain(core, name);
    if (!row || Number(row.reseller_id) !== c.get('reseller').id) throw new CoreError('not_found', `Domain ${name} not found`, 'name');
    return c.json(await domainView(core, row), 200);
  });
}
