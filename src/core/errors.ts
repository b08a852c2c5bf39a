// Typed core errors. Each names what went wrong in protocol-neutral terms; every front door maps the kind to its
// own result code (XCP response_code, EPP result code) and keeps the message as the human-readable text.
export type CoreErrorKind =
  | 'missing_field'        // a required input is absent
  | 'invalid_value'        // an input is present but malformed or out of range
  | 'invalid_domain'       // domain name syntax
  | 'unknown_tld'          // TLD not offered
  | 'domain_taken'         // name not available for registration
  | 'not_found'            // object does not exist (or is deleted)
  | 'not_sponsor'          // object belongs to another reseller
  | 'not_profile_owner'    // registrant profile does not own the object
  | 'auth_failed'          // registrant credentials wrong
  | 'cookie_invalid'       // unknown or expired cookie
  | 'insufficient_funds'
  | 'period_not_allowed'
  | 'expiry_year_mismatch'
  | 'already_renewed'
  | 'not_supported'        // the TLD does not offer this feature
  | 'status_prohibits'     // the object's state forbids the change
  | 'live_mode_refused'
  | 'object_exists'        // creating something that already exists (contact, host)
  | 'association_prohibits' // the object is in use (a contact or host linked to a domain)
  | 'not_eligible_transfer' // e.g. the requesting client already sponsors it
  | 'transfer_lock'        // inside the TLD's lock after registration or transfer (ICANN's 60 days)
  | 'not_eligible_renewal'
  | 'pending_transfer'     // a transfer is already pending
  | 'not_pending_transfer' // no transfer is pending
  | 'auth_info_invalid'    // a domain/contact authInfo does not match
  | 'policy_violation'     // allowed syntax, refused by registry policy (e.g. launch phase not open)
  | 'registry_unavailable' // the registry could not be reached (down, circuit open): nothing happened there
  | 'registry_refused'     // the registry answered with an error the core has no better kind for
  | 'price_not_accepted'   // the price the client accepted is lower than the price, or a premium price went unacknowledged
  | 'source_not_allowed';  // live mode: the request's source address is not on the reseller's allow list

export class CoreError extends Error {
  readonly kind: CoreErrorKind;
  readonly field?: string;
  /** The registry's own result code, when the error is the registry's answer. */
  registryCode?: number;
  constructor(kind: CoreErrorKind, message: string, field?: string) {
    super(message);
    this.name = 'CoreError';
    this.kind = kind;
    this.field = field;
  }
}

export const missingField = (field: string): CoreError =>
  new CoreError('missing_field', `Missing required field: ${field}`, field);

export const invalidValue = (field: string, message: string): CoreError =>
  new CoreError('invalid_value', message, field);
