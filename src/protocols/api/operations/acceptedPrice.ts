// The AcceptedPrice component (a Money) as the core's acknowledged price.
import type { z } from '@hono/zod-openapi';
import type { AcceptedPrice } from '../../../core/commands/prices.ts';
import { parseAmount } from '../../../core/money.ts';
import type { AcceptedPriceSchema } from '../schemas.ts';

export function acceptedPriceOf(m: z.infer<typeof AcceptedPriceSchema> | undefined): AcceptedPrice | undefined {
  return m === undefined ? undefined : { amountMinor: parseAmount(m.amount), currency: m.currency };
}
