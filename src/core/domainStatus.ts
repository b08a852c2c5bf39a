// A domain's RFC 5731 status values, derived from its row: client statuses the sponsor set, the lock
// (clientTransferProhibited, which is what XCP's lock_state toggles), the redemption state and a pending transfer.
import type { DomainRow } from './commands/findDomain.ts';

export const CLIENT_STATUSES = ['clientDeleteProhibited', 'clientHold', 'clientRenewProhibited', 'clientTransferProhibited', 'clientUpdateProhibited'] as const;
export type ClientStatus = typeof CLIENT_STATUSES[number];

export function clientStatusesOf(row: Pick<DomainRow, 'client_statuses' | 'locked'>): Set<ClientStatus> {
  const set = new Set<ClientStatus>(JSON.parse(row.client_statuses || '[]') as ClientStatus[]);
  if (row.locked) set.add('clientTransferProhibited');
  else set.delete('clientTransferProhibited');
  return set;
}

/** Splits a client status set into the stored JSON (without the lock) and the lock flag. */
export function storeClientStatuses(set: Set<ClientStatus>): { client_statuses: string; locked: number } {
  const rest = [...set].filter((s) => s !== 'clientTransferProhibited').sort();
  return { client_statuses: JSON.stringify(rest), locked: set.has('clientTransferProhibited') ? 1 : 0 };
}

export function domainStatuses(row: DomainRow, opts: { pendingTransfer?: boolean } = {}): string[] {
  const out: string[] = [...clientStatusesOf(row)];
  if (row.rgp_status) out.push('pendingDelete');
  if (opts.pendingTransfer) out.push('pendingTransfer');
  if (out.length === 0) out.push('ok');
  return out.sort();
}
