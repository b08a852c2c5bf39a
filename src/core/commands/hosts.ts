// Host objects (EPP, RFC 5732): check, create, info, update (addresses, statuses, rename), delete.
//
// A host is internal when its name lies under a live domain regd holds (the superordinate domain): it needs at least
// one address (glue), only the reseller sponsoring that domain may create it, and it can be renamed only within the
// same domain. Any other host is external and carries no addresses. A host is "linked" while a live domain's
// delegation (domain_nameservers) names it; a linked host cannot be deleted, and renaming it renames it in those
// delegations too. Host names are one namespace across resellers (hosts_name is unique).
import { isIP } from 'node:net';
import type { Selectable } from 'kysely';
import { assertNoHostOrderOpen, remoteParentOf, reserveHostOrder, snapshotHost } from '../orders/hostAtRegistry.ts';
import { carryObjectOrder } from '../orders/carryObjectOrder.ts';
import type { Core, Tx } from '../core.ts';
import type { DomainsTable, HostsTable } from '../../store/schema.ts';
import { CoreError } from '../errors.ts';
import { toAsciiHostname } from '../domainName.ts';
import { recordHistory } from '../history.ts';
import { isUniqueViolation } from '../../store/uniqueViolation.ts';
import { assertWithinNameserverQuota } from '../quotas.ts';

export type HostRow = Selectable<HostsTable>;
export type IpVersion = 'v4' | 'v6';
export interface HostAddress { address: string; version: IpVersion }

export const CLIENT_HOST_STATUSES = ['clientDeleteProhibited', 'clientUpdateProhibited'] as const;
const MAX_CHECK = 100;
const MAX_ADDRESSES = 13;

export interface HostCheck { name: string; avail: boolean; reason?: string }

export interface HostView {
  name: string;
  roid: string;
  statuses: string[];
  addresses: HostAddress[];
  sponsor: string;      // clID
  creator: string;      // crID
  createdAt: string;
  updater?: string;     // upID
  updatedAt?: string;
  transferredAt?: string;
  /** The superordinate domain of an internal host. */
  domain?: string;
}

export interface UpdateHostInput {
  resellerId: number;
  name: string;
  addAddresses?: Array<{ address: string; version?: string }>;
  remAddresses?: Array<{ address: string; version?: string }>;
  addStatuses?: string[];
  remStatuses?: string[];
  newName?: string;
}

export const hostRoid = (id: number): string => `H${id}-REGD`;

export function parseHostName(input: string): string {
  const ascii = toAsciiHostname(input);
  if (!ascii) throw new CoreError('invalid_value', `Invalid host name: ${input}`, 'name');
  return ascii;
}

/** Checks the syntax and the stated IP version; IPv6 is kept in lower case. */
export function parseHostAddress(a: { address: string; version?: string }): HostAddress {
  const address = a.address.trim().toLowerCase();
  const kind = isIP(address);
  const version = a.version ?? 'v4';
  if (kind === 0) throw new CoreError('invalid_value', `Invalid IP address: ${a.address}`, 'addr');
  if ((kind === 4 ? 'v4' : 'v6') !== version) throw new CoreError('invalid_value', `IP address ${a.address} is not ${version}`, 'addr');
  return { address, version };
}

function dedupe(addresses: HostAddress[]): HostAddress[] {
  const seen = new Map<string, HostAddress>();
  for (const a of addresses) seen.set(a.address, a);
  return [...seen.values()];
}

function checkClientStatuses(values: string[]): void {
  for (const s of values) {
    if (!(CLIENT_HOST_STATUSES as readonly string[]).includes(s)) {
      throw new CoreError('policy_violation', `Status ${s} cannot be set or removed by a client`, 'status');
    }
  }
}

function parseJson<T>(s: string, fallback: T): T {
  try { return JSON.parse(s) as T; } catch { return fallback; }
}

/** The live domain regd holds that the host name lies under (the longest match), if any. */
export async function findSuperordinateDomain(db: Tx, hostName: string): Promise<Selectable<DomainsTable> | undefined> {
  const labels = hostName.split('.');
  const suffixes: string[] = [];
  for (let i = 1; i < labels.length - 1; i++) suffixes.push(labels.slice(i).join('.'));
  if (suffixes.length === 0) return undefined;
  const rows = await db.selectFrom('domains').selectAll().where('name', 'in', suffixes).where('deleted_at', 'is', null).execute();
  return rows.sort((a, b) => b.name.length - a.name.length)[0];
}

export async function findHost(db: Tx, name: string): Promise<HostRow | undefined> {
  return db.selectFrom('hosts').selectAll().where('name', '=', name).executeTakeFirst();
}

