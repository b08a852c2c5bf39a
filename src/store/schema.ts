// Typed view of the database for Kysely. Timestamps are ISO-8601 UTC strings (portable and sortable on
// SQLite and PostgreSQL alike); money is integer minor units; booleans are 0/1 integers.
import type { Generated } from 'kysely';

export interface SettingsTable { key: string; value: string }

export interface ResellersTable {
  id: Generated<number>;
  username: string;
  private_key: string;
  password_hash: string;
  balance_minor: number;
  currency: string;
  allowed_ips: string; // JSON array of addresses
  created_at: string;
  updated_at: string;
  epp_cert_sha256: string | null;
  max_domains: number | null;      // NULL: unlimited
  max_nameservers: number | null;  // NULL: unlimited
  /** Who names EPP contacts (migration 009): 'assigned' (the server, Openprovider) or 'client' (RFC 5733). */
  contact_id_mode: Generated<string>;
}

export interface ProfilesTable {
  id: Generated<number>;
  reseller_id: number;
  reg_username: string;
  password_hash: string;
  created_at: string;
}

export interface ContactsTable {
  id: Generated<number>;
  handle: string;
  reseller_id: number;
  first_name: string;
  last_name: string;
  org_name: string;
  address1: string;
  address2: string;
  address3: string;
  city: string;
  state: string;
  country: string;
  postal_code: string;
  phone: string;
  fax: string;
  email: string;
  lang: string;
  created_at: string;
  updated_at: string;
  auth_code: Generated<string>;
  client_statuses: Generated<string>;
  op_ext: Generated<string>;
  disclose: Generated<string>;
}

export interface DomainsTable {
  id: Generated<number>;
  name: string;
  tld: string;
  roid: string;
  profile_id: number;
  reseller_id: number;
  created_at: string;
  expires_at: string;
  updated_at: string;
  transferred_at: string | null;
  deleted_at: string | null;
  auth_code: string;
  locked: number;
  auto_renew: number;
  let_expire: number;
  whois_privacy: string; // 'enabled' | 'disabled'
  descr: string;
  affiliate_id: string;
  client_statuses: Generated<string>;
  rgp_status: string | null;
  redemption_ends_at: string | null;
  purge_at: string | null;
  launch_phase: string | null;
  op_ext: Generated<string>;
  cr_reseller_id: number | null;
  up_reseller_id: number | null;
  launch_application_id: string | null;
  tld_data: Generated<string>; // JSON: registry-specific registrant data (au_registrant_info, nexus, legal_type ...)
  forwarding_email: Generated<string>;
  registry_settings: Generated<string>; // JSON: CIRA/.UK WHOIS display settings, a released .UK IPS tag
  /** Set while an asynchronous registry has not yet confirmed the registration. */
  registry_pending_until: string | null;
  /** The order whose registry call is changing this domain now (migration 006); null when none is. */
  pending_order_id: number | null;
  /** The IDN language tag (OpenSRS encoding_type), '' when none (migration 010). */
  encoding_type: Generated<string>;
}

export interface DomainContactsTable { domain_id: number; role: string; contact_id: number }

export interface DomainNameserversTable {
  domain_id: number;
  name: string;
  sort_order: number;
  addresses: Generated<string>; // JSON array of IP addresses (hostAttr glue)
  host_attr: Generated<number>; // 1: given as an EPP hostAttr; 0: a host name (hostObj, XCP)
}

export interface OrdersTable {
  id: Generated<number>;
  reseller_id: number;
  profile_id: number | null;
  domain_id: number | null;
  domain_name: string;
  kind: string; // 'register' | 'renew'
  status: string; // 'pending' | 'completed' | 'cancelled' | 'failed'
  period: number;
  amount_minor: number;
  currency: string;
  request_json: string;
  created_at: string;
  completed_at: string | null;
  /** The registry step (migration 006): null | 'inflight' | 'pending' | 'done' | 'failed'. */
  registry_state: string | null;
  registry_key: string | null;
  registry_code: number | null;
  registry_message: string | null;
  next_check_at: string | null;
  attempts: Generated<number>;
}

export interface LedgerEntriesTable {
  id: Generated<number>;
  reseller_id: number;
  order_id: number | null;
  amount_minor: number; // negative for a debit
  balance_after: number;
  currency: string;
  description: string;
  created_at: string;
}

export interface PricesTable { tld: string; action: string; period: number; amount_minor: number; currency: string }

export interface HistoryTable {
  id: Generated<number>;
  at: string;
  reseller_id: number | null;
  domain_id: number | null;
  object_type: string;
  object_id: string;
  action: string;
  detail: string; // JSON
  // Who (migration 015, core/audit/auditContext.ts); NULL on rows older than the audit log.
  actor: string | null;
  door: string | null;
  source_ip: string | null;
  node_id: string | null;
}

