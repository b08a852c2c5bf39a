// How core errors read over the JSON API: an HTTP status per kind (RFC 9110 semantics) and a stable problem type URI
// (RFC 9457) per kind, so a client branches on `type`, never on the human-readable `detail`.
import type { CoreErrorKind } from '../../core/errors.ts';

export const PROBLEM_TYPE_BASE = 'https://regd.dev/problems/';

/** Problem kinds the API itself raises, beside the core's: no or a bad token, an unknown route. */
export type ApiProblemKind = CoreErrorKind | 'unauthorized' | 'route_not_found' | 'method_not_allowed' | 'internal_error'
  | 'rate_limited' | 'idempotency_key_reused' | 'request_in_progress';

export const HTTP_STATUS_FOR: Record<ApiProblemKind, number> = {
  // The request itself is malformed.
  missing_field: 400,
  invalid_value: 400,
  invalid_domain: 400,
  // Well-formed, but nothing of the kind exists for this caller; another reseller's object is "not found" too, so a
  // caller cannot probe which names other resellers hold.
  not_found: 404,
  not_sponsor: 404,
  not_profile_owner: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  // Credentials.
  unauthorized: 401,
  auth_failed: 401,
  cookie_invalid: 401,
  auth_info_invalid: 422,
  // Not allowed for this caller or in this mode.
  source_not_allowed: 403,
  live_mode_refused: 403,
  // The object's current state conflicts with the request.
  domain_taken: 409,
  object_exists: 409,
  status_prohibits: 409,
  association_prohibits: 409,
  pending_transfer: 409,
  not_pending_transfer: 409,
  already_renewed: 409,
  // Understood and well-formed, but refused by a business rule.
  unknown_tld: 422,
  insufficient_funds: 422,
  period_not_allowed: 422,
  expiry_year_mismatch: 422,
  not_supported: 422,
  not_eligible_transfer: 422,
  transfer_lock: 422,
  not_eligible_renewal: 422,
  policy_violation: 422,
  price_not_accepted: 422,
  registry_refused: 422,
  // The same Idempotency-Key with another request; the first request with this key is still being answered.
  idempotency_key_reused: 422,
  request_in_progress: 409,
  // Too many requests from this caller; Retry-After says when to come back.
  rate_limited: 429,
  // Nothing happened; try again later.
  registry_unavailable: 503,
  internal_error: 500,
};

/** "insufficient_funds" -> "Insufficient funds": a short, stable summary of the kind (RFC 9457 `title`). */
export function problemTitle(kind: ApiProblemKind): string {
  const words = kind.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
