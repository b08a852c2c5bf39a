// GET DOMAIN: one handler per query type of the seed. Types the seed allows without registrant credentials work with
// just a domain (acting for the sponsoring reseller); the others need a cookie. TLD-specific types answer for their
// TLD only and name it otherwise. A domain pending deletion (redemption) returns nothing.
import { makeAssoc, type OpsAssoc, type OpsItem } from '../../ops/index.ts';
import type { XcpContext, XcpHandler } from '../xcpContext.ts';
import type { XcpRequest } from '../xcpRequest.ts';
import type { XcpResult } from '../xcpReply.ts';
import { XcpError } from '../xcpError.ts';
import { accessDomain, type DomainAccess } from '../../../core/commands/domainAccess.ts';
import { readDomainDetails } from '../../../core/commands/domainDetails.ts';
import { listProfileDomains } from '../../../core/commands/listProfileDomains.ts';
import { readContactsWithTrade } from '../../../core/commands/trades.ts';
import { readNameserversWithAddresses, type NameserverWithAddresses } from '../../../core/commands/nameserverAddresses.ts';
import { CONTACT_ROLES, type Contact, type ContactRole } from '../../../core/contact.ts';
import {
  AU_TLDS, UK_TLDS, caIndividual, caWhoisDisplay, parseRegistrySettings, parseStoredTldData, tldNeedsData,
} from '../../../core/tldData.ts';
import {
  contactView, flag, nameserverListAllInfo, nameserverListPlain, opsDate, type NameserverGlueView,
} from '../opsViews.ts';
import { noCookieSupplied } from '../xcpError.ts';
import { readPaging } from '../paging.ts';
import type { DomainRow } from '../../../core/commands/findDomain.ts';
import { waitingHistory } from '../../../core/commands/asyncRegistrations.ts';

type TypeHandler = (ctx: XcpContext, req: XcpRequest, access: DomainAccess) => Promise<XcpResult>;

const QUERY_OK = 'Query Successful';

/** The .CA address sub-fields OpenSRS adds to admin and tech contacts unless clean_ca_subset=1. */
function withCaSubset(view: OpsAssoc, c: Contact): OpsAssoc {
  view.addr_address_number = '';
  view.addr_corporative = '';
  view.addr_office = '';
  view.addr_orientation = '';
  view.addr_street_cat = '';
  view.addr_street_name = c.address1;
  return view;
}

async function contactSetFor(ctx: XcpContext, req: XcpRequest, d: DomainRow, roles: readonly ContactRole[]): Promise<OpsAssoc> {
  const a = req.attributes;
  const { contacts, status } = await readContactsWithTrade(ctx.core.db, d.id, a.flag('active_contacts_only', false));
  const caSubset = d.tld === 'ca' && !a.flag('clean_ca_subset', false);
  const out = makeAssoc();
  for (const role of roles) {
    const c = contacts[role];
    if (!c) continue;
    const view = contactView(c, status[role]);
    out[role] = caSubset && (role === 'admin' || role === 'tech') ? withCaSubset(view, c) : view;
  }
  return out;
}

