// <domain:create>: a registration charged like XCP's, with contacts by handle, ns as hostObj or hostAttr, an auth
// code the server draws when <domain:pw/> is empty, DS records (secDNS), a launch phase (launch:create) and
// Openprovider settings (op:ext). Codes: 2302 taken, 2303/2201 unknown or foreign contact, 2104 insufficient
// funds, 2004 a period in months that is not whole years or outside 1-10 years, 2306 a period or launch phase the
// TLD does not allow, 2003 a missing registrant, signed mark or claims notice. <fee:create> (RFC 8748) agrees to a
// price: 2004 if lower than the price, or if the name is premium and no fee was agreed (feeExtension.ts).
import { NS } from '../eppNamespaces.ts';
import { child, childText } from '../xmlTree.ts';
import { el, textEl } from '../xmlWriter.ts';
import type { EppContext, EppResult } from '../eppTypes.ts';
import { createDomain } from '../../../core/commands/createDomain.ts';
import { DOMAIN_XMLNS, authInfoOf, authPassword, contactRefs, domainNameOf, nsHosts, periodYears, responseExtension } from './domainElements.ts';
import { parseLaunchCreate, renderLaunchCreData } from '../extensions/launchExtension.ts';
import { parseSecDnsCreate } from '../extensions/secDnsExtension.ts';
import { parseOpDomainExt } from '../extensions/opExtension.ts';
import { opDomainSettings } from './domainOpSettings.ts';
import { feeRefusal, parseFeeAgreement, renderFeeResult } from '../extensions/feeExtension.ts';

export async function domainCreate(ctx: EppContext): Promise<EppResult> {
  const o = ctx.object;
  const op = opDomainSettings(parseOpDomainExt(ctx.extensions));
  const registrantEl = child(o, NS.domain, 'registrant');
  const fee = parseFeeAgreement(ctx.extensions, 'create');
  const r = await createDomain(ctx.core, {
    resellerId: ctx.reseller.id,
    resellerUsername: ctx.reseller.username,
    domain: domainNameOf(o),
    years: periodYears(o),
    nameservers: nsHosts(o),
    registrant: registrantEl ? childText(o, NS.domain, 'registrant') : undefined,
    contacts: contactRefs(o),
    authCode: authPassword(authInfoOf(o)),
    ds: parseSecDnsCreate(ctx.extensions),
    launch: parseLaunchCreate(ctx.extensions),
    autoRenew: op?.autoRenew,
    locked: op?.locked,
    extData: op?.data,
    acceptedPrice: fee,
  }).catch((err: unknown) => { throw feeRefusal(err, 'create'); });
  return {
    // 1001: the registry has not confirmed yet (an asynchronous TLD, or one slower than the deadline); a poll
    // message follows when it does.
    code: r.status === 'submitted' ? 1001 : 1000,
    resData: el('domain:creData', DOMAIN_XMLNS,
      textEl('domain:name', r.name), textEl('domain:crDate', r.createdAt.toISOString()), textEl('domain:exDate', r.expiresAt.toISOString())),
    extension: responseExtension(ctx, [
      { ns: NS.launch, xml: r.launch && renderLaunchCreData(r.launch.phase, r.launch.applicationId) },
      { ns: NS.fee, xml: renderFeeResult(ctx, 'creData', fee, { amountMinor: r.amountMinor, currency: r.currency, years: periodYears(o), description: 'Registration Fee' }) },
    ]),
  };
}
