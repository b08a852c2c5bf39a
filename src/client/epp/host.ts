// RFC 5732 host commands: the XML each typed call sends and the reading of each reply (host-1.0.xsd order).
import { el, textEl } from '../../protocols/epp/xmlWriter.ts';
import { child, childText, childrenOf } from '../../protocols/epp/xmlTree.ts';
import { NS } from './namespaces.ts';
import { requireResData, type EppReply } from './reply.ts';
import type { CommandSpec } from './envelope.ts';
import { ipVersion, statusXml } from './domain.ts';
import type { EppHostCheckItem, EppHostCreateRequest, EppHostInfo, EppHostUpdateRequest, EppStatusInput } from './types.ts';

const H = { 'xmlns:host': NS.host };

function spec(what: string, xml: string): CommandSpec {
  return { what: `host:${what}`, objURI: NS.host, xml, extensions: [] };
}

const addrXml = (addresses: string[] | undefined) => (addresses ?? []).map((a) => textEl('host:addr', a, { ip: ipVersion(a) }));

export function hostCheckSpec(names: string[]): CommandSpec {
  return spec('check', el('check', {}, el('host:check', H, ...names.map((n) => textEl('host:name', n)))));
}

export function readHostCheck(reply: EppReply): EppHostCheckItem[] {
  return childrenOf(requireResData(reply, NS.host, 'chkData'), NS.host, 'cd').map((cd) => {
    const n = child(cd, NS.host, 'name');
    return { name: n?.text.trim() ?? '', avail: n?.attrs.avail === '1' || n?.attrs.avail === 'true', reason: childText(cd, NS.host, 'reason') };
  });
}

export function hostCreateSpec(r: EppHostCreateRequest): CommandSpec {
  return spec('create', el('create', {}, el('host:create', H, textEl('host:name', r.name), ...addrXml(r.addresses))));
}

export function readHostCreate(reply: EppReply): { name: string; crDate?: string } {
  const d = requireResData(reply, NS.host, 'creData');
  return { name: childText(d, NS.host, 'name') ?? '', crDate: childText(d, NS.host, 'crDate') };
}

export function hostInfoSpec(name: string): CommandSpec {
  return spec('info', el('info', {}, el('host:info', H, textEl('host:name', name))));
}

export function readHostInfo(reply: EppReply): EppHostInfo {
  const d = requireResData(reply, NS.host, 'infData');
  const t = (name: string) => childText(d, NS.host, name);
  return {
    name: t('name') ?? '',
    roid: t('roid'),
    statuses: childrenOf(d, NS.host, 'status').map((s) => s.attrs.s ?? ''),
    addresses: childrenOf(d, NS.host, 'addr').map((a) => a.text.trim()),
    clID: t('clID'),
    crID: t('crID'),
    crDate: t('crDate'),
    upID: t('upID'),
    upDate: t('upDate'),
    trDate: t('trDate'),
  };
}

export function hostUpdateSpec(r: EppHostUpdateRequest): CommandSpec {
  const addRem = (tag: 'add' | 'rem', a: { addresses?: string[]; statuses?: EppStatusInput[] } | undefined) => {
    const parts = [...addrXml(a?.addresses), ...(a?.statuses ?? []).map((s) => statusXml('host', s))];
    return parts.length ? el(`host:${tag}`, {}, ...parts) : undefined;
  };
  return spec('update', el('update', {}, el('host:update', H,
    textEl('host:name', r.name), addRem('add', r.add), addRem('rem', r.rem),
    r.chg ? el('host:chg', {}, textEl('host:name', r.chg.name)) : undefined)));
}

export function hostDeleteSpec(name: string): CommandSpec {
  return spec('delete', el('delete', {}, el('host:delete', H, textEl('host:name', name))));
}
