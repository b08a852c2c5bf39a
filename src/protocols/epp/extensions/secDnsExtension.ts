// RFC 5910 (secDNS-1.1): DS records on domain create, update (add, rem, rem all) and info. regd keeps the dsData
// interface only: keyData (alone or inside dsData) and maxSigLife are refused with 2102 as RFC 5910 asks of a
// server that does not support them; so is an urgent update.
import { NS } from '../eppNamespaces.ts';
import { child, childText, childrenOf, textOf, type XmlElement } from '../xmlTree.ts';
import { el, textEl } from '../xmlWriter.ts';
import { EppError } from '../eppTypes.ts';
import type { DsChange, DsRecord } from '../../../core/commands/dsRecords.ts';

function secDnsElement(extensions: XmlElement[], name: string): XmlElement | undefined {
  return extensions.find((e) => e.ns === NS.secDNS && e.name === name);
}

function dsDataOf(parent: XmlElement): DsRecord[] {
  if (childrenOf(parent, NS.secDNS, 'keyData').length > 0) throw new EppError(2102, 'Unimplemented option: secDNS keyData interface; send dsData');
  return childrenOf(parent, NS.secDNS, 'dsData').map((d) => {
    if (child(d, NS.secDNS, 'keyData')) throw new EppError(2102, 'Unimplemented option: keyData inside secDNS:dsData');
    return {
      keyTag: Number(childText(d, NS.secDNS, 'keyTag')),
      alg: Number(childText(d, NS.secDNS, 'alg')),
      digestType: Number(childText(d, NS.secDNS, 'digestType')),
      digest: childText(d, NS.secDNS, 'digest') ?? '',
    };
  });
}

function refuseMaxSigLife(parent: XmlElement): void {
  if (child(parent, NS.secDNS, 'maxSigLife')) throw new EppError(2102, 'Unimplemented option: secDNS:maxSigLife');
}

export function parseSecDnsCreate(extensions: XmlElement[]): DsRecord[] {
  const c = secDnsElement(extensions, 'create');
  if (!c) return [];
  refuseMaxSigLife(c);
  return dsDataOf(c);
}

export function parseSecDnsUpdate(extensions: XmlElement[]): DsChange | undefined {
  const u = secDnsElement(extensions, 'update');
  if (!u) return undefined;
  if (u.attrs.urgent === 'true' || u.attrs.urgent === '1') throw new EppError(2102, 'Unimplemented option: urgent secDNS update');
  if (child(u, NS.secDNS, 'chg')) throw new EppError(2102, 'Unimplemented option: secDNS:chg (maxSigLife)');
  const rem = child(u, NS.secDNS, 'rem');
  const add = child(u, NS.secDNS, 'add');
  if (add) refuseMaxSigLife(add);
  const all = rem ? textOf(child(rem, NS.secDNS, 'all')) : undefined;
  return {
    removeAll: all === 'true' || all === '1',
    rem: rem ? dsDataOf(rem) : [],
    add: add ? dsDataOf(add) : [],
  };
}

export function renderSecDnsInfData(records: DsRecord[]): string | undefined {
  if (records.length === 0) return undefined;
  return el('secDNS:infData', { 'xmlns:secDNS': NS.secDNS }, ...records.map((r) => el('secDNS:dsData', {},
    textEl('secDNS:keyTag', r.keyTag), textEl('secDNS:alg', r.alg), textEl('secDNS:digestType', r.digestType), textEl('secDNS:digest', r.digest))));
}
