// The shapes shared by several operations. Each is registered under a name (.openapi('Name')), so the published
// document refers to one component instead of repeating it. Money is a decimal string with its currency, as the
// other doors show it, never a float.
import { z } from '@hono/zod-openapi';
import { PROBLEM_CONTENT_TYPE } from './problem.ts';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN, REPLAYED_HEADER } from './idempotency.ts';

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

/** A contact as a domain shows it (getDomain, and every write that answers with the domain). */
export const ContactSchema = z.object({
  firstName: z.string(), lastName: z.string(), organization: z.string(),
  address: z.array(z.string()), city: z.string(), state: z.string(), postalCode: z.string(), country: z.string(),
  phone: z.string(), fax: z.string(), email: z.string(), language: z.string(),
}).openapi('Contact');

export const DomainSchema = z.object({
  name: z.string(),
  createdAt: z.string().datetime(),
  expiresAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
  locked: z.boolean(),
  autoRenew: z.boolean(),
  whoisPrivacy: z.boolean(),
  rgpStatus: z.string().nullable(),
  authCode: z.string().openapi({ description: 'The code a gaining registrar needs to transfer the domain away (never shown to anyone but the domain\'s reseller and registrant)' }),
  nameservers: z.array(z.string()),
  contacts: z.object({
    owner: ContactSchema.optional(), admin: ContactSchema.optional(), billing: ContactSchema.optional(), tech: ContactSchema.optional(),
  }),
}).openapi('Domain');

/**
 * Contact data sent by a client (createContact, or inline for a domain's role). Only the shape is checked here; what
 * a contact must hold (phone and e-mail syntax, country code) is the core's rule, answered as a 400 naming the field.
 */
export const ContactDataSchema = z.object({
  firstName: z.string().max(255).optional().openapi({ description: 'Left out for a one-word name (in lastName)', example: 'Jane' }),
  lastName: z.string().max(255).openapi({ example: 'Doe' }),
  organization: z.string().max(255).optional(),
  address: z.array(z.string().max(255)).min(1).max(3).openapi({ example: ['32 Oak Street'] }),
  city: z.string().max(255).openapi({ example: 'Toronto' }),
  state: z.string().max(255).optional(),
  postalCode: z.string().max(255).openapi({ example: 'M1M1M1' }),
  country: z.string().max(255).openapi({ description: 'ISO 3166 two-letter code', example: 'CA' }),
  phone: z.string().max(255).openapi({ description: '+CC.NUMBER', example: '+1.4165551212' }),
  fax: z.string().max(255).optional(),
  email: z.string().max(255).openapi({ example: 'jane@example.com' }),
  language: z.string().max(255).optional().openapi({ description: 'Two-letter code, default EN' }),
}).openapi('ContactData');

export const ContactIdSchema = z.string().min(1).max(64).openapi({ description: 'The id createContact answered with', example: 'JD123456-RG' });

/** A role's contact: the id of one made by createContact, or the data of a new one. */
export const ContactRefSchema = z.union([ContactIdSchema, ContactDataSchema]).openapi('ContactRef');

export const DomainContactsInputSchema = z.object({
  owner: ContactRefSchema.optional(), admin: ContactRefSchema.optional(), billing: ContactRefSchema.optional(), tech: ContactRefSchema.optional(),
}).openapi('DomainContactsInput');

export const NameserversInputSchema = z.array(z.string().min(1).max(253)).max(13).openapi({ description: 'Host names, in order', example: ['ns1.example.net', 'ns2.example.net'] });

export const AcceptedPriceSchema = MoneySchema.openapi({
  description: 'The price the client agrees to pay: required for a premium-priced name, and at least the price (the price is what is charged)',
});


const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed (a missing or invalid field)',
  401: 'No token, or a token that is unknown or revoked',
  403: 'The request comes from an address not on the reseller\'s allow list',
  404: 'No such object for this reseller',
  409: 'The object\'s state conflicts with the request (or a request with the same Idempotency-Key is still running)',
  422: 'Well-formed, but refused by a rule (TLD, period, price, funds), or an Idempotency-Key used with another request',
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

/** The Idempotency-Key request header every write documents (idempotency.ts enforces it). */
export const IdempotencyHeaders = z.object({
  [IDEMPOTENCY_KEY_HEADER]: z.string().regex(IDEMPOTENCY_KEY_PATTERN).optional().openapi({
    param: { name: IDEMPOTENCY_KEY_HEADER, in: 'header' },
    description: 'Makes the write safe to retry: 1-255 visible ASCII characters, unique per request (a UUID). A retry with the same key, '
      + 'method, path and body gets the first answer again (with Idempotent-Replayed: true) and does nothing twice; the same key with '
      + 'another request is 422 idempotency_key_reused, and while the first is still running 409 request_in_progress. Keys are kept 24 hours.',
    example: '5f0c4d3e-9a1b-4c2d-8e7f-0a1b2c3d4e5f',
  }),
});

/** The problems every write can answer beside its own: 409 and 422 for its Idempotency-Key. */
export function writeProblemResponses(...statuses: number[]) {
  return problemResponses(409, 422, ...statuses);
}

/** A write's success response, which a retry under the same Idempotency-Key gets again, marked as replayed. */
export const replayableJson = <T>(schema: T, description: string) => ({
  ...jsonContent(schema, description),
  headers: { [REPLAYED_HEADER]: { description: 'true when this is the stored answer to an earlier request with the same Idempotency-Key', schema: { type: 'string' as const, enum: ['true'] } } },
});
