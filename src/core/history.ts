// Every state change writes a history row in the same transaction as the change itself, stamped with who made it
// (the audit context of the request: actor, door, source address, node), so the history is the audit log.
import type { Tx } from './core.ts';
import { currentAuditStamp } from './audit/auditContext.ts';

export interface HistoryEntry {
  at: Date;
  resellerId: number | null;
  domainId: number | null;
  objectType: 'domain' | 'reseller' | 'profile' | 'order' | 'cookie' | 'contact' | 'host';
  objectId: string | number;
  action: string;
  detail?: Record<string, unknown>;
}

export async function recordHistory(tx: Tx, e: HistoryEntry): Promise<void> {
  const who = currentAuditStamp();
  await tx.insertInto('history').values({
    actor: who.actor,
    door: who.door,
    source_ip: who.sourceAddress,
    node_id: who.nodeId,
    at: e.at.toISOString(),
    reseller_id: e.resellerId,
    domain_id: e.domainId,
    object_type: e.objectType,
    object_id: String(e.objectId),
    action: e.action,
    detail: JSON.stringify(e.detail ?? {}),
  }).execute();
}
