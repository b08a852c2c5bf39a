// Hosts under a domain served by a remote registry exist there too (glue). A host change is made in regd's store
// first (its checks need the store), then told to the registry; if the registry refuses it, or cannot be reached,
// the store change is undone from a snapshot taken before it and the registry's error is raised, so regd and the
// registry never disagree about a host. (External hosts are created at a registry on first use by its adapter.)
import type { Core, Tx } from '../core.ts';
import type { RegistryCall, RegistryOutcome } from '../../registry/registryPort.ts';
import { isRemoteRegistry } from './registryReach.ts';
import { unsuccessfulAnswerError } from './registryFailureError.ts';

export interface HostSnapshot {
  row: { id: number; name: string; reseller_id: number; cr_reseller_id: number; up_reseller_id: number | null; domain_id: number | null; client_statuses: string; created_at: string; updated_at: string; transferred_at: string | null };
  addresses: Array<{ address: string; ip_version: string }>;
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

/** Whether a host lies under a domain regd holds at a TLD served by a remote registry. */
export async function hostIsRemote(core: Core, name: string): Promise<boolean> {
  const host = await core.db.selectFrom('hosts').innerJoin('domains', 'domains.id', 'hosts.domain_id')
    .select('domains.tld').where('hosts.name', '=', name).executeTakeFirst();
  return host !== undefined && isRemoteRegistry(core, host.tld);
}

/** Tells the registry; on anything but ok (or pending), runs `undo` in a transaction and raises the error. */
export async function tellRegistry(core: Core, hostName: string, action: string, send: (call: RegistryCall) => Promise<RegistryOutcome>, undo: (trx: Tx) => Promise<void>): Promise<void> {
  const now = await core.clock.now();
  const outcome = await send({ key: `regd-h-${action}-${now.getTime().toString(36)}-${hostName}`.slice(0, 64), at: now });
  const error = unsuccessfulAnswerError(outcome, `the ${action} of host ${hostName}`);
  if (!error) return;
  await core.db.transaction().execute(undo);
  if (outcome.status === 'unknown') core.log?.(`host ${action} of ${hostName}: no answer from the registry (${outcome.message}); undone at regd`);
  throw error;
}
