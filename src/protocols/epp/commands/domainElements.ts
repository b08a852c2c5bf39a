// Reading and writing the RFC 5731 (domain-1.0) elements the domain commands share: names, periods, the ns
// element (hostObj or hostAttr), contact references, authInfo; and the response's <extension> assembly.
import { NS } from '../eppNamespaces.ts';
import { child, childText, childrenOf, textOf, type XmlElement } from '../xmlTree.ts';
import { el, textEl } from '../xmlWriter.ts';
import { EppError, type EppContext } from '../eppTypes.ts';
import type { DelegationInput, StoredDelegationHost } from '../../../core/delegation.ts';
import type { ContactRef, ContactType } from '../../../core/contactHandles.ts';
import { findLiveDomain, type DomainRow } from '../../../core/commands/findDomain.ts';

export const DOMAIN_XMLNS = { 'xmlns:domain': NS.domain };

export function domainNameOf(object: XmlElement): string {
  return childText(object, NS.domain, 'name') ?? '';
}

/** A live domain by name, or 2303. */
export async function requireDomain(ctx: EppContext, name: string): Promise<DomainRow> {
  const d = await findLiveDomain(ctx.core, name);
  if (!d) throw new EppError(2303, `Object does not exist: ${name}`);
  return d;
}

/** A live domain this reseller sponsors: 2303 if unknown, 2201 if another reseller's. */
export async function requireSponsoredDomain(ctx: EppContext, name: string): Promise<DomainRow> {
  const d = await requireDomain(ctx, name);
  if (d.reseller_id !== ctx.reseller.id) throw new EppError(2201, `Authorization error: ${d.name} is sponsored by another registrar`);
  return d;
}

/** <domain:period unit="y|m">: years; months must be whole years (2004 otherwise). Absent: `fallback` years. */
export function periodYears(parent: XmlElement, fallback = 1): number {
  const p = child(parent, NS.domain, 'period');
  if (!p) return fallback;
  const value = Number(textOf(p));
  if (p.attrs.unit === 'm') {
    if (value % 12 !== 0) throw new EppError(2004, `Parameter value range error: a period of ${value} months is not a whole number of years`);
    return value / 12;
  }
  return value;
}

/** <domain:ns>: host object names or host attributes with their addresses. */
export function nsHosts(parent: XmlElement): DelegationInput[] {
  const ns = child(parent, NS.domain, 'ns');
  if (!ns) return [];
  const objs = childrenOf(ns, NS.domain, 'hostObj').map((h) => ({ name: textOf(h)!, addresses: [], hostAttr: false }));
  const attrs = childrenOf(ns, NS.domain, 'hostAttr').map((h) => ({
    name: childText(h, NS.domain, 'hostName') ?? '',
    addresses: childrenOf(h, NS.domain, 'hostAddr').map((a) => ({ address: textOf(a)!, version: a.attrs.ip === 'v6' ? 'v6' as const : 'v4' as const })),
    hostAttr: true,
  }));
  return [...objs, ...attrs];
}

export function contactRefs(parent: XmlElement): ContactRef[] {
  return childrenOf(parent, NS.domain, 'contact').map((c) => {
    const type = c.attrs.type;
    if (type !== 'admin' && type !== 'billing' && type !== 'tech') throw new EppError(2003, 'Required parameter missing: contact type (admin, billing or tech)');
    return { role: type as ContactType, handle: textOf(c)! };
  });
}

export type AuthInfo = { pw: string } | { ext: true } | { null: true };

/** <domain:authInfo>: its password (possibly empty), an <ext> (unsupported) or <null>. */
export function authInfoOf(parent: XmlElement): AuthInfo | undefined {
  const a = child(parent, NS.domain, 'authInfo');
  if (!a) return undefined;
  const pw = child(a, NS.domain, 'pw');
  if (pw) return { pw: textOf(pw)! };
  if (child(a, NS.domain, 'ext')) return { ext: true };
  return { null: true };
}

export function authPassword(a: AuthInfo | undefined): string | undefined {
  if (a === undefined) return undefined;
  if ('ext' in a) throw new EppError(2102, 'Unimplemented option: extended authInfo (domain:ext); use domain:pw');
  if ('null' in a) throw new EppError(2306, 'Parameter value policy error: a domain must keep an authInfo password');
  return a.pw;
}

/** The <domain:ns> of an info response: all hostAttr if any host was given as an attribute, else hostObj. */
export function renderNs(hosts: StoredDelegationHost[]): string | undefined {
  if (hosts.length === 0) return undefined;
  if (!hosts.some((h) => h.hostAttr)) return el('domain:ns', {}, ...hosts.map((h) => textEl('domain:hostObj', h.name)));
  return el('domain:ns', {}, ...hosts.map((h) => el('domain:hostAttr', {},
    textEl('domain:hostName', h.name),
    ...h.addresses.map((a) => textEl('domain:hostAddr', a, { ip: a.includes(':') ? 'v6' : 'v4' })))));
}

/** Joins extension fragments, keeping only those in a namespace the client named at login. */
export function responseExtension(ctx: EppContext, fragments: Array<{ ns: string; xml: string | undefined }>): string | undefined {
  const kept = fragments.filter((f) => f.xml && ctx.session.extURIs.has(f.ns)).map((f) => f.xml!);
  return kept.length > 0 ? kept.join('') : undefined;
}

/** The extension element of the command with this namespace and local name, if any. */
export function extensionOf(ctx: EppContext, ns: string, name: string): XmlElement | undefined {
  return ctx.extensions.find((e) => e.ns === ns && e.name === name);
}
