// The namespaces the client speaks: the server side's list (src/protocols/epp) plus the fee extension (RFC 8748),
// which regd's own server does not offer but upstream registries do.
import { NS as SERVER_NS } from '../../protocols/epp/eppNamespaces.ts';

export const NS = { ...SERVER_NS, fee: 'urn:ietf:params:xml:ns:epp:fee-1.0' } as const;

/** The standard object services, asked for by default (when the server offers them). */
export const STANDARD_OBJ_URIS: readonly string[] = [NS.domain, NS.contact, NS.host];

/** Every extension the typed commands can build or read, asked for by default (when the server offers them). */
export const KNOWN_EXT_URIS: readonly string[] = [NS.rgp, NS.launch, NS.secDNS, NS.fee, NS.op];
