// REVOKE DOMAIN: take back a registration within its add grace period, with a refund.
import type { XcpHandler } from '../xcpContext.ts';
import type { XcpResult } from '../xcpReply.ts';
import { xcpMissing } from '../xcpError.ts';
import { accessDomain } from '../../../core/commands/domainAccess.ts';
import { revokeDomain } from '../../../core/commands/revokeDomain.ts';
import { formatAmount } from '../../../core/money.ts';

export const revokeHandler: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const a = req.attributes;
  const name = a.optString('domain') ?? req.domain;
  if (!name) throw xcpMissing('domain');
  // A reseller's refund: registrant cookies play no part.
  const { domain } = await accessDomain(ctx.core, { resellerId: ctx.reseller.id, domain: name });
  const r = await revokeDomain(ctx.core, domain, { resellerId: ctx.reseller.id, notes: a.optString('notes') });
  if (r.submitted) {
    // The registry has not confirmed the delete yet; the refund and an event follow when it does.
    return { code: 250, text: 'Revoke submitted to the registry; the refund follows its confirmation', attributes: { charge: '0', price: '0.00', total_refund: '0.00', deletion_id: r.deletionId } };
  }
  return {
    code: 200, text: 'Domain revoked',
    attributes: { charge: '0', price: '0.00', total_refund: formatAmount(r.refundMinor), deletion_id: r.deletionId },
  };
};
