// How core errors read over XCP: the response codes of the seed's table.
import type { CoreError, CoreErrorKind } from '../../core/errors.ts';
import { NO_COOKIE_SUPPLIED, NO_DOMAIN_SUPPLIED } from './xcpError.ts';

export const XCP_CODE_FOR: Record<CoreErrorKind, number> = {
  missing_field: 460,
  invalid_value: 465,
  invalid_domain: 465,
  unknown_tld: 465,
  domain_taken: 485,
  not_found: 480,
  not_sponsor: 465,
  not_profile_owner: 480,
  auth_failed: 415,
  cookie_invalid: 415,
  insufficient_funds: 465,
  period_not_allowed: 465,
  expiry_year_mismatch: 541,
  already_renewed: 555,
  not_supported: 480,
  status_prohibits: 435,
  live_mode_refused: 430,
  object_exists: 485,
  association_prohibits: 435,
  not_eligible_transfer: 487,
  transfer_lock: 552,
  not_eligible_renewal: 480,
  pending_transfer: 437,
  not_pending_transfer: 480,
  auth_info_invalid: 465,
  policy_violation: 465,
  source_not_allowed: 410,
  registry_unavailable: 405,
  registry_refused: 404,
  price_not_accepted: 465,
};

/** The seed's 447 words for a core "missing field" that names what the request acts on rather than a plain field. */
const SEED_447_FOR_FIELD: ReadonlyMap<string, string> = new Map([['cookie', NO_COOKIE_SUPPLIED], ['domain', NO_DOMAIN_SUPPLIED]]);

/**
 * A core error as an XCP code and text: the code by kind, except that a request carrying neither the domain it acts
 * on nor a registrant cookie (or lacking a cookie it needs) is the seed's 447 "No Domain Supplied" / "No Cookie
 * Supplied", not 460. The seed's words lead the text.
 */
export function xcpFailureFor(err: CoreError): { code: number; text: string } {
  const seedText = err.kind === 'missing_field' && err.field !== undefined ? SEED_447_FOR_FIELD.get(err.field) : undefined;
  if (seedText) return { code: 447, text: err.message.startsWith(seedText) ? err.message : `${seedText}: ${err.message}` };
  return { code: XCP_CODE_FOR[err.kind], text: err.message };
}
