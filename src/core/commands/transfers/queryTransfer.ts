// Transfer query: either party, or anyone with the domain's auth code, sees the latest transfer of a domain.
import type { Core, Tx } from '../../core.ts';
import { CoreError } from '../../errors.ts';
import type { TransferView } from '../pollQueue.ts';
import { authMatches, lastTransferOf, liveDomain, transferView } from './transferRecords.ts';
import { actOnRegistryTransfer, openTransferIn } from './remoteTransfers.ts';
import { isRemoteRegistry } from '../../orders/registryReach.ts';

export async function queryTransfer(core: Core, input: { resellerId: number; name: string; authCode?: string }): Promise<TransferView> {
  const name = input.name.trim().toLowerCase();
  // A transfer in or out at a remote registry: its registry knows.
  const incoming = await openTransferIn(core, input.resellerId, name);
  if (incoming) return actOnRegistryTransfer(core, { id: 0, name, reseller_id: input.resellerId }, 'query');
  const d = await liveDomain(core, input.name);
  const t = await lastTransferOf(core.db, d.id);
  if (!t && d.reseller_id === input.resellerId && isRemoteRegistry(core, d.tld)) return actOnRegistryTransfer(core, d, 'query');
  const party = d.reseller_id === input.resellerId || (t !== undefined && (t.gaining_reseller_id === input.resellerId || t.losing_reseller_id === input.resellerId));
  if (!party) {
    if (input.authCode === undefined || input.authCode === '') throw new CoreError('not_sponsor', 'Authorization error: not a party to this transfer', 'domain');
    if (!authMatches(input.authCode, d.auth_code)) throw new CoreError('auth_info_invalid', 'Invalid authorization information', 'authInfo');
  }
  if (!t) throw new CoreError('not_pending_transfer', `No transfer of ${d.name} has been requested`, 'domain');
  return transferView(core.db, t);
}
