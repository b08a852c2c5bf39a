// listDomains: the reseller's domains by name, filtered by part of the name, by expiry and by life-cycle status, a
// page at a time. The page ends with nextCursor (null on the last page); passing it back continues after the last
// name shown. The status is the core's (listResellerDomains.ts), the same one the registrant's listing shows.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { DOMAIN_LIST_STATUSES, listResellerDomains } from '../../../core/commands/listResellerDomains.ts';
import { parseDay } from '../../../core/commands/domainQueries.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { jsonContent, problemResponses } from '../schemas.ts';
import type { ApiEnv } from '../apiEnv.ts';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

/** Exported for the registrant's listing (registrant/registrantDomains.ts), which shows the same summaries. */
export const DomainStatusSchema = z.enum(DOMAIN_LIST_STATUSES).openapi('DomainStatus', {
  description: 'One status per domain, the first that holds: pendingDelete (redemption over, waiting for the purge), redemption '
    + '(restorable), pendingTransfer, pendingCreate (the registry has not confirmed it yet), expired (in the auto-renew grace), active',
});

const ListQuery = z.object({
  nameContains: z.string().min(1).max(253).optional().openapi({ description: 'Part of the domain name (ASCII form)', example: 'shop' }),
  expiringBefore: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().openapi({ description: 'Domains expiring before this day (UTC), YYYY-MM-DD', example: '2026-12-31' }),
  status: DomainStatusSchema.optional().openapi({ description: 'Only domains in this life-cycle status' }),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).optional().openapi({ description: `Page size, default ${DEFAULT_LIMIT}` }),
  cursor: z.string().min(1).max(400).optional().openapi({ description: 'nextCursor of the previous page' }),
});

export const DomainSummary = z.object({
  name: z.string(),
  createdAt: z.string().datetime(),
  expiresAt: z.string().datetime(),
  autoRenew: z.boolean(),
  locked: z.boolean(),
  status: DomainStatusSchema,
  rgpStatus: z.string().nullable().openapi({ description: 'Set while the domain is pending deletion (e.g. redemptionPeriod)' }),
}).openapi('DomainSummary');

export const DomainListResponse = z.object({
  items: z.array(DomainSummary),
  nextCursor: z.string().nullable(),
}).openapi('DomainList');

export const listDomainsRoute = createRoute({
  method: 'get', path: '/domains', operationId: 'listDomains', tags: ['domains'],
  summary: 'The reseller\'s domains, filtered and paged',
  request: { query: ListQuery },
  responses: { 200: jsonContent(DomainListResponse, 'One page of domains, by name'), ...problemResponses() },
});

export function addListDomains(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(listDomainsRoute, async (c) => {
    const q = c.req.valid('query');
    const limit = q.limit ?? DEFAULT_LIMIT;
    const page = await listResellerDomains(c.get('core'), {
      resellerId: c.get('reseller').id,
      nameContains: q.nameContains,
      expiringBefore: q.expiringBefore === undefined ? undefined : parseDay(q.expiringBefore, 'expiringBefore'),
      status: q.status,
      after: q.cursor === undefined ? undefined : decodeCursor(q.cursor),
      limit,
    });
    const last = page.items[page.items.length - 1];
    return c.json({ items: page.items, nextCursor: page.more && last ? encodeCursor(last.name) : null }, 200);
  });
}
