// Transfers in from the sandbox's "other registrar": a name takenElsewhere.ts says is held elsewhere can be
// transferred into regd with the documented auth code SANDBOX_FOREIGN_AUTH_CODE. The other registrar never answers,
// so the request stays pending for the TLD's transfer window (transferWindowDays, counted from the request on the
// sandbox clock) and then the registry approves it (serverApproved), as a real registry does when the losing
// registrar stays silent. Any other auth code is refused (2202). Stateless like the rest of the sandbox: the
// outcome follows from the request time the reconciler hands back.
import type { InFlightOperation, RegistryCall, RegistryOutcome, RegistryTransferRequest, RegistryTransferResult } from '../registryPort.ts';
import type { TldPolicy } from '../tldPolicy.ts';
import { DAY_MS } from '../../core/dates.ts';

/** The auth code the sandbox's other registrar accepts for every name it holds. */
export const SANDBOX_FOREIGN_AUTH_CODE = 'Sandbox-Foreign-1';
/** The registrar the sandbox says holds the names taken elsewhere. */
export const SANDBOX_FOREIGN_REGISTRAR = 'other-registrar';

function approvedAt(requestedAt: Date, policy: TldPolicy): Date {
  return new Date(requestedAt.getTime() + policy.transferWindowDays * DAY_MS);
}

/** The answer to a transfer request, query or cancel for a name held elsewhere. */
export function foreignTransfer(call: RegistryCall, req: RegistryTransferRequest, policy: TldPolicy): RegistryOutcome<RegistryTransferResult> {
  switch (req.action) {
    case 'request':
      if (req.authCode !== SANDBOX_FOREIGN_AUTH_CODE) return { status: 'failed', reason: 'refused', code: 2202, message: 'Invalid authorization information' };
      return { status: 'pending', code: 1001, message: `Transfer requested from ${SANDBOX_FOREIGN_REGISTRAR}`, retryAt: approvedAt(call.at, policy) };
    case 'cancel':
      return { status: 'ok', value: { status: 'clientCancelled', actingRegistrar: SANDBOX_FOREIGN_REGISTRAR, requestedAt: call.at } };
    case 'query':
      return { status: 'ok', value: { status: 'pending', actingRegistrar: SANDBOX_FOREIGN_REGISTRAR, requestedAt: call.at } };
    default:
      // approve/reject belong to the losing registrar, which is not regd.
      return { status: 'failed', reason: 'refused', code: 2201, message: `Authorization error: ${req.name} is sponsored by ${SANDBOX_FOREIGN_REGISTRAR}` };
  }
}

/** The reconciler's question about a transfer request in flight: pending until the window ends, then approved. */
export function reconcileForeignTransfer(op: InFlightOperation, now: Date, policy: TldPolicy): RegistryOutcome<RegistryTransferResult> {
  const due = approvedAt(op.at, policy);
  if (now < due) return { status: 'pending', retryAt: due };
  return { status: 'ok', value: { status: 'serverApproved', actingRegistrar: SANDBOX_FOREIGN_REGISTRAR, requestedAt: op.at, actionBy: due } };
}
