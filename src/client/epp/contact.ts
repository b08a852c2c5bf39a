// RFC 5733 contact commands: the XML each typed call sends and the reading of each reply (contact-1.0.xsd order).
import { el, textEl } from '../../protocols/epp/xmlWriter.ts';
import { child, childText, childrenOf, type XmlElement } from '../../protocols/epp/xmlTree.ts';
import { NS } from './namespaces.ts';
import { requireResData, type EppReply } from './reply.ts';
import type { CommandSpec, ExtFragment } from './envelope.ts';
import { statusXml } from './domain.ts';
import { readOpInfo } from './extensions/openprovider.ts';
import type { EppContactCheckItem, EppContactCreateRequest, EppContactInfo, EppContactUpdateRequest, EppPostalInfo } from './types.ts';

const C = { 'xmlns:contact': NS.contact };

function spec(what: string, xml: string, extensions: ExtFragment[] = []): CommandSpec {
  return { what: `contact:${what}`, objURI: NS.contact, xml, extensions };
}

const authInfoXml = (pw: string) => el('contact:authInfo', {}, textEl('contact:pw', pw));
const opt = (name: string, v: string | undefined) => (v === undefined ? undefined : textEl(name, v));

function addrXml(p: Partial<EppPostalInfo>): string {
  return el('contact:addr', {},
    ...(p.street ?? []).map((s) => textEl('contact:street', s)),
    textEl('contact:city', p.city ?? ''),
    opt('contact:sp', p.sp),
    opt('contact:pc', p.pc),
    textEl('contact:cc', p.cc ?? ''));
}

function postalInfoXml(p: EppPostalInfo): string {
  return el('contact:postalInfo', { type: p.type }, textEl('contact:name', p.name), opt('contact:org', p.org), addrXml(p));
}

export function contactCheckSpec(ids: string[]): CommandSpec {
  return spec('check', el('check', {}, el('contact:check', C, ...ids.map((id) => textEl('contact:id', id)))));
}

export function readContactCheck(reply: EppReply): EppContactCheckItem[] {
  return childrenOf(requireResData(reply, NS.contact, 'chkData'), NS.contact, 'cd').map((cd) => {
    const id = child(cd, NS.contact, 'id');
    return { id: id?.text.trim() ?? '', avail: id?.attrs.avail === '1' || id?.attrs.avail === 'true', reason: childText(cd, NS.contact, 'reason') };
  });
}

export function contactCreateSpec(r: EppContactCreateRequest, extensions: ExtFragment[]): CommandSpec {
  const postal = Array.isArray(r.postalInfo) ? r.postalInfo : [r.postalInfo];
  return spec('create', el('create', {}, el('contact:create', C,
    textEl('contact:id', r.id),
    ...postal.map(postalInfoXml),
    opt('contact:voice', r.voice),
    opt('contact:fax', r.fax),
    textEl('contact:email', r.email),
    authInfoXml(r.authInfo))), extensions);
}

export function readContactCreate(reply: EppReply): { id: string; crDate?: string } {
  const d = requireResData(reply, NS.contact, 'creData');
  return { id: childText(d, NS.contact, 'id') ?? '', crDate: childText(d, NS.contact, 'crDate') };
}

export function contactInfoSpec(id: string, authInfo?: string): CommandSpec {
  return spec('info', el('info', {}, el('contact:info', C, textEl('contact:id', id), authInfo !== undefined ? authInfoXml(authInfo) : undefined)));
}

function readPostalInfo(p: XmlElement): EppPostalInfo {
  const addr = child(p, NS.contact, 'addr');
  const a = (name: string) => (addr ? childText(addr, NS.contact, name) : undefined);
  return {
    type: p.attrs.type === 'int' ? 'int' : 'loc',
    name: childText(p, NS.contact, 'name') ?? '',
    org: childText(p, NS.contact, 'org'),
    street: addr ? childrenOf(addr, NS.contact, 'street').map((s) => s.text.trim()) : [],
    city: a('city') ?? '',
    sp: a('sp'),
    pc: a('pc'),
    cc: a('cc') ?? '',
  };
}

export function readContactInfo(reply: EppReply): EppContactInfo {
  const d = requireResData(reply, NS.contact, 'infData');
  const t = (name: string) => childText(d, NS.contact, name);
  const auth = child(d, NS.contact, 'authInfo');
  return {
    id: t('id') ?? '',
    roid: t('roid'),
    statuses: childrenOf(d, NS.contact, 'status').map((s) => s.attrs.s ?? ''),
    postalInfo: childrenOf(d, NS.contact, 'postalInfo').map(readPostalInfo),
    voice: t('voice'),
    fax: t('fax'),
    email: t('email'),
    clID: t('clID'),
    crID: t('crID'),
    crDate: t('crDate'),
    upID: t('upID'),
    upDate: t('upDate'),
    trDate: t('trDate'),
    authInfo: auth ? childText(auth, NS.contact, 'pw') : undefined,
    op: readOpInfo(reply),
  };
}

export function contactUpdateSpec(r: EppContactUpdateRequest, extensions: ExtFragment[]): CommandSpec {
  const addRem = (tag: 'add' | 'rem', a: { statuses: Array<Parameters<typeof statusXml>[1]> } | undefined) =>
    a?.statuses.length ? el(`contact:${tag}`, {}, ...a.statuses.map((s) => statusXml('contact', s))) : undefined;
  const c = r.chg;
  const chg = c ? el('contact:chg', {},
    ...(c.postalInfo ?? []).map((p) => el('contact:postalInfo', { type: p.type },
      opt('contact:name', p.name), opt('contact:org', p.org), p.city !== undefined || p.cc !== undefined || p.street !== undefined ? addrXml(p) : undefined)),
    opt('contact:voice', c.voice),
    opt('contact:fax', c.fax),
    opt('contact:email', c.email),
    c.authInfo !== undefined ? authInfoXml(c.authInfo) : undefined) : undefined;
  return spec('update', el('update', {}, el('contact:update', C, textEl('contact:id', r.id), addRem('add', r.add), addRem('rem', r.rem), chg)), extensions);
}

export function contactDeleteSpec(id: string): CommandSpec {
  return spec('delete', el('delete', {}, el('contact:delete', C, textEl('contact:id', id))));
}
