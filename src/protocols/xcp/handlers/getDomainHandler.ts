// GET DOMAIN: one handler per query type. Types the seed allows without registrant credentials work with just a
// domain (acting for the sponsoring reseller); the others need a cookie.
import { makeAssoc, type OpsAssoc, type OpsItem } from '../../ops/index.ts';
import type { XcpContext, XcpHandler } from '../xcpContext.ts';
import type { XcpRequest } from '../xcpRequest.ts';
import type { XcpResult } from '../xcpReply.ts';
import { XcpError } from '../xcpError.ts';
import { accessDomain, type DomainAccess } from '../../../core/commands/domainAccess.ts';
import { readDomainDetails } from '../../../core/commands/domainDetails.ts';
import { listProfileDomains } from '../../../core/commands/listProfileDomains.ts';
import { contactSetView, flag, nameserverListAllInfo, nameserverListPlain, opsDate } from '../opsViews.ts';
import type { DomainRow } from '../../../core/commands/findDomain.ts';

type TypeHandler = (ctx: XcpContext, req: XcpRequest, access: DomainAccess) => Promise<XcpResult>;

const QUERY_OK = 'Query Successful';

const contactType = (role: string): TypeHandler => async (ctx, _req, { domain }) => {
  const d = await readDomainDetails(ctx.core, domain);
  const attributes: Record<string, OpsItem> = { contact_set: contactSetView(d.contacts, [role]), descr: domain.descr, status: 'active' };
  if (role === 'owner') attributes.gdpr_consent_status = 'NONE';
  return { code: 200, text: QUERY_OK, attributes };
};

function extResult(ctx: XcpContext, d: DomainRow): OpsAssoc {
  return makeAssoc({
    auto_renew: flag(d.auto_renew), expiredate: opsDate(d.expires_at), sponsoring_rsp: flag(d.reseller_id === ctx.reseller.id),
    lock_state: flag(d.locked), let_expire: flag(d.let_expire), has_whois_privacy: flag(d.whois_privacy === 'enabled'),
    wp_service: '0', wp_expiredate: '0',
  });
}

const allInfo: TypeHandler = async (ctx, _req, { domain }) => {
  const d = await readDomainDetails(ctx.core, domain);
  const r = d.row;
  const attributes: Record<string, OpsItem> = {
    contact_set: contactSetView(d.contacts), nameserver_list: nameserverListAllInfo(d.nameservers),
    auto_renew: flag(r.auto_renew), let_expire: flag(r.let_expire), expiredate: opsDate(r.expires_at),
    sponsoring_rsp: flag(r.reseller_id === ctx.reseller.id), registry_createdate: opsDate(r.created_at),
    registry_expiredate: opsDate(r.expires_at), registry_updatedate: opsDate(r.updated_at),
    affiliate_id: r.affiliate_id, descr: r.descr, dns_errors: '', gdpr_consent_status: 'NONE',
  };
  if (r.transferred_at) attributes.registry_transferdate = opsDate(r.transferred_at);
  return { code: 200, text: QUERY_OK, attributes };
};

const nameservers: TypeHandler = async (ctx, _req, { domain }) => {
  const d = await readDomainDetails(ctx.core, domain);
  return { code: 200, text: QUERY_OK, attributes: { nameserver_list: nameserverListPlain(d.nameservers) } };
};

const list: TypeHandler = async (ctx, req, { domain, cookieProfileId }) => {
  const a = req.attributes;
  const page = a.optInt('page') ?? 0;
  const limit = a.optInt('limit') ?? 40;
  if (page < 0) throw new XcpError(465, 'Invalid data: page must be 0 or more');
  if (limit < 1 || limit > 1000) throw new XcpError(465, 'Invalid data: limit must be between 1 and 1000');
  const min = a.optInt('min_to_expiry');
  const max = a.optInt('max_to_expiry');
  const result = await listProfileDomains(ctx.core, {
    profileId: cookieProfileId ?? domain.profile_id, page, limit, minToExpiryDays: min, maxToExpiryDays: max,
  });
  const withEncoding = a.flag('with_encoding_types', false);
  return {
    code: 200, text: 'Command Successful',
    attributes: {
      count: String(result.total), remainder: flag(result.remainder), page: String(page), limit: String(limit),
      domain_list: result.domains.map((d) => (withEncoding ? makeAssoc({ domain: d.name, encoding_type: '' }) : d.name)),
      ext_results: result.domains.map((d) => makeAssoc([[d.name, extResult(ctx, d)]])),
    },
  };
};

