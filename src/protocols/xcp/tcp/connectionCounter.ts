// Simultaneous authenticated XCP/TCP connections per reseller, shared by every connection of one listener; past the
// cap a new session gets code 310 "Exceeded max simultaneous connections". (The command rate, code 300, is the
// XCP-wide RateLimiter in ../rateLimiter.ts, applied by handleXcpBody.)

export class ConnectionCounter {
  private readonly open = new Map<number, number>();

  constructor(private readonly max: number) {}

  /** Counts one more connection for the reseller, or returns false (and counts nothing) at the cap. */
  tryAcquire(resellerId: number): boolean {
    const n = this.open.get(resellerId) ?? 0;
    if (n >= this.max) return false;
    this.open.set(resellerId, n + 1);
    return true;
  }

  release(resellerId: number): void {
    const n = (this.open.get(resellerId) ?? 0) - 1;
    if (n > 0) this.open.set(resellerId, n);
    else this.open.delete(resellerId);
  }
}
