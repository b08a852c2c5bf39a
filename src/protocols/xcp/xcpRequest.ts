// The envelope-level fields of an XCP request. object and action match case-insensitively (clients send
// "DOMAIN"/"domain", "SW_REGISTER"/"sw_register"); unknown extra keys are ignored.
import { isAssoc, getItem, unclass, getString, type OpsValue } from '../ops/index.ts';
import { XcpError } from './xcpError.ts';
import { AttributeReader, readerOf } from './attributeReader.ts';

export interface XcpRequest {
  object: string;   // lower case
  action: string;   // lower case
  /** The object as the client spelled it, echoed in the reply. */
  objectAsSent: string;
  attributes: AttributeReader;
  cookie?: string;
  /** A top-level `domain` key (the seed's get-domain examples put it beside attributes). */
  domain?: string;
  registrantIp?: string;
}

/**
 * Actions some clients send without an object, and the object they mean. BELONGS_TO_RSP has only ever been a DOMAIN
 * command, and clients written from OpenSRS's one-line examples omit the object; refusing them (460) helps nobody.
 */
const IMPLIED_OBJECT: ReadonlyMap<string, string> = new Map([['belongs_to_rsp', 'domain']]);

export function parseXcpRequest(data: OpsValue): XcpRequest {
  if (!isAssoc(data)) throw new XcpError(465, 'Invalid request: the data_block must hold a dt_assoc');
  const protocol = getString(data, 'protocol');
  if (protocol !== undefined && protocol.trim().toUpperCase() !== 'XCP') throw new XcpError(430, `Invalid protocol: ${protocol}`);
  const action = getString(data, 'action')?.trim();
  const object = getString(data, 'object')?.trim() || (action ? IMPLIED_OBJECT.get(action.toLowerCase()) : undefined);
  if (!object) throw new XcpError(460, 'Missing required field: object');
  if (!action) throw new XcpError(460, 'Missing required field: action');
  const attrs = getItem(data, 'attributes');
  return {
    object: object.toLowerCase(),
    action: action.toLowerCase(),
    objectAsSent: object.toUpperCase(),
    attributes: readerOf(attrs === undefined ? undefined : unclass(attrs), 'attributes'),
    cookie: getString(data, 'cookie')?.trim() || undefined,
    domain: getString(data, 'domain')?.trim() || undefined,
    registrantIp: getString(data, 'registrant_ip')?.trim() || undefined,
  };
}

export { AttributeReader };
