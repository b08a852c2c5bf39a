// Access control across every door (issue 14, finding 12): against one real `regd serve`, reseller A (alice) owns a
// domain, a contact and a host; reseller B (bob) then runs every domain/contact/host/transfer/order command of every
// door naming A's objects. B must see nothing private (A's auth codes, contact data, registrant credentials) and
// change nothing: every table that holds A's objects, money, orders, transfers, mail and history is identical before
// and after, B's balance included, and A's registrant cookie still works.
//
// Table-driven: XCP_CASES covers the XCP command map (src/protocols/xcp/xcpCommands.ts) and a test fails when a
// command there has neither a case nor a reason in XCP_NOT_OBJECT_SCOPED, so a new command needs a row here.
// EPP_CASES are the EPP object commands, sent over TLS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeAssoc, type OpsItem } from '../src/protocols/ops/index.ts';
import { XCP_COMMANDS } from '../src/protocols/xcp/xcpCommands.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import type { XcpClient, XcpReply } from '../src/client/xcpClient.ts';
import type { EppTlsClient } from '../src/client/eppClient.ts';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { contact, freshName } from './support/fixtures.ts';
import { closeStores, cookieFor, register, storeOf } from './support/surfaceHelpers.ts';
import { eppCommand, loginXml } from './support/eppHarness.ts';

const tag = Math.random().toString(36).slice(2, 8).padEnd(6, 'q');
/** Strings only A may ever see. Contact data is made unique so any echo of it is found. */
const SECRET = {
  regUser: `ar${tag}`,
  regPassword: `Arp-${tag}`,
  contactPw: `Cpw-${tag}x`,
};
const ownerContact = (role: string) => contact(`Secret${role}${tag}`, {
  last_name: `Hidden${role}${tag}`, email: `${role.toLowerCase()}-${tag}@alice-private.example`, address1: `${tag} ${role} Private Road`, phone: '+1.4165559876',
});

let server: RegdServer;
let alice: ResellerCredentials;
let bob: ResellerCredentials;
let a: XcpClient;
let b: XcpClient;
let bEpp: EppTlsClient;
let domain: string;
let host: string;
let contactId: string;
let authCode: string;
let aliceCookie: string;
let orderId: string;
/** Every string in B's replies must avoid these (filled in once A's objects exist). */
let secrets: string[];

const D = `xmlns:domain="${NS.domain}"`;
const C = `xmlns:contact="${NS.contact}"`;
const H = `xmlns:host="${NS.host}"`;

/** Sends `inner` wrapped in <epp><command>, or a whole document when it starts with "<?xml". */
async function epp(c: EppTlsClient, inner: string): Promise<{ code: number; xml: string }> {
  const xml = await c.command(inner.startsWith('<?xml') ? inner : eppCommand(inner, `AC-${Math.random().toString(36).slice(2, 10)}`));
  return { code: Number(/<result code="(\d+)"/.exec(xml)?.[1] ?? 0), xml };
}

