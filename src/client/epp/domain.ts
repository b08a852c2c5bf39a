// RFC 5731 domain commands: the XML each typed call sends (with its extensions) and the reading of each reply.
// Element order follows domain-1.0.xsd.
import { el, textEl } from '../../protocols/epp/xmlWriter.ts';
import { child, childText, childrenOf, type XmlElement } from '../../protocols/epp/xmlTree.ts';
import { NS } from './namespaces.ts';
import { requireResData, optionalResData, type EppReply } from './reply.ts';
import type { CommandSpec, ExtFragment } from './envelope.ts';
import { readRgpStatuses } from './extensions/rgp.ts';
import { readDsData } from './extensions/secDns.ts';
import { readLaunchApplicationId, readLaunchInfo } from './extensions/launch.ts';
import { readFeeCheck, readFeeResult } from './extensions/fee.ts';
import { readOpInfo } from './extensions/openprovider.ts';
import type {
  EppContactRef, EppDomainAddRem, EppDomainCheckItem, EppDomainCreateData, EppDomainCreateRequest, EppDomainInfo,
  EppDomainRenewData, EppDomainRenewRequest, EppDomainTransferData, EppDomainTransferRequest, EppDomainUpdateRequest,
  EppHostAttr, EppStatusInput, EppTransferData, EppTransferOp,
} from './types.ts';

const D = { 'xmlns:domain': NS.domain };

function spec(what: string, xml: string, extensions: ExtFragment[] = []): CommandSpec {
  return { what: `domain:${what}`, objURI: NS.domain, xml, extensions };
}

export function statusXml(prefix: string, s: EppStatusInput): string {
  return typeof s === 'string' ? el(`${prefix}:status`, { s }) : textEl(`${prefix}:status`, s.text ?? '', { s: s.s, lang: s.lang });
}

export function ipVersion(address: string): 'v4' | 'v6' {
  return address.includes(':') ? 'v6' : 'v4';
}

/** <domain:ns>: host objects or host attributes (the schema allows one form per element, never both). */
function nsXml(nameservers: string[] | undefined, hostAttrs: EppHostAttr[] | undefined): string | undefined {
  if (nameservers?.length && hostAttrs?.length) throw new TypeError('give nameservers (host objects) or hostAttrs, not both');
  if (nameservers?.length) return el('domain:ns', {}, ...nameservers.map((n) => textEl('domain:hostObj', n)));
  if (hostAttrs?.length) {
    return el('domain:ns', {}, ...hostAttrs.map((h) => el('domain:hostAttr', {},
      textEl('domain:hostName', h.name), ...h.addresses.map((a) => textEl('domain:hostAddr', a, { ip: ipVersion(a) })))));
  }
  return undefined;
}

const contactsXml = (contacts: EppContactRef[] | undefined) => (contacts ?? []).map((c) => textEl('domain:contact', c.id, { type: c.type }));
const authInfoXml = (pw: string) => el('domain:authInfo', {}, textEl('domain:pw', pw));
const periodXml = (years: number | undefined) => (years === undefined ? undefined : textEl('domain:period', years, { unit: 'y' }));

// --- check ---------------------------------------------------------------------------------------------------

export function domainCheckSpec(names: string[], extensions: ExtFragment[]): CommandSpec {
  return spec('check', el('check', {}, el('domain:check', D, ...names.map((n) => textEl('domain:name', n)))), extensions);
}

export function readDomainCheck(reply: EppReply): EppDomainCheckItem[] {
  const data = requireResData(reply, NS.domain, 'chkData');
  const fees = readFeeCheck(reply);
  return childrenOf(data, NS.domain, 'cd').map((cd) => {
    const name = child(cd, NS.domain, 'name');
    const n = name?.text.trim() ?? '';
    return {
      name: n,
      avail: name?.attrs.avail === '1' || name?.attrs.avail === 'true',
      reason: childText(cd, NS.domain, 'reason'),
      fee: fees.get(n.toLowerCase()),
    };
  });
}

// --- info ----------------------------------------------------------------------------------------------------

export function domainInfoSpec(name: string, o: { authInfo?: string; hosts?: string }, extensions: ExtFragment[]): CommandSpec {
  return spec('info', el('info', {}, el('domain:info', D,
    textEl('domain:name', name, { hosts: o.hosts }),
    o.authInfo !== undefined ? authInfoXml(o.authInfo) : undefined)), extensions);
}

export function readDomainInfo(reply: EppReply): EppDomainInfo {
  const d = requireResData(reply, NS.domain, 'infData');
  const t = (name: string) => childText(d, NS.domain, name);
  const ns = child(d, NS.domain, 'ns');
  const auth = child(d, NS.domain, 'authInfo');
  return {
    name: t('name') ?? '',
    roid: t('roid'),
    statuses: childrenOf(d, NS.domain, 'status').map((s) => s.attrs.s ?? ''),
    registrant: t('registrant'),
    contacts: childrenOf(d, NS.domain, 'contact').map((c) => ({ type: c.attrs.type as EppContactRef['type'], id: c.text.trim() })),
    nameservers: ns ? childrenOf(ns, NS.domain, 'hostObj').map((h) => h.text.trim()) : [],
    hostAttrs: ns ? childrenOf(ns, NS.domain, 'hostAttr').map((h) => ({
      name: childText(h, NS.domain, 'hostName') ?? '',
      addresses: childrenOf(h, NS.domain, 'hostAddr').map((a) => a.text.trim()),
    })) : [],
    hosts: childrenOf(d, NS.domain, 'host').map((h) => h.text.trim()),
    clID: t('clID'),
    crID: t('crID'),
    crDate: t('crDate'),
    upID: t('upID'),
    upDate: t('upDate'),
    exDate: t('exDate'),
    trDate: t('trDate'),
    authInfo: auth ? childText(auth, NS.domain, 'pw') : undefined,
    rgpStatuses: readRgpStatuses(reply),
    dsData: readDsData(reply),
    launch: readLaunchInfo(reply),
    op: readOpInfo(reply),
  };
}

