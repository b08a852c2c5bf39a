// The published OpenAPI 3.1 document: generated once from the routes' Zod schemas (they are all declared before the
// first request), then completed with what applies to every operation alike rather than to each route's own
// declaration: any request may meet the rate limit (rateLimit.ts), so every operation documents 429 and its
// Retry-After header. openapi.json and the HTML reference page (referencePage.ts) serve this same object.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from './apiEnv.ts';
import { PROBLEM_CONTENT_TYPE } from './problem.ts';

export type ApiDocument = ReturnType<OpenAPIHono<ApiEnv>['getOpenAPI31Document']>;

export const API_DOCUMENT_CONFIG = {
  openapi: '3.1.0',
  info: { title: 'regd JSON API', version: '1.0.0', description: 'The reseller JSON API of regd. Errors are RFC 9457 problem details.' },
  security: [{ bearerAuth: [] }],
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const RETRY_AFTER = {
  description: 'Whole seconds until a request from this caller would be accepted again',
  schema: { type: 'integer' as const, minimum: 1 },
};

function withRateLimit(doc: ApiDocument): ApiDocument {
  for (const item of Object.values(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const responses = (op.responses ??= {}) as Record<string, { description: string; headers?: Record<string, unknown>; content?: unknown }>;
      const existing = responses['429'];
      responses['429'] = {
        ...existing,
        description: 'Too many requests from this caller (its request rate, or too many failed sign-ins); Retry-After says when to come back',
        headers: { ...existing?.headers, 'Retry-After': RETRY_AFTER },
        content: existing?.content ?? { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
  }
  return doc;
}

/** The document of this app, built on first use. */
export function publishedDocument(app: OpenAPIHono<ApiEnv>): () => ApiDocument {
  let doc: ApiDocument | undefined;
  return () => (doc ??= withRateLimit(app.getOpenAPI31Document(API_DOCUMENT_CONFIG)));
}
