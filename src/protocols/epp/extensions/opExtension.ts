// The Openprovider extension (op:ext, http://www.openprovider.nl/epp/xml/opprov-1.0) for domains and contacts.
import type { XmlElement } from '../xmlTree.ts';

/** Domain fields carried in op:ext on domain create/transfer/update (stored as JSON in domains.op_ext). */
export type OpDomainExt = Record<string, string>;
/** Contact fields carried in op:ext on contact create/update (stored as JSON in contacts.op_ext). */
export type OpContactExt = Record<string, string>;

export function parseOpDomainExt(_extensions: XmlElement[]): OpDomainExt | undefined {
  return undefined;
}

/** The <op:ext> fragment for domain <info> (infData), from the stored JSON and the domain's state. */
export function renderOpDomainInfo(_stored: OpDomainExt, _state: { autoRenew: boolean; locked: boolean; expiresAt: string }): string | undefined {
  return undefined;
}

export function parseOpContactExt(_extensions: XmlElement[]): OpContactExt | undefined {
  return undefined;
}

export function renderOpContactInfo(_stored: OpContactExt): string | undefined {
  return undefined;
}