const status: TypeHandler = async (ctx, _req, { domain }) => {
  const supports = ctx.core.registry.policy(domain.tld)?.supportsLock ?? false;
  return {
    code: 200, text: QUERY_OK,
    attributes: {
      lock_state: flag(domain.locked), domain_supports: flag(supports),
      can_modify: flag(supports && domain.reseller_id === ctx.reseller.id), parkp_status: '',
    },
  };
};

const expireAction: TypeHandler = async (_ctx, _req, { domain }) => ({
  code: 200, text: QUERY_OK,
  attributes: { auto_renew: flag(domain.auto_renew), let_expire: flag(domain.let_expire), expiredate: opsDate(domain.expires_at) },
});

const autoRenewFlag: TypeHandler = async (_ctx, _req, { domain }) => ({
  code: 200, text: QUERY_OK, attributes: { auto_renew: flag(domain.auto_renew) },
});

const registryDates: TypeHandler = async (_ctx, _req, { domain }) => ({
  code: 200, text: QUERY_OK,
  attributes: {
    registry_createdate: opsDate(domain.created_at), registry_expiredate: opsDate(domain.expires_at),
    registry_updatedate: opsDate(domain.updated_at),
  },
});

const domainAuthInfo: TypeHandler = async (_ctx, _req, { domain }) => ({
  code: 200, text: QUERY_OK, attributes: { domain_auth_info: domain.auth_code },
});

const whoisPrivacyState: TypeHandler = async (ctx, _req, { domain }) => {
  const supported = ctx.core.registry.policy(domain.tld)?.supportsWhoisPrivacy ?? false;
  return { code: 200, text: QUERY_OK, attributes: { state: supported ? domain.whois_privacy : 'disabled' } };
};

/** Types and whether they need registrant credentials (a cookie). */
const TYPES: Record<string, { handler: TypeHandler; needsCookie: boolean }> = {
  owner: { handler: contactType('owner'), needsCookie: false },
  admin: { handler: contactType('admin'), needsCookie: false },
  billing: { handler: contactType('billing'), needsCookie: false },
  tech: { handler: contactType('tech'), needsCookie: false },
  all_info: { handler: allInfo, needsCookie: false },
  nameservers: { handler: nameservers, needsCookie: false },
  list: { handler: list, needsCookie: false },
  status: { handler: status, needsCookie: false },
  expire_action: { handler: expireAction, needsCookie: false },
  whois_privacy_state: { handler: whoisPrivacyState, needsCookie: false },
  auto_renew_flag: { handler: autoRenewFlag, needsCookie: true },
  registry_dates: { handler: registryDates, needsCookie: true },
  domain_auth_info: { handler: domainAuthInfo, needsCookie: true },
};

export const getDomain: XcpHandler = async (ctx, req) => {
  const type = req.attributes.optString('type')?.toLowerCase();
  if (!type) throw new XcpError(460, 'Missing required field: type (Info type not specified)');
  const entry = TYPES[type];
  if (!entry) throw new XcpError(465, `Unknown Info type: ${type}`);
  if (entry.needsCookie && !req.cookie) throw new XcpError(460, `Missing required field: cookie (type ${type} needs registrant credentials)`);
  const access = await accessDomain(ctx.core, {
    resellerId: ctx.reseller.id, cookie: req.cookie, domain: req.attributes.optString('domain') ?? req.domain, ip: req.registrantIp ?? ctx.remoteIp,
  });
  return entry.handler(ctx, req, access);
};
