// The ROID regd gives a domain it registers: regd is the repository its resellers' EPP clients see, so the id is
// its own, derived from the order's idempotency key. The same call, or its reconciliation after a crash, gives the
// same ROID, and no extra round trip to a remote registry is needed to learn the registry's own id.
import crypto from 'node:crypto';

export function repositoryIdOf(key: string): string {
  return `D${crypto.createHash('sha256').update(key).digest('hex').slice(0, 12).toUpperCase()}-REGD`;
}
