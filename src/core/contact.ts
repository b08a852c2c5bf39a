// Contact sets use the OpenSRS field names; the core validates them once, whichever door they came through.
import { CoreError } from './errors.ts';

export const CONTACT_FIELDS = ['first_name', 'last_name', 'org_name', 'address1', 'address2', 'address3', 'city',
  'state', 'country', 'postal_code', 'phone', 'fax', 'email', 'lang'] as const;
export type ContactField = typeof CONTACT_FIELDS[number];
export type Contact = Record<ContactField, string>;
export const CONTACT_ROLES = ['owner', 'admin', 'billing', 'tech'] as const;
export type ContactRole = typeof CONTACT_ROLES[number];
export type ContactSet = Record<ContactRole, Contact>;

const REQUIRED: ContactField[] = ['first_name', 'last_name', 'address1', 'city', 'country', 'postal_code', 'phone', 'email'];
// E.164 as registries take it: +CC.NUMBER, optional extension.
const PHONE = /^\+\d{1,3}\.\d{4,14}(?:x\d{1,6})?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_LEN = 255;

/** Normalises and validates one contact; `path` prefixes field names in messages (e.g. "contact_set.owner"). */
export function validateContact(input: Partial<Record<string, string>>, path: string): Contact {
  const c = {} as Contact;
  for (const f of CONTACT_FIELDS) {
    const v = (input[f] ?? '').trim();
    if (v.length > MAX_LEN) throw new CoreError('invalid_value', `Invalid data: ${path}.${f} is longer than ${MAX_LEN} characters`, `${path}.${f}`);
    c[f] = v;
  }
  for (const f of REQUIRED) if (c[f] === '') throw new CoreError('missing_field', `Missing required field: ${path}.${f}`, `${path}.${f}`);
  c.country = c.country.toUpperCase();
  if (!/^[A-Z]{2}$/.test(c.country)) throw new CoreError('invalid_value', `Invalid data: ${path}.country must be a two-letter ISO 3166 code`, `${path}.country`);
  if (!PHONE.test(c.phone)) throw new CoreError('invalid_value', `Invalid data: ${path}.phone must look like +1.4165550123`, `${path}.phone`);
  if (c.fax !== '' && !PHONE.test(c.fax)) throw new CoreError('invalid_value', `Invalid data: ${path}.fax must look like +1.4165550123`, `${path}.fax`);
  if (!EMAIL.test(c.email)) throw new CoreError('invalid_value', `Invalid data: ${path}.email is not an e-mail address`, `${path}.email`);
  c.lang = (c.lang || 'EN').toUpperCase();
  if (!/^[A-Z]{2}$/.test(c.lang)) throw new CoreError('invalid_value', `Invalid data: ${path}.lang must be a two-letter language code`, `${path}.lang`);
  return c;
}

/**
 * Validates a registration's contact set. owner, admin and billing are required as at OpenSRS; a missing tech
 * contact falls back to the admin contact (OpenSRS would use the reseller's default tech contact, which regd does
 * not keep yet).
 */
export function validateContactSet(input: Partial<Record<string, Partial<Record<string, string>>>> | undefined): ContactSet {
  if (!input) throw new CoreError('missing_field', 'Missing required field: contact_set', 'contact_set');
  const set = {} as ContactSet;
  for (const role of ['owner', 'admin', 'billing'] as const) {
    const c = input[role];
    if (!c) throw new CoreError('missing_field', `Missing required field: contact_set.${role}`, `contact_set.${role}`);
    set[role] = validateContact(c, `contact_set.${role}`);
  }
  set.tech = input.tech ? validateContact(input.tech, 'contact_set.tech') : set.admin;
  return set;
}
