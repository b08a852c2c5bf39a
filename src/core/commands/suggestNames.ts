// Name suggestions: deterministic variations of the search string across the requested TLDs, each checked for
// availability, so a storefront can offer alternatives when its first choice is taken. The premium service lists
// available names near the search string that the registry prices as premium, with their price.
import type { Core } from '../core.ts';
import { checkAvailability, type Availability } from './checkAvailability.ts';
import { CoreError } from '../errors.ts';
import { priceOfName, type NamePrice } from './prices.ts';

/** The NAME_SUGGEST services regd offers. */
export const SUGGEST_SERVICES = ['lookup', 'suggestion', 'premium'] as const;

/** Labels tried for premium names: the search label itself, then premium-priced variations of it. */
const PREMIUM_VARIANTS = (label: string): string[] => [label, `premium${label}`, `premium-${label}`];

const PREFIXES = ['', 'get', 'my', 'the', 'try'];
const SUFFIXES = ['', 'hq', 'online', 'app', 'now', 'site'];

export function searchLabel(searchString: string): string {
  const label = searchString.trim().toLowerCase().replace(/\.[a-z.]+$/, '').replace(/[^a-z0-9-]+/g, '').replace(/^-+|-+$/g, '');
  if (label === '' || label.length > 63) throw new CoreError('invalid_value', 'Invalid data: searchstring must contain letters or digits', 'searchstring');
  return label;
}

export async function lookupAcrossTlds(core: Core, label: string, tlds: string[]): Promise<Availability[]> {
  return Promise.all(tlds.map((tld) => checkAvailability(core, `${label}.${tld}`)));
}

export async function suggestNames(core: Core, label: string, tlds: string[], max: number): Promise<Availability[]> {
  const out: Availability[] = [];
  for (const prefix of PREFIXES) {
    for (const suffix of SUFFIXES) {
      if (prefix === '' && suffix === '') continue; // the exact label is the "lookup" service's job
      const candidate = `${prefix}${label}${suffix}`;
      if (candidate.length > 63) continue;
      for (const tld of tlds) {
        const a = await checkAvailability(core, `${candidate}.${tld}`);
        if (a.available) out.push(a);
        if (out.length >= max) return out;
      }
    }
  }
  return out;
}

/**
 * Premium names: for each variation of the label and each TLD, the available names the registry prices as premium,
 * with their one-year registration price. A registry without premium names offers none.
 */
export async function premiumSuggestions(core: Core, label: string, tlds: string[], max: number): Promise<Array<Availability & { price: NamePrice }>> {
  const out: Array<Availability & { price: NamePrice }> = [];
  for (const candidate of new Set(PREMIUM_VARIANTS(label))) {
    if (candidate.length > 63) continue;
    for (const tld of tlds) {
      const a = await checkAvailability(core, `${candidate}.${tld}`);
      if (!a.available) continue;
      const price = await priceOfName(core, a, 'register', 1).catch(() => undefined);
      if (price?.premium) out.push({ ...a, price });
      if (out.length >= max) return out;
    }
  }
  return out;
}
