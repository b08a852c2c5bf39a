// Changing a domain's delegation: replace the whole list (assign) or add and remove names (add_remove).
// New names get sort orders after the existing ones. A remote registry is told through the order path
// (orders/changeDomain.ts): a refusal puts the old delegation back.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { parseHostname } from '../domainName.ts';
import { validateNameservers, type NameserverEntry } from '../nameserverList.ts';
import { recordHistory } from '../history.ts';
import { readNameservers } from './domainDetails.ts';
import type { DomainRow } from './findDomain.ts';
import { changeDomain } from '../orders/changeDomain.ts';
import type { DomainState } from '../domainGuard.ts';

/** A new delegation is an update at the registry. */
const BLOCKED_BY = new Set<DomainState>(['clientUpdateProhibited', 'pendingDelete', 'pendingTransfer']);

export type NameserverChange = { op: 'assign'; names: string[] } | { op: 'add_remove'; add: string[]; remove: string[] };

export async function updateNameservers(core: Core, d: DomainRow, change: NameserverChange): Promise<{ nameservers: NameserverEntry[]; changed: boolean; status?: 'completed' | 'submitted' }> {
  const policy = core.registry.policy(d.tld)!;
  const current = await readNameservers(core, d.id);
  let next: NameserverEntry[];
  if (change.op === 'assign') {
    next = validateNameservers(change.names.map((name, i) => ({ name, sortOrder: i + 1 })), { min: Math.max(1, policy.minNameservers), max: policy.maxNameservers });
  } else {
    const remove = new Set(change.remove.map(parseHostname));
    for (const name of remove) {
      if (!current.some((n) => n.name === name)) throw new CoreError('not_found', `Nameserver ${name} not currently mapped to domain`, 'remove_ns');
    }
    const kept = current.filter((n) => !remove.has(n.name));
    let order = Math.max(0, ...current.map((n) => n.sortOrder));
    const added = change.add.map(parseHostname);
    for (const name of added) {
      if (kept.some((n) => n.name === name)) throw new CoreError('invalid_value', `Nameserver already mapped to domain: ${name}`, 'add_ns');
    }
    next = validateNameservers([...kept, ...added.map((name) => ({ name, sortOrder: ++order }))], { min: Math.max(1, policy.minNameservers), max: policy.maxNameservers });
  }
  const same = next.length === current.length && next.every((n, i) => n.name === current[i].name && n.sortOrder === current[i].sortOrder);
  if (same) return { nameservers: current, changed: false };
  const now = await core.clock.now();
  const applied = await changeDomain(core, d, 'nameservers', async (trx) => {
    await trx.deleteFrom('domain_nameservers').where('domain_id', '=', d.id).execute();
    for (const ns of next) await trx.insertInto('domain_nameservers').values({ domain_id: d.id, name: ns.name, sort_order: ns.sortOrder }).execute();
    await trx.updateTable('domains').set({ updated_at: now.toISOString() }).where('id', '=', d.id).execute();
    await recordHistory(trx, { at: now, resellerId: d.reseller_id, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'nameservers', detail: { from: current.map((n) => n.name), to: next.map((n) => n.name) } });
  }, { blockedBy: BLOCKED_BY, action: 'nameserver change' });
  return { nameservers: next, changed: true, status: applied.status };
}