before(async () => {
  server = await startRegd();
  alice = await server.createReseller('alice', '1000');
  bob = await server.createReseller('bob', '1000');
  a = server.xcpClient(alice);
  b = server.xcpClient(bob);
  domain = freshName('com');
  host = `ns1.${domain}`;
  const reg = await register(a, domain, {
    reg_username: SECRET.regUser, reg_password: SECRET.regPassword,
    contact_set: makeAssoc({ owner: ownerContact('Owner'), admin: ownerContact('Admin'), billing: ownerContact('Billing'), tech: ownerContact('Tech') }),
  });
  orderId = String(reg.attributes.id);
  const auth = await a.call('DOMAIN', 'GET', { type: 'domain_auth_info' }, { domain });
  authCode = String(auth.attributes.domain_auth_info);
  assert.ok(authCode.length >= 6, `A's auth code: ${JSON.stringify(auth.attributes)}`);
  aliceCookie = await cookieFor(a, domain, SECRET.regUser, SECRET.regPassword);

  // A's contact and host, made over EPP.
  const aEpp = await server.eppTls();
  assert.equal((await epp(aEpp, loginXml(alice.username, alice.password))).code, 1000);
  contactId = `AC${tag}`.slice(0, 16);
  const cc = await epp(aEpp, `<create><contact:create ${C}><contact:id>${contactId}</contact:id><contact:postalInfo type="int">` +
    `<contact:name>Secret Epp${tag}</contact:name><contact:addr><contact:street>${tag} Epp Private Road</contact:street>` +
    `<contact:city>Toronto</contact:city><contact:sp>ON</contact:sp><contact:pc>M1M1M1</contact:pc><contact:cc>CA</contact:cc></contact:addr></contact:postalInfo><contact:voice>+1.4165559876</contact:voice>` +
    `<contact:email>epp-${tag}@alice-private.example</contact:email><contact:authInfo><contact:pw>${SECRET.contactPw}</contact:pw></contact:authInfo>` +
    `</contact:create></create>`);
  assert.equal(cc.code, 1000, cc.xml);
  const hc = await epp(aEpp, `<create><host:create ${H}><host:name>${host}</host:name><host:addr ip="v4">192.0.2.77</host:addr></host:create></create>`);
  assert.equal(hc.code, 1000, hc.xml);
  await aEpp.close();

  secrets = [authCode, SECRET.regPassword, SECRET.contactPw, `epp-${tag}@alice-private.example`, `Secret Epp${tag}`, `${tag} Epp Private Road`, aliceCookie,
    ...['Owner', 'Admin', 'Billing', 'Tech'].flatMap((r) => [`Secret${r}${tag}`, `Hidden${r}${tag}`, `${r.toLowerCase()}-${tag}@alice-private.example`, `${tag} ${r} Private Road`])];

  bEpp = await server.eppTls();
  assert.equal((await epp(bEpp, loginXml(bob.username, bob.password))).code, 1000);
});

after(async () => {
  await closeStores();
  await server?.stop();
});

// --- what "nothing changed" means -------------------------------------------------------------------------------

/** Tables that may change when B merely talks to the server (its own sessions and throttle counters). */
const VOLATILE_TABLES = new Set(['login_throttle', 'cookies', 'settings', 'api_tokens']);

