// What seeded rows look like: the tables and columns written (in the order a row's values are given), and the word
// lists names, people and nameservers are drawn from.

export type Value = string | number | null;

export const COLUMNS = {
  resellers: ['id', 'username', 'private_key', 'password_hash', 'balance_minor', 'currency', 'allowed_ips', 'created_at', 'updated_at',
    'epp_cert_sha256', 'max_domains', 'max_nameservers'],
  profiles: ['id', 'reseller_id', 'reg_username', 'password_hash', 'created_at'],
  contacts: ['id', 'handle', 'reseller_id', 'first_name', 'last_name', 'org_name', 'address1', 'address2', 'address3', 'city',
    'state', 'country', 'postal_code', 'phone', 'fax', 'email', 'lang', 'created_at', 'updated_at', 'auth_code', 'client_statuses', 'op_ext', 'disclose'],
  domains: ['id', 'name', 'tld', 'roid', 'profile_id', 'reseller_id', 'created_at', 'expires_at', 'updated_at', 'transferred_at',
    'deleted_at', 'auth_code', 'locked', 'auto_renew', 'let_expire', 'whois_privacy', 'descr', 'affiliate_id', 'client_statuses', 'rgp_status',
    'redemption_ends_at', 'purge_at', 'launch_phase', 'op_ext', 'cr_reseller_id', 'up_reseller_id', 'launch_application_id', 'tld_data',
    'forwarding_email', 'registry_settings', 'registry_pending_until', 'pending_order_id'],
  domain_contacts: ['domain_id', 'role', 'contact_id'],
  domain_nameservers: ['domain_id', 'name', 'sort_order', 'addresses', 'host_attr'],
  orders: ['id', 'reseller_id', 'profile_id', 'domain_id', 'domain_name', 'kind', 'status', 'period', 'amount_minor', 'currency',
    'request_json', 'created_at', 'completed_at', 'registry_state', 'registry_key', 'registry_code', 'registry_message', 'next_check_at', 'attempts'],
  ledger_entries: ['id', 'reseller_id', 'order_id', 'amount_minor', 'balance_after', 'currency', 'description', 'created_at'],
  history: ['id', 'at', 'reseller_id', 'domain_id', 'object_type', 'object_id', 'action', 'detail'],
  transfers: ['id', 'domain_id', 'domain_name', 'gaining_reseller_id', 'losing_reseller_id', 'status', 'requested_at',
    'action_deadline', 'acted_at', 'period', 'amount_minor', 'currency', 'order_id', 'expires_at_after'],
  poll_messages: ['id', 'reseller_id', 'created_at', 'kind', 'message', 'payload', 'acked_at'],
  settings: ['key', 'value'],
} as const satisfies Record<string, readonly string[]>;

export type SeedTable = keyof typeof COLUMNS;

/** Parents before children: a sink that writes tables one after another keeps every reference valid. */
export const TABLE_ORDER: readonly SeedTable[] = ['resellers', 'profiles', 'contacts', 'domains', 'domain_contacts', 'domain_nameservers',
  'orders', 'ledger_entries', 'history', 'transfers', 'poll_messages', 'settings'];

/** Tables with an id sequence (their next id follows the largest seeded one). */
export const ID_TABLES = ['resellers', 'profiles', 'contacts', 'domains', 'orders', 'ledger_entries', 'history', 'transfers', 'poll_messages'] as const;
export type IdTable = typeof ID_TABLES[number];

/** TLD, weight, price per year (minor units). */
export const TLDS: ReadonlyArray<readonly [string, number, number]> = [
  ['com', 55, 1099], ['net', 10, 1299], ['org', 10, 1199], ['info', 5, 1499], ['io', 5, 3999], ['us', 3, 899],
  ['de', 3, 799], ['nl', 3, 899], ['eu', 2, 799], ['ca', 2, 1399], ['co.uk', 2, 899],
];
export const TLD_TOTAL = TLDS.reduce((s, t) => s + t[1], 0);
/** More than any one domain is charged (3 years of the dearest TLD and a renewal): funds for `n` domains. */
export const MAX_CHARGE_PER_DOMAIN = 20_000;

export const FIRST = ['Ann', 'Bob', 'Carla', 'Dev', 'Emma', 'Farid', 'Gia', 'Hugo', 'Ines', 'Jon', 'Kai', 'Lena', 'Mo', 'Nia', 'Omar', 'Pia'];
export const LAST = ['Lee', 'Smith', 'Garcia', 'Chen', 'Muller', 'Rossi', 'Kim', 'Novak', 'Silva', 'Brown', 'Dubois', 'Sato'];
export const CITIES: ReadonlyArray<readonly [string, string, string]> = [['Toronto', 'ON', 'CA'], ['Berlin', 'BE', 'DE'], ['Austin', 'TX', 'US'],
  ['Leeds', '', 'GB'], ['Lyon', '', 'FR'], ['Osaka', '', 'JP']];
export const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ro', 'sa', 'ti', 'vu', 'ze', 'bar', 'cor', 'dex', 'fin', 'gal', 'hub', 'jet', 'kin', 'lux', 'max',
  'nova', 'pix', 'quo', 'ray', 'sol', 'tek', 'web', 'zen'];
export const NS_PROVIDERS = ['cloudns', 'dnsmadeeasy', 'hostpark', 'nsone', 'regd-dns', 'ultradns', 'zoneedit'];
