// Whether a name could be transferred to a reseller now, and why not (XCP CHECK_TRANSFER). Read-only: the
// authoritative checks run again inside requestTransfer's transaction.
import type { Core } from '../core.ts';
import { DAY_MS } from '../dates.ts';
import { clientStatusesOf } from '../domainStatus.ts';
import { parseOfferedDomain } from './checkAvailability.ts';
import { pendingTransferOf } from './transfers.ts';

export interface TransferEligibility { transferrable: boolean; reason: string; status?: string; lockedUntil?: string; reasonCode?: 'lock' | 'status' }

export async function transferEligibility(core: Core, resellerId: number, name: string): Promise<TransferEligibility> {
  const dn = parseOfferedDomain(core, name);
  const d = await core.db.selectFrom('domains').selectAll().where('name', '=', dn.name).where('deleted_at', 'is', null).executeTakeFirst();
  if (!d) {
    if (await core.registry.isRegisteredElsewhere(dn.name)) {
      // Held by another registrar: a transfer in (at a remote registry, or from the sandbox's other registrar).
      const open = await core.db.selectFrom('orders').select('id').where('domain_name', '=', dn.name).where('kind', '=', 'transfer_in')
        .where('registry_state', 'in', ['inflight', 'pending']).executeTakeFirst();
      if (open) return { transferrable: false, reason: 'A transfer is already pending', status: 'pending' };
      return { transferrable: true, reason: '' };
    }
    return { transferrable: false, reason: 'Domain is not registered' };
  }
  const pending = await pendingTransferOf(core.db, d.id);
  if (pending) return { transferrable: false, reason: 'A transfer is already pending', status: 'pending' };
  if (d.reseller_id === resellerId) return { transferrable: false, reason: 'Domain is already sponsored by you' };
  if (d.rgp_status !== null) return { transferrable: false, reason: 'Domain is pending deletion', reasonCode: 'status' };
  if (d.registry_pending_until !== null) return { transferrable: false, reason: 'Registration still waiting at the registry', reasonCode: 'status' };
  if (clientStatusesOf(d).has('clientTransferProhibited')) return { transferrable: false, reason: 'Domain is locked', reasonCode: 'status' };
  const policy = core.registry.policy(d.tld)!;
  const lockEnds = new Date(new Date(d.transferred_at ?? d.created_at).getTime() + policy.transferLockDays * DAY_MS);
  if ((await core.clock.now()) < lockEnds) {
    return { transferrable: false, reason: `Domain is less than ${policy.transferLockDays} days old`, lockedUntil: lockEnds.toISOString(), reasonCode: 'lock' };
  }
  return { transferrable: true, reason: '' };
}
