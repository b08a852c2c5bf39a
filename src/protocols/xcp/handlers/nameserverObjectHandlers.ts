// NAMESERVER objects over XCP: CREATE, GET (one, or name=all for a domain's), MODIFY (addresses, rename via
// new_name), DELETE, REGISTRY_ADD_NS and REGISTRY_CHECK_NAMESERVER, on the host objects EPP uses
// (src/core/commands/hosts.ts). Codes from the seed's table: 485 exists, 480 not found, 435 not at the registry,
// 557 locked, 445 over quota.
import type { XcpContext, XcpHandler } from '../xcpContext.ts';
import type { XcpRequest } from '../xcpRequest.ts';
import type { XcpResult } from '../xcpReply.ts';
import { makeAssoc, type OpsAssoc } from '../../ops/index.ts';
import { XcpError } from '../xcpError.ts';
import { CoreError } from '../../../core/errors.ts';
import {
  createHost, deleteHost, findHost, hostInfo, isHostLinked, parseHostName, updateHost, type HostAddress,
} from '../../../core/commands/hosts.ts';
import { listSubordinateHosts } from '../../../core/commands/subordinateHosts.ts';
import { accessDomain } from '../../../core/commands/domainAccess.ts';
import { offeredTlds } from '../../../core/commands/checkAvailability.ts';
import { isLockedNameserver } from '../../../registry/sandbox/lockedNameservers.ts';

/** The name value that asks for every nameserver of a domain (GET NAMESERVER); no host can be called that. */
const ALL_NAMESERVERS = 'all';

function nameOf(req: XcpRequest): string {
  const raw = req.attributes.optString('name') ?? req.attributes.optString('fqdn');
  if (!raw) throw new XcpError(460, 'Missing required field: name');
  try {
    return parseHostName(raw);
  } catch {
    throw new XcpError(465, `Invalid nameserver syntax: ${raw}`);
  }
}

function addressesOf(req: XcpRequest): Array<{ address: string; version: string }> {
  const out: Array<{ address: string; version: string }> = [];
  const v4 = req.attributes.optString('ipaddress') ?? req.attributes.optString('ip');
  const v6 = req.attributes.optString('ipv6');
  if (v4) out.push({ address: v4, version: 'v4' });
  if (v6) out.push({ address: v6, version: 'v6' });
  return out;
}

async function existing(ctx: XcpContext, name: string) {
  const h = await findHost(ctx.core.db, name);
  if (!h) throw new XcpError(480, `Nameserver ${name} not found`);
  if (h.reseller_id !== ctx.reseller.id) throw new XcpError(480, `Nameserver ${name} not found`);
  return h;
}

function refuseLocked(ctx: XcpContext, name: string): void {
  if (isLockedNameserver(name, offeredTlds(ctx.core))) {
    throw new XcpError(557, `Nameserver locked: ${name} serves a TLD in the root zone; changes go through the registry operator`);
  }
}

/** Host core errors read as the seed's nameserver codes. */
function mapHostError(err: unknown, name: string): never {
  if (err instanceof CoreError) {
    if (err.kind === 'object_exists') throw new XcpError(485, `Nameserver ${name} already exists`);
    if (err.kind === 'not_found') throw new XcpError(480, `Nameserver ${name} not found`);
    if (err.kind === 'association_prohibits') throw new XcpError(485, `Nameserver in use: ${err.message}`);
    if (err.kind === 'not_sponsor') throw new XcpError(435, `Permission Denied: not owner. ${err.message}`);
  }
  throw err;
}

export const createNameserver: XcpHandler = async (ctx, req) => {
  const name = nameOf(req);
  refuseLocked(ctx, name);
  let status: 'completed' | 'submitted' = 'completed';
  try {
    ({ status } = await createHost(ctx.core, { resellerId: ctx.reseller.id, name, addresses: addressesOf(req) }));
  } catch (err) { mapHostError(err, name); }
  // 250: the registry of the parent domain has not confirmed yet; an event follows (and the host is removed if it refuses).
  return status === 'submitted' ? { code: 250, text: 'Nameserver creation submitted to the registry', attributes: { name } } : { code: 200, text: 'Nameserver Created', attributes: { name } };
};

/** One nameserver_list entry of GET NAMESERVER: ipaddress / ipv6 only when the host has one (the reference's table). */
function listEntry(name: string, addresses: HostAddress[], linked: boolean): OpsAssoc {
  const out = makeAssoc({ name, can_delete: linked ? '0' : '1' });
  const v4 = addresses.find((a) => a.version === 'v4');
  const v6 = addresses.find((a) => a.version === 'v6');
  if (v4) out.ipaddress = v4.address;
  if (v6) out.ipv6 = v6.address;
  return out;
}

