// EPP contact commands (RFC 5733) with the Openprovider extension: check, create, info, update, delete.
// Openprovider conventions: the server assigns the handle (the client's <contact:id> on create is ignored) unless
// the reseller's contact id mode is 'client' (RFC 5733: the id is used; the rule is the core's createContact), one
// postal address is kept (loc, or int when only int is sent; info always answers it as loc), a blank <contact:pw/>
// means "generate one" on create and "keep it" on update.
import { NS } from '../eppNamespaces.ts';
import { child, childText, childrenOf, textOf, type XmlElement } from '../xmlTree.ts';
import { el, textEl } from '../xmlWriter.ts';
import { EppError, type EppContext, type EppHandler, type EppResult } from '../eppTypes.ts';
import { CoreError } from '../../../core/errors.ts';
import type { ContactField } from '../../../core/contact.ts';
import {
  checkContacts, contactFullName, contactInfo, createContact, deleteContact, splitContactName, updateContact,
  type ContactDisclose, type ContactView,
} from '../../../core/commands/contacts.ts';
import { parseOpContactExt, renderOpContactInfo } from '../extensions/opExtension.ts';

const xmlnsContact = { 'xmlns:contact': NS.contact };

/** Core field names -> the EPP element a client knows them by (for error messages and <value>). */
const EPP_NAME_OF: Record<string, string> = {
  first_name: 'name', last_name: 'name', name: 'name', org_name: 'org', address1: 'street', address2: 'street', address3: 'street',
  city: 'city', state: 'sp', postal_code: 'pc', country: 'cc', phone: 'voice', fax: 'fax', email: 'email', lang: 'lang',
};

/** Re-expresses a core validation error in EPP terms ("contact.phone" -> "contact:voice"). */
function eppContactError(err: unknown): unknown {
  if (!(err instanceof CoreError) || (err.kind !== 'missing_field' && err.kind !== 'invalid_value')) return err;
  const m = err.field?.match(/^contact\.(\w+)$/);
  if (!m) return err;
  const name = EPP_NAME_OF[m[1]] ?? m[1];
  const message = err.message.replace(`contact.${m[1]}`, `contact:${name}`);
  return new CoreError(err.kind, message, `contact:${name}`);
}

async function withEppErrors<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    throw eppContactError(err);
  }
}

function idOf(obj: XmlElement): string {
  const id = childText(obj, NS.contact, 'id');
  if (!id) throw new EppError(2003, 'Required parameter missing: contact:id');
  return id;
}

/** The voice/fax number with its extension (x attribute) as the core stores it: +1.4165550123x12. */
function phoneOf(e: XmlElement | undefined): string | undefined {
  if (!e) return undefined;
  const number = e.text.trim();
  const x = e.attrs.x?.trim();
  return number !== '' && x ? `${number}x${x}` : number;
}

function phoneEl(name: string, stored: string): string | undefined {
  if (stored === '') return undefined;
  const m = stored.match(/^(.*?)x(\d+)$/);
  return m ? textEl(`contact:${name}`, m[1], { x: m[2] }) : textEl(`contact:${name}`, stored);
}

/** Picks the postal info to keep: loc when given, else int. */
function postalInfoOf(obj: XmlElement): XmlElement | undefined {
  const infos = childrenOf(obj, NS.contact, 'postalInfo');
  return infos.find((p) => p.attrs.type === 'loc') ?? infos[0];
}

function addressFields(addr: XmlElement): Partial<Record<ContactField, string>> {
  const streets = childrenOf(addr, NS.contact, 'street').map((s) => s.text.trim());
  return {
    address1: streets[0] ?? '', address2: streets[1] ?? '', address3: streets[2] ?? '',
    city: childText(addr, NS.contact, 'city') ?? '',
    state: childText(addr, NS.contact, 'sp') ?? '',
    postal_code: childText(addr, NS.contact, 'pc') ?? '',
    country: childText(addr, NS.contact, 'cc') ?? '',
  };
}

