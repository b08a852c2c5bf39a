// <domain:update>: add/rem of ns, contacts (admin, billing, tech) and client status values; chg of registrant
// and authInfo; secDNS add/rem/rem all; op:ext settings (autorenew, isLocked, resetAuthCode and stored fields).
// An update carrying <rgp:update> is a restore request or report (RFC 3915) and goes to handleRestore whole.
// Choices: adding a value the domain already has or removing one it does not have is 2306; an empty
// <domain:pw/> in chg leaves the auth code as it is (op:ext resetAuthCode draws a new one); clientUpdateProhibited
// refuses (2304) every update that does not remove it, and an update that removes it may change other things too
// (as Nomulus does); a domain in redemption (2304) or with a pending transfer (2304) takes no update.
import { NS } from '../eppNamespaces.ts';
import { child, childText, childrenOf, type XmlElement } from '../xmlTree.ts';
import { EppError, type EppContext, type EppResult } from '../eppTypes.ts';
import { emptyDomainUpdate, updateDomainObject, type DomainUpdate } from '../../../core/commands/updateDomain.ts';
import { authInfoOf, authPassword, contactRefs, domainNameOf, extensionOf, nsHosts, requireDomain } from './domainElements.ts';
import { handleRestore } from '../extensions/rgpExtension.ts';
import { parseSecDnsUpdate } from '../extensions/secDnsExtension.ts';
import { parseOpDomainExt } from '../extensions/opExtension.ts';
import { opDomainSettings } from './domainOpSettings.ts';

function nsNames(addRem: XmlElement): string[] {
  return nsHosts(addRem).map((h) => h.name);
}

function statusValues(addRem: XmlElement): string[] {
  return childrenOf(addRem, NS.domain, 'status').map((s) => s.attrs.s);
}

export async function domainUpdate(ctx: EppContext): Promise<EppResult> {
  if (extensionOf(ctx, NS.rgp, 'update')) return handleRestore(ctx);
  if (extensionOf(ctx, NS.launch, 'update')) throw new EppError(2102, 'Unimplemented option: launch:update (the sandbox allocates launch registrations at once)');
  const o = ctx.object;
  // Sponsorship and the statuses that refuse an update are the core's (updateDomain.ts).
  const d = await requireDomain(ctx, domainNameOf(o));
  const u: DomainUpdate = emptyDomainUpdate();
  const add = child(o, NS.domain, 'add');
  const rem = child(o, NS.domain, 'rem');
  const chg = child(o, NS.domain, 'chg');
  if (add) {
    u.addNs = nsHosts(add);
    u.addContacts = contactRefs(add);
    u.addStatuses = statusValues(add);
  }
  if (rem) {
    u.remNs = nsNames(rem);
    u.remContacts = contactRefs(rem);
    u.remStatuses = statusValues(rem);
  }
  if (chg) {
    if (child(chg, NS.domain, 'registrant')) u.registrant = childText(chg, NS.domain, 'registrant') ?? '';
    u.authCode = authPassword(authInfoOf(chg));
  }
  u.ds = parseSecDnsUpdate(ctx.extensions);
  const op = opDomainSettings(parseOpDomainExt(ctx.extensions));
  if (op) {
    u.autoRenew = op.autoRenew;
    u.locked = op.locked;
    u.resetAuthCode = op.resetAuthCode;
    u.extData = op.data;
  }
  const r = await updateDomainObject(ctx.core, ctx.reseller.id, d, u);
  // 1001: a remote registry has not confirmed yet; a poll message follows.
  return { code: r.status === 'submitted' ? 1001 : 1000 };
}
