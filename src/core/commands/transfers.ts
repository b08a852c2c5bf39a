// Domain transfers between resellers: request, query, approve, reject, cancel, and auto-approval on the clock.
import type { Core } from '../core.ts';

export async function hasPendingTransfer(_core: Core, _domainId: number): Promise<boolean> {
  return false;
}
