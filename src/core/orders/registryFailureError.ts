// A failed registry call as the core error every door already knows how to answer. The registry's own code rides
// along (CoreError.registryCode) for doors that pass it through.
import { CoreError, type CoreErrorKind } from '../errors.ts';
import type { RegistryFailure } from './orderStep.ts';
import type { RegistryOutcome } from '../../registry/registryPort.ts';

const KIND_BY_CODE = new Map<number, CoreErrorKind>([
  [2302, 'domain_taken'],
  [2303, 'not_found'],
  [2304, 'status_prohibits'],
  [2305, 'association_prohibits'],
  [2306, 'policy_violation'],
  [2004, 'invalid_value'],
  [2005, 'invalid_value'],
  [2201, 'not_sponsor'],
  [2202, 'auth_info_invalid'],
  [2106, 'not_eligible_transfer'],
  [2105, 'not_eligible_renewal'],
  [2301, 'not_pending_transfer'],
  [2300, 'pending_transfer'],
]);

export function registryFailureError(failure: RegistryFailure, what: string): CoreError {
  if (failure.reason === 'unavailable') {
    const e = new CoreError('registry_unavailable', `Registry unavailable: ${failure.message}`);
    e.registryCode = failure.code;
    return e;
  }
  const kind = KIND_BY_CODE.get(failure.code) ?? 'registry_refused';
  const e = new CoreError(kind, kind === 'domain_taken' ? `Domain taken: ${what}` : `The registry refused ${what}: ${failure.message} (${failure.code})`);
  e.registryCode = failure.code;
  return e;
}

/**
 * The error for a registry answer that is not a success (ok, or pending where `pendingCounts`), or undefined: a
 * refusal or an unreachable registry becomes its own error; an answer that never came (or an unwanted pending)
 * becomes registry_unavailable, telling the reseller to look before retrying.
 */
export function unsuccessfulAnswerError(outcome: RegistryOutcome<unknown>, what: string, pendingCounts = true): CoreError | undefined {
  if (outcome.status === 'ok' || (outcome.status === 'pending' && pendingCounts)) return undefined;
  if (outcome.status === 'failed') return registryFailureError(outcome, what);
  return new CoreError('registry_unavailable', `Registry did not confirm ${what} in time; check before retrying`);
}