/** Fields from a postalInfo (create: all of it; chg: only what is present). */
function postalFields(p: XmlElement): Partial<Record<ContactField, string>> {
  const out: Partial<Record<ContactField, string>> = {};
  const name = childText(p, NS.contact, 'name');
  if (name !== undefined) Object.assign(out, splitContactName(name));
  const org = child(p, NS.contact, 'org');
  if (org) out.org_name = org.text.trim();
  const addr = child(p, NS.contact, 'addr');
  if (addr) Object.assign(out, addressFields(addr));
  return out;
}

function authPwOf(parent: XmlElement): string | undefined {
  const auth = child(parent, NS.contact, 'authInfo');
  if (!auth) return undefined;
  if (child(auth, NS.contact, 'ext')) throw new EppError(2102, 'Unimplemented option: only password authInfo is supported');
  return childText(auth, NS.contact, 'pw') ?? '';
}

function discloseOf(parent: XmlElement): ContactDisclose | undefined {
  const d = child(parent, NS.contact, 'disclose');
  if (!d) return undefined;
  const flag = d.attrs.flag === '1' || d.attrs.flag === 'true';
  const elements = d.children.filter((c) => c.ns === NS.contact).map((c) => (c.attrs.type ? `${c.name}:${c.attrs.type}` : c.name));
  return { flag, elements };
}

function discloseEl(d: ContactDisclose): string {
  const order = ['name:int', 'name:loc', 'org:int', 'org:loc', 'addr:int', 'addr:loc', 'voice', 'fax', 'email'];
  const items = order.filter((o) => d.elements.includes(o)).map((o) => {
    const [name, type] = o.split(':');
    return el(`contact:${name}`, { type });
  });
  // An empty disclose element is not valid; a preference naming nothing says nothing.
  return items.length === 0 ? '' : el('contact:disclose', { flag: d.flag ? '1' : '0' }, ...items);
}

const statusesIn = (parent: XmlElement | undefined): string[] =>
  parent ? childrenOf(parent, NS.contact, 'status').map((s) => s.attrs.s ?? '') : [];

async function check(ctx: EppContext): Promise<EppResult> {
  const ids = childrenOf(ctx.object, NS.contact, 'id').map((e) => textOf(e) ?? '');
  const results = await checkContacts(ctx.core, ids);
  const cds = results.map((r) => el('contact:cd', {},
    textEl('contact:id', r.handle, { avail: r.avail ? '1' : '0' }),
    r.reason ? textEl('contact:reason', r.reason) : undefined));
  return { code: 1000, resData: el('contact:chkData', xmlnsContact, ...cds) };
}

async function create(ctx: EppContext): Promise<EppResult> {
  const o = ctx.object;
  const postal = postalInfoOf(o);
  if (!postal) throw new EppError(2003, 'Required parameter missing: contact:postalInfo');
  const fields: Partial<Record<ContactField, string>> = {
    ...postalFields(postal),
    phone: phoneOf(child(o, NS.contact, 'voice')) ?? '',
    fax: phoneOf(child(o, NS.contact, 'fax')) ?? '',
    email: childText(o, NS.contact, 'email') ?? '',
  };
  const created = await withEppErrors(() => createContact(ctx.core, {
    resellerId: ctx.reseller.id,
    requestedId: childText(o, NS.contact, 'id'),
    fields,
    authCode: authPwOf(o),
    disclose: discloseOf(o),
    ext: parseOpContactExt(ctx.extensions),
  }));
  return {
    code: 1000,
    resData: el('contact:creData', xmlnsContact, textEl('contact:id', created.handle), textEl('contact:crDate', created.createdAt.toISOString())),
  };
}