const contactType = (role: ContactRole): TypeHandler => async (ctx, req, { domain }) => {
  const contactSet = await contactSetFor(ctx, req, domain, [role]);
  const c = contactSet[role] as OpsAssoc | undefined;
  const attributes: Record<string, OpsItem> = { contact_set: contactSet, descr: domain.descr, status: String(c?.status ?? 'active') };
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

/** tld_data as OpenSRS shows it: a hash for TLDs whose registry needs it, empty otherwise. */
function tldDataView(d: DomainRow): OpsItem {
  if (!tldNeedsData(d.tld)) return '';
  const data = parseStoredTldData(d.tld_data);
  const out = makeAssoc();
  for (const [k, v] of Object.entries(data)) out[k] = typeof v === 'string' ? v : makeAssoc(v);
  return out;
}

/** OPS shows one address per family: the first regd knows. */
const glueView = (n: NameserverWithAddresses): NameserverGlueView => ({ name: n.name, sortOrder: n.sortOrder, ipv4: n.ipv4[0], ipv6: n.ipv6[0] });

const allInfo: TypeHandler = async (ctx, req, { domain: r }) => {
  const nameservers = await readNameserversWithAddresses(ctx.core, r.id);
  const attributes: Record<string, OpsItem> = {
    contact_set: await contactSetFor(ctx, req, r, CONTACT_ROLES),
    nameserver_list: nameserverListAllInfo(nameservers.map(glueView)),
    auto_renew: flag(r.auto_renew), let_expire: flag(r.let_expire), expiredate: opsDate(r.expires_at),
    sponsoring_rsp: flag(r.reseller_id === ctx.reseller.id), registry_createdate: opsDate(r.created_at),
    registry_expiredate: opsDate(r.expires_at), registry_updatedate: opsDate(r.updated_at),
    affiliate_id: r.affiliate_id, descr: r.descr, dns_errors: '', gdpr_consent_status: 'NONE', tld_data: tldDataView(r),
    // The IDN language tag given at registration (encoding_type), '' for none.
    encoding_type: r.encoding_type,
  };
  if (r.transferred_at) attributes.registry_transferdate = opsDate(r.transferred_at);
  if (r.tld === 'ca') attributes.legal_type = String(parseStoredTldData(r.tld_data).legal_type ?? 'CCT');
  return { code: 200, text: QUERY_OK, attributes };
};

const nameservers: TypeHandler = async (ctx, _req, { domain }) => {
  const list = await readNameserversWithAddresses(ctx.core, domain.id);
  return { code: 200, text: QUERY_OK, attributes: { nameserver_list: nameserverListPlain(list.map(glueView)) } };
};

const list: TypeHandler = async (ctx, req, { domain, cookieProfileId }) => {
  const a = req.attributes;
  const { page, limit } = readPaging(a);
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
      domain_list: result.domains.map((d) => (withEncoding ? makeAssoc({ domain: d.name, encoding_type: d.encoding_type }) : d.name)),
      ext_results: result.domains.map((d) => makeAssoc([[d.name, extResult(ctx, d)]])),
    },
  };
};

const status: TypeHandler = async (ctx, _req, { domain }) => {
  const supports = ctx.core.registry.policy(domain.tld)?.supportsLock ?? false;
  const away = await ctx.core.db.selectFrom('transfers').select('id').where('domain_id', '=', domain.id)
    .where('losing_reseller_id', '=', domain.reseller_id).where('status', '=', 'pending').executeTakeFirst();
  const attributes: Record<string, OpsItem> = {
    lock_state: flag(domain.locked), domain_supports: flag(supports),
    can_modify: flag(supports && domain.reseller_id === ctx.reseller.id && !away), parkp_status: '',
  };
  // Returned only when true, as at OpenSRS; regd runs no auction escrow, so auctionescrow never appears.
  if (away) attributes.transfer_away_in_progress = '1';
  return { code: 200, text: QUERY_OK, attributes };
};

const expireAction: TypeHandler = async (_ctx, _req, { domain }) => ({
  code: 200, text: QUERY_OK,
  attributes: { auto_renew: flag(domain.auto_renew), let_expire: flag(domain.let_expire), expiredate: opsDate(domain.expires_at) },
});

const autoRenewFlag: TypeHandler = async (_ctx, _req, { domain }) => ({
  code: 200, text: QUERY_OK, attributes: { auto_renew: flag(domain.auto_renew) },
});

const registryDates: TypeHandler = async (_ctx, _req, { domain }) => {
  const attributes: Record<string, OpsItem> = {
    registry_createdate: opsDate(domain.created_at), registry_expiredate: opsDate(domain.expires_at),
    registry_updatedate: opsDate(domain.updated_at),
  };
  if (domain.transferred_at) attributes.registry_transferdate = opsDate(domain.transferred_at);
  return { code: 200, text: QUERY_OK, attributes };
};

const domainAuthInfo: TypeHandler = async (_ctx, _req, { domain }) => ({
  code: 200, text: QUERY_OK, attributes: { domain_auth_info: domain.auth_code },
});

