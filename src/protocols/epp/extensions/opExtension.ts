// The Openprovider extension (op:ext, http://www.openprovider.nl/epp/xml/opprov-1.0) for domains and contacts.
// Syntax: schemas/epp/opprov-1.0.xsd (every command has been schema-validated before these parsers see it).
//
// Parsed values are strings: booleans normalised to "true"/"false", country codes upper-cased, everything trimmed.
// An empty value in an update means "clear this field" (mergeOpExt drops it).
import { NS } from '../eppNamespaces.ts';
import { child, childrenOf, textOf, type XmlElement } from '../xmlTree.ts';
import { el, textEl } from '../xmlWriter.ts';

/** Domain fields carried in op:ext on domain create/transfer/update (stored as JSON in domains.op_ext). */
export type OpDomainExt = Record<string, string>;
/** Contact fields carried in op:ext on contact create/update (stored as JSON in contacts.op_ext). */
export type OpContactExt = Record<string, string>;

/** Domain fields kept with a domain (create, transfer and update chg). */
export const OP_DOMAIN_FIELDS = ['autorenew', 'promoCode', 'useDomicile', 'nsGroup', 'nsTemplateName', 'comments'] as const;
/** Domain update only: a request, never stored ("true" asks for a new auth code). */
export const OP_DOMAIN_ACTIONS = ['resetAuthCode'] as const;

/** Contact fields, in the order domain info renders them. */
export const OP_CONTACT_FIELDS = [
  'vat', 'comments', 'gender',
  'birthDate', 'birthAddress', 'birthCity', 'birthState', 'birthZipcode', 'birthCountry',
  'companyRegistrationCity', 'companyRegistrationNumber', 'companyRegistrationSubscriptionDate',
  'headquartersAddress', 'headquartersCity', 'headquartersState', 'headquartersZipcode', 'headquartersCountry',
  'socialSecurityNumber', 'passportNumber',
] as const;

const BOOLEAN_FIELDS = new Set(['useDomicile', 'resetAuthCode', 'isLocked', 'canRenew']);
const COUNTRY_FIELDS = new Set(['birthCountry', 'headquartersCountry']);

/** The <op:ext> element among the command's extensions, if any. */
export function findOpExt(extensions: XmlElement[]): XmlElement | undefined {
  return extensions.find((e) => e.ns === NS.op && e.name === 'ext');
}

function normalise(name: string, raw: string): string {
  const v = raw.trim();
  if (BOOLEAN_FIELDS.has(name)) return v === '1' || v === 'true' ? 'true' : v === '' ? '' : 'false';
  if (COUNTRY_FIELDS.has(name)) return v.toUpperCase();
  return v;
}

function readFields(parent: XmlElement, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const e = child(parent, NS.op, name);
    if (e) out[name] = normalise(name, e.text);
  }
  return out;
}

/** Which op:ext command the extension carries for domains, and its element (<op:domain> or <op:chg>). */
function domainPart(extensions: XmlElement[]): { action: 'create' | 'update' | 'transfer'; el: XmlElement } | undefined {
  const ext = findOpExt(extensions);
  if (!ext) return undefined;
  for (const action of ['create', 'update', 'transfer'] as const) {
    const domain = (() => { const a = child(ext, NS.op, action); return a ? child(a, NS.op, 'domain') : undefined; })();
    if (!domain) continue;
    if (action === 'update') {
      const chg = child(domain, NS.op, 'chg');
      return chg ? { action, el: chg } : undefined;
    }
    return { action, el: domain };
  }
  return undefined;
}

/**
 * The domain fields of op:ext on domain create, update (op:chg, which may also hold resetAuthCode) or transfer.
 * undefined when the command carries no op:ext for a domain.
 */
export function parseOpDomainExt(extensions: XmlElement[]): OpDomainExt | undefined {
  const part = domainPart(extensions);
  if (!part) return undefined;
  return readFields(part.el, part.action === 'update' ? [...OP_DOMAIN_FIELDS, ...OP_DOMAIN_ACTIONS] : OP_DOMAIN_FIELDS);
}

export interface OpDomainTransfer {
  fields: OpDomainExt;
  registrant?: string;
  contacts: Array<{ type: string; id: string }>;
  /** <op:ns>: host names (hostObj or hostAttr) with any hostAttr addresses. */
  nameservers?: Array<{ name: string; addresses: Array<{ ip: 'v4' | 'v6'; address: string }> }>;
}

