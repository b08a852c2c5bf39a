// EPP domain command handlers, keyed "verb namespace" (e.g. "check urn:ietf:params:xml:ns:domain-1.0"); one file
// per command. <delete> and <transfer> live in domainDeleteCommands.ts and transferCommands.ts.
import type { EppHandler } from '../eppTypes.ts';
import { NS } from '../eppNamespaces.ts';
import { domainCheck } from './domainCheck.ts';
import { domainCreate } from './domainCreate.ts';
import { domainInfo } from './domainInfo.ts';
import { domainUpdate } from './domainUpdate.ts';
import { domainRenew } from './domainRenew.ts';

export const domainCommands: Record<string, EppHandler> = {
  ['check ' + NS.domain]: domainCheck,
  ['create ' + NS.domain]: domainCreate,
  ['info ' + NS.domain]: domainInfo,
  ['update ' + NS.domain]: domainUpdate,
  ['renew ' + NS.domain]: domainRenew,
};
