// <domain:renew>: curExpDate must equal the domain's expiry date (2004 otherwise, also when that date is the one a
// renewal already moved the domain away from); the period defaults to one year and must be whole years in 1-10
// (2004), one the TLD allows and not run past its horizon of 10 years from today (2306). The statuses that refuse
// it (2304) and sponsorship (2201) are checked by the core's renewal, the same for every door. <fee:renew> agrees to
// the price (RFC 8748): 2004 if lower, or if the name is premium-priced and nothing was agreed.
import { NS } from '../eppNamespaces.ts';
import { childText } from '../xmlTree.ts';
import { el, textEl } from '../xmlWriter.ts';
import { EppError, type EppContext, type EppResult } from '../eppTypes.ts';
import { renewDomain } from '../../../core/commands/renewDomain.ts';
import { checkPeriod } from '../../../core/commands/createDomain.ts';
import { addYears } from '../../../core/dates.ts';
import { DOMAIN_XMLNS, domainNameOf, periodYears, requireDomain } from './domainElements.ts';
import { feeRefusal, parseFeeAgreement, renderFeeResult } from '../extensions/feeExtension.ts';

export async function domainRenew(ctx: EppContext): Promise<EppResult> {
  const o = ctx.object;
  // Sponsorship and the statuses that refuse a renewal are the core's (renewDomain.ts): 2201 / 2304 from there.
  const d = await requireDomain(ctx, domainNameOf(o));
  const years = periodYears(o);
  const policy = ctx.core.registry.policy(d.tld)!;
  checkPeriod(policy, years);
  // xs:date may carry a time zone (2027-01-15Z); the expiry is compared as a UTC calendar date.
  const curExpDate = childText(o, NS.domain, 'curExpDate')!.slice(0, 10);
  const now = await ctx.core.clock.now();
  if (curExpDate === d.expires_at.slice(0, 10) && addYears(new Date(d.expires_at), years) > addYears(now, policy.maxYearsAhead)) {
    throw new EppError(2306, `Parameter value policy error: renewing ${d.name} by ${years} year(s) would run past ${policy.maxYearsAhead} years from today`);
  }
  const fee = parseFeeAgreement(ctx.extensions, 'renew');
  const r = await renewDomain(ctx.core, { resellerId: ctx.reseller.id, domain: d, period: years, currentExpiryDate: curExpDate, acceptedPrice: fee })
    .catch((err: unknown) => { throw feeRefusal(err, 'renew'); });
  return {
    // 1001: the registry behind regd has not confirmed yet; a poll message follows (renData shows the expected expiry).
    code: r.status === 'submitted' ? 1001 : 1000,
    resData: el('domain:renData', DOMAIN_XMLNS, textEl('domain:name', d.name), textEl('domain:exDate', r.expiresAt.toISOString())),
    extension: renderFeeResult(ctx, 'renData', fee, { amountMinor: r.amountMinor, currency: policy.currency, years, description: 'Renewal Fee' }),
  };
}