/**
 * GET NAMESERVER name=all: the OpenSRS reference's way to list nameservers (its only documented name value), with
 * the domain in the attributes (or at top level, or a registrant cookie). regd lists the host objects under that
 * domain which the caller sponsors, linked or not; the reply is nameserver_list, as the reference describes.
 */
async function allNameserversOf(ctx: XcpContext, req: XcpRequest): Promise<XcpResult> {
  const { domain } = await accessDomain(ctx.core, {
    resellerId: ctx.reseller.id, cookie: req.cookie, domain: req.attributes.optString('domain') ?? req.domain, ip: req.registrantIp ?? ctx.remoteIp,
  });
  const hosts = await listSubordinateHosts(ctx.core, { resellerId: ctx.reseller.id, domainId: domain.id });
  return {
    code: 200, text: 'Query Successful',
    attributes: { nameserver_list: hosts.map((h) => listEntry(h.name, h.addresses, h.linked)) },
  };
}

export const getNameserver: XcpHandler = async (ctx, req) => {
  const requested = req.attributes.optString('name') ?? req.attributes.optString('fqdn');
  if (requested?.toLowerCase() === ALL_NAMESERVERS) return allNameserversOf(ctx, req);
  const name = nameOf(req);
  await existing(ctx, name);
  const h = await hostInfo(ctx.core, { name });
  const v4 = h.addresses.find((a) => a.version === 'v4');
  const v6 = h.addresses.find((a) => a.version === 'v6');
  const linked = await isHostLinked(ctx.core.db, name);
  return {
    code: 200, text: 'Query Successful',
    attributes: {
      name: h.name, ipaddress: v4?.address ?? '', ipv6: v6?.address ?? '', can_delete: linked ? '0' : '1', domain: h.domain ?? '',
      // The shape of the reference's reply too, for clients that read every GET NAMESERVER answer the same way.
      nameserver_list: [listEntry(h.name, h.addresses, linked)],
    },
  };
};

export const modifyNameserver: XcpHandler = async (ctx, req) => {
  const name = nameOf(req);
  refuseLocked(ctx, name);
  await existing(ctx, name);
  const h = await hostInfo(ctx.core, { name });
  const wanted = addressesOf(req);
  const newNameRaw = req.attributes.optString('new_name');
  // A new address of one family replaces the old one of that family.
  const rem = h.addresses.filter((a) => wanted.some((w) => w.version === a.version && w.address !== a.address));
  const add = wanted.filter((w) => !h.addresses.some((a) => a.address === w.address));
  if (add.length === 0 && rem.length === 0 && !newNameRaw) return { code: 200, text: 'No nameserver changes necessary' };
  try {
    const r = await updateHost(ctx.core, {
      resellerId: ctx.reseller.id, name, addAddresses: add, remAddresses: rem,
      newName: newNameRaw ? parseHostName(newNameRaw) : undefined,
    });
    if (r.status === 'submitted') return { code: 250, text: 'Modification submitted to the registry', attributes: { name: r.name } };
    return { code: 200, text: 'Modification Successful', attributes: { name: r.name } };
  } catch (err) {
    if (err instanceof CoreError && err.kind === 'policy_violation' && newNameRaw) throw new XcpError(465, `Invalid new nameserver hostname: ${err.message}`);
    mapHostError(err, name);
  }
};

export const deleteNameserver: XcpHandler = async (ctx, req) => {
  const name = nameOf(req);
  refuseLocked(ctx, name);
  await existing(ctx, name);
  let status: 'completed' | 'submitted' = 'completed';
  try {
    ({ status } = await deleteHost(ctx.core, { resellerId: ctx.reseller.id, name }));
  } catch (err) { mapHostError(err, name); }
  return status === 'submitted' ? { code: 250, text: 'Nameserver deletion submitted to the registry' } : { code: 200, text: 'Nameserver deleted' };
};

/** The sandbox registry holds every nameserver object regd knows; adding it "to the registry" is idempotent. */
export const registryAddNs: XcpHandler = async (ctx, req) => {
  const name = nameOf(req);
  await existing(ctx, name);
  return { code: 200, text: 'Nameserver Added', attributes: { name } };
};

export const registryCheckNameserver: XcpHandler = async (ctx, req) => {
  const name = nameOf(req);
  if (!(await findHost(ctx.core.db, name))) {
    throw new XcpError(435, `Request failed validation: Name server '${name}' is not found at the registry. Please double check the nameserver and re-submit.`);
  }
  return { code: 200, text: 'Nameserver exists at the registry', attributes: { name } };
};
