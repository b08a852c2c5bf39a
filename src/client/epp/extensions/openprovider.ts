// The Openprovider extension (op:ext, http://www.openprovider.nl/epp/xml/opprov-1.0; syntax in
// schemas/epp/opprov-1.0.xsd): domain settings on create/update/transfer, contact fields, and the op:resData that
// info and poll replies carry.
import { el, textEl } from '../../../protocols/epp/xmlWriter.ts';
import { child, type XmlElement } from '../../../protocols/epp/xmlTree.ts';
import { NS } from '../namespaces.ts';
import { extensionOf, type EppReply } from '../reply.ts';
import type { ExtFragment } from '../envelope.ts';
import type { EppOpContactFields, EppOpDomainChange, EppOpDomainFields, EppOpDomainTransfer } from '../types.ts';

const OP = { 'xmlns:op': NS.op };

function fields(f: Record<string, string | boolean | undefined>): string[] {
  return Object.entries(f)
    .filter((e): e is [string, string | boolean] => e[1] !== undefined)
    .map(([k, v]) => textEl(`op:${k}`, typeof v === 'boolean' ? String(v) : v));
}

function ext(inner: string, attrs: Record<string, string> = {}): ExtFragment {
  return { uri: NS.op, xml: el('op:ext', { ...OP, ...attrs }, inner) };
}

export function opDomainCreate(f: EppOpDomainFields): ExtFragment {
  return ext(el('op:create', {}, el('op:domain', {}, ...fields({ ...f }))));
}

export function opDomainUpdate(f: EppOpDomainChange): ExtFragment {
  return ext(el('op:update', {}, el('op:domain', {}, el('op:chg', {}, ...fields({ ...f })))));
}

export function opDomainTransfer(t: EppOpDomainTransfer): ExtFragment {
  const { registrant, contacts, nameservers, ...rest } = t;
  return ext(el('op:transfer', {}, el('op:domain', {},
    registrant !== undefined ? textEl('op:registrant', registrant) : undefined,
    ...(contacts ?? []).map((c) => textEl('op:contact', c.id, { type: c.type })),
    nameservers?.length ? el('op:ns', {}, ...nameservers.map((n) => textEl('domain:hostObj', n))) : undefined,
    ...fields({ ...rest }))), { 'xmlns:domain': NS.domain });
}

export function opContactCreate(f: EppOpContactFields): ExtFragment {
  return ext(el('op:create', {}, el('op:contact', {}, ...fields(f))));
}

export function opContactUpdate(f: EppOpContactFields): ExtFragment {
  return ext(el('op:update', {}, el('op:contact', {}, el('op:chg', {}, ...fields(f)))));
}

function flat(e: XmlElement | undefined): Record<string, string> | undefined {
  if (!e) return undefined;
  const out: Record<string, string> = {};
  for (const c of e.children) if (c.ns === NS.op && c.children.length === 0) out[c.name] = c.text.trim();
  return out;
}

function resData(reply: EppReply): XmlElement | undefined {
  const e = extensionOf(reply, NS.op, 'ext');
  return e ? child(e, NS.op, 'resData') : undefined;
}

/** op:infData's domain or contact fields, as sent. */
export function readOpInfo(reply: EppReply): Record<string, string> | undefined {
  const inf = resData(reply);
  const data = inf ? child(inf, NS.op, 'infData') : undefined;
  if (!data) return undefined;
  return flat(child(data, NS.op, 'domain') ?? child(data, NS.op, 'contact'));
}

/** op:polData (action, status, transaction, title ...) from any op:resData container of a poll reply. */
export function readOpPolData(reply: EppReply): Record<string, string> | undefined {
  const r = resData(reply);
  const container = r?.children[0];
  const domain = container ? child(container, NS.op, 'domain') : undefined;
  return flat(domain ? child(domain, NS.op, 'polData') : undefined);
}
