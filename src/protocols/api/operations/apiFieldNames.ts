// The core names the input at fault in its own words (XCP's and EPP's: auth_info, curExpDate, contact.postal_code);
// a JSON API client should read the name it sent. inApiTerms runs a core command and renames the field of a core
// refusal on its way out. It also answers another reseller's object as not found, in the same words as an unknown
// one, as the whole API does.
import { CoreError } from '../../../core/errors.ts';

/** Core field -> API field, for every write. */
const FIELDS: Record<string, string> = {
  domain: 'name',
  registrant: 'contacts.owner',
  contact: 'contacts',
  authInfo: 'authCode',
  auth_info: 'authCode',
  domain_auth_info: 'authCode',
  locked: 'lock',
  lock_state: 'lock',
  f_lock_domain: 'lock',
  f_whois_privacy: 'whoisPrivacy',
  fee: 'acceptedPrice',
  premium_price_to_verify: 'acceptedPrice',
  ns: 'nameservers',
  hostAddr: 'nameservers',
  currentexpirationyear: 'currentExpiryYear',
};

/** A contact's fields, core -> API (the Contact and ContactData components). */
const CONTACT_FIELDS: Record<string, string> = {
  first_name: 'firstName', last_name: 'lastName', name: 'lastName', org_name: 'organization',
  address1: 'address', address2: 'address', address3: 'address', postal_code: 'postalCode', lang: 'language',
};

/**
 * contacts.owner.postal_code -> contacts.owner.postalCode; contact.phone (createContact's body is the contact) ->
 * `contactPrefix`.phone. Anything else goes through FIELDS, then `extra` (one operation's own names).
 */
export function apiFieldName(field: string | undefined, extra: Record<string, string> = {}, contactPrefix = ''): string | undefined {
  if (field === undefined) return undefined;
  const m = /^(contacts\.(?:owner|admin|billing|tech)|contact)\.(\w+)$/.exec(field);
  if (m) {
    const name = CONTACT_FIELDS[m[2]] ?? m[2];
    return m[1] === 'contact' ? (contactPrefix ? `${contactPrefix}.${name}` : name) : `${m[1]}.${name}`;
  }
  return extra[field] ?? FIELDS[field] ?? field;
}

export async function inApiTerms<T>(work: () => Promise<T>, extra: Record<string, string> = {}): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof CoreError)) throw err;
    const field = apiFieldName(err.field, extra);
    // The caller's own checks (ownedObjects.ts) run first; this covers a race with them.
    const renamed = err.kind === 'not_sponsor' || err.kind === 'not_profile_owner'
      ? new CoreError('not_found', 'Not found', field)
      : new CoreError(err.kind, err.message, field);
    if (err.registryCode !== undefined) renamed.registryCode = err.registryCode;
    throw renamed;
  }
}
