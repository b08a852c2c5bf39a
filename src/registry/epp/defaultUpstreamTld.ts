// Defaults for a TLD served upstream that the configuration says little or nothing about (the `--upstream` flag
// gives only the TLD): the sandbox's policy of that TLD when the sandbox has one (its periods, lock and privacy
// rules mirror the real registries), else a generic gTLD policy. Costs default to the price: an operator who has
// not said what the registry charges gets no margin rather than an invented one.
import type { TldPolicy } from '../tldPolicy.ts';
import { SANDBOX_LAUNCH_TLDS, SANDBOX_TLDS } from '../sandbox/sandboxTlds.ts';
import type { GracePeriods, UpstreamTld } from './upstreamSettings.ts';

/** ICANN's usual grace periods for gTLDs (RFC 3915 section 3). */
export const GENERIC_GRACE: GracePeriods = { add: 5, renew: 5, autoRenew: 45, transfer: 5, redemption: 30, pendingDelete: 5 };

/** Used when neither the configuration nor the sandbox knows the TLD. */
export const GENERIC_PRICE_MINOR = 1499;

export function genericPolicy(tld: string): TldPolicy {
  return {
    tld,
    periods: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    maxYearsAhead: 10,
    prices: { register: GENERIC_PRICE_MINOR, renew: GENERIC_PRICE_MINOR, transfer: GENERIC_PRICE_MINOR },
    currency: 'USD',
    asynchronous: false,
    supportsLock: true,
    supportsWhoisPrivacy: true,
    transferLockDays: 60,
    transferWindowDays: 5,
    minNameservers: 0,
    maxNameservers: 13,
    // A real registry's launch phases are its own business; regd sends no launch extension upstream.
    launchPhase: 'open',
    claimsNoticeRequired: false,
  };
}

export function defaultPolicy(tld: string): TldPolicy {
  const sandbox = [...SANDBOX_TLDS, ...SANDBOX_LAUNCH_TLDS].find((p) => p.tld === tld);
  if (!sandbox) return genericPolicy(tld);
  return { ...sandbox, periods: [...sandbox.periods], prices: { ...sandbox.prices }, launchPhase: 'open', claimsNoticeRequired: false };
}

export function defaultUpstreamTld(tld: string): UpstreamTld {
  const policy = defaultPolicy(tld);
  return { policy, cost: { ...policy.prices }, grace: { ...GENERIC_GRACE }, thin: false, hostModel: 'hostObj', lacks: [], premiumNames: true };
}
