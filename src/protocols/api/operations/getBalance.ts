// getBalance: the reseller's funds and the part of them on hold for orders a registry has not answered yet (the
// same two figures as XCP GET_BALANCE's balance and hold_balance).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { heldFunds } from '../../../core/commands/heldFunds.ts';
import { findResellerById } from '../../../core/commands/resellers.ts';
import { formatAmount } from '../../../core/money.ts';
import { jsonContent, problemResponses } from '../schemas.ts';
import type { ApiEnv } from '../apiEnv.ts';

const BalanceResponse = z.object({
  balance: z.string().regex(/^-?\d+\.\d{2}$/).openapi({ example: '950.00' }),
  held: z.string().regex(/^-?\d+\.\d{2}$/).openapi({ description: 'Paid for orders still waiting on a registry', example: '0.00' }),
  currency: z.string().regex(/^[A-Z]{3}$/),
}).openapi('Balance');

export const getBalanceRoute = createRoute({
  method: 'get', path: '/balance', operationId: 'getBalance', tags: ['account'],
  summary: 'The reseller\'s balance',
  responses: { 200: jsonContent(BalanceResponse, 'The balance now'), ...problemResponses() },
});

export function addGetBalance(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(getBalanceRoute, async (c) => {
    const core = c.get('core');
    // Read afresh: the reseller row loaded at authentication may predate a debit made while this request waited.
    const r = (await findResellerById(core, c.get('reseller').id))!;
    return c.json({ balance: formatAmount(r.balanceMinor), held: formatAmount(await heldFunds(core, r.id)), currency: r.currency }, 200);
  });
}