function renderInfo(v: ContactView): string {
  const f = v.fields;
  const streets = [f.address1, f.address2, f.address3].filter((s) => s !== '');
  return el('contact:infData', xmlnsContact,
    textEl('contact:id', v.handle),
    textEl('contact:roid', v.roid),
    ...v.statuses.map((s) => el('contact:status', { s })),
    el('contact:postalInfo', { type: 'loc' },
      textEl('contact:name', contactFullName(f)),
      f.org_name !== '' ? textEl('contact:org', f.org_name) : undefined,
      el('contact:addr', {},
        ...streets.map((s) => textEl('contact:street', s)),
        textEl('contact:city', f.city),
        f.state !== '' ? textEl('contact:sp', f.state) : undefined,
        f.postal_code !== '' ? textEl('contact:pc', f.postal_code) : undefined,
        textEl('contact:cc', f.country))),
    phoneEl('voice', f.phone),
    phoneEl('fax', f.fax),
    textEl('contact:email', f.email),
    textEl('contact:clID', v.sponsor),
    textEl('contact:crID', v.sponsor),
    textEl('contact:crDate', v.createdAt),
    v.updatedAt ? textEl('contact:upID', v.sponsor) : undefined,
    v.updatedAt ? textEl('contact:upDate', v.updatedAt) : undefined,
    v.authCode !== undefined ? el('contact:authInfo', {}, textEl('contact:pw', v.authCode)) : undefined,
    v.disclose ? discloseEl(v.disclose) : undefined);
}

async function info(ctx: EppContext): Promise<EppResult> {
  const handle = idOf(ctx.object);
  const authCode = authPwOf(ctx.object);
  const view = await contactInfo(ctx.core, { resellerId: ctx.reseller.id, handle, authCode });
  const extension = view.ext && ctx.session.extURIs.has(NS.op) ? renderOpContactInfo(view.ext) : undefined;
  return { code: 1000, resData: renderInfo(view), extension };
}

async function update(ctx: EppContext): Promise<EppResult> {
  const o = ctx.object;
  const handle = idOf(o);
  const chg = child(o, NS.contact, 'chg');
  let fields: Partial<Record<ContactField, string>> | undefined;
  let authCode: string | undefined;
  let disclose: ContactDisclose | undefined;
  if (chg) {
    fields = {};
    const postal = postalInfoOf(chg);
    if (postal) Object.assign(fields, postalFields(postal));
    const voice = child(chg, NS.contact, 'voice');
    if (voice) fields.phone = phoneOf(voice) ?? '';
    const fax = child(chg, NS.contact, 'fax');
    if (fax) fields.fax = phoneOf(fax) ?? '';
    const email = childText(chg, NS.contact, 'email');
    if (email !== undefined) fields.email = email;
    authCode = authPwOf(chg);
    disclose = discloseOf(chg);
  }
  const ext = parseOpContactExt(ctx.extensions);
  const updated = await withEppErrors(() => updateContact(ctx.core, {
    resellerId: ctx.reseller.id,
    handle,
    addStatuses: statusesIn(child(o, NS.contact, 'add')),
    remStatuses: statusesIn(child(o, NS.contact, 'rem')),
    fields,
    authCode,
    disclose,
    ext,
  }));
  // 1001: a registry holding the contact has not confirmed the new data yet; a poll message follows.
  return { code: updated.status === 'submitted' ? 1001 : 1000 };
}

async function remove(ctx: EppContext): Promise<EppResult> {
  await deleteContact(ctx.core, { resellerId: ctx.reseller.id, handle: idOf(ctx.object) });
  return { code: 1000 };
}

async function transfer(_ctx: EppContext): Promise<EppResult> {
  throw new EppError(2101, 'Unimplemented command: contact transfer is not available (contacts stay with the reseller that created them)');
}

const key = (verb: string) => `${verb} ${NS.contact}`;

export const contactCommands: Record<string, EppHandler> = {
  [key('check')]: check,
  [key('create')]: create,
  [key('info')]: info,
  [key('update')]: update,
  [key('delete')]: remove,
  [key('transfer')]: transfer,
};