const whoisPrivacyState: TypeHandler = async (ctx, _req, { domain }) => {
  const supported = ctx.core.registry.policy(domain.tld)?.supportsWhoisPrivacy ?? false;
  return { code: 200, text: QUERY_OK, attributes: { state: supported ? domain.whois_privacy : 'disabled' } };
};

/** WHOIS publicity is the other face of privacy: details are public unless privacy hides them. */
const whoisPublicityState: TypeHandler = async (ctx, _req, { domain }) => {
  const supported = ctx.core.registry.policy(domain.tld)?.supportsWhoisPrivacy ?? false;
  return { code: 200, text: QUERY_OK, attributes: { state: supported && domain.whois_privacy !== 'enabled' ? 'enabled' : 'disabled' } };
};

const forwardingEmail: TypeHandler = async (_ctx, _req, { domain }) => ({
  code: 200, text: QUERY_OK, attributes: { forwarding_email: domain.forwarding_email },
});

/** regd keeps no business card for resellers: the RSP WHOIS service reads as not enabled. */
const rspWhoisInfo: TypeHandler = async (ctx) => ({
  code: 200, text: 'Command successful',
  attributes: { business: ctx.reseller.username, url: '', email: '', phone: '', fax: '', opt_info: '', rsp_enabled: 'N', domain_enabled: 'N' },
});

const tldData: TypeHandler = async (_ctx, _req, { domain }) => {
  const v = tldDataView(domain);
  return { code: 200, text: QUERY_OK, attributes: { tld_data: v === '' ? makeAssoc() : v } };
};

const auRegistrantInfo: TypeHandler = async (_ctx, _req, { domain }) => {
  const au = parseStoredTldData(domain.tld_data).au_registrant_info;
  return { code: 200, text: QUERY_OK, attributes: { au_registrant_info: makeAssoc(typeof au === 'object' ? au : {}) } };
};

const nexusInfo: TypeHandler = async (_ctx, _req, { domain }) => {
  const nexus = parseStoredTldData(domain.tld_data).nexus;
  return { code: 200, text: QUERY_OK, attributes: { nexus: makeAssoc(typeof nexus === 'object' ? nexus : { app_purpose: '', category: '', validator: '' }) } };
};

const caWhoisDisplaySetting: TypeHandler = async (_ctx, _req, { domain }) => {
  const data = parseStoredTldData(domain.tld_data);
  return {
    code: 200, text: 'OK',
    attributes: { display: caWhoisDisplay(data, parseRegistrySettings(domain.registry_settings)), individual: caIndividual(data) ? 'Y' : 'N' },
  };
};

const ukWhoisOpt: TypeHandler = async (_ctx, _req, { domain }) => {
  const s = parseRegistrySettings(domain.registry_settings);
  return { code: 200, text: QUERY_OK, attributes: { reg_type: s.uk_reg_type ?? 'IND', uk_whois_opt: s.uk_whois_opt ?? '0' } };
};

/** type=waiting_history: the domain's requests at an asynchronous registry (record_count + waiting_history). */
const waitingHistoryType: TypeHandler = async (ctx, _req, { domain }) => {
  const rows = await waitingHistory(ctx.core, domain.id);
  return {
    code: 200, text: QUERY_OK,
    attributes: {
      record_count: String(rows.length),
      waiting_history: rows.map((r) => makeAssoc({
        request_id: String(r.orderId), reg_type: r.action === 'register' ? 'new' : r.action,
        current_state: r.status === 'pending' ? 'waiting' : r.status, create_time: opsDate(r.requestedAt),
        completed_time: r.completedAt ? opsDate(r.completedAt) : '',
      })),
    },
  };
};

/** Types of TLDs regd does not offer: the TLD gate always answers, so the handler never runs. */
const never: TypeHandler = async () => { throw new XcpError(400, 'unreachable'); };

interface TypeEntry {
  handler: TypeHandler;
  needsCookie: boolean;
  /** TLD-specific types: the TLDs they apply to, and whether regd offers them. */
  tlds?: { list: string[]; offered: boolean };
}

