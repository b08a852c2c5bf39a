// RFC 5910 DNSSEC (secDNS-1.1), the dsData interface: DS records on create and update, and those info returns.
import { el, textEl } from '../../../protocols/epp/xmlWriter.ts';
import { childText, childrenOf } from '../../../protocols/epp/xmlTree.ts';
import { NS } from '../namespaces.ts';
import { extensionOf, type EppReply } from '../reply.ts';
import type { ExtFragment } from '../envelope.ts';
import type { EppDsData, EppSecDnsCreate, EppSecDnsUpdate } from '../types.ts';

const SEC = { 'xmlns:secDNS': NS.secDNS };

function dsData(d: EppDsData): string {
  return el('secDNS:dsData', {},
    textEl('secDNS:keyTag', d.keyTag), textEl('secDNS:alg', d.alg), textEl('secDNS:digestType', d.digestType), textEl('secDNS:digest', d.digest));
}

export function secDnsCreate(c: EppSecDnsCreate): ExtFragment {
  return {
    uri: NS.secDNS,
    xml: el('secDNS:create', SEC, c.maxSigLife !== undefined ? textEl('secDNS:maxSigLife', c.maxSigLife) : undefined, ...c.dsData.map(dsData)),
  };
}

export function secDnsUpdate(u: EppSecDnsUpdate): ExtFragment {
  const rem = u.removeAll
    ? el('secDNS:rem', {}, textEl('secDNS:all', 'true'))
    : u.rem?.length ? el('secDNS:rem', {}, ...u.rem.map(dsData)) : undefined;
  const add = u.add?.length ? el('secDNS:add', {}, ...u.add.map(dsData)) : undefined;
  return { uri: NS.secDNS, xml: el('secDNS:update', { ...SEC, urgent: u.urgent ? 'true' : undefined }, rem, add) };
}

/** The DS records of secDNS:infData (empty when the reply has none). */
export function readDsData(reply: EppReply): EppDsData[] {
  const inf = extensionOf(reply, NS.secDNS, 'infData');
  if (!inf) return [];
  return childrenOf(inf, NS.secDNS, 'dsData').map((d) => ({
    keyTag: Number(childText(d, NS.secDNS, 'keyTag')),
    alg: Number(childText(d, NS.secDNS, 'alg')),
    digestType: Number(childText(d, NS.secDNS, 'digestType')),
    digest: childText(d, NS.secDNS, 'digest') ?? '',
  }));
}
