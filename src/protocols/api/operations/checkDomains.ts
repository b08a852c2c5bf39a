// checkDomains: availability of up to 50 names at once, with the one-year registration price of each available
// name and whether it is premium (a premium price must be accepted when registering). A name that cannot be checked
// (bad syntax, TLD not offered) is answered in its row, as EPP's <domain:check> does, so one bad name does not fail
// the others.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { checkAvailability } from '../../../core/commands/checkAvailability.ts';
import { priceOfName } from '../../../core/commands/prices.ts';
import { CoreError } from '../../../core/errors.ts';
import { formatAmount } from '../../../core/money.ts';
import { jsonContent, MoneySchema, problemResponses } from '../schemas.ts';
import type { ApiEnv } from '../apiEnv.ts';

const MAX_NAMES = 50;

const CheckRequest = z.object({
  names: z.array(z.string().min(1).max(253)).min(1).max(MAX_NAMES).openapi({ example: ['example.com', 'example.net'] }),
}).openapi('CheckDomainsRequest');

const CheckResult = z.object({
  name: z.string(),
  available: z.boolean(),
  reason: z.string().openapi({ description: 'Why a name is not available; empty when it is' }),
  premium: z.boolean(),
  price: MoneySchema.nullable().openapi({ description: 'One-year registration price of an available name' }),
}).openapi('DomainCheckResult');

const CheckResponse = z.object({ results: z.array(CheckResult) }).openapi('CheckDomainsResponse');

export const checkDomainsRoute = createRoute({
  method: 'post', path: '/domains/check', operationId: 'checkDomains', tags: ['domains'],
  summary: 'Check whether names are available, with their registration price',
  request: { body: { required: true, content: { 'application/json': { schema: CheckRequest } } } },
  responses: { 200: jsonContent(CheckResponse, 'One result per name, in the order asked'), ...problemResponses() },
});

function unlessNoPrice(err: unknown): undefined {
  if (err instanceof CoreError && (err.kind === 'period_not_allowed' || err.kind === 'not_supported')) return undefined;
  throw err;
}

export function addCheckDomains(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(checkDomainsRoute, async (c) => {
    const core = c.get('core');
    const results: Array<z.infer<typeof CheckResult>> = [];
    for (const input of c.req.valid('json').names) {
      try {
        const a = await checkAvailability(core, input);
        // A TLD without a one-year term has no one-year price; that is no reason to fail the check.
        const price = a.available ? await priceOfName(core, a, 'register', 1).catch(unlessNoPrice) : undefined;
        results.push({
          name: a.name, available: a.available, reason: a.reason, premium: price?.premium ?? false,
          price: price ? { amount: formatAmount(price.amountMinor), currency: price.currency } : null,
        });
      } catch (err) {
        if (!(err instanceof CoreError) || !['invalid_domain', 'unknown_tld', 'invalid_value'].includes(err.kind)) throw err;
        results.push({ name: input, available: false, reason: err.message, premium: false, price: null });
      }
    }
    return c.json({ results }, 200);
  });
}
