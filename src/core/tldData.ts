// Registry-specific registrant data ("tld_data" in OpenSRS terms), validated per TLD: .AU eligibility
// (au_registrant_info), .US nexus (nexus), .CA legal type (legal_type, isa_trademark, lang_pref). Stored as JSON on
// the domain; a TLD without such data refuses it. Also the registry-side display settings (.CA CIRA WHOIS
// display, .UK WHOIS opt-out) kept in the domain's registry_settings JSON.
import { CoreError } from './errors.ts';

export type TldData = Record<string, string | Record<string, string>>;

const AU_ID_TYPES = ['ABN', 'ACN', 'RBN', 'TM', 'OTHER', 'ACT BN', 'NSW BN', 'NT BN', 'QLD BN', 'SA BN', 'TAS BN', 'VIC BN', 'WA BN'];
const AU_FIELDS = ['registrant_name', 'registrant_id', 'registrant_id_type', 'eligibility_type', 'eligibility_name',
  'eligibility_id', 'eligibility_id_type', 'policy_reason'];
const NEXUS_CATEGORIES = ['C11', 'C12', 'C21', 'C31', 'C32'];
const NEXUS_PURPOSES = ['P1', 'P2', 'P3', 'P4', 'P5'];
/** CIRA legal types; the first four are individuals (who alone may choose their WHOIS display). */
export const CA_INDIVIDUAL_TYPES = ['CCT', 'RES', 'ABO', 'LGR'];
const CA_LEGAL_TYPES = [...CA_INDIVIDUAL_TYPES, 'CCO', 'GOV', 'EDU', 'ASS', 'HOP', 'PRT', 'TDM', 'TRD', 'PLT', 'LAM', 'TRS', 'INB', 'OMK', 'MAJ'];

/** Which tld_data keys a TLD takes. */
export function tldDataKeys(tld: string): string[] {
  if (tld === 'au' || tld === 'com.au') return ['au_registrant_info'];
  if (tld === 'us') return ['nexus'];
  if (tld === 'ca') return ['legal_type', 'isa_trademark', 'lang_pref'];
  return [];
}

/** Whether the registry of the TLD needs tld_data (all_info then returns it). */
export function tldNeedsData(tld: string): boolean {
  return tldDataKeys(tld).length > 0;
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string') throw new CoreError('invalid_value', `Invalid data: ${path} must be a single value`, path);
  const t = v.trim();
  if (t.length > 255) throw new CoreError('invalid_value', `Invalid data: ${path} is longer than 255 characters`, path);
  return t;
}

function hash(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new CoreError('invalid_value', `Invalid data: ${path} must be a hash (dt_assoc)`, path);
  return v as Record<string, unknown>;
}

function oneOf(v: string, allowed: string[], path: string): string {
  const u = v.toUpperCase();
  if (!allowed.includes(u)) throw new CoreError('invalid_value', `Invalid data: ${path} must be one of ${allowed.join(', ')}`, path);
  return u;
}

function validateAu(input: unknown): Record<string, string> {
  const h = hash(input, 'tld_data.au_registrant_info');
  const out: Record<string, string> = {};
  for (const k of Object.keys(h)) {
    if (!AU_FIELDS.includes(k)) throw new CoreError('invalid_value', `Invalid data: unknown field tld_data.au_registrant_info.${k}`, k);
  }
  for (const f of AU_FIELDS) out[f] = h[f] === undefined ? '' : str(h[f], `tld_data.au_registrant_info.${f}`);
  for (const f of ['registrant_name', 'registrant_id', 'registrant_id_type', 'eligibility_type']) {
    if (out[f] === '') throw new CoreError('missing_field', `Missing required field: tld_data.au_registrant_info.${f}`, f);
  }
  out.registrant_id_type = oneOf(out.registrant_id_type, AU_ID_TYPES, 'tld_data.au_registrant_info.registrant_id_type');
  if (out.eligibility_id_type !== '') out.eligibility_id_type = oneOf(out.eligibility_id_type, AU_ID_TYPES, 'tld_data.au_registrant_info.eligibility_id_type');
  if (out.policy_reason === '') out.policy_reason = '1';
  if (out.policy_reason !== '1' && out.policy_reason !== '2') {
    throw new CoreError('invalid_value', 'Invalid data: tld_data.au_registrant_info.policy_reason must be 1 or 2', 'policy_reason');
  }
  return out;
}

