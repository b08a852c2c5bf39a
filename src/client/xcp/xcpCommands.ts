// The typed XCP helpers, shared by XcpClient (HTTPS) and XcpTcpClient (port 55000): both extend this class and
// supply `call`. Helpers throw XcpError when the reply says is_success=0; `call` itself returns every reply as is.
import { makeAssoc, getString, isArray, unclass, type OpsAssoc, type OpsItem } from '../../protocols/ops/index.ts';
import { XcpError, type XcpReply } from './xcpReply.ts';
import type {
  XcpAttributes, XcpBalanceResult, XcpContact, XcpContacts, XcpCookieResult, XcpLookupResult, XcpNameserverResult,
  XcpRegisterRequest, XcpRegisterResult, XcpRenewResult, XcpTarget, XcpTransferRequest, XcpTransferResult,
} from './xcpTypes.ts';

const ROLES = ['owner', 'admin', 'billing', 'tech'] as const;

function contactAssoc(c: XcpContact): OpsAssoc {
  return makeAssoc({
    first_name: c.firstName, last_name: c.lastName, org_name: c.orgName ?? '', address1: c.address1, address2: c.address2 ?? '',
    address3: c.address3 ?? '', city: c.city, state: c.state ?? '', country: c.country, postal_code: c.postalCode, phone: c.phone,
    fax: c.fax ?? '', email: c.email, lang: c.lang ?? 'EN',
  });
}

export function contactSetAssoc(contacts: XcpContacts): OpsAssoc {
  const set = 'owner' in contacts ? contacts : { owner: contacts };
  return makeAssoc(ROLES.map((role) => [role, contactAssoc(set[role as keyof typeof set] ?? set.owner)] as const));
}

const nameserverList = (names: string[]) => names.map((name, i) => makeAssoc({ name, sortorder: String(i + 1) }));
const flag = (v: boolean | undefined) => (v ? '1' : '0');

/** A target as top-level envelope keys: OpenSRS reads `domain` or `cookie` beside the attributes. */
function targetKeys(t: XcpTarget): Record<string, string> {
  if (typeof t !== 'string') return 'cookie' in t ? { cookie: t.cookie } : { domain: t.domain };
  // Registrant cookies never contain a dot; domain names always do.
  return t.includes('.') ? { domain: t } : { cookie: t };
}

const str = (a: OpsAssoc, key: string) => getString(a, key);

export abstract class XcpCommands {
  /** One XCP request; the reply whatever its code (the helpers below check it). */
  abstract call(object: string, action: string, attributes?: Record<string, OpsItem> | OpsAssoc, extra?: Record<string, string>): Promise<XcpReply>;

  /** Like call, but an is_success=0 reply throws XcpError. */
  async callOk(object: string, action: string, attributes: Record<string, OpsItem> | OpsAssoc = {}, extra: Record<string, string> = {}): Promise<XcpReply> {
    const reply = await this.call(object, action, attributes, extra);
    if (!reply.isSuccess) throw new XcpError(reply, `${object} ${action}`);
    return reply;
  }

  /** LOOKUP DOMAIN: 210 available, 211 taken (both are successes). */
  async lookup(domain: string): Promise<XcpLookupResult> {
    const reply = await this.callOk('DOMAIN', 'LOOKUP', { domain });
    const status = str(reply.attributes, 'status') ?? '';
    return { domain, available: status === 'available', status, reason: str(reply.attributes, 'reason'), reply };
  }

  /** SW_REGISTER reg_type=new. */
  async register(r: XcpRegisterRequest): Promise<XcpRegisterResult> {
    const reply = await this.callOk('DOMAIN', 'SW_REGISTER', {
      domain: r.domain, reg_type: 'new', period: String(r.period ?? 1), handle: r.handle ?? 'process',
      reg_username: r.regUsername, reg_password: r.regPassword, contact_set: contactSetAssoc(r.contacts),
      custom_nameservers: flag(Boolean(r.nameservers?.length)), ...(r.nameservers?.length ? { nameserver_list: nameserverList(r.nameservers) } : {}),
      auto_renew: flag(r.autoRenew), f_lock_domain: flag(r.lock), f_whois_privacy: flag(r.whoisPrivacy),
      ...(r.authInfo !== undefined ? { auth_info: r.authInfo } : {}), ...r.attributes,
    });
    const a = reply.attributes;
    return {
      orderId: str(a, 'id') ?? '', domainId: str(a, 'domain_id'), async: reply.responseCode === 250,
      expirationDate: str(a, 'registration_expiration_date'), reply,
    };
  }

