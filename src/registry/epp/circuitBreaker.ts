// Fails fast while a registry is down, so resellers get "registry unavailable" at once instead of each waiting out a
// connect timeout, and a registry that is struggling is not hammered with reconnects (a registry may also lock an
// account after repeated failed logins). After `threshold` consecutive connection failures the circuit opens for
// `cooldownMs`; then one call is let through as a probe (half-open): its success closes the circuit, its failure
// opens it again. Real time, not the sandbox clock: this is about the network.
export type BreakerState = 'closed' | 'open' | 'halfOpen';

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private probing = false;
  /** Why the circuit last opened, for the fail-fast message. */
  lastError = '';

  constructor(private readonly threshold: number, private readonly cooldownMs: number, private readonly now: () => number = Date.now) {}

  get state(): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.cooldownMs ? 'halfOpen' : 'open';
  }

  /** Whether a call may go ahead; in half-open only one (the probe) may, until it reports. */
  tryPass(): boolean {
    const s = this.state;
    if (s === 'closed') return true;
    if (s === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  /** Milliseconds until a probe is allowed (0 when closed or half-open). */
  retryInMs(): number {
    return this.openedAt === undefined ? 0 : Math.max(0, this.openedAt + this.cooldownMs - this.now());
  }

  succeeded(): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.probing = false;
  }

  /** A connection-level failure; returns true when this one opened the circuit. */
  failed(message: string): boolean {
    this.lastError = message;
    this.failures++;
    const wasProbe = this.probing;
    this.probing = false;
    if (wasProbe || (this.openedAt === undefined && this.failures >= this.threshold)) {
      this.openedAt = this.now();
      return true;
    }
    return false;
  }

  /** A call ended without telling either way (it never reached the registry): the next call may probe instead. */
  released(): void {
    this.probing = false;
  }

  get consecutiveFailures(): number { return this.failures; }
}
