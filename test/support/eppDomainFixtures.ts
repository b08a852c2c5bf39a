// Builders for the EPP domain tests: command XML, contacts inserted through the core (until contact:create
// exists they are the way to get handles), signed marks.
import { NS } from '../../src/protocols/epp/eppNamespaces.ts';
import { insertContact } from '../../src/core/domainContacts.ts';
import { validateContact } from '../../src/core/contact.ts';
import type { Core } from '../../src/core/core.ts';
import type { EppTestClient } from './eppHarness.ts';

export const D = `xmlns:domain="${NS.domain}"`;

/** <verb><domain:verb ...>inner</domain:verb></verb> plus an optional <extension>. */
export function domainCmd(verb: string, inner: string, extension = '', attrs = ''): string {
  return `<${verb}><domain:${verb} ${D}${attrs}>${inner}</domain:${verb}></${verb}>${extension ? `<extension>${extension}</extension>` : ''}`;
}

export function nameEls(...names: string[]): string {
  return names.map((n) => `<domain:name>${n}</domain:name>`).join('');
}

export function createXml(name: string, opts: {
  period?: string; ns?: string; registrant?: string; contacts?: Array<[string, string]>; pw?: string; extension?: string;
} = {}): string {
  const contacts = (opts.contacts ?? []).map(([type, h]) => `<domain:contact type="${type}">${h}</domain:contact>`).join('');
  return domainCmd('create',
    `<domain:name>${name}</domain:name>${opts.period ?? '<domain:period unit="y">1</domain:period>'}${opts.ns ?? ''}` +
    `${opts.registrant !== undefined ? `<domain:registrant>${opts.registrant}</domain:registrant>` : ''}${contacts}` +
    `<domain:authInfo>${opts.pw === undefined || opts.pw === '' ? '<domain:pw/>' : `<domain:pw>${opts.pw}</domain:pw>`}</domain:authInfo>`,
    opts.extension ?? '');
}

export const hostObjs = (...names: string[]): string => `<domain:ns>${names.map((n) => `<domain:hostObj>${n}</domain:hostObj>`).join('')}</domain:ns>`;

export function hostAttrs(...hosts: Array<[string, ...string[]]>): string {
  return `<domain:ns>${hosts.map(([name, ...addrs]) => `<domain:hostAttr><domain:hostName>${name}</domain:hostName>${addrs
    .map((a) => `<domain:hostAddr ip="${a.includes(':') ? 'v6' : 'v4'}">${a}</domain:hostAddr>`).join('')}</domain:hostAttr>`).join('')}</domain:ns>`;
}

let contactCounter = 0;
/** A contact row of the client's reseller, created through the core; returns its handle. */
export async function makeContact(core: Core, client: EppTestClient, first = 'Jane'): Promise<string> {
  contactCounter += 1;
  const c = validateContact({
    first_name: first, last_name: `Doe${contactCounter}`, org_name: 'Example Inc.', address1: '32 Oak Street', city: 'Toronto',
    state: 'ON', country: 'CA', postal_code: 'M1M1M1', phone: '+1.4165551212', email: `${first.toLowerCase()}${contactCounter}@example.com`,
  }, 'contact');
  const id = await insertContact(core.db, client.session.reseller!.id, c, await core.clock.now());
  const row = await core.db.selectFrom('contacts').select('handle').where('id', '=', id).executeTakeFirstOrThrow();
  return row.handle;
}

/** A schema-valid smd:signedMark for the given labels (the signature is a dummy: the sandbox does not check it). */
export function signedMarkXml(labels: string[], opts: { notBefore?: string; notAfter?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<smd:signedMark xmlns:smd="${NS.signedMark}" id="smd1">
  <smd:id>1-2</smd:id>
  <smd:issuerInfo issuerID="2"><smd:org>Example Validator</smd:org><smd:email>support@example.tld</smd:email></smd:issuerInfo>
  <smd:notBefore>${opts.notBefore ?? '2025-01-01T00:00:00Z'}</smd:notBefore>
  <smd:notAfter>${opts.notAfter ?? '2028-01-01T00:00:00Z'}</smd:notAfter>
  <mark:mark xmlns:mark="${NS.mark}">
    <mark:trademark>
      <mark:id>00052013734689731373468973-65535</mark:id>
      <mark:markName>Example One</mark:markName>
      <mark:holder entitlement="owner"><mark:org>Example Inc.</mark:org>
        <mark:addr><mark:street>123 Example Dr.</mark:street><mark:city>Reston</mark:city><mark:cc>US</mark:cc></mark:addr></mark:holder>
      <mark:jurisdiction>US</mark:jurisdiction>
      <mark:class>35</mark:class>
      ${labels.map((l) => `<mark:label>${l}</mark:label>`).join('')}
      <mark:goodsAndServices>Dirigendas et eiusmodi featuring</mark:goodsAndServices>
      <mark:regNum>234235</mark:regNum>
      <mark:regDate>2009-08-16T09:00:00.0Z</mark:regDate>
    </mark:trademark>
  </mark:mark>
  <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
    <ds:SignedInfo>
      <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
      <ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
      <ds:Reference URI="#smd1"><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>AAAA</ds:DigestValue></ds:Reference>
    </ds:SignedInfo>
    <ds:SignatureValue>AAAA</ds:SignatureValue>
  </ds:Signature>
</smd:signedMark>`;
}

export function encodedSignedMark(base64: string): string {
  return `<smd:encodedSignedMark xmlns:smd="${NS.signedMark}">\n${base64.replace(/(.{72})/g, '$1\n')}\n</smd:encodedSignedMark>`;
}

export function launchCreate(phase: string, inner = '', name?: string): string {
  return `<launch:create xmlns:launch="${NS.launch}"><launch:phase${name ? ` name="${name}"` : ''}>${phase}</launch:phase>${inner}</launch:create>`;
}

export function dsData(keyTag: number, alg: number, digestType: number, digest: string): string {
  return `<secDNS:dsData><secDNS:keyTag>${keyTag}</secDNS:keyTag><secDNS:alg>${alg}</secDNS:alg><secDNS:digestType>${digestType}</secDNS:digestType><secDNS:digest>${digest}</secDNS:digest></secDNS:dsData>`;
}