  /** RENEW DOMAIN; currentExpirationYear must match the domain's (a guard against renewing twice). */
  async renew(r: { domain: string; period: number; currentExpirationYear: number; autoRenew?: boolean; attributes?: XcpAttributes }): Promise<XcpRenewResult> {
    const reply = await this.callOk('DOMAIN', 'RENEW', {
      domain: r.domain, period: String(r.period), currentexpirationyear: String(r.currentExpirationYear), handle: 'process',
      ...(r.autoRenew !== undefined ? { auto_renew: flag(r.autoRenew) } : {}), ...r.attributes,
    });
    const a = reply.attributes;
    return { orderId: str(a, 'order_id') ?? str(a, 'id') ?? '', expirationDate: str(a, 'registration expiration date'), reply };
  }

  /** GET DOMAIN of the given type (all_info, owner, admin, nameservers, status ...); the data is reply.attributes. */
  async getDomain(target: XcpTarget, type = 'all_info', attributes: XcpAttributes = {}): Promise<XcpReply> {
    return this.callOk('DOMAIN', 'GET', { type, ...attributes }, targetKeys(target));
  }

  /** SET COOKIE: a registrant's session for one of their domains. */
  async setCookie(r: { domain: string; regUsername: string; regPassword: string }): Promise<XcpCookieResult> {
    const reply = await this.callOk('COOKIE', 'SET', { domain: r.domain, reg_username: r.regUsername, reg_password: r.regPassword });
    const a = reply.attributes;
    const count = str(a, 'domain_count');
    return { cookie: str(a, 'cookie') ?? '', domainCount: count === undefined ? undefined : Number(count), expireDate: str(a, 'expiredate'), reply };
  }

  async getBalance(): Promise<XcpBalanceResult> {
    const reply = await this.callOk('BALANCE', 'GET_BALANCE');
    const a = reply.attributes;
    return { balance: str(a, 'balance') ?? '', holdBalance: str(a, 'hold_balance'), currency: str(a, 'currency'), reply };
  }

  /** MODIFY DOMAIN data=... (contact_info, expire_action, status, domain_auth_info, whois_privacy_state ...). */
  async modify(target: XcpTarget, data: string, attributes: XcpAttributes = {}): Promise<XcpReply> {
    return this.callOk('DOMAIN', 'MODIFY', { data, ...attributes }, targetKeys(target));
  }

  /** ADVANCED_UPDATE_NAMESERVERS: replace the list (assign), or add and remove names. */
  async updateNameservers(target: XcpTarget, change: { assign: string[] } | { add?: string[]; remove?: string[] }): Promise<XcpNameserverResult> {
    const attrs: XcpAttributes = 'assign' in change
      ? { op_type: 'assign', assign_ns: change.assign }
      : { op_type: 'add_remove', ...(change.add?.length ? { add_ns: change.add } : {}), ...(change.remove?.length ? { remove_ns: change.remove } : {}) };
    const reply = await this.callOk('DOMAIN', 'ADVANCED_UPDATE_NAMESERVERS', attrs, targetKeys(target));
    const list = reply.attributes.nameserver_list;
    return {
      nameservers: isArray(list) ? list.map((n) => String(unclass(n))) : [],
      changed: !/no nameserver changes/i.test(reply.responseText),
      reply,
    };
  }

  /** SW_REGISTER reg_type=transfer: pending until the current sponsor approves or the transfer window ends. */
  async transfer(r: XcpTransferRequest): Promise<XcpTransferResult> {
    const reply = await this.callOk('DOMAIN', 'SW_REGISTER', {
      domain: r.domain, reg_type: 'transfer', auth_info: r.authInfo, period: String(r.period ?? 1), handle: 'process',
      reg_username: r.regUsername, reg_password: r.regPassword, contact_set: contactSetAssoc(r.contacts),
      custom_nameservers: flag(Boolean(r.nameservers?.length)), ...(r.nameservers?.length ? { nameserver_list: nameserverList(r.nameservers) } : {}),
      ...r.attributes,
    });
    return { status: str(reply.attributes, 'transfer_status'), actionDate: str(reply.attributes, 'transfer_action_date'), reply };
  }
}
