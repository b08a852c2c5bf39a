// RFC 9457 problem details: every error the JSON API answers is one of these, as application/problem+json. The
// `detail` is the core's message (written for people, never a stack trace); `field` names the input at fault.
import { CoreError } from '../../core/errors.ts';
import { HTTP_STATUS_FOR, PROBLEM_TYPE_BASE, problemTitle, type ApiProblemKind } from './problemStatus.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem { type: string; title: string; status: number; detail: string; field?: string }

/** An error the API raises itself (no token, unknown route), carried to the error handler like a CoreError. */
export class ApiProblem extends Error {
  constructor(readonly kind: ApiProblemKind, message: string, readonly field?: string) {
    super(message);
    this.name = 'ApiProblem';
  }
}

export function problemOf(kind: ApiProblemKind, detail: string, field?: string): Problem {
  return { type: PROBLEM_TYPE_BASE + kind, title: problemTitle(kind), status: HTTP_STATUS_FOR[kind], detail, ...(field ? { field } : {}) };
}

/** Any thrown value as a problem; an unexpected one is a 500 whose detail says nothing about the internals. */
export function problemFromError(err: unknown): Problem {
  if (err instanceof CoreError || err instanceof ApiProblem) return problemOf(err.kind, err.message, err.field);
  return problemOf('internal_error', 'The server could not answer this request; it has been logged.');
}

export function problemResponse(p: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p), { status: p.status, headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, ...headers } });
}
