// Checking one name for a storefront: availability and, for an available name, its one-year registration price and
// whether it is premium. A name that cannot be checked (bad syntax, a TLD not offered) is answered in its own result
// rather than failing a batch, as EPP's <domain:check> does; a TLD without a one-year term has no one-year price,
// which is no reason to fail the check either. The JSON API's checkDomains answers the same way per name.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { checkAvailability } from './checkAvailability.ts';
import { priceOfName, type NamePrice } from './prices.ts';

export interface NameCheck {
  /** The name as checked (ASCII form when it parsed; the input otherwise). */
  name: string;
  available: boolean;
  /** Why the name is not available; empty when it is. */
  reason: string;
  premium: boolean;
  /** The one-year registration price of an available name, when the TLD has a one-year term. */
  price?: NamePrice;
}

const UNCHECKABLE = ['invalid_domain', 'unknown_tld', 'invalid_value'];

function unlessNoPrice(err: unknown): undefined {
  if (err instanceof CoreError && (err.kind === 'period_not_allowed' || err.kind === 'not_supported')) return undefined;
  throw err;
}

export async function checkNameWithPrice(core: Core, input: string): Promise<NameCheck> {
  try {
    const a = await checkAvailability(core, input);
    const price = a.available ? await priceOfName(core, a, 'register', 1).catch(unlessNoPrice) : undefined;
    return { name: a.name, available: a.available, reason: a.reason, premium: price?.premium ?? false, price };
  } catch (err) {
    if (!(err instanceof CoreError) || !UNCHECKABLE.includes(err.kind)) throw err;
    return { name: input, available: false, reason: err.message, premium: false };
  }
}
