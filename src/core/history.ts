// Every state change writes a history row in the same transaction as the change itself.
import type { Tx } from './core.ts';

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
  await tx.insertInto('history').values({
    at: e.at.toISOString(),
    reseller_id: e.resellerId,
    domain_id: e.domainId,
    object_type: e.objectType,
    object_id: String(e.objectId),
    action: e.action,
    detail: JSON.stringify(e.detail ?? {}),
  }).execute();
}
