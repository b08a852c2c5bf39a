// How core errors read over XCP: the response codes of the seed's table.
import type { CoreErrorKind } from '../../core/errors.ts';

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
};
