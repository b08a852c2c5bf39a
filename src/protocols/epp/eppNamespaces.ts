// The namespaces regd's EPP door speaks.
export const NS = {
  epp: 'urn:ietf:params:xml:ns:epp-1.0',
  eppcom: 'urn:ietf:params:xml:ns:eppcom-1.0',
  domain: 'urn:ietf:params:xml:ns:domain-1.0',
  contact: 'urn:ietf:params:xml:ns:contact-1.0',
  host: 'urn:ietf:params:xml:ns:host-1.0',
  rgp: 'urn:ietf:params:xml:ns:rgp-1.0',
  launch: 'urn:ietf:params:xml:ns:launch-1.0',
  secDNS: 'urn:ietf:params:xml:ns:secDNS-1.1',
  mark: 'urn:ietf:params:xml:ns:mark-1.0',
  signedMark: 'urn:ietf:params:xml:ns:signedMark-1.0',
  op: 'http://www.openprovider.nl/epp/xml/opprov-1.0',
  fee: 'urn:ietf:params:xml:ns:epp:fee-1.0',
} as const;

export const OBJ_URIS = [NS.domain, NS.contact, NS.host];
export const EXT_URIS = [NS.rgp, NS.launch, NS.secDNS, NS.op, NS.fee];