export interface CookiesTable {
  token: string;
  reseller_id: number;
  profile_id: number;
  domain_id: number;
  created_at: string;
  expires_at: string;
  last_access_at: string;
  last_ip: string;
}

export interface HostsTable {
  id: Generated<number>;
  name: string;
  reseller_id: number;
  cr_reseller_id: number;
  up_reseller_id: number | null;
  domain_id: number | null;
  client_statuses: Generated<string>;
  created_at: string;
  updated_at: string;
  transferred_at: string | null;
}

export interface HostAddressesTable { host_id: number; address: string; ip_version: string }

export interface DomainDsTable { domain_id: number; key_tag: number; alg: number; digest_type: number; digest: string }

export interface TransfersTable {
  id: Generated<number>;
  domain_id: number;
  domain_name: string;
  gaining_reseller_id: number;
  losing_reseller_id: number;
  status: string;
  requested_at: string;
  action_deadline: string;
  acted_at: string | null;
  period: number;
  amount_minor: number;
  currency: string;
  order_id: number | null;
  expires_at_after: string | null;
}

export interface PollMessagesTable {
  id: Generated<number>;
  reseller_id: number;
  created_at: string;
  kind: string;
  message: string;
  payload: string;
  acked_at: string | null;
}

export interface OutboxTable {
  id: Generated<number>;
  reseller_id: number;
  domain_id: number | null;
  domain_name: string;
  kind: string;
  to_address: string;
  subject: string;
  body: string;
  created_at: string;
}

export interface TradesTable {
  id: Generated<number>;
  domain_id: number;
  reseller_id: number;
  status: string;
  new_owner: string; // JSON contact
  requested_at: string;
  updated_at: string;
  completed_at: string | null;
}

export interface NotesTable {
  id: Generated<number>;
  reseller_id: number;
  domain_id: number | null;
  order_id: number | null;
  domain_name: string;
  note: string;
  created_at: string;
}

export interface RegistryMessagesTable { registry: string; message_id: string; received_at: string; summary: string }

export interface Database {
  settings: SettingsTable;
  resellers: ResellersTable;
  profiles: ProfilesTable;
  contacts: ContactsTable;
  domains: DomainsTable;
  domain_contacts: DomainContactsTable;
  domain_nameservers: DomainNameserversTable;
  orders: OrdersTable;
  ledger_entries: LedgerEntriesTable;
  prices: PricesTable;
  history: HistoryTable;
  cookies: CookiesTable;
  hosts: HostsTable;
  host_addresses: HostAddressesTable;
  domain_ds: DomainDsTable;
  transfers: TransfersTable;
  poll_messages: PollMessagesTable;
  outbox: OutboxTable;
  trades: TradesTable;
  notes: NotesTable;
  registry_messages: RegistryMessagesTable;
  upstream_objects: UpstreamObjectsTable;
  login_throttle: LoginThrottleTable;
  api_tokens: ApiTokensTable;
  idempotency_keys: IdempotencyKeysTable;
  web_sessions: WebSessionsTable;
}

/** Failed logins per source address or account (migration 011, core/access/loginThrottle.ts). */
export interface LoginThrottleTable {
  kind: string;          // 'address' | 'account'
  key: string;
  window_start: string;  // ISO
  failures: number;
  locked_until: string | null;
}

/** Contacts and hosts regd created at an upstream EPP registry (migration 007), mapped to regd's ids. */
export interface UpstreamObjectsTable {
  id: Generated<number>;
  registry: string;
  kind: string;       // 'contact' | 'host'
  local_id: string;   // contacts.id, or the host name
  remote_id: string;  // the registry's contact id, or the host name
  created_at: string;
}

/** JSON API bearer tokens (migration 012, protocols/api/apiTokens.ts): the token's SHA-256, never the token. */
export interface ApiTokensTable {
  id: Generated<number>;
  reseller_id: number;
  name: string;
  token_sha256: string;
  created_at: string;
  last_used_at: string | null;
}

/** The first answer to a JSON API write, by caller and Idempotency-Key (migration 013, protocols/api/idempotency.ts). */
export interface IdempotencyKeysTable {
  id: Generated<number>;
  owner: string;
  key: string;
  request_sha256: string;
  state: string;          // 'running' | 'done'
  status: number | null;
  content_type: string | null;
  body: string | null;
  created_at: string;
}

/** Web and registrant sessions (migration 014, protocols/web/webSession.ts): the secret's SHA-256, never the secret. */
export interface WebSessionsTable {
  id: Generated<number>;
  secret_sha256: string;
  kind: string;           // 'reseller' | 'registrant' | 'registrant_api'
  reseller_id: number;
  profile_id: number | null;
  csrf_token: string;
  remote_address: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}
