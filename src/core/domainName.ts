// Domain name syntax: lower-cases, converts IDNs to their ASCII (punycode) form with the WHATWG/UTS-46 mapping
// built into Node (url.domainToASCII), checks LDH label rules and finds the TLD by longest suffix among the
// TLDs on offer (so "example.co.uk" is in co.uk, not uk).
import { domainToASCII, domainToUnicode } from 'node:url';
import { CoreError } from './errors.ts';

export interface DomainName {
  /** ASCII form, lower case, no trailing dot. */
  name: string;
  tld: string;
  /** The label left of the TLD. */
  label: string;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export function toAsciiHostname(input: string): string | undefined {
  const trimmed = input.trim().replace(/\.$/, '').toLowerCase();
  if (trimmed === '' || trimmed.length > 253) return undefined;
  const ascii = /^[\x00-\x7f]*$/.test(trimmed) ? trimmed : domainToASCII(trimmed);
  if (!ascii || ascii.length > 253) return undefined;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return undefined;
  // A label with "--" in positions 3-4 must be a valid A-label (xn--); other such tags are reserved.
  if (labels.some((l) => l.slice(2, 4) === '--' && !l.startsWith('xn--'))) return undefined;
  // An xn-- label must decode to a valid U-label: UTS-46 processing of the whole name must accept it unchanged.
  if (labels.some((l) => l.startsWith('xn--')) && domainToASCII(ascii) !== ascii) return undefined;
  return ascii;
}

/** Parses a registrable name (exactly one label under an offered TLD). */
export function parseDomainName(input: string, offeredTlds: Iterable<string>): DomainName {
  const ascii = toAsciiHostname(input);
  if (!ascii) throw new CoreError('invalid_domain', 'Invalid domain name syntax', 'domain');
  const offered = new Set(offeredTlds);
  // An offered suffix itself ("co.uk", "com.au") is not a name registrable under a shorter TLD.
  if (offered.has(ascii)) throw new CoreError('invalid_domain', `Invalid domain name syntax: ${ascii} is a TLD, not a registrable name`, 'domain');
  const labels = ascii.split('.');
  for (let i = 1; i < labels.length; i++) {
    const tld = labels.slice(i).join('.');
    if (!offered.has(tld)) continue;
    if (i !== 1) throw new CoreError('invalid_domain', `Invalid domain name syntax: ${ascii} is not a registrable name under .${tld}`, 'domain');
    return { name: ascii, tld, label: labels[0] };
  }
  throw new CoreError('unknown_tld', `Invalid domain name syntax: TLD .${labels[labels.length - 1]} is not offered`, 'domain');
}

/** Nameserver host names: any syntactically valid host name of two labels or more. */
export function parseHostname(input: string): string {
  const ascii = toAsciiHostname(input);
  if (!ascii) throw new CoreError('invalid_value', `Invalid nameserver syntax: ${input}`, 'nameserver');
  return ascii;
}

/** Whether an ASCII name has an IDN label (an A-label, xn--). */
export function isIdn(asciiName: string): boolean {
  return asciiName.split('.').some((l) => l.startsWith('xn--'));
}

/** The Unicode form of an ASCII name (its U-labels), for display. */
export function toUnicodeName(asciiName: string): string {
  return domainToUnicode(asciiName) || asciiName;
}

/**
 * The IDN language tag kept with a domain (OpenSRS encoding_type): a three-letter code as OpenSRS lists them
 * (Appendix C: "FRE", "GER", "SPA" ...), or a BCP 47 tag ("de", "zh-Hant"); '' when none is given. The
 * three-letter codes are kept in upper case, as OpenSRS shows them; a BCP 47 tag as given.
 */
export function normaliseIdnLanguage(input: string | undefined): string {
  const tag = (input ?? '').trim();
  if (tag === '') return '';
  if (/^[A-Za-z]{3}$/.test(tag)) return tag.toUpperCase();
  if (/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}$/.test(tag) && tag.length <= 35) return tag;
  throw new CoreError('invalid_value', `Invalid data: encoding_type ${JSON.stringify(tag.slice(0, 40))} is not a language tag (e.g. FRE, GER or de)`, 'encoding_type');
}
