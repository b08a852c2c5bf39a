// Name suggestions: deterministic variations of the search string across the requested TLDs, each checked for
// availability, so a storefront can offer alternatives when its first choice is taken.
import type { Core } from '../core.ts';
import { checkAvailability, type Availability } from './checkAvailability.ts';
import { CoreError } from '../errors.ts';

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
