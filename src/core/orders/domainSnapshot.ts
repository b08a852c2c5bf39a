// What a remote registry holds of a domain, as regd stores it: the delegation, client statuses, auth code and the
// contacts by role. A change to a domain served remotely is recorded as the snapshot before and after it
// (steps/syncStep.ts), so the registry can be told the difference and, if it refuses, regd can put the domain back.
import type { Tx } from '../core.ts';
import { clientStatusesOf } from '../domainStatus.ts';

export interface DomainSnapshot {
  nameservers: Array<{ name: string; sort_order: number; addresses: string; host_attr: number }>;
  client_statuses: string;
  locked: number;
  auth_code: string;
  contacts: Array<{ role: string; contact_id: number }>;
}

export async function snapshotDomain(tx: Tx, domainId: number): Promise<DomainSnapshot> {
  const d = await tx.selectFrom('domains').select(['client_statuses', 'locked', 'auth_code']).where('id', '=', domainId).executeTakeFirstOrThrow();
  const nameservers = await tx.selectFrom('domain_nameservers').select(['name', 'sort_order', 'addresses', 'host_attr'])
    .where('domain_id', '=', domainId).orderBy('sort_order').orderBy('name').execute();
  const contacts = await tx.selectFrom('domain_contacts').select(['role', 'contact_id']).where('domain_id', '=', domainId).orderBy('role').execute();
  return { nameservers, client_statuses: d.client_statuses, locked: d.locked, auth_code: d.auth_code, contacts };
}

export async function restoreSnapshot(tx: Tx, domainId: number, s: DomainSnapshot): Promise<void> {
  await tx.deleteFrom('domain_nameservers').where('domain_id', '=', domainId).execute();
  for (const ns of s.nameservers) await tx.insertInto('domain_nameservers').values({ domain_id: domainId, ...ns }).execute();
  await tx.deleteFrom('domain_contacts').where('domain_id', '=', domainId).execute();
  for (const c of s.contacts) await tx.insertInto('domain_contacts').values({ domain_id: domainId, ...c }).execute();
  await tx.updateTable('domains').set({ client_statuses: s.client_statuses, locked: s.locked, auth_code: s.auth_code }).where('id', '=', domainId).execute();
}

/** The client statuses (EPP names) a snapshot stands for. */
export function statusesOf(s: DomainSnapshot): string[] {
  return [...clientStatusesOf({ client_statuses: s.client_statuses, locked: s.locked })].sort();
}

export function sameSnapshot(a: DomainSnapshot, b: DomainSnapshot): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
