// MODIFY DOMAIN with data = contact_info, expire_action, status, domain_auth_info or whois_privacy_state.
import type { XcpContext, XcpHandler } from '../xcpContext.ts';
import type { XcpRequest } from '../xcpRequest.ts';
import type { XcpResult } from '../xcpReply.ts';
import { XcpError, xcpInvalid } from '../xcpError.ts';
import { accessDomain, type DomainAccess } from '../../../core/commands/domainAccess.ts';
import { modifyContacts, setAuthCode, setExpireAction, setLockState, setWhoisPrivacy } from '../../../core/commands/modifyDomain.ts';
import { CONTACT_ROLES } from '../../../core/contact.ts';

type DataHandler = (ctx: XcpContext, req: XcpRequest, access: DomainAccess) => Promise<XcpResult>;

const MODIFIED = 'Modification successful';

const contactInfo: DataHandler = async (ctx, req, { domain }) => {
  const set = req.attributes.assoc('contact_set');
  const input: Record<string, Record<string, string>> = {};
  for (const role of CONTACT_ROLES) {
    const c = set.optAssoc(role);
    if (c) input[role] = c.stringRecord();
  }
  const roles = await modifyContacts(ctx.core, domain, input);
  return { code: 200, text: MODIFIED, attributes: { details: roles.join(',') } };
};

const expireAction: DataHandler = async (ctx, req, { domain }) => {
  await setExpireAction(ctx.core, domain, req.attributes.optFlag('auto_renew'), req.attributes.optFlag('let_expire'));
  return { code: 200, text: MODIFIED };
};

const status: DataHandler = async (ctx, req, { domain }) => {
  const lock = req.attributes.optFlag('lock_state');
  if (lock === undefined) throw new XcpError(460, 'Missing required field: lock_state');
  await setLockState(ctx.core, domain, lock);
  return { code: 200, text: MODIFIED };
};

const domainAuthInfo: DataHandler = async (ctx, req, { domain }) => {
  await setAuthCode(ctx.core, domain, req.attributes.string('domain_auth_info'));
  return { code: 200, text: MODIFIED };
};

const whoisPrivacyState: DataHandler = async (ctx, req, { domain }) => {
  const state = req.attributes.string('state').toLowerCase();
  if (state !== 'enable' && state !== 'disable') throw xcpInvalid(`Invalid data: state must be enable or disable, not ${state}`);
  await setWhoisPrivacy(ctx.core, domain, state === 'enable');
  return { code: 200, text: 'Whois Privacy successfully ' + (state === 'enable' ? 'enabled' : 'disabled'), attributes: { state: state === 'enable' ? 'enabled' : 'disabled' } };
};

const DATA: Record<string, DataHandler> = {
  contact_info: contactInfo,
  expire_action: expireAction,
  status,
  domain_auth_info: domainAuthInfo,
  whois_privacy_state: whoisPrivacyState,
};

export const modifyDomain: XcpHandler = async (ctx, req) => {
  const data = req.attributes.optString('data')?.toLowerCase();
  if (!data) throw new XcpError(460, 'Missing required field: data (Modify type not specified)');
  const handler = DATA[data];
  if (!handler) throw new XcpError(465, `Unknown Modify type: ${data}`);
  const access = await accessDomain(ctx.core, {
    resellerId: ctx.reseller.id, cookie: req.cookie, domain: req.attributes.optString('domain') ?? req.domain, ip: req.registrantIp ?? ctx.remoteIp,
  });
  return handler(ctx, req, access);
};
