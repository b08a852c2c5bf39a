// listDomains: the reseller's domains by name, filtered by part of the name and by expiry, a page at a time. The
// page ends with nextCursor (null on the last page); passing it back continues after the last name shown.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { listResellerDomains } from '../../../core/commands/listResellerDomains.ts';
import { parseDay } from '../../../core/commands/domainQueries.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { jsonContent, problemResponses } from '../schemas.ts';
import type { ApiEnv } from '../apiEnv.ts';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

const ListQuery = z.object({
  nameContains: z.string().min(1).max(253).optional().openapi({ description: 'Part of the domain name (ASCII form)', example: 'shop' }),
  expiringBefore: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().openapi({ description: 'Domains expiring before this day (UTC), YYYY-MM-DD', example: '2026-12-31' }),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).optional().openapi({ description: `Page size, default ${DEFAULT_LIMIT}` }),
  cursor: z.string().min(1).max(400).optional().openapi({ description: 'nextCursor of the previous page' }),
});

const DomainSummary = z.object({
  name: z.string(),
  createdAt: z.string().datetime(),
  expiresAt: z.string().datetime(),
  autoRenew: z.boolean(),
  locked: z.boolean(),
  rgpStatus: z.string().nullable().openapi({ description: 'Set while the domain is pending deletion (e.g. redemptionPeriod)' }),
}).openapi('DomainSummary');

const ListResponse = z.object({
  items: z.array(DomainSummary),
  nextCursor: z.string().nullable(),
}).openapi('DomainList');

export const listDomainsRoute = createRoute({
  method: 'get', path: '/domains', operationId: 'listDomains', tags: ['domains'],
  summary: 'The reseller\'s domains, filtered and paged',
  request: { query: ListQuery },
  responses: { 200: jsonContent(ListResponse, 'One page of domains, by name'), ...problemResponses() },
});

export function addListDomains(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(listDomainsRoute, async (c) => {
    const q = c.req.valid('query');
    const limit = q.limit ?? DEFAULT_LIMIT;
    const page = await listResellerDomains(c.get('core'), {
      resellerId: c.get('reseller').id,
      nameContains: q.nameContains,
      expiringBefore: q.expiringBefore === undefined ? undefined : parseDay(q.expiringBefore, 'expiringBefore'),
      after: q.cursor === undefined ? undefined : decodeCursor(q.cursor),
      limit,
    });
    const last = page.items[page.items.length - 1];
    return c.json({ items: page.items, nextCursor: page.more && last ? encodeCursor(last.name) : null }, 200);
  });
}
