// MODIFY DOMAIN with data = contact_info, expire_action, status, domain_auth_info, whois_privacy_state,
// forwarding_email, tld_data, ca_whois_display_setting, it_whois_display_setting, uk_whois_opt or change_ips_tag.
// affect_domains=1 applies contact_info, expire_action, status or whois_privacy_state to every domain of the
// profile, with an outcome per domain in `details`.
import { makeAssoc, type OpsAssoc } from '../../ops/index.ts';
import type { XcpContext, XcpHandler } from '../xcpContext.ts';
import type { XcpRequest } from '../xcpRequest.ts';
import type { XcpResult } from '../xcpReply.ts';
import { XcpError, xcpInvalid, modifyTypeNotSpecified } from '../xcpError.ts';
import { accessDomain, type DomainAccess } from '../../../core/commands/domainAccess.ts';
import { setAuthCode, setExpireAction, setLockState, setWhoisPrivacy } from '../../../core/commands/modifyDomain.ts';
import { updateDomainContacts } from '../../../core/commands/updateDomainContacts.ts';
import { releaseUkDomains, setCaWhoisDisplay, setForwardingEmail, setTldData, setUkWhoisOpt } from '../../../core/commands/domainSettings.ts';
import { profileDomains } from '../../../core/commands/domainQueries.ts';
import { applyToDomains, updateContactsOn, type DomainOutcome } from '../../../core/commands/profileWideChanges.ts';
import { CONTACT_ROLES, validateContact, type ContactRole } from '../../../core/contact.ts';
import { CoreError } from '../../../core/errors.ts';
import type { DomainRow } from '../../../core/commands/findDomain.ts';
import { XCP_CODE_FOR } from '../coreErrorCodes.ts';

type DataHandler = (ctx: XcpContext, req: XcpRequest, access: DomainAccess) => Promise<XcpResult>;

const MODIFIED = 'Modification successful';

function readContactInput(req: XcpRequest): Record<string, Record<string, string>> {
  const set = req.attributes.assoc('contact_set');
  const input: Record<string, Record<string, string>> = {};
  for (const role of CONTACT_ROLES) {
    const c = set.optAssoc(role);
    if (c) input[role] = c.stringRecord();
  }
  return input;
}

const contactInfo: DataHandler = async (ctx, req, { domain }) => {
  // The core refuses an owner change during a trade (status_prohibits: 435, as before).
  const roles = await updateDomainContacts(ctx.core, domain, readContactInput(req));
  return { code: 200, text: MODIFIED, attributes: { details: roles.join(',') } };
};

const expireAction: DataHandler = async (ctx, req, { domain }) => {
  await setExpireAction(ctx.core, domain, req.attributes.optFlag('auto_renew'), req.attributes.optFlag('let_expire'));
  return { code: 200, text: MODIFIED };
};

function lockFlag(req: XcpRequest): boolean {
  const lock = req.attributes.optFlag('lock_state');
  if (lock === undefined) throw new XcpError(460, 'Missing required field: lock_state');
  return lock;
}

const status: DataHandler = async (ctx, req, { domain }) => {
  await setLockState(ctx.core, domain, lockFlag(req));
  return { code: 200, text: MODIFIED };
};

const domainAuthInfo: DataHandler = async (ctx, req, { domain }) => {
  await setAuthCode(ctx.core, domain, req.attributes.string('domain_auth_info'));
  return { code: 200, text: MODIFIED };
};

function privacyState(req: XcpRequest): boolean {
  const state = req.attributes.string('state').toLowerCase();
  if (state !== 'enable' && state !== 'disable') throw xcpInvalid(`Invalid data: state must be enable or disable, not ${state}`);
  return state === 'enable';
}

const whoisPrivacyState: DataHandler = async (ctx, req, { domain }) => {
  const enable = privacyState(req);
  await setWhoisPrivacy(ctx.core, domain, enable);
  return { code: 200, text: 'Whois Privacy successfully ' + (enable ? 'enabled' : 'disabled'), attributes: { state: enable ? 'enabled' : 'disabled' } };
};

const forwardingEmail: DataHandler = async (ctx, req, { domain }) => {
  await setForwardingEmail(ctx.core, domain, req.attributes.string('forwarding_email'));
  return { code: 200, text: MODIFIED };
};

const tldData: DataHandler = async (ctx, req, { domain }) => {
  const data = req.attributes.assoc('tld_data');
  await setTldData(ctx.core, domain, data.plain());
  return { code: 200, text: MODIFIED };
};

const caWhoisDisplaySetting: DataHandler = async (ctx, req, { domain }) => {
  await setCaWhoisDisplay(ctx.core, domain, req.attributes.string('display'));
  return { code: 200, text: MODIFIED };
};

const itWhoisDisplaySetting: DataHandler = async (_ctx, _req, { domain }) => {
  throw new XcpError(480, `Modify type it_whois_display_setting applies only to .IT domains, which regd does not offer; ${domain.name} is a .${domain.tld} domain`);
};

