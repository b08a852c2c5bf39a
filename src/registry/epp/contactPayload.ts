// regd's contact as an EPP contact:create (RFC 5733), under an id the registry accepts. Ids are 'RD', the local id in
// base 36 and a random tail: unique per regd store, recognisable at the registry, and within RFC 5733's 3-16
// characters. A registry that assigns its own ids (Openprovider, regd itself) answers with the one it chose.
import crypto from 'node:crypto';
import type { EppContactCreateRequest, EppPostalInfo } from '../../client/epp/types.ts';
import type { RegistryContact } from '../registryPort.ts';

const MAX_ID = 16;

export function registryContactId(localId: number): string {
  const base = `RD${localId.toString(36).toUpperCase()}`;
  const tail = crypto.randomBytes(8).readBigUInt64BE().toString(36).toUpperCase();
  // base is at most 13 characters (2^53 in base 36), so at least 3 random ones follow.
  return (base + tail.padStart(12, '0')).slice(0, MAX_ID);
}

/** A contact auth code the registry will take: long, with upper, lower, digit and symbol (common registry rules). */
export function contactAuthCode(): string {
  return `${crypto.randomBytes(12).toString('base64url')}aA1!`;
}

/** EPP phone numbers are +CC.NUMBER; regd keeps an extension after an x, which is dropped here. */
function eppPhone(phone: string): string | undefined {
  const m = /^(\+\d{1,3}\.\d{1,14})(?:x\d+)?$/.exec(phone.trim());
  return m?.[1];
}

/** "int" (ASCII only, RFC 5733's internationalised form) when the data allows it, else "loc". */
function postalType(c: RegistryContact): 'int' | 'loc' {
  const text = [c.firstName, c.lastName, c.orgName, c.address1, c.address2, c.address3, c.city, c.state, c.postalCode].join('');
  return /^[\x20-\x7e]*$/.test(text) ? 'int' : 'loc';
}

export function postalInfoOf(c: RegistryContact): EppPostalInfo {
  const name = `${c.firstName} ${c.lastName}`.trim() || c.orgName;
  return {
    type: postalType(c),
    name,
    org: c.orgName || undefined,
    street: [c.address1, c.address2, c.address3].filter((s) => s.trim() !== ''),
    city: c.city,
    sp: c.state || undefined,
    pc: c.postalCode || undefined,
    cc: c.country.toUpperCase(),
  };
}

export function contactCreateRequest(id: string, c: RegistryContact): EppContactCreateRequest {
  return {
    id,
    postalInfo: postalInfoOf(c),
    voice: eppPhone(c.phone),
    fax: c.fax ? eppPhone(c.fax) : undefined,
    email: c.email,
    authInfo: contactAuthCode(),
  };
}