/** The whole op:transfer/op:domain of a transfer request: the create fields plus registrant, contacts and ns. */
export function parseOpDomainTransfer(extensions: XmlElement[]): OpDomainTransfer | undefined {
  const part = domainPart(extensions);
  if (!part || part.action !== 'transfer') return undefined;
  const d = part.el;
  const ns = child(d, NS.op, 'ns');
  return {
    fields: readFields(d, OP_DOMAIN_FIELDS),
    registrant: textOf(child(d, NS.op, 'registrant')),
    contacts: childrenOf(d, NS.op, 'contact').map((c) => ({ type: c.attrs.type ?? '', id: c.text.trim() })),
    nameservers: ns
      ? [
        ...childrenOf(ns, NS.domain, 'hostObj').map((h) => ({ name: h.text.trim(), addresses: [] })),
        ...childrenOf(ns, NS.domain, 'hostAttr').map((h) => ({
          name: textOf(child(h, NS.domain, 'hostName')) ?? '',
          addresses: childrenOf(h, NS.domain, 'hostAddr').map((a) => ({ ip: (a.attrs.ip === 'v6' ? 'v6' : 'v4') as 'v4' | 'v6', address: a.text.trim() })),
        })),
      ]
      : undefined,
  };
}

/**
 * Applies parsed changes to stored extension data: a non-empty value sets the field, an empty one removes it.
 * Keys outside `keep` (e.g. resetAuthCode) are not stored.
 */
export function mergeOpExt(stored: Record<string, string>, changes: Record<string, string>, keep: readonly string[] = [...OP_DOMAIN_FIELDS, ...OP_CONTACT_FIELDS]): Record<string, string> {
  const out: Record<string, string> = { ...stored };
  for (const [k, v] of Object.entries(changes)) {
    if (!keep.includes(k)) continue;
    if (v === '') delete out[k];
    else out[k] = v;
  }
  return out;
}

function opExt(inner: string): string {
  return el('op:ext', { 'xmlns:op': NS.op }, el('op:resData', {}, inner));
}

export interface OpDomainInfoState {
  autoRenew: boolean;
  locked: boolean;
  expiresAt: string;
  /** op:reDate, the registration date (ISO). */
  createdAt?: string;
  /** op:canRenew; defaults to true. */
  canRenew?: boolean;
}

/** The <op:ext> fragment for domain <info> (infData), from the stored JSON and the domain's state. */
export function renderOpDomainInfo(stored: OpDomainExt, state: OpDomainInfoState): string | undefined {
  const autorenew = stored.autorenew === 'default' && !state.autoRenew ? 'default' : state.autoRenew ? 'on' : 'off';
  const optional = (name: string) => (stored[name] ? textEl(`op:${name}`, stored[name]) : undefined);
  return opExt(el('op:infData', {}, el('op:domain', {},
    textEl('op:isLocked', state.locked ? 'true' : 'false'),
    state.createdAt ? textEl('op:reDate', state.createdAt) : undefined,
    textEl('op:renewalDate', state.expiresAt),
    textEl('op:canRenew', state.canRenew === false ? 'false' : 'true'),
    textEl('op:autorenew', autorenew),
    textEl('op:useDomicile', stored.useDomicile === 'true' ? 'true' : 'false'),
    optional('nsGroup'),
    optional('nsTemplateName'),
    optional('comments'),
    optional('promoCode'))));
}

/** The contact fields of op:ext on contact create or update (op:chg). undefined when there is none. */
export function parseOpContactExt(extensions: XmlElement[]): OpContactExt | undefined {
  const ext = findOpExt(extensions);
  if (!ext) return undefined;
  const create = child(ext, NS.op, 'create');
  const createContact = create ? child(create, NS.op, 'contact') : undefined;
  if (createContact) return readFields(createContact, OP_CONTACT_FIELDS);
  const update = child(ext, NS.op, 'update');
  const updateContact = update ? child(update, NS.op, 'contact') : undefined;
  const chg = updateContact ? child(updateContact, NS.op, 'chg') : undefined;
  return chg ? readFields(chg, OP_CONTACT_FIELDS) : undefined;
}

/** The <op:ext> fragment for contact <info>: every field (empty when not set), as the Openprovider guide shows. */
export function renderOpContactInfo(stored: OpContactExt): string | undefined {
  if (Object.keys(stored).length === 0) return undefined;
  return opExt(el('op:infData', {}, el('op:contact', {}, ...OP_CONTACT_FIELDS.map((f) => textEl(`op:${f}`, stored[f] ?? '')))));
}