// --- create, renew -------------------------------------------------------------------------------------------

export function domainCreateSpec(r: EppDomainCreateRequest, extensions: ExtFragment[]): CommandSpec {
  return spec('create', el('create', {}, el('domain:create', D,
    textEl('domain:name', r.name),
    periodXml(r.period),
    nsXml(r.nameservers, r.hostAttrs),
    r.registrant !== undefined ? textEl('domain:registrant', r.registrant) : undefined,
    ...contactsXml(r.contacts),
    authInfoXml(r.authInfo))), extensions);
}

export function readDomainCreate(reply: EppReply): EppDomainCreateData {
  // A create that the registry answers later (1001) may come without creData.
  const d = reply.code === 1001 ? optionalResData(reply, NS.domain, 'creData') : requireResData(reply, NS.domain, 'creData');
  return {
    name: d ? childText(d, NS.domain, 'name') ?? '' : '',
    crDate: d ? childText(d, NS.domain, 'crDate') : undefined,
    exDate: d ? childText(d, NS.domain, 'exDate') : undefined,
    applicationId: readLaunchApplicationId(reply),
    fee: readFeeResult(reply, 'creData'),
  };
}

export function domainRenewSpec(r: EppDomainRenewRequest, extensions: ExtFragment[]): CommandSpec {
  return spec('renew', el('renew', {}, el('domain:renew', D,
    textEl('domain:name', r.name), textEl('domain:curExpDate', r.curExpDate), periodXml(r.period))), extensions);
}

export function readDomainRenew(reply: EppReply): EppDomainRenewData {
  const d = reply.code === 1001 ? optionalResData(reply, NS.domain, 'renData') : requireResData(reply, NS.domain, 'renData');
  return {
    name: d ? childText(d, NS.domain, 'name') ?? '' : '',
    exDate: d ? childText(d, NS.domain, 'exDate') : undefined,
    fee: readFeeResult(reply, 'renData'),
  };
}

// --- transfer ------------------------------------------------------------------------------------------------

export function domainTransferSpec(op: EppTransferOp, r: EppDomainTransferRequest, extensions: ExtFragment[]): CommandSpec {
  return spec(`transfer ${op}`, el('transfer', { op }, el('domain:transfer', D,
    textEl('domain:name', r.name),
    periodXml(r.period),
    r.authInfo !== undefined ? authInfoXml(r.authInfo) : undefined)), extensions);
}

/** <domain:trnData> (transfer replies and transfer poll messages). */
export function readTrnData(d: XmlElement): EppTransferData {
  const t = (name: string) => childText(d, d.ns, name);
  return {
    name: t('name') ?? t('id') ?? '',
    trStatus: t('trStatus') ?? '',
    reID: t('reID'),
    reDate: t('reDate'),
    acID: t('acID'),
    acDate: t('acDate'),
    exDate: t('exDate'),
  };
}

export function readDomainTransfer(reply: EppReply, name: string): EppDomainTransferData {
  const d = optionalResData(reply, NS.domain, 'trnData');
  // RFC 5731 makes trnData mandatory on success; a 1001 without it still tells the caller the request is pending.
  if (!d && reply.code !== 1001) requireResData(reply, NS.domain, 'trnData');
  const data = d ? readTrnData(d) : { name, trStatus: 'pending' };
  return { ...data, fee: readFeeResult(reply, 'trnData') };
}

// --- update, delete, restore ---------------------------------------------------------------------------------

function addRemXml(tag: 'add' | 'rem', a: EppDomainAddRem | undefined): string | undefined {
  if (!a) return undefined;
  const parts = [nsXml(a.nameservers, a.hostAttrs), ...contactsXml(a.contacts), ...(a.statuses ?? []).map((s) => statusXml('domain', s))]
    .filter((p): p is string => p !== undefined);
  return parts.length ? el(`domain:${tag}`, {}, ...parts) : undefined;
}

export function domainUpdateSpec(r: EppDomainUpdateRequest, extensions: ExtFragment[]): CommandSpec {
  const chg = r.chg && (r.chg.registrant !== undefined || r.chg.authInfo !== undefined)
    ? el('domain:chg', {},
      r.chg.registrant !== undefined ? textEl('domain:registrant', r.chg.registrant) : undefined,
      r.chg.authInfo !== undefined ? authInfoXml(r.chg.authInfo) : undefined)
    : undefined;
  return spec('update', el('update', {}, el('domain:update', D,
    textEl('domain:name', r.name), addRemXml('add', r.add), addRemXml('rem', r.rem), chg)), extensions);
}

/** RFC 3915: a restore is a domain <update> that changes nothing (an empty <domain:chg/>) plus rgp:update. */
export function domainRestoreSpec(name: string, rgp: ExtFragment): CommandSpec {
  return spec('update (restore)', el('update', {}, el('domain:update', D, textEl('domain:name', name), el('domain:chg'))), [rgp]);
}

export function domainDeleteSpec(name: string): CommandSpec {
  return spec('delete', el('delete', {}, el('domain:delete', D, textEl('domain:name', name))));
}
