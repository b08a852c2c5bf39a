// <domain:info>. The sponsor sees everything, authInfo included. Another registrar that sends the domain's correct
// authInfo sees everything except the authInfo (RFC 5731 shows it to the sponsor only); a wrong authInfo is 2202;
// without authInfo it gets a reduced reply: name, roid, status and clID. The hosts attribute picks what of the
// delegation (ns) and the subordinate hosts (host) is shown: all (default), del, sub or none. Extensions:
// rgp:infData (grace periods: add, renew, autoRenew, transfer; redemption), secDNS:infData (DS records), op:ext (Openprovider settings) and, when asked
// with <launch:info>, launch:infData.
import { domainAllows } from '../../../core/domainGuard.ts';
import { RENEW_BLOCKED_BY } from '../../../core/commands/renewDomain.ts';
import crypto from 'node:crypto';
import { NS } from '../eppNamespaces.ts';
import { child } from '../xmlTree.ts';
import { el, textEl } from '../xmlWriter.ts';
import { EppError, type EppContext, type EppResult } from '../eppTypes.ts';
import { readDomainObject } from '../../../core/commands/domainObjectView.ts';
import { DOMAIN_XMLNS, authInfoOf, authPassword, domainNameOf, renderNs, requireDomain, responseExtension } from './domainElements.ts';
import { rgpInfData } from '../extensions/rgpExtension.ts';
import { renewGraceStatuses } from '../../../core/rgpPeriods.ts';
import { renderSecDnsInfData } from '../extensions/secDnsExtension.ts';
import { renderOpDomainInfo, type OpDomainExt } from '../extensions/opExtension.ts';
import { parseLaunchInfo, renderLaunchInfData } from '../extensions/launchExtension.ts';
import type { LaunchPhaseName } from '../../../registry/tldPolicy.ts';

function sameSecret(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}

export async function domainInfo(ctx: EppContext): Promise<EppResult> {
  const nameEl = child(ctx.object, NS.domain, 'name')!;
  const hosts = nameEl.attrs.hosts ?? 'all';
  const d = await requireDomain(ctx, domainNameOf(ctx.object));
  const sponsor = d.reseller_id === ctx.reseller.id;
  const pw = authPassword(authInfoOf(ctx.object));
  if (!sponsor && pw !== undefined && !sameSecret(pw, d.auth_code)) throw new EppError(2202, 'Invalid authorization information');
  const full = sponsor || pw !== undefined;
  const v = await readDomainObject(ctx.core, d);
  const status = v.statuses.map((s) => el('domain:status', { s }));

  if (!full) {
    return { code: 1000, resData: el('domain:infData', DOMAIN_XMLNS, textEl('domain:name', d.name), textEl('domain:roid', d.roid), ...status, textEl('domain:clID', v.sponsor)) };
  }

  const launchInfo = parseLaunchInfo(ctx.extensions);
  let launchXml: string | undefined;
  if (launchInfo) {
    if (!d.launch_phase || launchInfo.phase !== d.launch_phase) {
      throw new EppError(2306, `Parameter value policy error: ${d.name} was not created in launch phase ${launchInfo.phase}`);
    }
    if (launchInfo.applicationId && launchInfo.applicationId !== d.launch_application_id) {
      throw new EppError(2303, `Object does not exist: no application ${launchInfo.applicationId} for ${d.name}`);
    }
    launchXml = renderLaunchInfData(d.launch_phase as LaunchPhaseName, d.launch_application_id);
  }

  const owner = v.contacts.get('owner');
  const showNs = hosts === 'all' || hosts === 'del';
  const showSub = hosts === 'all' || hosts === 'sub';
  const updated = d.up_reseller_id !== null || d.updated_at !== d.created_at;
  const resData = el('domain:infData', DOMAIN_XMLNS,
    textEl('domain:name', d.name),
    textEl('domain:roid', d.roid),
    ...status,
    owner ? textEl('domain:registrant', owner) : undefined,
    ...(['admin', 'billing', 'tech'] as const).flatMap((role) => {
      const h = v.contacts.get(role);
      return h ? [textEl('domain:contact', h, { type: role })] : [];
    }),
    showNs ? renderNs(v.delegation) : undefined,
    ...(showSub ? v.subordinateHosts.map((h) => textEl('domain:host', h)) : []),
    textEl('domain:clID', v.sponsor),
    v.creator ? textEl('domain:crID', v.creator) : undefined,
    textEl('domain:crDate', d.created_at),
    updated && v.updater ? textEl('domain:upID', v.updater) : undefined,
    updated ? textEl('domain:upDate', d.updated_at) : undefined,
    textEl('domain:exDate', d.expires_at),
    d.transferred_at ? textEl('domain:trDate', d.transferred_at) : undefined,
    sponsor ? el('domain:authInfo', {}, textEl('domain:pw', d.auth_code)) : undefined);

  const now = await ctx.core.clock.now();
  const opXml = renderOpDomainInfo(JSON.parse(d.op_ext || '{}') as OpDomainExt, {
    autoRenew: d.auto_renew === 1, locked: d.locked === 1, expiresAt: d.expires_at, createdAt: d.created_at,
    canRenew: await domainAllows(ctx.core.db, d, RENEW_BLOCKED_BY, { pendingTransfer: v.statuses.includes('pendingTransfer') }),
  });
  return {
    code: 1000,
    resData,
    extension: responseExtension(ctx, [
      { ns: NS.rgp, xml: rgpInfData(d, now, await renewGraceStatuses(ctx.core.db, d, now)) },
      { ns: NS.secDNS, xml: renderSecDnsInfData(v.ds) },
      { ns: NS.launch, xml: launchXml },
      { ns: NS.op, xml: sponsor ? opXml : undefined },
    ]),
  };
}
