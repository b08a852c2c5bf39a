// Availability: a name is taken if regd holds a live registration for it or the registry says it is held elsewhere.
import type { Core, Tx } from '../core.ts';
import { parseDomainName, type DomainName } from '../domainName.ts';

export interface Availability { name: string; tld: string; available: boolean; reason: string }

export function offeredTlds(core: Core): string[] {
  return core.registry.policies().map((p) => p.tld);
}

export function parseOfferedDomain(core: Core, input: string): DomainName {
  return parseDomainName(input, offeredTlds(core));
}

export async function isHeldByRegd(tx: Tx, name: string): Promise<boolean> {
  const row = await tx.selectFrom('domains').select('id').where('name', '=', name).where('deleted_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

export async function checkAvailability(core: Core, input: string, tx: Tx = core.db): Promise<Availability> {
  const dn = parseOfferedDomain(core, input);
  if (await isHeldByRegd(tx, dn.name)) return { name: dn.name, tld: dn.tld, available: false, reason: 'In use' };
  if (await core.registry.isRegisteredElsewhere(dn.name)) return { name: dn.name, tld: dn.tld, available: false, reason: 'In use at another registrar' };
  return { name: dn.name, tld: dn.tld, available: true, reason: '' };
}
