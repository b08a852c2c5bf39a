// EPP host commands (RFC 5732): check, create, info, update, delete. The glue rules live in the core
// (src/core/commands/hosts.ts); this file only maps the XML.
import { NS } from '../eppNamespaces.ts';
import { child, childText, childrenOf, textOf, type XmlElement } from '../xmlTree.ts';
import { el, textEl } from '../xmlWriter.ts';
import { EppError, type EppContext, type EppHandler, type EppResult } from '../eppTypes.ts';
import { checkHosts, createHost, deleteHost, hostInfo, updateHost, type HostView } from '../../../core/commands/hosts.ts';

const xmlnsHost = { 'xmlns:host': NS.host };

function nameOf(obj: XmlElement): string {
  const name = childText(obj, NS.host, 'name');
  if (!name) throw new EppError(2003, 'Required parameter missing: host:name');
  return name;
}

const addressesIn = (parent: XmlElement | undefined) =>
  parent ? childrenOf(parent, NS.host, 'addr').map((a) => ({ address: a.text.trim(), version: a.attrs.ip ?? 'v4' })) : [];

const statusesIn = (parent: XmlElement | undefined): string[] =>
  parent ? childrenOf(parent, NS.host, 'status').map((s) => s.attrs.s ?? '') : [];

async function check(ctx: EppContext): Promise<EppResult> {
  const names = childrenOf(ctx.object, NS.host, 'name').map((e) => textOf(e) ?? '');
  const results = await checkHosts(ctx.core, names);
  const cds = results.map((r) => el('host:cd', {},
    textEl('host:name', r.name, { avail: r.avail ? '1' : '0' }),
    r.reason ? textEl('host:reason', r.reason) : undefined));
  return { code: 1000, resData: el('host:chkData', xmlnsHost, ...cds) };
}

async function create(ctx: EppContext): Promise<EppResult> {
  const created = await createHost(ctx.core, { resellerId: ctx.reseller.id, name: nameOf(ctx.object), addresses: addressesIn(ctx.object) });
  return {
    // 1001: the registry of the parent domain has not confirmed yet; a poll message follows.
    code: created.status === 'submitted' ? 1001 : 1000,
    resData: el('host:creData', xmlnsHost, textEl('host:name', created.name), textEl('host:crDate', created.createdAt.toISOString())),
  };
}

function renderInfo(v: HostView): string {
  return el('host:infData', xmlnsHost,
    textEl('host:name', v.name),
    textEl('host:roid', v.roid),
    ...v.statuses.map((s) => el('host:status', { s })),
    ...v.addresses.map((a) => textEl('host:addr', a.address, { ip: a.version })),
    textEl('host:clID', v.sponsor),
    textEl('host:crID', v.creator),
    textEl('host:crDate', v.createdAt),
    v.updater ? textEl('host:upID', v.updater) : undefined,
    v.updatedAt ? textEl('host:upDate', v.updatedAt) : undefined,
    v.transferredAt ? textEl('host:trDate', v.transferredAt) : undefined);
}

async function info(ctx: EppContext): Promise<EppResult> {
  const view = await hostInfo(ctx.core, { name: nameOf(ctx.object) });
  return { code: 1000, resData: renderInfo(view) };
}

async function update(ctx: EppContext): Promise<EppResult> {
  const o = ctx.object;
  const add = child(o, NS.host, 'add');
  const rem = child(o, NS.host, 'rem');
  const chg = child(o, NS.host, 'chg');
  const updated = await updateHost(ctx.core, {
    resellerId: ctx.reseller.id,
    name: nameOf(o),
    addAddresses: addressesIn(add),
    remAddresses: addressesIn(rem),
    addStatuses: statusesIn(add),
    remStatuses: statusesIn(rem),
    newName: chg ? childText(chg, NS.host, 'name') : undefined,
  });
  return { code: updated.status === 'submitted' ? 1001 : 1000 };
}

async function remove(ctx: EppContext): Promise<EppResult> {
  const deleted = await deleteHost(ctx.core, { resellerId: ctx.reseller.id, name: nameOf(ctx.object) });
  return { code: deleted.status === 'submitted' ? 1001 : 1000 };
}

const key = (verb: string) => `${verb} ${NS.host}`;

export const hostCommands: Record<string, EppHandler> = {
  [key('check')]: check,
  [key('create')]: create,
  [key('info')]: info,
  [key('update')]: update,
  [key('delete')]: remove,
};