const ukWhoisOpt: DataHandler = async (ctx, req, { domain }) => {
  const a = req.attributes;
  const opt = a.optFlag('uk_whois_opt');
  if (opt === undefined) throw new XcpError(460, 'Missing required field: uk_whois_opt');
  const input = { optOut: opt, regType: a.optString('reg_type') };
  if (a.flag('uk_affect_domains', false)) {
    const domains = (await profileDomains(ctx.core, ctx.reseller.id, domain.profile_id)).filter((d) => d.tld === 'uk' || d.tld === 'co.uk');
    const outcomes = await applyToDomains(domains, (d) => setUkWhoisOpt(ctx.core, d, input));
    return outcomeResult(outcomes);
  }
  await setUkWhoisOpt(ctx.core, domain, input);
  return { code: 200, text: MODIFIED };
};

const changeIpsTag: DataHandler = async (ctx, req, { domain }) => {
  const a = req.attributes;
  const moved = await releaseUkDomains(ctx.core, domain, { tag: a.string('gaining_registrar_tag'), all: a.flag('change_tag_all', false) });
  return { code: 200, text: 'Tag change successful', attributes: { details: moved.join(',') } };
};

/** Maps, here and below: data comes from the client, and an object literal would also "find" data=constructor. */
const DATA: ReadonlyMap<string, DataHandler> = new Map(Object.entries<DataHandler>({
  contact_info: contactInfo,
  expire_action: expireAction,
  status,
  domain_auth_info: domainAuthInfo,
  whois_privacy_state: whoisPrivacyState,
  forwarding_email: forwardingEmail,
  tld_data: tldData,
  ca_whois_display_setting: caWhoisDisplaySetting,
  it_whois_display_setting: itWhoisDisplaySetting,
  uk_whois_opt: ukWhoisOpt,
  change_ips_tag: changeIpsTag,
}));

/** details: a hash per domain with its own response code and text, as OpenSRS reports multi-domain changes. */
export function outcomeDetails(outcomes: DomainOutcome[]): OpsAssoc {
  const details = makeAssoc();
  for (const o of outcomes) {
    details[o.name] = o.ok
      ? makeAssoc({ is_success: '1', response_code: '200', response_text: MODIFIED })
      : makeAssoc({ is_success: '0', response_code: String(XCP_CODE_FOR[o.kind]), response_text: o.message });
  }
  return details;
}

function outcomeResult(outcomes: DomainOutcome[]): XcpResult {
  const failed = outcomes.filter((o) => !o.ok).length;
  const text = failed === 0 ? MODIFIED : `${MODIFIED} for ${outcomes.length - failed} of ${outcomes.length} domains`;
  return { code: 200, text, attributes: { details: outcomeDetails(outcomes) } };
}

type ProfileWideChange = (ctx: XcpContext, req: XcpRequest) => (d: DomainRow) => Promise<unknown>;

/** The data types besides contact_info that affect_domains=1 applies to every domain of the profile (input validated once, first). */
const PROFILE_WIDE: ReadonlyMap<string, ProfileWideChange> = new Map(Object.entries<ProfileWideChange>({
  expire_action: (ctx, req) => {
    const autoRenew = req.attributes.optFlag('auto_renew');
    const letExpire = req.attributes.optFlag('let_expire');
    if (autoRenew === undefined && letExpire === undefined) throw new XcpError(460, 'Missing required field: auto_renew or let_expire');
    if (autoRenew === true && letExpire === true) throw xcpInvalid('Invalid data: auto_renew and let_expire cannot both be set');
    return (d) => setExpireAction(ctx.core, d, autoRenew, letExpire);
  },
  status: (ctx, req) => {
    const lock = lockFlag(req);
    return (d) => setLockState(ctx.core, d, lock);
  },
  whois_privacy_state: (ctx, req) => {
    const enable = privacyState(req);
    return (d) => setWhoisPrivacy(ctx.core, d, enable);
  },
}));

async function affectDomains(ctx: XcpContext, req: XcpRequest, data: string, access: DomainAccess): Promise<XcpResult> {
  const make = PROFILE_WIDE.get(data);
  if (!make && data !== 'contact_info') throw xcpInvalid(`Invalid data: affect_domains applies to contact_info, expire_action, status and whois_privacy_state, not ${data}`);
  const profileId = access.cookieProfileId ?? access.domain.profile_id;
  const domains = await profileDomains(ctx.core, ctx.reseller.id, profileId);
  if (data === 'contact_info') {
    const input = readContactInput(req);
    const roles = Object.keys(input) as ContactRole[];
    if (roles.length === 0) throw new XcpError(460, 'Missing required field: contact_set (owner, admin, billing or tech)');
    for (const r of roles) validateContact(input[r], `contact_set.${r}`);
    return outcomeResult(await updateContactsOn(ctx.core, domains, input, roles));
  }
  const change = make!(ctx, req);
  return outcomeResult(await applyToDomains(domains, change));
}

export const modifyDomain: XcpHandler = async (ctx, req) => {
  const data = req.attributes.optString('data')?.toLowerCase();
  if (!data) throw modifyTypeNotSpecified('send the data attribute naming what to modify');
  const handler = DATA.get(data);
  if (!handler) throw new XcpError(465, `Unknown Modify type: ${data}`);
  const access = await accessDomain(ctx.core, {
    resellerId: ctx.reseller.id, cookie: req.cookie, domain: req.attributes.optString('domain') ?? req.domain, ip: req.registrantIp ?? ctx.remoteIp,
  });
  if (access.domain.rgp_status) throw new CoreError('status_prohibits', `${access.domain.name} is pending deletion and cannot be modified`, 'domain');
  if (req.attributes.flag('affect_domains', false)) return affectDomains(ctx, req, data, access);
  return handler(ctx, req, access);
};

