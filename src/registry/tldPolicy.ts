// What a registry allows for one TLD. The sandbox defines these for its built-in TLDs; a real upstream would
// load them from configuration.
export interface TldPrices {
  /** Price per year in minor units for each action. */
  register: number;
  renew: number;
  transfer: number;
}

/**
 * The launch phase a TLD is in (RFC 8334): 'open' is general availability; 'custom:NAME' is a registry-defined
 * phase that EPP clients name as <launch:phase name="NAME">custom</launch:phase>.
 */
export type LaunchPhaseName = 'open' | 'sunrise' | 'landrush' | 'claims' | `custom:${string}`;

export interface TldPolicy {
  tld: string;
  /** Registration and renewal periods the registry accepts, in years. */
  periods: number[];
  /** Longest time, in years, a registration may run ahead of now (renewals beyond it are refused). */
  maxYearsAhead: number;
  prices: TldPrices;
  currency: string;
  /** Registries that answer later (the XCP 250 path); the sandbox completes them on the clock. */
  asynchronous: boolean;
  supportsLock: boolean;
  supportsWhoisPrivacy: boolean;
  /** Days after registration or transfer during which a transfer is refused (ICANN's 60-day lock). */
  transferLockDays: number;
  /** Days after which a pending transfer is approved automatically. */
  transferWindowDays: number;
  minNameservers: number;
  maxNameservers: number;
  /** The one launch phase open for new registrations (see LaunchPhaseName). */
  launchPhase: LaunchPhaseName;
  /** Whether a name with a trademark claim needs an acknowledged claims notice to be registered. */
  claimsNoticeRequired: boolean;
}
