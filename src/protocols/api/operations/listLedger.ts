// listLedger: the reseller's money ledger, newest first: every debit (an order paid) and credit (a refund, funds
// added) with the balance it left, as decimal strings with their currency, a page at a time (nextCursor).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { listLedgerEntries } from '../../../core/commands/ledgerEntries.ts';
import { parseDay } from '../../../core/commands/domainQueries.ts';
import { formatAmount } from '../../../core/money.ts';
import { jsonContent, MoneySchema, problemResponses } from '../schemas.ts';
import type { ApiEnv } from '../apiEnv.ts';
import { decodeIdCursor, nextIdCursor } from './idCursor.ts';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const LedgerQuery = z.object({
  from: DAY.optional().openapi({ description: 'Entries on or after this day (UTC), YYYY-MM-DD', example: '2026-01-01' }),
  to: DAY.optional().openapi({ description: 'Entries on or before this day (UTC), YYYY-MM-DD', example: '2026-12-31' }),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).optional().openapi({ description: `Page size, default ${DEFAULT_LIMIT}` }),
  cursor: z.string().min(1).max(40).optional().openapi({ description: 'nextCursor of the previous page' }),
});

const LedgerEntrySchema = z.object({
  id: z.number().int(),
  createdAt: z.string().datetime(),
  amount: MoneySchema.openapi({ description: 'Negative for a debit, positive for a credit' }),
  balanceAfter: MoneySchema.openapi({ description: 'The balance this entry left' }),
  description: z.string(),
  orderId: z.number().int().nullable().openapi({ description: 'The order paid or refunded, if any (getOrder)' }),
}).openapi('LedgerEntry');

const LedgerResponse = z.object({ items: z.array(LedgerEntrySchema), nextCursor: z.string().nullable() }).openapi('LedgerPage');

export const listLedgerRoute = createRoute({
  method: 'get', path: '/ledger', operationId: 'listLedger', tags: ['account'],
  summary: 'The reseller\'s ledger entries, newest first, paged',
  request: { query: LedgerQuery },
  responses: { 200: jsonContent(LedgerResponse, 'One page of ledger entries'), ...problemResponses(429) },
});

export function addListLedger(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(listLedgerRoute, async (c) => {
    const q = c.req.valid('query');
    const page = await listLedgerEntries(c.get('core'), {
      resellerId: c.get('reseller').id,
      from: q.from === undefined ? undefined : parseDay(q.from, 'from'),
      // The whole of the `to` day: strictly before the start of the next.
      to: q.to === undefined ? undefined : new Date(Date.parse(parseDay(q.to, 'to')) + 86_400_000).toISOString(),
      before: q.cursor === undefined ? undefined : decodeIdCursor(q.cursor),
      limit: q.limit ?? DEFAULT_LIMIT,
    });
    const items = page.items.map((e) => ({
      id: e.id, createdAt: e.createdAt, amount: { amount: formatAmount(e.amountMinor), currency: e.currency },
      balanceAfter: { amount: formatAmount(e.balanceAfterMinor), currency: e.currency }, description: e.description, orderId: e.orderId,
    }));
    return c.json({ items, nextCursor: nextIdCursor(page) }, 200);
  });
}
