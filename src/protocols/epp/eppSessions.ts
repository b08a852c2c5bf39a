// Live EPP sessions per reseller, so the session cap (2502) holds across both transports.
import crypto from 'node:crypto';
import type { EppSession } from './eppTypes.ts';

export class EppSessionRegistry {
  private readonly byReseller = new Map<number, Set<string>>();

  constructor(readonly maxPerReseller: number) {}

  newSession(remoteAddress: string, clientCertSha256?: string): EppSession {
    return { id: crypto.randomBytes(16).toString('hex'), objURIs: new Set(), extURIs: new Set(), loginFailures: 0, remoteAddress, clientCertSha256 };
  }

  /** Claims a slot for a logged-in session; false when the reseller is at its cap. */
  claim(resellerId: number, sessionId: string): boolean {
    let set = this.byReseller.get(resellerId);
    if (!set) this.byReseller.set(resellerId, (set = new Set()));
    if (set.has(sessionId)) return true;
    if (set.size >= this.maxPerReseller) return false;
    set.add(sessionId);
    return true;
  }

  release(session: EppSession): void {
    if (!session.reseller) return;
    this.byReseller.get(session.reseller.id)?.delete(session.id);
  }

  count(resellerId: number): number { return this.byReseller.get(resellerId)?.size ?? 0; }
}
