// A registry poll message as regd's core understands it. EPP gives structure for transfers (trnData), pending
// actions (panData, whose paTRID names the clTRID regd sent: the order's key) and renewals (renData); everything else
// is free text, kept as 'other' unless it plainly says the name was deleted or its status changed (the core acts on
// 'deleted', so a guess must not turn "will be purged on ..." into a deletion).
//
// Transfer messages go to both registrars. To the losing one (a name regd sponsors) they are news about its domain:
// transferRequested / Completed / Rejected / Cancelled. To the gaining one (the requester, reID = our login) the
// outcome is the registry's answer to the transfer request regd sent and got 1001 for: 'actionCompleted' (ok when
// approved), with the transfer data; the registry does not echo the request's clTRID there, so `key` stays unset.
import type { EppPollMessage, EppTransferData } from '../../client/epp/types.ts';
import type { RegistryMessage, RegistryTransferResult } from '../registryPort.ts';

const TRANSFER_STATUSES: Array<RegistryTransferResult['status']> =
  ['pending', 'clientApproved', 'clientRejected', 'clientCancelled', 'serverApproved', 'serverCancelled'];

const dateOf = (s: string | undefined): Date | undefined => {
  if (!s) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

export function transferResultOf(t: EppTransferData): RegistryTransferResult {
  const status = TRANSFER_STATUSES.includes(t.trStatus as RegistryTransferResult['status'])
    ? t.trStatus as RegistryTransferResult['status'] : 'pending';
  return {
    status,
    requestingRegistrar: t.reID,
    actingRegistrar: t.acID,
    requestedAt: dateOf(t.reDate),
    actionBy: dateOf(t.acDate),
    expiresAt: dateOf(t.exDate),
  };
}

function transferKind(status: RegistryTransferResult['status']): RegistryMessage['kind'] {
  switch (status) {
    case 'pending': return 'transferRequested';
    case 'clientApproved': case 'serverApproved': return 'transferCompleted';
    case 'clientRejected': return 'transferRejected';
    case 'clientCancelled': case 'serverCancelled': return 'transferCancelled';
  }
}

/** Free-text messages: a deletion that happened, a status change; the rest stays 'other' with its text. */
function textKind(text: string): RegistryMessage['kind'] {
  if (/\b(was|has been|is now|been) (deleted|purged)\b/i.test(text)) return 'deleted';
  if (/\bstatus\b|\bon hold\b|\bsuspended\b/i.test(text)) return 'statusChanged';
  return 'other';
}

/** `ourClID`: regd's login at the registry, to tell the gaining side of a transfer from the losing one. */
export function registryMessageOf(m: EppPollMessage, now: Date, ourClID: string): RegistryMessage {
  const base = { id: m.id, at: dateOf(m.qDate) ?? now, text: m.msg, name: m.name };
  switch (m.kind) {
    case 'transfer': {
      const transfer = m.transfer ? transferResultOf(m.transfer) : undefined;
      const common = { ...base, name: m.name ?? m.transfer?.name, transfer, expiresAt: transfer?.expiresAt ?? dateOf(m.exDate) };
      if (!transfer) return { ...common, kind: 'other' };
      const gaining = transfer.requestingRegistrar?.toLowerCase() === ourClID.toLowerCase();
      if (!gaining) return { ...common, kind: transferKind(transfer.status) };
      if (transfer.status === 'pending') return { ...common, kind: 'other' };
      return { ...common, kind: 'actionCompleted', ok: transfer.status === 'clientApproved' || transfer.status === 'serverApproved' };
    }
    case 'pendingAction':
      // A pending action regd did not ask for (no clTRID of ours), such as the purge after a deletion, is news about
      // the domain rather than the answer to an order.
      if (!m.paClTRID && m.paResult !== false && /\b(delet|purg)/i.test(m.msg)) return { ...base, kind: 'deleted', ok: true };
      return { ...base, kind: 'actionCompleted', key: m.paClTRID, ok: m.paResult ?? false };
    case 'renewal':
      return { ...base, kind: 'autoRenewed', expiresAt: dateOf(m.exDate) };
    case 'other':
      return { ...base, kind: textKind(m.msg) };
  }
}
