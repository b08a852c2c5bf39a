// The shapes shared by several operations. Each is registered under a name (.openapi('Name')), so the published
// document refers to one component instead of repeating it. Money is a decimal string with its currency, as the
// other doors show it, never a float.
import { z } from '@hono/zod-openapi';
import { PROBLEM_CONTENT_TYPE } from './problem.ts';

export const ProblemSchema = z.object({
  type: z.string().url().openapi({ example: 'https://regd.dev/problems/not_found' }),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  field: z.string().optional().openapi({ description: 'The input the problem is about, when there is one' }),
}).openapi('Problem');

export const MoneySchema = z.object({
  amount: z.string().regex(/^-?\d+\.\d{2}$/).openapi({ example: '12.99' }),
  currency: z.string().regex(/^[A-Z]{3}$/).openapi({ example: 'USD' }),
}).openapi('Money');

export const DomainNameParam = z.string().min(1).max(253).openapi({ example: 'example.com' });

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed (a missing or invalid field)',
  401: 'No token, or a token that is unknown or revoked',
  403: 'The request comes from an address not on the reseller\'s allow list',
  404: 'No such object for this reseller',
  409: 'The object\'s state conflicts with the request',
  422: 'Well-formed, but refused by a rule (TLD, period, price, funds)',
  429: 'Too many requests',
  503: 'A registry could not be reached; nothing happened',
};

/** The problem responses an operation documents; every operation gets 400, 401, 403 and 503. */
export function problemResponses(...statuses: number[]) {
  const out: Record<string, { description: string; content: { [PROBLEM_CONTENT_TYPE]: { schema: typeof ProblemSchema } } }> = {};
  for (const s of [...new Set([400, 401, 403, 503, ...statuses])].sort()) {
    out[String(s)] = { description: DESCRIPTIONS[s] ?? 'Problem', content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } };
  }
  return out;
}

export const jsonContent = <T>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
