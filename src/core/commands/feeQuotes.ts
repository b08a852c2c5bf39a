// What a command would cost for a name, for the doors that quote prices before the command (EPP fee:check,
// RFC 8748): create, renew and transfer at the name's price (premium or standard, prices.ts), restore as
// restoreDomain.ts charges it (the restore fee, plus a premium or standard year when the domain has expired).
import type { Core } from '../core.ts';
import { parseOfferedDomain } from './checkAvailability.ts';
import { findLiveDomain } from './findDomain.ts';
import { isPremiumName, priceOfName, type NamePrice } from './prices.ts';
import { RESTORE_FEE_MINOR, restorePrice } from './restoreDomain.ts';
import { TRANSFER_YEARS } from './transfers/transferRecords.ts';

export type QuotedCommand = 'create' | 'renew' | 'transfer' | 'restore';

export interface NameQuote {
  name: string;
  tld: string;
  /** Whether the registry prices the name as premium (RFC 8748 class "premium"). */
  premium: boolean;
}

/** The name (ASCII) and whether it is premium; CoreError for a bad name or a TLD not offered. */
export async function quoteName(core: Core, input: string): Promise<NameQuote> {
  const dn = parseOfferedDomain(core, input);
  return { name: dn.name, tld: dn.tld, premium: await isPremiumName(core, dn.name) };
}

/** A command's price for a name (CoreError when the period is not allowed). A transfer is always one year. */
export async function quoteCommand(core: Core, q: NameQuote, command: QuotedCommand, years: number): Promise<NamePrice & { years: number }> {
  switch (command) {
    case 'create': return { ...(await priceOfName(core, q, 'register', years)), years };
    case 'renew': return { ...(await priceOfName(core, q, 'renew', years)), years };
    case 'transfer': return { ...(await priceOfName(core, q, 'transfer', TRANSFER_YEARS)), years: TRANSFER_YEARS };
    case 'restore': {
      // A name regd holds: what its restore would charge now; any other: the restore fee alone.
      const d = await findLiveDomain(core, q.name);
      if (d) return { ...(await restorePrice(core, d, await core.clock.now())), years: 0 };
      return { amountMinor: RESTORE_FEE_MINOR, currency: core.registry.policy(q.tld)?.currency ?? 'USD', premium: false, years: 0 };
    }
  }
}
