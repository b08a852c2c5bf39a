// UPDATE_CONTACTS DOMAIN: replace the contact types named in `types` on a domain, or with affect_domains=1 on every
// domain of its profile; details holds the outcome per domain; report_email gets a summary (in the outbox).
import type { XcpHandler } from '../xcpContext.ts';
import type { XcpResult } from '../xcpReply.ts';
import { xcpInvalid } from '../xcpError.ts';
import { accessDomain } from '../../../core/commands/domainAccess.ts';
import { profileDomains } from '../../../core/commands/domainQueries.ts';
import { mailContactUpdateReport, updateContactsOn, validateRoles } from '../../../core/commands/profileWideChanges.ts';
import { CONTACT_ROLES } from '../../../core/contact.ts';
import { outcomeDetails } from './modifyDomainHandler.ts';
import { XCP_CODE_FOR } from '../coreErrorCodes.ts';

export const updateContactsHandler: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const a = req.attributes;
  const set = a.assoc('contact_set');
  const input: Record<string, Record<string, string>> = {};
  for (const role of CONTACT_ROLES) {
    const c = set.optAssoc(role);
    if (c) input[role] = c.stringRecord();
  }
  const types = a.optStringList('types') ?? [];
  const roles = validateRoles(input, types);
  const affectDomains = a.flag('affect_domains', false);
  const reportEmail = a.optString('report_email');
  if (reportEmail !== undefined && !affectDomains) throw xcpInvalid('Invalid data: report_email can only be given with affect_domains=1');
  if (reportEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(reportEmail)) throw xcpInvalid('Invalid data: report_email is not an e-mail address');
  const access = await accessDomain(ctx.core, {
    resellerId: ctx.reseller.id, cookie: req.cookie, domain: a.optString('domain') ?? req.domain, ip: req.registrantIp ?? ctx.remoteIp,
  });
  const domains = affectDomains
    ? await profileDomains(ctx.core, ctx.reseller.id, access.cookieProfileId ?? access.domain.profile_id)
    : [access.domain];
  const outcomes = await updateContactsOn(ctx.core, domains, input, roles);
  if (reportEmail !== undefined) await mailContactUpdateReport(ctx.core, ctx.reseller.id, reportEmail, outcomes);
  const failed = outcomes.filter((o) => !o.ok);
  if (!affectDomains && failed.length === 1) {
    const f = failed[0] as Extract<typeof failed[number], { ok: false }>;
    return { code: XCP_CODE_FOR[f.kind], text: f.message, attributes: { details: outcomeDetails(outcomes) } };
  }
  return {
    code: 200, text: failed.length === 0 ? 'Command completed successfully' : `Contacts updated on ${outcomes.length - failed.length} of ${outcomes.length} domains`,
    attributes: { details: outcomeDetails(outcomes) },
  };
};
