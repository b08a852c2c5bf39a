// The fee regd agrees to at the registry for a premium name (RFC 8748): the registry's own premium price, which is
// also what the reseller was charged (regd passes premium prices through). Undefined for a standard name, and for
// registries without premium names.
import type { Core } from '../core.ts';
import type { RegistryFee } from '../../registry/registryPort.ts';

export async function premiumFeeOf(core: Core, name: string, action: 'register' | 'renew' | 'transfer', years: number): Promise<RegistryFee | undefined> {
  const p = await core.registry.premiumPrice?.(name);
  return p ? { amountMinor: p[action] * years, currency: p.currency } : undefined;
}
