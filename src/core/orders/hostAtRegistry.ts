// Hosts under a domain served by a remote registry exist there too (glue). A host change is made in regd's store
// (its checks need the store) and, in the same transaction, recorded as an order with a snapshot of the host
// before it (steps/hostStep.ts); the registry is told after commit. If the registry refuses, or cannot be reached,
// the order fails and the store change is undone from the snapshot, so regd and the registry never disagree about
// a host; after a crash the reconciler asks the registry what became of it. (External hosts are created at a
// registry on first use by its adapter.)
import type { Core, Tx } from '../core.ts';
import { CoreError } from '../errors.ts';
import { insertInflightOrder } from './inflightOrder.ts';
import { isRemoteRegistry } from './registryReach.ts';

export interface HostSnapshot {
  row: { id: number; name: string; reseller_id: number; cr_reseller_id: number; up_reseller_id: number | null; domain_id: number | null; client_statuses: string; created_at: string; updated_at: string; transferred_at: string | null };
  addresses: Array<{ address: string; ip_version: string }>;
}

export type HostAction = 'create' | 'update' | 'delete';

/** What a host order carries (orders.request_json). */
export interface HostOrderRequest {
  action: HostAction;
  name: string;
  /** update: the host's name after a rename. */
  newName?: string;
  /** create and update: every address the host has afterwards. */
  addresses: string[];
  /** update and delete: the host as it was, to undo the change. */
  before: HostSnapshot | null;
}

export async function snapshotHost(tx: Tx, name: string): Promise<HostSnapshot | undefined> {
  const row = await tx.selectFrom('hosts').selectAll().where('name', '=', name).executeTakeFirst();
  if (!row) return undefined;
  const addresses = await tx.selectFrom('host_addresses').select(['address', 'ip_version']).where('host_id', '=', row.id).execute();
  return { row, addresses };
}

/** Puts a host back as the snapshot had it (after an update or a delete the registry refused). */
export async function restoreHost(tx: Tx, s: HostSnapshot): Promise<void> {
  await tx.deleteFrom('host_addresses').where('host_id', '=', s.row.id).execute();
  await tx.deleteFrom('hosts').where('id', '=', s.row.id).execute();
  await tx.insertInto('hosts').values(s.row).execute();
  for (const a of s.addresses) await tx.insertInto('host_addresses').values({ host_id: s.row.id, ...a }).execute();
}

/** The TLD of the domain a host lies under, when regd holds that domain and a remote registry serves it. */
export async function remoteParentOf(core: Core, tx: Tx, domainId: number | null): Promise<{ id: number; tld: string; profile_id: number } | undefined> {
  if (domainId === null) return undefined;
  const d = await tx.selectFrom('domains').select(['id', 'tld', 'profile_id']).where('id', '=', domainId).where('deleted_at', 'is', null).executeTakeFirst();
  return d && isRemoteRegistry(core, d.tld) ? d : undefined;
}

/**
 * Refuses a change to a host whose previous change is still at the registry (its undo would clobber this one).
 * Call inside the change's transaction, before changing anything.
 */
export async function assertNoHostOrderOpen(tx: Tx, name: string): Promise<void> {
  const open = await tx.selectFrom('orders').select('id').where('domain_name', '=', name).where('kind', '=', 'host')
    .where('registry_state', 'in', ['inflight', 'pending']).executeTakeFirst();
  if (open) throw new CoreError('status_prohibits', `Host ${name} has a change still waiting for its registry; try again when it is settled`, 'name');
}

/** Records the host change as an order, in the change's own transaction; returns the order id. */
export async function reserveHostOrder(tx: Tx, o: { resellerId: number; parent: { id: number; profile_id: number }; request: HostOrderRequest; now: Date }): Promise<number> {
  return insertInflightOrder(tx, {
    resellerId: o.resellerId, profileId: o.parent.profile_id, domainId: o.parent.id, name: o.request.name, kind: 'host', request: o.request, now: o.now,
  });
}
