// Inputs and results of the typed XCP helpers. Contacts are camelCase here and OpenSRS snake_case on the wire.
import type { OpsItem } from '../../protocols/ops/index.ts';
import type { XcpReply } from './xcpReply.ts';

export interface XcpContact {
  firstName: string;
  lastName: string;
  orgName?: string;
  address1: string;
  address2?: string;
  address3?: string;
  city: string;
  state?: string;
  /** ISO 3166 two letters. */
  country: string;
  postalCode: string;
  /** +CC.NUMBER */
  phone: string;
  fax?: string;
  email: string;
  lang?: string;
}

/** One contact for every role, or one per role (admin, billing and tech default to the owner). */
export type XcpContacts = XcpContact | { owner: XcpContact; admin?: XcpContact; billing?: XcpContact; tech?: XcpContact };

/** Which domain a command acts on: a domain name (acting as its reseller), or a registrant cookie from setCookie. */
export type XcpTarget = string | { domain: string } | { cookie: string };

/** Extra XCP attributes, merged over the ones a helper builds (tld_data, f_parkp ...). */
export type XcpAttributes = Record<string, OpsItem>;

export interface XcpRegisterRequest {
  domain: string;
  /** Years; default 1. */
  period?: number;
  contacts: XcpContacts;
  /** Omitted: the reseller's default nameservers. */
  nameservers?: string[];
  regUsername: string;
  regPassword: string;
  autoRenew?: boolean;
  lock?: boolean;
  whoisPrivacy?: boolean;
  /** process (default) registers now; save keeps the order for later. */
  handle?: 'process' | 'save';
  authInfo?: string;
  attributes?: XcpAttributes;
}

export interface XcpTransferRequest {
  domain: string;
  authInfo: string;
  contacts: XcpContacts;
  regUsername: string;
  regPassword: string;
  period?: number;
  nameservers?: string[];
  attributes?: XcpAttributes;
}

export interface XcpLookupResult { domain: string; available: boolean; status: string; reason?: string; reply: XcpReply }
export interface XcpRegisterResult {
  orderId: string;
  domainId?: string;
  /** The registry answers later (code 250): the order completes on its own and a message follows. */
  async: boolean;
  expirationDate?: string;
  reply: XcpReply;
}
export interface XcpRenewResult { orderId: string; expirationDate?: string; reply: XcpReply }
export interface XcpCookieResult { cookie: string; domainCount?: number; expireDate?: string; reply: XcpReply }
export interface XcpBalanceResult { balance: string; holdBalance?: string; currency?: string; reply: XcpReply }
export interface XcpNameserverResult { nameservers: string[]; changed: boolean; reply: XcpReply }
export interface XcpTransferResult { status?: string; actionDate?: string; reply: XcpReply }
