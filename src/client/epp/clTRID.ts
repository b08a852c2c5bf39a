// Client transaction ids: prefix, a per-client counter and random bytes, so ids stay unique across clients and
// restarts (a registry may keep them for years, and reconciliation matches replies and orders by them).
import crypto from 'node:crypto';

/** RFC 5730 trIDStringType: 3 to 64 characters. */
const MAX_LENGTH = 64;

export function clTRIDGenerator(prefix = 'regd'): () => string {
  const clean = prefix.replace(/[^\x21-\x7e]/g, '').slice(0, 32) || 'regd';
  const instance = crypto.randomBytes(3).toString('hex');
  let counter = 0;
  return () => {
    counter += 1;
    return `${clean}-${instance}-${counter}-${crypto.randomBytes(4).toString('hex')}`.slice(0, MAX_LENGTH);
  };
}
