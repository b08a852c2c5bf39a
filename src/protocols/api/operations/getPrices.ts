// getPrices: the standard price list (per TLD, action and period). Premium names are priced per name: checkDomains
// shows theirs.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { readPriceList } from '../../../core/commands/priceList.ts';
import { formatAmount } from '../../../core/money.ts';
import { jsonContent, problemResponses } from '../schemas.ts';
import type { ApiEnv } from '../apiEnv.ts';

const PriceEntry = z.object({
  tld: z.string().openapi({ example: 'com' }),
  action: z.enum(['register', 'renew', 'transfer']),
  period: z.number().int().min(1).openapi({ description: 'Years' }),
  amount: z.string().regex(/^-?\d+\.\d{2}$/),
  currency: z.string().regex(/^[A-Z]{3}$/),
}).openapi('Price');

const PricesResponse = z.object({ prices: z.array(PriceEntry) }).openapi('PriceList');

export const getPricesRoute = createRoute({
  method: 'get', path: '/prices', operationId: 'getPrices', tags: ['account'],
  summary: 'The standard price list',
  responses: { 200: jsonContent(PricesResponse, 'Every price, by TLD, action and period'), ...problemResponses() },
});

export function addGetPrices(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(getPricesRoute, async (c) => {
    const prices = (await readPriceList(c.get('core')))
      .filter((p): p is typeof p & { action: 'register' | 'renew' | 'transfer' } => ['register', 'renew', 'transfer'].includes(p.action))
      .map((p) => ({ tld: p.tld, action: p.action, period: p.period, amount: formatAmount(p.amountMinor), currency: p.currency }));
    return c.json({ prices }, 200);
  });
}
