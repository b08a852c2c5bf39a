// Whether a TLD is served by a remote registry (an EPP upstream) rather than the in-process sandbox. Commands that
// change what a registry holds tell a remote one (orders/); the sandbox keeps no state to tell.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import type { RegistryOperation } from '../../registry/registryPort.ts';

export function isRemoteRegistry(core: Core, tld: string): boolean {
  return core.registry.isRemote?.(tld) ?? false;
}

/** Refuses early, with "not supported", an operation the TLD's registry says it lacks (RegistryCapabilities.lacks). */
export function assertRegistryOffers(core: Core, tld: string, operation: RegistryOperation, what: string): void {
  if (core.registry.capabilities(tld).lacks.includes(operation)) {
    throw new CoreError('not_supported', `${what} is not offered by the registry of .${tld}`, 'domain');
  }
}