function validateNexus(input: unknown): Record<string, string> {
  const h = hash(input, 'tld_data.nexus');
  for (const k of Object.keys(h)) {
    if (!['app_purpose', 'category', 'validator'].includes(k)) throw new CoreError('invalid_value', `Invalid data: unknown field tld_data.nexus.${k}`, k);
  }
  const purpose = h.app_purpose === undefined ? '' : str(h.app_purpose, 'tld_data.nexus.app_purpose');
  const category = h.category === undefined ? '' : str(h.category, 'tld_data.nexus.category');
  if (purpose === '') throw new CoreError('missing_field', 'Missing required field: tld_data.nexus.app_purpose', 'app_purpose');
  if (category === '') throw new CoreError('missing_field', 'Missing required field: tld_data.nexus.category', 'category');
  const out = {
    app_purpose: oneOf(purpose, NEXUS_PURPOSES, 'tld_data.nexus.app_purpose'),
    category: oneOf(category, NEXUS_CATEGORIES, 'tld_data.nexus.category'),
    validator: h.validator === undefined ? '' : str(h.validator, 'tld_data.nexus.validator').toUpperCase(),
  };
  // Foreign entities (C31, C32) name the country whose nexus they claim.
  if (out.category === 'C31' || out.category === 'C32') {
    if (!/^[A-Z]{2}$/.test(out.validator)) throw new CoreError('missing_field', 'Missing required field: tld_data.nexus.validator (a two-letter country code for categories C31 and C32)', 'validator');
  } else if (out.validator !== '') {
    throw new CoreError('invalid_value', 'Invalid data: tld_data.nexus.validator applies only to categories C31 and C32', 'validator');
  }
  return out;
}

/**
 * Validates tld_data for a TLD and returns the stored form merged over `current` (keys given replace keys stored).
 * Throws invalid_value naming the TLD when it takes no tld_data.
 */
export function validateTldData(tld: string, input: Record<string, unknown>, current: TldData = {}): TldData {
  const keys = tldDataKeys(tld);
  if (keys.length === 0) throw new CoreError('invalid_value', `Invalid data: .${tld} domains take no tld_data`, 'tld_data');
  const given = Object.keys(input);
  if (given.length === 0) throw new CoreError('missing_field', `Missing required field: tld_data (${keys.join(', ')})`, 'tld_data');
  for (const k of given) {
    if (!keys.includes(k)) throw new CoreError('invalid_value', `Invalid data: tld_data.${k} does not apply to .${tld} domains (expected ${keys.join(', ')})`, k);
  }
  const out: TldData = { ...current };
  if (input.au_registrant_info !== undefined) out.au_registrant_info = validateAu(input.au_registrant_info);
  if (input.nexus !== undefined) out.nexus = validateNexus(input.nexus);
  if (input.legal_type !== undefined) out.legal_type = oneOf(str(input.legal_type, 'tld_data.legal_type'), CA_LEGAL_TYPES, 'tld_data.legal_type');
  if (input.isa_trademark !== undefined) {
    const v = str(input.isa_trademark, 'tld_data.isa_trademark');
    if (v !== '0' && v !== '1') throw new CoreError('invalid_value', 'Invalid data: tld_data.isa_trademark must be 0 or 1', 'isa_trademark');
    out.isa_trademark = v;
  }
  if (input.lang_pref !== undefined) out.lang_pref = oneOf(str(input.lang_pref, 'tld_data.lang_pref'), ['EN', 'FR'], 'tld_data.lang_pref');
  return out;
}

export function parseStoredTldData(json: string | null | undefined): TldData {
  try {
    const v = JSON.parse(json || '{}') as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as TldData : {};
  } catch {
    return {};
  }
}

/** Registry-side settings kept on the domain. */
export interface RegistrySettings {
  ca_whois_display?: 'FULL' | 'PRIVATE';
  uk_whois_opt?: '0' | '1';
  uk_reg_type?: string;
  /** The IPS tag a .UK domain was released to (change_ips_tag): the domain left regd. */
  released_to_tag?: string;
}

export function parseRegistrySettings(json: string | null | undefined): RegistrySettings {
  try {
    const v = JSON.parse(json || '{}') as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as RegistrySettings : {};
  } catch {
    return {};
  }
}

/** CIRA: the registrant is an individual when the legal type is one of the individual types (default CCT). */
export function caIndividual(data: TldData): boolean {
  const lt = typeof data.legal_type === 'string' && data.legal_type !== '' ? data.legal_type : 'CCT';
  return CA_INDIVIDUAL_TYPES.includes(lt);
}

/** CIRA's default: individuals' details are private, organisations' are shown in full. */
export function caWhoisDisplay(data: TldData, settings: RegistrySettings): 'FULL' | 'PRIVATE' {
  return settings.ca_whois_display ?? (caIndividual(data) ? 'PRIVATE' : 'FULL');
}

/** Nominet registrant types; only individuals (IND, FIND) may opt out of the WHOIS address. */
export const UK_REG_TYPES = ['IND', 'FIND', 'LTD', 'PLC', 'PTNR', 'LLP', 'IP', 'SCH', 'RCHAR', 'GOV', 'CRC', 'STAT', 'OTHER', 'FCORP', 'FOTHER'];
export const UK_TLDS = ['uk', 'co.uk'];
export const AU_TLDS = ['au', 'com.au'];
