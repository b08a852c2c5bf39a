// EPP domain <delete> (into redemption, RFC 3915), keyed "verb namespace".
// Inside the add grace period the domain is gone at once and refunded (1000); later it enters its redemption
// grace period (1001, action pending: the purge 35 days on is announced by a poll message).
import type { EppHandler } from '../eppTypes.ts';
import { EppError } from '../eppTypes.ts';
import { NS } from '../eppNamespaces.ts';
import { childText } from '../xmlTree.ts';
import { deleteDomain } from '../../../core/commands/deleteDomain.ts';

const deleteDomainHandler: EppHandler = async (ctx) => {
  const name = childText(ctx.object, NS.domain, 'name');
  if (!name) throw new EppError(2003, 'Required parameter missing: domain:name');
  const r = await deleteDomain(ctx.core, { resellerId: ctx.reseller.id, name });
  // Redemption, or a registry that has not answered yet: action pending, a poll message follows.
  return r.outcome === 'deleted' ? { code: 1000 } : { code: 1001 };
};

export const domainDeleteCommands: Record<string, EppHandler> = {
  [`delete ${NS.domain}`]: deleteDomainHandler,
};