async function snapshot(): Promise<Record<string, unknown[]>> {
  const db = await storeOf(server.dataDir);
  const tables = (await db.introspection.getTables()).map((t) => t.name).filter((n) => !VOLATILE_TABLES.has(n) && !/migration|kysely/i.test(n)).sort();
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const rows = await (db as any).selectFrom(t).selectAll().execute() as Array<Record<string, unknown>>;
    out[t] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

function assertNoSecrets(what: string, text: string): void {
  for (const s of secrets) assert.ok(!text.includes(s), `${what} leaked ${JSON.stringify(s)}:\n${text.slice(0, 3000)}`);
}

// --- XCP ---------------------------------------------------------------------------------------------------------

interface XcpCase {
  /** "object action" as in XCP_COMMANDS. */
  key: string;
  label?: string;
  attrs: () => Record<string, OpsItem>;
  extra?: () => Record<string, string>;
  /** A command that would change something: it must not report success. */
  mutates: boolean;
}

/** Commands of the XCP map that name no domain, contact, host, transfer or order of anyone else. */
const XCP_NOT_OBJECT_SCOPED: Record<string, string> = {
  'session quit': 'ends the caller\'s own TCP session',
  'balance get_balance': 'the caller\'s own balance (checked unchanged by the snapshot)',
  'domain get_balance': 'the caller\'s own balance',
  'event poll': 'the caller\'s own event queue',
  'subuser get': 'answers "not found" for everyone',
  'subuser modify': 'answers "not found" for everyone',
  'subuser delete': 'answers "not found" for everyone',
};

const c = () => ({ cookie: aliceCookie });
const dn = () => ({ domain });
const GET_TYPES = ['all_info', 'domain_auth_info', 'owner', 'admin', 'billing', 'tech', 'nameservers', 'status', 'whois_privacy_state', 'expire_action', 'list', 'forwarding_email', 'ca_whois_display_setting', 'it_whois_display_setting', 'rsp_whois_info', 'tld_data', 'waiting history', 'xpack_waiting_history'];
const newContactSet = () => makeAssoc({ owner: contact('Mallory'), admin: contact('Mallory'), billing: contact('Mallory'), tech: contact('Mallory') });

const XCP_CASES: XcpCase[] = [
  { key: 'domain lookup', attrs: () => ({ domain }), mutates: false },
  { key: 'domain name_suggest', attrs: () => ({ searchstring: domain.split('.')[0]!, tlds: ['.com'] }), mutates: false },
  { key: 'domain get_price', attrs: () => ({ domain }), mutates: false },
  { key: 'domain sw_register', attrs: () => ({ domain, reg_type: 'new', period: '1', reg_username: 'bobreg', reg_password: 'bobpass1', custom_nameservers: '0', contact_set: newContactSet(), handle: 'process' }), mutates: true },
  { key: 'domain sw_register', label: 'transfer without the auth code', attrs: () => ({ domain, reg_type: 'transfer', period: '1', reg_username: 'bobreg', reg_password: 'bobpass1', custom_nameservers: '0', contact_set: newContactSet(), handle: 'process', auth_info: 'wrong-guess-1' }), mutates: true },
  { key: 'cookie set', label: 'with A\'s registrant credentials', attrs: () => ({ domain, reg_username: SECRET.regUser, reg_password: SECRET.regPassword }), mutates: true },
  { key: 'cookie update', attrs: () => ({ cookie: aliceCookie, domain, domain_new: domain, reg_username: SECRET.regUser, reg_password: SECRET.regPassword }), mutates: true },
  { key: 'cookie delete', attrs: () => ({ cookie: aliceCookie }), mutates: true },
  ...GET_TYPES.map((type): XcpCase => ({ key: 'domain get', label: `type=${type}`, attrs: () => ({ type }), extra: dn, mutates: false })),
  ...GET_TYPES.slice(0, 4).map((type): XcpCase => ({ key: 'domain get', label: `type=${type} with A's cookie`, attrs: () => ({ type }), extra: c, mutates: false })),
  { key: 'domain modify', label: 'contact_info', attrs: () => ({ data: 'contact_info', domain, contact_set: newContactSet() }), extra: dn, mutates: true },
  { key: 'domain modify', label: 'domain_auth_info', attrs: () => ({ data: 'domain_auth_info', domain, domain_auth_info: 'Stolen-Auth-1' }), extra: dn, mutates: true },
  { key: 'domain modify', label: 'status (lock)', attrs: () => ({ data: 'status', domain, lock_state: '1' }), extra: dn, mutates: true },
  { key: 'domain modify', label: 'expire_action', attrs: () => ({ data: 'expire_action', domain, auto_renew: '1', let_expire: '0' }), extra: dn, mutates: true },
  { key: 'domain modify', label: 'whois_privacy_state', attrs: () => ({ data: 'whois_privacy_state', domain, state: 'enable' }), extra: dn, mutates: true },
  { key: 'domain modify', label: 'contact_info with A\'s cookie', attrs: () => ({ data: 'contact_info', contact_set: newContactSet() }), extra: c, mutates: true },
  { key: 'domain advanced_update_nameservers', attrs: () => ({ domain, op_type: 'assign', assign_ns: ['ns9.example.net', 'ns8.example.net'] }), extra: dn, mutates: true },
  { key: 'domain renew', attrs: () => ({ domain, period: '1', currentexpirationyear: String(new Date().getUTCFullYear() + 1), handle: 'process', auto_renew: '0' }), mutates: true },
  { key: 'nameserver create', label: 'a host under A\'s domain', attrs: () => ({ name: `ns2.${domain}`, ipaddress: '192.0.2.9', domain }), mutates: true },
  { key: 'nameserver get', attrs: () => ({ name: host, domain }), mutates: false },
  { key: 'nameserver modify', attrs: () => ({ name: host, new_name: `ns3.${domain}`, ipaddress: '192.0.2.99', domain }), mutates: true },
  { key: 'nameserver delete', attrs: () => ({ name: host, ipaddress: '192.0.2.77', domain }), mutates: true },
  { key: 'nameserver registry_add_ns', attrs: () => ({ fqdn: host, tld: 'com', all: '0' }), mutates: true },
  { key: 'nameserver registry_check_nameserver', attrs: () => ({ fqdn: host, tld: 'com' }), mutates: false },
  { key: 'domain check_transfer', attrs: () => ({ domain, check_status: '1', get_request_address: '1' }), mutates: false },
  { key: 'domain get_transfers_in', attrs: () => ({ domain }), mutates: false },
  { key: 'domain get_transfers_away', attrs: () => ({ domain }), mutates: false },
  ...['transfer', 'domain'].flatMap((obj): XcpCase[] => [
    { key: `${obj} cancel_transfer`, attrs: () => ({ domain, reseller: alice.username }), mutates: true },
    { key: `${obj} process_transfer`, attrs: () => ({ order_id: orderId, reseller: alice.username }), mutates: true },
    { key: `${obj} approve_transfer`, attrs: () => ({ domain }), mutates: true },
    { key: `${obj} reject_transfer`, attrs: () => ({ domain }), mutates: true },
  ]),
  { key: 'domain send_password', attrs: () => ({ domain_name: domain, send_to: 'owner', sub_user: '0' }), mutates: true },
  { key: 'domain send_authcode', attrs: () => ({ domain_name: domain }), mutates: true },
  { key: 'domain trade_domain', attrs: () => ({ domain, first_name: 'Mallory', last_name: 'Thief', org_name: 'Thieves', email: 'm@thief.example', phone: '+1.4165550000', address1: '1 Road', city: 'Toronto', state: 'ON', country: 'CA', postal_code: 'M1M1M1' }), mutates: true },
  { key: 'domain revoke', attrs: () => ({ domain, reseller: alice.username }), mutates: true },
  { key: 'domain process_pending', attrs: () => ({ order_id: orderId }), mutates: true },
  { key: 'domain get_order_info', attrs: () => ({ order_id: orderId }), mutates: false },
  { key: 'domain get_deleted_domains', attrs: () => ({ domain }), mutates: false },
  { key: 'domain get_domains_by_expiredate', attrs: () => ({ exp_from: '2000-01-01', exp_to: '2100-01-01', limit: '100' }), mutates: false },
  { key: 'domain get_domains_contacts', attrs: () => ({ domain_list: [domain] }), mutates: false },
  { key: 'domain update_contacts', attrs: () => ({ domain, types: ['owner', 'admin'], contact_set: newContactSet() }), mutates: true },
  { key: 'domain belongs_to_rsp', attrs: () => ({ domain }), mutates: false },
  { key: 'domain get_notes', attrs: () => ({ domain, type: 'domain' }), mutates: false },
  { key: 'ownership change', attrs: () => ({ username: 'mallory1', password: 'mallory-pw1', reg_domain: domain, move_all: '1' }), extra: c, mutates: true },
  { key: 'domain change', attrs: () => ({ username: 'mallory1', password: 'mallory-pw1', reg_domain: domain }), extra: c, mutates: true },
  { key: 'subuser add', attrs: () => ({ sub_username: 'mallory2', sub_password: 'mallory-pw2', sub_permission: '31' }), extra: c, mutates: true },
  { key: 'event ack', attrs: () => ({ event_id: '1' }), mutates: true },
  { key: 'domain get_dnssec_info', attrs: () => ({ domain }), mutates: false },
  { key: 'domain set_dnssec_info', attrs: () => ({ domain, dnssec: [makeAssoc({ key_tag: '12345', algorithm: '8', digest_type: '2', digest: 'A'.repeat(64) })] }), mutates: true },
  { key: 'password change', attrs: () => ({ reg_password: 'mallory-pw3' }), extra: c, mutates: true },
  { key: 'domain get_orders_by_domain', attrs: () => ({ domain }), mutates: false },
  { key: 'order cancel_order', attrs: () => ({ order_id: orderId }), mutates: true },
  { key: 'domain cancel_order', attrs: () => ({ order_id: orderId }), mutates: true },
];

test('every XCP command has an access-control case (or a reason it names no object)', () => {
  const covered = new Set([...XCP_CASES.map((x) => x.key), ...Object.keys(XCP_NOT_OBJECT_SCOPED)]);
  const missing = [...XCP_COMMANDS.keys()].filter((k) => !covered.has(k));
  assert.deepEqual(missing, [], 'add a row to XCP_CASES (or XCP_NOT_OBJECT_SCOPED) for each new command');
  const unknown = XCP_CASES.map((x) => x.key).filter((k) => !XCP_COMMANDS.has(k));
  assert.deepEqual(unknown, [], 'cases for commands that no longer exist');
});

// --- EPP ---------------------------------------------------------------------------------------------------------

interface EppCase { label: string; inner: () => string; mutates: boolean }

const EPP_CASES: EppCase[] = [
  { label: 'domain info', inner: () => `<info><domain:info ${D}><domain:name hosts="all">${domain}</domain:name></domain:info></info>`, mutates: false },
  { label: 'domain info with a guessed authInfo', inner: () => `<info><domain:info ${D}><domain:name>${domain}</domain:name><domain:authInfo><domain:pw>guess-123</domain:pw></domain:authInfo></domain:info></info>`, mutates: false },
  { label: 'domain update', inner: () => `<update><domain:update ${D}><domain:name>${domain}</domain:name><domain:add><domain:status s="clientHold"/></domain:add><domain:chg><domain:authInfo><domain:pw>Stolen-Auth-2</domain:pw></domain:authInfo></domain:chg></domain:update></update>`, mutates: true },
  { label: 'domain renew', inner: () => `<renew><domain:renew ${D}><domain:name>${domain}</domain:name><domain:curExpDate>${new Date().getUTCFullYear() + 1}-01-01</domain:curExpDate><domain:period unit="y">1</domain:period></domain:renew></renew>`, mutates: true },
  { label: 'domain delete', inner: () => `<delete><domain:delete ${D}><domain:name>${domain}</domain:name></domain:delete></delete>`, mutates: true },
  { label: 'domain transfer query', inner: () => `<transfer op="query"><domain:transfer ${D}><domain:name>${domain}</domain:name></domain:transfer></transfer>`, mutates: false },
  { label: 'domain transfer approve', inner: () => `<transfer op="approve"><domain:transfer ${D}><domain:name>${domain}</domain:name></domain:transfer></transfer>`, mutates: true },
  { label: 'domain transfer reject', inner: () => `<transfer op="reject"><domain:transfer ${D}><domain:name>${domain}</domain:name></domain:transfer></transfer>`, mutates: true },
  { label: 'domain transfer cancel', inner: () => `<transfer op="cancel"><domain:transfer ${D}><domain:name>${domain}</domain:name></domain:transfer></transfer>`, mutates: true },
  { label: 'contact info', inner: () => `<info><contact:info ${C}><contact:id>${contactId}</contact:id></contact:info></info>`, mutates: false },
  { label: 'contact info with a guessed authInfo', inner: () => `<info><contact:info ${C}><contact:id>${contactId}</contact:id><contact:authInfo><contact:pw>guess-123</contact:pw></contact:authInfo></contact:info></info>`, mutates: false },
  { label: 'contact update', inner: () => `<update><contact:update ${C}><contact:id>${contactId}</contact:id><contact:chg><contact:email>m@thief.example</contact:email></contact:chg></contact:update></update>`, mutates: true },
  { label: 'contact delete', inner: () => `<delete><contact:delete ${C}><contact:id>${contactId}</contact:id></contact:delete></delete>`, mutates: true },
  { label: 'host update', inner: () => `<update><host:update ${H}><host:name>${host}</host:name><host:add><host:addr ip="v4">192.0.2.66</host:addr></host:add><host:chg><host:name>ns4.${domain}</host:name></host:chg></host:update></update>`, mutates: true },
  { label: 'host delete', inner: () => `<delete><host:delete ${H}><host:name>${host}</host:name></host:delete></delete>`, mutates: true },
  { label: 'host create under A\'s domain', inner: () => `<create><host:create ${H}><host:name>ns5.${domain}</host:name><host:addr ip="v4">192.0.2.5</host:addr></host:create></create>`, mutates: true },
];

// --- the run -------------------------------------------------------------------------------------------------------

test('reseller B, naming A\'s objects through every command of every door, sees nothing private and changes nothing', async () => {
  const before = await snapshot();
  // The snapshot really holds A's objects (so "unchanged" means something).
  for (const [table, needle] of [['domains', domain], ['hosts', host], ['contacts', `epp-${tag}@alice-private.example`], ['contacts', `Secret${'Owner'}${tag}`], ['resellers', bob.username]] as const) {
    assert.ok(JSON.stringify(before[table] ?? []).includes(needle), `snapshot of ${table} lacks ${needle}`);
  }
  const rows: string[] = [];
  const problems: string[] = [];

  for (const x of XCP_CASES) {
    const what = `XCP ${x.key.toUpperCase()}${x.label ? ` (${x.label})` : ''}`;
    const [object, action] = x.key.split(' ');
    let r: XcpReply;
    try {
      r = await b.call(object!.toUpperCase(), action!.toUpperCase(), x.attrs(), x.extra?.() ?? {});
    } catch (err) {
      // A refusal with no OPS body is fine; a transport failure would fail the snapshot comparison anyway.
      rows.push(`${what}: ${(err as Error).message}`);
      continue;
    }
    rows.push(`${what}: ${r.responseCode} ${r.responseText}`);
    try { assertNoSecrets(what, JSON.stringify(r)); } catch (err) { problems.push((err as Error).message); }
    if (x.mutates && r.isSuccess) problems.push(`${what} reported success: ${r.responseCode} ${r.responseText}`);
  }

  for (const e of EPP_CASES) {
    const what = `EPP ${e.label}`;
    const r = await epp(bEpp, e.inner());
    rows.push(`${what}: ${r.code}`);
    try { assertNoSecrets(what, r.xml); } catch (err) { problems.push((err as Error).message); }
    if (e.mutates && r.code < 2000) problems.push(`${what} answered ${r.code}:\n${r.xml}`);
  }

  if (process.env.ACCESS_CONTROL_VERBOSE) console.log(rows.join('\n'));
  const afterSnap = await snapshot();
  for (const t of Object.keys(before)) {
    try { assert.deepEqual(afterSnap[t], before[t]); } catch { problems.push(`table ${t} changed:\n${JSON.stringify({ before: before[t], after: afterSnap[t] }, null, 1).slice(0, 3000)}`); }
  }
  // A's registrant session still works: B could neither end it nor use it to change anything.
  const stillA = await a.call('DOMAIN', 'GET', { type: 'owner' }, { cookie: aliceCookie });
  if (!stillA.isSuccess) problems.push(`A's cookie no longer works: ${stillA.responseCode} ${stillA.responseText}`);

  assert.deepEqual(problems, [], `replies:\n${rows.join('\n')}`);
});
