// A registration, transfer or cookie into a profile whose password was verified moments ago does not pay scrypt
// again (35-50 ms of CPU each; a reseller registering many names into one profile would otherwise be bound by it).
// Only successes are remembered: a wrong password always pays the full memory-hard cost and counts in the login
// throttle. An entry is an HMAC of (profile, stored hash, password) under a secret of this process that never leaves
// it, so the cache holds nothing an attacker could test passwords against offline, and a password change (a new
// stored hash) makes every old entry miss, on every node, with no invalidation step.
import crypto from 'node:crypto';
import { verifyPassword } from '../passwordHash.ts';

/** How long a verified password is taken on trust, and how many are remembered (oldest dropped first). */
export const VERIFIED_TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 50_000;

/** The cache with the check it saves; one per process (below), others only in tests that count the checks. */
export class RecentlyVerifiedPasswords {
  private readonly secret = crypto.randomBytes(32);
  private readonly verifiedUntil = new Map<string, number>();

  constructor(private readonly verify: (password: string, storedHash: string) => Promise<boolean> = verifyPassword, private readonly ttlMs = VERIFIED_TTL_MS) {}

  private entryKey(profileId: number, storedHash: string, password: string): string {
    return crypto.createHmac('sha256', this.secret).update(`${profileId}\0${storedHash}\0${password}`).digest('base64url');
  }

  async check(profileId: number, password: string, storedHash: string): Promise<boolean> {
    const key = this.entryKey(profileId, storedHash, password);
    const now = Date.now();
    const until = this.verifiedUntil.get(key);
    if (until !== undefined && until > now) return true;
    if (until !== undefined) this.verifiedUntil.delete(key);
    if (!(await this.verify(password, storedHash))) return false;
    if (this.verifiedUntil.size >= MAX_ENTRIES) {
      const oldest = this.verifiedUntil.keys().next().value;
      if (oldest !== undefined) this.verifiedUntil.delete(oldest);
    }
    this.verifiedUntil.set(key, now + this.ttlMs);
    return true;
  }
}

const processCache = new RecentlyVerifiedPasswords();

/** verifyPassword for a registrant profile, with recent successes remembered. */
export function verifyProfilePassword(profileId: number, password: string, storedHash: string): Promise<boolean> {
  return processCache.check(profileId, password, storedHash);
}
