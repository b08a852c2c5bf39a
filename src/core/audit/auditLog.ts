// Reading the audit log: the history rows of one domain (every incarnation of the name, newest first) or of one
// reseller, with who made each change. `regd audit` prints it.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { findResellerByUsername } from '../commands/resellers.ts';

export interface AuditEntry {
  id: number;
  at: string;
  domain: string | null;
  reseller: string | null;
  objectType: string;
  objectId: string;
  action: string;
  detail: Record<string, unknown>;
  actor: string | null;
  door: string | null;
  sourceIp: string | null;
  nodeId: string | null;
}

export interface AuditQuery { domain?: string; reseller?: string; limit?: number }

export async function readAuditLog(core: Core, q: AuditQuery): Promise<AuditEntry[]> {
  if (!q.domain && !q.reseller) throw new CoreError('missing_field', 'Name a domain or a reseller (--reseller NAME)', 'domain');
  let query = core.db.selectFrom('history')
    .leftJoin('domains', 'domains.id', 'history.domain_id')
    .leftJoin('resellers', 'resellers.id', 'history.reseller_id')
    .select(['history.id', 'history.at', 'domains.name as domain', 'resellers.username as reseller', 'history.object_type', 'history.object_id',
      'history.action', 'history.detail', 'history.actor', 'history.door', 'history.source_ip', 'history.node_id']);
  if (q.domain) {
    const name = q.domain.trim().toLowerCase().replace(/\.$/, '');
    const ids = await core.db.selectFrom('domains').select('id').where('name', '=', name).execute();
    if (ids.length === 0) throw new CoreError('not_found', `No domain ${name} in this store`, 'domain');
    query = query.where('history.domain_id', 'in', ids.map((r) => r.id));
  }
  if (q.reseller) {
    const r = await findResellerByUsername(core, q.reseller);
    if (!r) throw new CoreError('not_found', `Reseller ${q.reseller} not found`, 'reseller');
    query = query.where('history.reseller_id', '=', r.id);
  }
  const rows = await query.orderBy('history.id', 'desc').limit(Math.min(Math.max(q.limit ?? 100, 1), 10_000)).execute();
  return rows.map((r) => ({
    id: Number(r.id), at: r.at, domain: r.domain ?? null, reseller: r.reseller ?? null, objectType: r.object_type, objectId: r.object_id,
    action: r.action, detail: safeJson(r.detail), actor: r.actor, door: r.door, sourceIp: r.source_ip, nodeId: r.node_id,
  }));
}

function safeJson(text: string): Record<string, unknown> {
  try { return JSON.parse(text) as Record<string, unknown>; } catch { return {}; }
}
