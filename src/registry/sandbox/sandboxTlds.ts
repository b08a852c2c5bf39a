// The sandbox's built-in TLDs and their policies. Prices are in US cents per year; they are the default price
// list a fresh store is seeded with (operators may change the prices table afterwards).
import type { TldPolicy } from '../tldPolicy.ts';

const ALL_PERIODS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function policy(tld: string, register: number, overrides: Partial<TldPolicy> = {}): TldPolicy {
  return {
    tld,
    periods: ALL_PERIODS,
    maxYearsAhead: 10,
    prices: { register, renew: register, transfer: register },
    currency: 'USD',
    asynchronous: false,
    supportsLock: true,
    supportsWhoisPrivacy: true,
    transferLockDays: 0,
    transferWindowDays: 5,
    minNameservers: 0,
    maxNameservers: 13,
    launchPhase: 'open',
    claimsNoticeRequired: false,
    ...overrides,
  };
}

const ccTld = { supportsWhoisPrivacy: false, supportsLock: false } as const;

export const SANDBOX_TLDS: TldPolicy[] = [
  policy('com', 1099, { transferLockDays: 60 }),
  policy('net', 1299, { transferLockDays: 60 }),
  policy('org', 1199, { transferLockDays: 60 }),
  policy('info', 1499),
  policy('biz', 1499),
  policy('io', 3999),
  // .de and .nl register and renew one year at a time (a renewal may run up to two years ahead); .de answers
  // asynchronously at OpenSRS.
  policy('de', 799, { ...ccTld, periods: [1], maxYearsAhead: 2, asynchronous: true }),
  policy('nl', 899, { ...ccTld, periods: [1], maxYearsAhead: 2 }),
  policy('eu', 899, { ...ccTld, asynchronous: true }),
  policy('ca', 1399, { supportsWhoisPrivacy: false }),
  policy('uk', 899, ccTld),
  policy('co.uk', 899, ccTld),
  policy('au', 1999, { ...ccTld, periods: [1, 2, 3, 4, 5], maxYearsAhead: 5 }),
  policy('com.au', 1999, { ...ccTld, periods: [1, 2, 3, 4, 5], maxYearsAhead: 5 }),
  // usTLD policy forbids proxy/privacy registrations.
  policy('us', 899, { supportsWhoisPrivacy: false }),
];

/**
 * TLDs in a launch phase (RFC 8334), reachable over EPP with <launch:create>: shop in sunrise (a signed mark is
 * required), xyz in landrush, app in the trademark-claims phase (a claims notice is required for a name with a
 * claim), club in the custom phase "preregistration". Every other TLD is in general availability.
 */
export const SANDBOX_LAUNCH_TLDS: TldPolicy[] = [
  policy('shop', 2999, { launchPhase: 'sunrise' }),
  policy('xyz', 1199, { launchPhase: 'landrush' }),
  policy('app', 1599, { launchPhase: 'claims', claimsNoticeRequired: true }),
  policy('club', 1399, { launchPhase: 'custom:preregistration' }),
];