/**
 * Types and whether they need registrant credentials. The seed: "may be used without end-user credentials when
 * using type=admin, all_info, billing, expire_action, forwarding_email, list, tech, owner, nameservers, status,
 * rsp_whois_info, ced_info, nexus_info, or whois_privacy_state". A Map: the type comes from the client, and an object
 * literal would also "find" Object.prototype members (type=constructor).
 */
const TYPES: ReadonlyMap<string, TypeEntry> = new Map(Object.entries<TypeEntry>({
  owner: { handler: contactType('owner'), needsCookie: false },
  admin: { handler: contactType('admin'), needsCookie: false },
  billing: { handler: contactType('billing'), needsCookie: false },
  tech: { handler: contactType('tech'), needsCookie: false },
  all_info: { handler: allInfo, needsCookie: false },
  nameservers: { handler: nameservers, needsCookie: false },
  list: { handler: list, needsCookie: false },
  status: { handler: status, needsCookie: false },
  expire_action: { handler: expireAction, needsCookie: false },
  forwarding_email: { handler: forwardingEmail, needsCookie: false },
  rsp_whois_info: { handler: rspWhoisInfo, needsCookie: false },
  whois_privacy_state: { handler: whoisPrivacyState, needsCookie: false },
  auto_renew_flag: { handler: autoRenewFlag, needsCookie: true },
  registry_dates: { handler: registryDates, needsCookie: true },
  domain_auth_info: { handler: domainAuthInfo, needsCookie: true },
  tld_data: { handler: tldData, needsCookie: true },
  whois_publicity_state: { handler: whoisPublicityState, needsCookie: true },
  au_registrant_info: { handler: auRegistrantInfo, needsCookie: true, tlds: { list: AU_TLDS, offered: true } },
  ca_whois_display_setting: { handler: caWhoisDisplaySetting, needsCookie: true, tlds: { list: ['ca'], offered: true } },
  uk_whois_opt: { handler: ukWhoisOpt, needsCookie: true, tlds: { list: UK_TLDS, offered: true } },
  nexus_info: { handler: nexusInfo, needsCookie: false, tlds: { list: ['us'], offered: true } },
  ced_info: { handler: never, needsCookie: false, tlds: { list: ['asia'], offered: false } },
  it_registrant_info: { handler: never, needsCookie: true, tlds: { list: ['it'], offered: false } },
  it_whois_display_setting: { handler: never, needsCookie: true, tlds: { list: ['it'], offered: false } },
  xxx_ipr_data: { handler: never, needsCookie: true, tlds: { list: ['xxx'], offered: false } },
  waiting_history: { handler: waitingHistoryType, needsCookie: true },
  xpack_waiting_history: { handler: never, needsCookie: false, tlds: { list: ['dk'], offered: false } },
}));

function tldGate(type: string, gate: NonNullable<TypeEntry['tlds']>, d: DomainRow): void {
  if (gate.list.includes(d.tld)) return;
  const names = gate.list.map((t) => `.${t.toUpperCase()}`).join(' and ');
  const offered = gate.offered ? '' : ', which regd does not offer';
  throw new XcpError(480, `Info type ${type} applies only to ${names} domains${offered}; ${d.name} is a .${d.tld} domain`);
}

export const getDomain: XcpHandler = async (ctx, req) => {
  const type = req.attributes.optString('type')?.toLowerCase();
  if (!type) throw new XcpError(460, 'Missing required field: type (Info type not specified)');
  const entry = TYPES.get(type);
  if (!entry) throw new XcpError(465, `Unknown Info type: ${type}`);
  if (entry.needsCookie && !req.cookie) throw noCookieSupplied(`type ${type} needs registrant credentials`);
  const access = await accessDomain(ctx.core, {
    resellerId: ctx.reseller.id, cookie: req.cookie, domain: req.attributes.optString('domain') ?? req.domain, ip: req.registrantIp ?? ctx.remoteIp,
  });
  // "It will not return results once a domain is deleted during and after the redemption period."
  if (access.domain.rgp_status) throw new XcpError(480, `Domain ${access.domain.name} not found (it is pending deletion)`);
  if (entry.tlds) tldGate(type, entry.tlds, access.domain);
  return entry.handler(ctx, req, access);
};