/** True while a live domain's delegation names the host. */
export async function isHostLinked(db: Tx, name: string): Promise<boolean> {
  const row = await db.selectFrom('domain_nameservers')
    .innerJoin('domains', 'domains.id', 'domain_nameservers.domain_id')
    .select('domain_nameservers.domain_id')
    .where('domain_nameservers.name', '=', name)
    .where('domains.deleted_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** For domain delete: does the domain still have subordinate host objects? (RFC 5731: then the delete fails with 2305.) */
export async function hasSubordinateHosts(core: { db: Tx }, domainId: number): Promise<boolean> {
  const row = await core.db.selectFrom('hosts').select('id').where('domain_id', '=', domainId).limit(1).executeTakeFirst();
  return row !== undefined;
}

async function ownHost(db: Tx, resellerId: number, name: string): Promise<HostRow> {
  const row = await findHost(db, name);
  if (!row) throw new CoreError('not_found', `Host ${name} does not exist`, 'name');
  if (row.reseller_id !== resellerId) throw new CoreError('not_sponsor', `Host ${name} belongs to another reseller`, 'name');
  return row;
}

function refuseInactiveDomain(d: Selectable<DomainsTable>): void {
  if (d.rgp_status !== null) throw new CoreError('status_prohibits', `Domain ${d.name} is pending deletion`, 'name');
}

export async function checkHosts(core: Core, names: string[]): Promise<HostCheck[]> {
  if (names.length > MAX_CHECK) throw new CoreError('policy_violation', `At most ${MAX_CHECK} hosts per check`, 'name');
  const parsed = names.map((n) => ({ input: n, ascii: toAsciiHostname(n) }));
  const valid = [...new Set(parsed.flatMap((p) => (p.ascii ? [p.ascii] : [])))];
  const taken = new Set(valid.length === 0 ? [] : (await core.db.selectFrom('hosts').select('name').where('name', 'in', valid).execute()).map((r) => r.name));
  return parsed.map((p) => {
    if (!p.ascii) return { name: p.input, avail: false, reason: 'Invalid host name' };
    return taken.has(p.ascii) ? { name: p.input, avail: false, reason: 'In use' } : { name: p.input, avail: true };
  });
}

export async function createHost(core: Core, input: { resellerId: number; name: string; addresses: Array<{ address: string; version?: string }> }): Promise<{ name: string; createdAt: Date; status: 'completed' | 'submitted' }> {
  const name = parseHostName(input.name);
  const addresses = dedupe(input.addresses.map(parseHostAddress));
  if (addresses.length > MAX_ADDRESSES) throw new CoreError('policy_violation', `At most ${MAX_ADDRESSES} addresses per host`, 'addr');
  const now = await core.clock.now();
  let orderId: number | undefined;
  try {
    orderId = await core.db.transaction().execute(async (trx) => {
      if (await findHost(trx, name)) throw new CoreError('object_exists', `Host ${name} already exists`, 'name');
      const superordinate = await findSuperordinateDomain(trx, name);
      if (superordinate) {
        if (superordinate.reseller_id !== input.resellerId) {
          throw new CoreError('not_sponsor', `Host ${name} lies under ${superordinate.name}, which belongs to another reseller`, 'name');
        }
        refuseInactiveDomain(superordinate);
        if (addresses.length === 0) throw new CoreError('missing_field', `Host ${name} lies under ${superordinate.name}: at least one address (glue) is required`, 'addr');
      } else if (addresses.length > 0) {
        throw new CoreError('policy_violation', `Host ${name} is external: addresses are only accepted for hosts under a domain regd holds`, 'addr');
      }
      const row = await trx.insertInto('hosts').values({
        name, reseller_id: input.resellerId, cr_reseller_id: input.resellerId, up_reseller_id: null,
        domain_id: superordinate?.id ?? null, client_statuses: '[]', created_at: now.toISOString(), updated_at: now.toISOString(), transferred_at: null,
      }).returning('id').executeTakeFirstOrThrow();
      await assertWithinNameserverQuota(trx, input.resellerId);
      for (const a of addresses) await trx.insertInto('host_addresses').values({ host_id: row.id, address: a.address, ip_version: a.version }).execute();
      await recordHistory(trx, {
        at: now, resellerId: input.resellerId, domainId: superordinate?.id ?? null, objectType: 'host', objectId: row.id, action: 'create',
        detail: { name, addresses: addresses.map((a) => a.address) },
      });
      const parent = await remoteParentOf(core, trx, superordinate?.id ?? null);
      if (!parent) return undefined;
      await assertNoHostOrderOpen(trx, name);
      return reserveHostOrder(trx, { resellerId: input.resellerId, parent, now, request: { action: 'create', name, addresses: addresses.map((a) => a.address), before: null } });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new CoreError('object_exists', `Host ${name} already exists`, 'name');
    throw err;
  }
  return { name, createdAt: now, status: await carryObjectOrder(core, orderId, `the create of host ${name}`) };
}

/** Any reseller may read a host (hosts carry no personal data and have no auth code). */
export async function hostInfo(core: Core, req: { name: string }): Promise<HostView> {
  const name = parseHostName(req.name);
  const row = await findHost(core.db, name);
  if (!row) throw new CoreError('not_found', `Host ${name} does not exist`, 'name');
  const addresses = await core.db.selectFrom('host_addresses').select(['address', 'ip_version']).where('host_id', '=', row.id).execute();
  const ids = [...new Set([row.reseller_id, row.cr_reseller_id, ...(row.up_reseller_id !== null ? [row.up_reseller_id] : [])])];
  const users = new Map((await core.db.selectFrom('resellers').select(['id', 'username']).where('id', 'in', ids).execute()).map((r) => [r.id, r.username]));
  const client = parseJson<string[]>(row.client_statuses, []);
  const statuses = [...client];
  if (await isHostLinked(core.db, name)) statuses.push('linked');
  if (client.length === 0) statuses.unshift('ok');
  const domain = row.domain_id !== null
    ? (await core.db.selectFrom('domains').select('name').where('id', '=', row.domain_id).executeTakeFirst())?.name
    : undefined;
  const order = (a: { address: string; ip_version: string }, b: { address: string; ip_version: string }) =>
    a.ip_version === b.ip_version ? a.address.localeCompare(b.address) : a.ip_version.localeCompare(b.ip_version);
  return {
    name: row.name,
    roid: hostRoid(row.id),
    statuses,
    addresses: addresses.sort(order).map((a) => ({ address: a.address, version: a.ip_version as IpVersion })),
    sponsor: users.get(row.reseller_id) ?? String(row.reseller_id),
    creator: users.get(row.cr_reseller_id) ?? String(row.cr_reseller_id),
    createdAt: row.created_at,
    updater: row.up_reseller_id !== null ? users.get(row.up_reseller_id) : undefined,
    updatedAt: row.up_reseller_id !== null ? row.updated_at : undefined,
    transferredAt: row.transferred_at ?? undefined,
    domain,
  };
}

export async function updateHost(core: Core, input: UpdateHostInput): Promise<{ name: string; status: 'completed' | 'submitted' }> {
  const name = parseHostName(input.name);
  const addAddr = dedupe((input.addAddresses ?? []).map(parseHostAddress));
  const remAddr = dedupe((input.remAddresses ?? []).map(parseHostAddress));
  const addSt = input.addStatuses ?? [];
  const remSt = input.remStatuses ?? [];
  checkClientStatuses(addSt);
  checkClientStatuses(remSt);
  if (addSt.some((s) => remSt.includes(s))) throw new CoreError('policy_violation', 'A status is both added and removed', 'status');
  if (addAddr.some((a) => remAddr.some((r) => r.address === a.address))) throw new CoreError('policy_violation', 'An address is both added and removed', 'addr');
  const newName = input.newName !== undefined ? parseHostName(input.newName) : undefined;
  const now = await core.clock.now();
  let updated: { name: string; orderId?: number };
  try {
    updated = await core.db.transaction().execute(async (trx) => {
      const before = await snapshotHost(trx, name);
      const row = await ownHost(trx, input.resellerId, name);
      const parent = await remoteParentOf(core, trx, row.domain_id);
      if (parent) await assertNoHostOrderOpen(trx, name);
      const current = parseJson<string[]>(row.client_statuses, []);
      if (current.includes('clientUpdateProhibited') && !remSt.includes('clientUpdateProhibited')) {
        throw new CoreError('status_prohibits', `Host ${name} has status clientUpdateProhibited`, 'status');
      }
      const domain = row.domain_id !== null
        ? await trx.selectFrom('domains').selectAll().where('id', '=', row.domain_id).executeTakeFirst()
        : undefined;
      const internal = domain !== undefined && domain.deleted_at === null;
      if (domain && internal) refuseInactiveDomain(domain);
      if (!internal && addAddr.length > 0) {
        throw new CoreError('policy_violation', `Host ${name} is external: addresses are only accepted for hosts under a domain regd holds`, 'addr');
      }
      let finalName = name;
      if (newName !== undefined && newName !== name) {
        if (!internal) throw new CoreError('policy_violation', `Host ${name} is external: only hosts under a domain regd holds can be renamed`, 'name');
        const target = await findSuperordinateDomain(trx, newName);
        if (!target || target.id !== domain!.id) {
          throw new CoreError('policy_violation', `Host ${name} can only be renamed within ${domain!.name}`, 'name');
        }
        if (await findHost(trx, newName)) throw new CoreError('object_exists', `Host ${newName} already exists`, 'name');
        finalName = newName;
      }
      const existing = await trx.selectFrom('host_addresses').select(['address', 'ip_version']).where('host_id', '=', row.id).execute();
      const kept = existing.filter((e) => !remAddr.some((r) => r.address === e.address));
      const added = addAddr.filter((a) => !kept.some((e) => e.address === a.address));
      const total = kept.length + added.length;
      if (internal && total === 0) throw new CoreError('status_prohibits', `Host ${name} lies under ${domain!.name}: its last address cannot be removed`, 'addr');
      if (total > MAX_ADDRESSES) throw new CoreError('policy_violation', `At most ${MAX_ADDRESSES} addresses per host`, 'addr');

      for (const r of remAddr) await trx.deleteFrom('host_addresses').where('host_id', '=', row.id).where('address', '=', r.address).execute();
      for (const a of added) await trx.insertInto('host_addresses').values({ host_id: row.id, address: a.address, ip_version: a.version }).execute();
      const statuses = [...current.filter((s) => !remSt.includes(s)), ...addSt.filter((s) => !current.includes(s))];
      await trx.updateTable('hosts').set({
        name: finalName, client_statuses: JSON.stringify(statuses), up_reseller_id: input.resellerId, updated_at: now.toISOString(),
      }).where('id', '=', row.id).execute();
      if (finalName !== name) {
        // Every delegation naming the host follows the rename; a delegation that already names the new host keeps one entry.
        const both = trx.selectFrom('domain_nameservers').select('domain_id').where('name', '=', finalName);
        await trx.deleteFrom('domain_nameservers').where('name', '=', name).where('domain_id', 'in', both).execute();
        await trx.updateTable('domain_nameservers').set({ name: finalName }).where('name', '=', name).execute();
      }
      await recordHistory(trx, {
        at: now, resellerId: input.resellerId, domainId: row.domain_id, objectType: 'host', objectId: row.id, action: 'update',
        detail: {
          name, ...(finalName !== name ? { newName: finalName } : {}),
          addAddresses: added.map((a) => a.address), remAddresses: remAddr.map((a) => a.address), addStatuses: addSt, remStatuses: remSt,
        },
      });
      if (!parent) return { name: finalName };
      const after = await snapshotHost(trx, finalName);
      const orderId = await reserveHostOrder(trx, { resellerId: input.resellerId, parent, now, request: {
        action: 'update', name, ...(finalName !== name ? { newName: finalName } : {}), addresses: (after?.addresses ?? []).map((a) => a.address), before: before ?? null,
      } });
      return { name: finalName, orderId };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new CoreError('object_exists', `Host ${newName ?? name} already exists`, 'name');
    throw err;
  }
  return { name: updated.name, status: await carryObjectOrder(core, updated.orderId, `the update of host ${name}`) };
}

export async function deleteHost(core: Core, req: { resellerId: number; name: string }): Promise<{ status: 'completed' | 'submitted' }> {
  const name = parseHostName(req.name);
  const now = await core.clock.now();
  const orderId = await core.db.transaction().execute(async (trx) => {
    const before = await snapshotHost(trx, name);
    const row = await ownHost(trx, req.resellerId, name);
    const parent = await remoteParentOf(core, trx, row.domain_id);
    if (parent) await assertNoHostOrderOpen(trx, name);
    const statuses = parseJson<string[]>(row.client_statuses, []);
    if (statuses.includes('clientDeleteProhibited')) throw new CoreError('status_prohibits', `Host ${name} has status clientDeleteProhibited`, 'status');
    if (await isHostLinked(trx, name)) throw new CoreError('association_prohibits', `Host ${name} is in use by a domain`, 'name');
    await trx.deleteFrom('host_addresses').where('host_id', '=', row.id).execute();
    await trx.deleteFrom('hosts').where('id', '=', row.id).execute();
    await recordHistory(trx, { at: now, resellerId: req.resellerId, domainId: row.domain_id, objectType: 'host', objectId: row.id, action: 'delete', detail: { name } });
    if (!parent) return undefined;
    return reserveHostOrder(trx, { resellerId: req.resellerId, parent, now, request: { action: 'delete', name, addresses: [], before: before ?? null } });
  });
  return { status: await carryObjectOrder(core, orderId, `the delete of host ${name}`) };
}
