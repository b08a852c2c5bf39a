// EPP domain check, create, info, update and renew through the processor (every response schema-validated), and
// their effect on the core: ledger, orders, history, the reseller's EPP profile, and XCP's view of the same domains.
import { test, after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { eppHarness, find, findAll, type EppHarness, type EppTestClient, type EppResponse } from './support/eppHarness.ts';
import { createXml, domainCmd, hostAttrs, hostObjs, makeContact, nameEls } from './support/eppDomainFixtures.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import { registerDomain } from '../src/core/commands/registerDomain.ts';
import { accessDomain } from '../src/core/commands/domainAccess.ts';
import { readDomainDetails } from '../src/core/commands/domainDetails.ts';
import { findLiveDomain } from '../src/core/commands/findDomain.ts';
import { registerInput, coreErrorOf } from './support/coreHarness.ts';
import type { XmlElement } from '../src/protocols/epp/xmlTree.ts';

let h: EppHarness;
let alice: EppTestClient;
let bob: EppTestClient;
let aliceId: number;
let reg: string; // alice's contact handles
let admin: string;
let tech: string;

before(async () => {
  h = await eppHarness();
  alice = await h.client('alice', 100_000);
  bob = await h.client('bob', 100_000);
  aliceId = alice.session.reseller!.id;
  reg = await makeContact(h.core, alice, 'Reg');
  admin = await makeContact(h.core, alice, 'Admin');
  tech = await makeContact(h.core, alice, 'Tech');
});
after(async () => { await h.close(); });

const text = (r: EppResponse, name: string, ns: string = NS.domain): string | undefined => find(r.root, ns, name)?.text.trim();
const texts = (r: EppResponse, name: string, ns: string = NS.domain): string[] => findAll(r.root, ns, name).map((e) => e.text.trim());
const statuses = (r: EppResponse): string[] => findAll(r.root, NS.domain, 'status').map((e) => e.attrs.s).sort();
const balance = async (id: number) => (await h.core.db.selectFrom('resellers').select('balance_minor').where('id', '=', id).executeTakeFirstOrThrow()).balance_minor;
const info = (c: EppTestClient, name: string, extra = '', attrs = '') => c.cmd(domainCmd('info', `<domain:name${attrs}>${name}</domain:name>${extra}`));
const update = (c: EppTestClient, name: string, body: string, extension = '') => c.cmd(domainCmd('update', `<domain:name>${name}</domain:name>${body}`, extension));
const create = (c: EppTestClient, name: string, opts: Parameters<typeof createXml>[1] = {}) =>
  c.cmd(createXml(name, { registrant: reg, contacts: [['admin', admin], ['tech', tech]], ...opts }));

function assertCode(r: EppResponse, code: number): void {
  assert.equal(r.code, code, `expected ${code}, got ${r.code} ${r.msg}\n${r.xml}`);
}

describe('domain:check', () => {
  test('several names: available, taken elsewhere, registered here, bad syntax, unknown TLD', async () => {
    assertCode(await create(alice, 'checked-here.com'), 1000);
    const r = await alice.cmd(domainCmd('check', nameEls('free-name.com', 'taken-by-someone.net', 'CHECKED-here.com', 'bad_name.com', 'example.zz')));
    assertCode(r, 1000);
    const cds = findAll(r.root, NS.domain, 'cd').map((cd: XmlElement) => ({
      name: cd.children[0].text, avail: cd.children[0].attrs.avail, reason: cd.children[1]?.text,
    }));
    assert.deepEqual(cds, [
      { name: 'free-name.com', avail: '1', reason: undefined },
      { name: 'taken-by-someone.net', avail: '0', reason: 'In use at another registrar' },
      { name: 'checked-here.com', avail: '0', reason: 'In use' },
      { name: 'bad_name.com', avail: '0', reason: 'Invalid domain name syntax' },
      { name: 'example.zz', avail: '0', reason: 'TLD not offered' },
    ]);
  });
});

describe('domain:create', () => {
  test('hostObj, contacts by handle, given authInfo: creData, charged exactly the price, order, ledger and history', async () => {
    const before = await balance(aliceId);
    const r = await create(alice, 'hostobj-example.com', { period: '<domain:period unit="y">2</domain:period>', ns: hostObjs('ns1.example.net', 'ns2.example.net'), pw: 'Secret-123' });
    assertCode(r, 1000);
    assert.equal(text(r, 'name'), 'hostobj-example.com');
    assert.equal(text(r, 'crDate'), '2026-01-15T10:00:00.000Z');
    assert.equal(text(r, 'exDate'), '2028-01-15T10:00:00.000Z');
    assert.equal(await balance(aliceId), before - 2 * 1099);
    const d = (await findLiveDomain(h.core, 'hostobj-example.com'))!;
    assert.equal(d.auth_code, 'Secret-123');
    assert.equal(d.cr_reseller_id, aliceId);
    const order = await h.core.db.selectFrom('orders').selectAll().where('domain_id', '=', d.id).executeTakeFirstOrThrow();
    assert.equal(order.amount_minor, 2198);
    assert.equal(order.kind, 'register');
    const ledger = await h.core.db.selectFrom('ledger_entries').selectAll().where('order_id', '=', order.id).execute();
    assert.equal(ledger.length, 1);
    assert.equal(ledger[0].amount_minor, -2198);
    assert.equal(ledger[0].balance_after, before - 2198);
    const hist = await h.core.db.selectFrom('history').selectAll().where('domain_id', '=', d.id).execute();
    assert.deepEqual(hist.map((x) => x.action), ['register']);
    assert.equal(JSON.parse(hist[0].detail).amountMinor, 2198);
    // the domain belongs to alice's EPP profile, which nobody can log into
    const profile = await h.core.db.selectFrom('profiles').selectAll().where('id', '=', d.profile_id).executeTakeFirstOrThrow();
    assert.equal(profile.reg_username, 'epp-alice');
    assert.match(profile.password_hash, /^scrypt\$/);

    const i = await info(alice, 'hostobj-example.com');
    assertCode(i, 1000);
    assert.deepEqual(texts(i, 'hostObj'), ['ns1.example.net', 'ns2.example.net']);
    assert.equal(text(i, 'registrant'), reg);
    assert.deepEqual(findAll(i.root, NS.domain, 'contact').map((c) => [c.attrs.type, c.text]), [['admin', admin], ['tech', tech]]);
    assert.equal(text(i, 'pw'), 'Secret-123');
    assert.equal(text(i, 'clID'), 'alice');
    assert.equal(text(i, 'crID'), 'alice');
    assert.equal(text(i, 'roid'), d.roid);
    assert.deepEqual(statuses(i), ['ok']);
    assert.equal(find(i.root, NS.domain, 'upDate'), undefined);
  });

  test('hostAttr with IPv4 and IPv6 addresses; a blank <domain:pw/> makes the server draw an auth code', async () => {
    const r = await create(alice, 'hostattr-example.com', {
      ns: hostAttrs(['ns1.hostattr-example.com', '192.0.2.1', '2001:db8::1'], ['ns2.hostattr-example.com', '192.0.2.2'], ['ns3.company.net']),
    });
    assertCode(r, 1000);
    const i = await info(alice, 'hostattr-example.com');
    const attrs = findAll(i.root, NS.domain, 'hostAttr').map((a) => ({
      name: a.children[0].text, addrs: a.children.slice(1).map((x) => `${x.attrs.ip}:${x.text}`),
    }));
    assert.deepEqual(attrs, [
      { name: 'ns1.hostattr-example.com', addrs: ['v4:192.0.2.1', 'v6:2001:db8::1'] },
      { name: 'ns2.hostattr-example.com', addrs: ['v4:192.0.2.2'] },
      { name: 'ns3.company.net', addrs: [] },
    ]);
    const pw = text(i, 'pw')!;
    assert.ok(pw.length >= 6 && pw.length <= 32, pw);
    // hosts="none" hides the delegation; "del" shows it
    assert.equal(find((await info(alice, 'hostattr-example.com', '', ' hosts="none"')).root, NS.domain, 'ns'), undefined);
    assert.ok(find((await info(alice, 'hostattr-example.com', '', ' hosts="del"')).root, NS.domain, 'ns'));
  });

  test('an in-bailiwick hostAttr without an address is 2306; a bad address is 2005', async () => {
    assertCode(await create(alice, 'glue-example.com', { ns: hostAttrs(['ns1.glue-example.com']) }), 2306);
    assertCode(await create(alice, 'glue-example.com', { ns: hostAttrs(['ns1.glue-example.com', '300.1.1.1']) }), 2005);
  });

  test('without nameservers the domain is "inactive"', async () => {
    assertCode(await create(alice, 'no-ns-example.com'), 1000);
    assert.deepEqual(statuses(await info(alice, 'no-ns-example.com')), ['inactive']);
  });

  test('periods: months in whole years, 2004 for other months and beyond 10 years, 2306 for one the TLD refuses', async () => {
    const r = await create(alice, 'months-example.com', { period: '<domain:period unit="m">24</domain:period>' });
    assertCode(r, 1000);
    assert.equal(text(r, 'exDate'), '2028-01-15T10:00:00.000Z');
    assertCode(await create(alice, 'months-bad.com', { period: '<domain:period unit="m">18</domain:period>' }), 2004);
    assertCode(await create(alice, 'years-bad.com', { period: '<domain:period unit="y">11</domain:period>' }), 2004);
    assertCode(await create(alice, 'two-years.de', { period: '<domain:period unit="y">2</domain:period>' }), 2306);
    // .de is asynchronous in the sandbox: the registry confirms later (1001, then a poll message).
    assertCode(await create(alice, 'one-year.de', { period: '<domain:period unit="y">1</domain:period>' }), 1001);
  });

  test('contacts: unknown handle 2303, another reseller\'s 2201, no registrant 2003, two admins 2306', async () => {
    const bobs = await makeContact(h.core, bob, 'Bob');
    assertCode(await create(alice, 'contacts-bad.com', { registrant: 'NOSUCHHANDLE' }), 2303);
    assertCode(await create(alice, 'contacts-bad.com', { registrant: bobs }), 2201);
    assertCode(await create(alice, 'contacts-bad.com', { contacts: [['admin', bobs]] }), 2201);
    assertCode(await alice.cmd(createXml('contacts-bad.com', { contacts: [['admin', admin]] })), 2003);
    assertCode(await create(alice, 'contacts-bad.com', { contacts: [['admin', admin], ['admin', tech]] }), 2306);
    assert.equal(await findLiveDomain(h.core, 'contacts-bad.com'), undefined);
  });

  test('taken names are 2302; a TLD regd does not offer is 2306; an auth code that is too short is 2005', async () => {
    assertCode(await create(alice, 'takenexample.com'), 2302);
    assertCode(await create(alice, 'hostobj-example.com'), 2302);
    assertCode(await create(alice, 'example.zz'), 2306);
    assertCode(await create(alice, 'short-pw.com', { pw: 'abc' }), 2005);
  });

  test('insufficient funds is 2104 and nothing is written', async () => {
    const poor = await h.client('poor', 500);
    const handle = await makeContact(h.core, poor, 'Poor');
    const domainsBefore = await h.core.db.selectFrom('domains').select('id').execute();
    const r = await poor.cmd(createXml('poor-example.com', { registrant: handle }));
    assertCode(r, 2104);
    assert.equal(await balance(poor.session.reseller!.id), 500);
    assert.equal((await h.core.db.selectFrom('domains').select('id').execute()).length, domainsBefore.length);
    assert.equal((await h.core.db.selectFrom('orders').select('id').where('reseller_id', '=', poor.session.reseller!.id).execute()).length, 0);
  });

  test('one EPP profile per reseller, however many domains', async () => {
    const profiles = await h.core.db.selectFrom('profiles').select('reg_username').where('reseller_id', '=', aliceId).execute();
    assert.deepEqual(profiles.map((p) => p.reg_username), ['epp-alice']);
  });
});

describe('domain:info', () => {
  test('another reseller: reduced reply without authInfo, full reply (still no authInfo) with the right one, 2202 with a wrong one', async () => {
    assertCode(await create(alice, 'info-example.com', { ns: hostObjs('ns1.example.net'), pw: 'Info-Secret1' }), 1000);
    const reduced = await info(bob, 'info-example.com');
    assertCode(reduced, 1000);
    assert.equal(text(reduced, 'clID'), 'alice');
    assert.ok(text(reduced, 'roid'));
    for (const hidden of ['registrant', 'contact', 'ns', 'authInfo', 'exDate', 'crDate']) assert.equal(find(reduced.root, NS.domain, hidden), undefined, hidden);
    const withAuth = await info(bob, 'info-example.com', '<domain:authInfo><domain:pw>Info-Secret1</domain:pw></domain:authInfo>');
    assertCode(withAuth, 1000);
    assert.equal(text(withAuth, 'registrant'), reg);
    assert.ok(find(withAuth.root, NS.domain, 'exDate'));
    assert.equal(find(withAuth.root, NS.domain, 'authInfo'), undefined);
    assertCode(await info(bob, 'info-example.com', '<domain:authInfo><domain:pw>wrong-secret</domain:pw></domain:authInfo>'), 2202);
  });

  test('an unknown domain is 2303', async () => {
    assertCode(await info(alice, 'never-registered.com'), 2303);
    assertCode(await info(alice, 'taken.com'), 2303);
  });

  test('subordinate hosts appear as <domain:host>', async () => {
    assertCode(await create(alice, 'parent-example.com'), 1000);
    const d = (await findLiveDomain(h.core, 'parent-example.com'))!;
    const now = new Date().toISOString();
    await h.core.db.insertInto('hosts').values({ name: 'ns1.parent-example.com', reseller_id: aliceId, cr_reseller_id: aliceId, domain_id: d.id, created_at: now, updated_at: now, transferred_at: null, up_reseller_id: null }).execute();
    const i = await info(alice, 'parent-example.com');
    assert.deepEqual(texts(i, 'host'), ['ns1.parent-example.com']);
    assert.deepEqual(texts(await info(alice, 'parent-example.com', '', ' hosts="sub"'), 'host'), ['ns1.parent-example.com']);
    assert.deepEqual(texts(await info(alice, 'parent-example.com', '', ' hosts="del"'), 'host'), []);
  });
});

describe('domain:update', () => {
  const name = 'update-example.com';
  before(async () => {
    assertCode(await create(alice, name, { ns: hostObjs('ns1.example.net', 'ns2.example.net'), pw: 'Update-Secret1' }), 1000);
  });

  test('add/rem ns, contacts and statuses; chg registrant and authInfo; history and upID/upDate', async () => {
    const newReg = await makeContact(h.core, alice, 'NewReg');
    const billing = await makeContact(h.core, alice, 'Billing');
    h.clock.advance(60_000);
    const r = await update(alice, name,
      `<domain:add>${hostObjs('ns3.example.net')}<domain:contact type="billing">${billing}</domain:contact><domain:contact type="tech">${admin}</domain:contact>` +
      `<domain:status s="clientHold"/><domain:status s="clientTransferProhibited"/></domain:add>` +
      `<domain:rem>${hostObjs('ns1.example.net')}<domain:contact type="tech">${tech}</domain:contact></domain:rem>` +
      `<domain:chg><domain:registrant>${newReg}</domain:registrant><domain:authInfo><domain:pw>Changed-Secret2</domain:pw></domain:authInfo></domain:chg>`);
    assertCode(r, 1000);
    const i = await info(alice, name);
    assert.deepEqual(texts(i, 'hostObj'), ['ns2.example.net', 'ns3.example.net']);
    assert.equal(text(i, 'registrant'), newReg);
    assert.deepEqual(findAll(i.root, NS.domain, 'contact').map((c) => [c.attrs.type, c.text]), [['admin', admin], ['billing', billing], ['tech', admin]]);
    assert.deepEqual(statuses(i), ['clientHold', 'clientTransferProhibited']);
    assert.equal(text(i, 'pw'), 'Changed-Secret2');
    assert.equal(text(i, 'upID'), 'alice');
    assert.equal(text(i, 'upDate'), '2026-01-15T10:01:00.000Z');
    const d = (await findLiveDomain(h.core, name))!;
    assert.equal(d.locked, 1);
    const hist = await h.core.db.selectFrom('history').select(['action', 'detail']).where('domain_id', '=', d.id).where('action', '=', 'update').execute();
    assert.equal(hist.length, 1);
    assert.deepEqual(JSON.parse(hist[0].detail).changed.sort(), ['authInfo', 'contact:billing', 'contact:tech', 'ns', 'registrant', 'status']);

    // an empty pw in chg leaves the code as it is; removing statuses and hostAttr additions work
    assertCode(await update(alice, name, `<domain:add>${hostAttrs(['ns9.update-example.com', '198.51.100.9'])}</domain:add>` +
      '<domain:rem><domain:status s="clientHold"/><domain:status s="clientTransferProhibited"/></domain:rem><domain:chg><domain:authInfo><domain:pw/></domain:authInfo></domain:chg>'), 1000);
    const i2 = await info(alice, name);
    assert.deepEqual(statuses(i2), ['ok']);
    assert.equal(text(i2, 'pw'), 'Changed-Secret2');
    // one hostAttr makes the whole delegation render as hostAttr
    assert.deepEqual(texts(i2, 'hostName'), ['ns2.example.net', 'ns3.example.net', 'ns9.update-example.com']);
    assert.equal((await findLiveDomain(h.core, name))!.locked, 0);
  });

  test('adding what is there or removing what is not is 2306; server statuses are 2306; nothing changes', async () => {
    const before = await findLiveDomain(h.core, name);
    assertCode(await update(alice, name, `<domain:add>${hostObjs('ns2.example.net')}</domain:add>`), 2306);
    assertCode(await update(alice, name, `<domain:rem>${hostObjs('ns7.example.net')}</domain:rem>`), 2306);
    assertCode(await update(alice, name, '<domain:rem><domain:status s="clientHold"/></domain:rem>'), 2306);
    assertCode(await update(alice, name, '<domain:add><domain:status s="serverHold"/></domain:add>'), 2306);
    assertCode(await update(alice, name, `<domain:add><domain:contact type="admin">${tech}</domain:contact></domain:add>`), 2306);
    assertCode(await update(alice, name, `<domain:rem><domain:contact type="admin">${tech}</domain:contact></domain:rem>`), 2306);
    assertCode(await update(alice, name, '<domain:add><domain:contact type="admin">NOSUCHHANDLE</domain:contact></domain:add>'), 2306);
    assertCode(await update(alice, name, '<domain:chg><domain:registrant>NOSUCHHANDLE</domain:registrant></domain:chg>'), 2303);
    assertCode(await update(alice, name, '<domain:chg><domain:registrant></domain:registrant></domain:chg>'), 2306);
    assert.deepEqual(await findLiveDomain(h.core, name), before);
  });

  test('clientUpdateProhibited refuses updates with 2304 until an update removes it', async () => {
    assertCode(await update(alice, name, '<domain:add><domain:status s="clientUpdateProhibited"/></domain:add>'), 1000);
    assertCode(await update(alice, name, `<domain:add>${hostObjs('ns5.example.net')}</domain:add>`), 2304);
    assertCode(await update(alice, name, '<domain:chg><domain:authInfo><domain:pw>Another-One3</domain:pw></domain:authInfo></domain:chg>'), 2304);
    assertCode(await update(alice, name, '<domain:rem><domain:status s="clientUpdateProhibited"/></domain:rem>'), 1000);
    assertCode(await update(alice, name, `<domain:add>${hostObjs('ns5.example.net')}</domain:add>`), 1000);
  });

  test('another reseller gets 2201; an unknown domain 2303; a domain in redemption 2304', async () => {
    assertCode(await update(bob, name, '<domain:add><domain:status s="clientHold"/></domain:add>'), 2201);
    assertCode(await update(alice, 'no-such-domain.com', '<domain:add><domain:status s="clientHold"/></domain:add>'), 2303);
    assertCode(await create(alice, 'redeem-example.com'), 1000);
    await h.core.db.updateTable('domains').set({ rgp_status: 'redemptionPeriod' }).where('name', '=', 'redeem-example.com').execute();
    assertCode(await update(alice, 'redeem-example.com', '<domain:add><domain:status s="clientHold"/></domain:add>'), 2304);
  });

  test('clientTransferProhibited is refused where the TLD has no lock (2306)', async () => {
    assertCode(await create(alice, 'nolock-example.co.uk'), 1000);
    assertCode(await update(alice, 'nolock-example.co.uk', '<domain:add><domain:status s="clientTransferProhibited"/></domain:add>'), 2306);
  });
});

describe('domain:renew', () => {
  const name = 'renew-example.com';
  before(async () => { assertCode(await create(alice, name), 1000); });
  const renew = (c: EppTestClient, curExpDate: string, period = '') =>
    c.cmd(domainCmd('renew', `<domain:name>${name}</domain:name><domain:curExpDate>${curExpDate}</domain:curExpDate>${period}`));

  test('a wrong curExpDate is 2004; the right one renews, charges and answers renData', async () => {
    assertCode(await renew(alice, '2027-01-16'), 2004);
    assertCode(await renew(alice, '2026-01-15'), 2004);
    const before = await balance(aliceId);
    const r = await renew(alice, '2027-01-15', '<domain:period unit="y">2</domain:period>');
    assertCode(r, 1000);
    assert.equal(text(r, 'name'), name);
    assert.equal(text(r, 'exDate')!.slice(0, 10), '2029-01-15');
    assert.equal(await balance(aliceId), before - 2 * 1099);
    // the old date again: already renewed, still 2004
    assertCode(await renew(alice, '2027-01-15'), 2004);
    assert.equal(await balance(aliceId), before - 2 * 1099);
  });

  test('period rules: 2004 for months that are not years and beyond 10, 2306 past the 10-year horizon', async () => {
    assertCode(await renew(alice, '2029-01-15', '<domain:period unit="m">6</domain:period>'), 2004);
    assertCode(await renew(alice, '2029-01-15', '<domain:period unit="y">11</domain:period>'), 2004);
    assertCode(await renew(alice, '2029-01-15', '<domain:period unit="y">8</domain:period>'), 2306);
    const r = await renew(alice, '2029-01-15', '<domain:period unit="m">12</domain:period>');
    assertCode(r, 1000);
    assert.equal(text(r, 'exDate')!.slice(0, 10), '2030-01-15');
  });

  test('clientRenewProhibited is 2304; another reseller 2201', async () => {
    assertCode(await update(alice, name, '<domain:add><domain:status s="clientRenewProhibited"/></domain:add>'), 1000);
    assertCode(await renew(alice, '2030-01-15'), 2304);
    assertCode(await update(alice, name, '<domain:rem><domain:status s="clientRenewProhibited"/></domain:rem>'), 1000);
    assertCode(await renew(bob, '2030-01-15'), 2201);
    assertCode(await renew(alice, '2030-01-15'), 1000);
  });
});

describe('op:ext (Openprovider) on create, update and info', () => {
  const OP = `xmlns:op="${NS.op}"`;
  test('create stores the fields and autorenew; update chg sets, clears and resets the auth code; info renders them', async () => {
    const r = await create(alice, 'op-example.com', {
      pw: 'Op-Secret-1',
      extension: `<op:ext ${OP}><op:create><op:domain><op:useDomicile>false</op:useDomicile><op:comments>first comment</op:comments><op:autorenew>on</op:autorenew></op:domain></op:create></op:ext>`,
    });
    assertCode(r, 1000);
    let d = (await findLiveDomain(h.core, 'op-example.com'))!;
    assert.equal(d.auto_renew, 1);
    assert.deepEqual(JSON.parse(d.op_ext), { useDomicile: 'false', comments: 'first comment', autorenew: 'on' });
    const i = await info(alice, 'op-example.com');
    assert.equal(text(i, 'autorenew', NS.op), 'on');
    assert.equal(text(i, 'comments', NS.op), 'first comment');
    assert.equal(text(i, 'isLocked', NS.op), 'false');
    // another reseller never sees op:ext
    assert.equal(find((await info(bob, 'op-example.com', '<domain:authInfo><domain:pw>Op-Secret-1</domain:pw></domain:authInfo>')).root, NS.op, 'ext'), undefined);

    const u = await update(alice, 'op-example.com', '',
      `<op:ext ${OP}><op:update><op:domain><op:chg><op:autorenew>off</op:autorenew><op:comments></op:comments><op:resetAuthCode>true</op:resetAuthCode></op:chg></op:domain></op:update></op:ext>`);
    assertCode(u, 1000);
    d = (await findLiveDomain(h.core, 'op-example.com'))!;
    assert.equal(d.auto_renew, 0);
    assert.notEqual(d.auth_code, 'Op-Secret-1');
    assert.deepEqual(JSON.parse(d.op_ext), { useDomicile: 'false', autorenew: 'off' });
    const i2 = await info(alice, 'op-example.com');
    assert.equal(text(i2, 'autorenew', NS.op), 'off');
    assert.equal(find(i2.root, NS.op, 'comments'), undefined);
    assert.equal(text(i2, 'pw'), d.auth_code);
  });
});

describe('one core for XCP and EPP', () => {
  test('a domain created over EPP is visible to XCP; one registered over XCP is visible over EPP with contact handles', async () => {
    assertCode(await create(alice, 'both-ways.com', { ns: hostObjs('ns1.example.net') }), 1000);
    const access = await accessDomain(h.core, { resellerId: aliceId, domain: 'both-ways.com' });
    const details = await readDomainDetails(h.core, access.domain);
    assert.equal(details.contacts.owner?.first_name, 'Reg');
    assert.deepEqual(details.nameservers.map((n) => n.name), ['ns1.example.net']);

    await registerDomain(h.core, registerInput(aliceId, 'from-xcp.com'));
    const i = await info(alice, 'from-xcp.com');
    assertCode(i, 1000);
    const handles = await h.core.db.selectFrom('domain_contacts').innerJoin('contacts', 'contacts.id', 'domain_contacts.contact_id')
      .innerJoin('domains', 'domains.id', 'domain_contacts.domain_id').select(['domain_contacts.role', 'contacts.handle'])
      .where('domains.name', '=', 'from-xcp.com').execute();
    assert.equal(text(i, 'registrant'), handles.find((x) => x.role === 'owner')!.handle);
    assert.deepEqual(texts(i, 'hostObj'), ['ns1.example.net', 'ns2.example.net']);
    // an XCP registrant cannot claim the reserved EPP profile name
    await assert.rejects(registerDomain(h.core, registerInput(aliceId, 'sneaky.com', { regUsername: 'epp-alice' })), coreErrorOf('invalid_value'));
  });

  test('an XCP-created domain can be updated and renewed over EPP', async () => {
    assertCode(await update(alice, 'from-xcp.com', `<domain:add>${hostObjs('ns3.example.net')}</domain:add>`), 1000);
    const d = (await findLiveDomain(h.core, 'from-xcp.com'))!;
    const r = await alice.cmd(domainCmd('renew', `<domain:name>from-xcp.com</domain:name><domain:curExpDate>${d.expires_at.slice(0, 10)}</domain:curExpDate>`));
    assertCode(r, 1000);
  });

  test('ledger: the balance equals initial funds minus every order completed or still held at the registry', async () => {
    // An order the registry has not decided yet (the asynchronous .de registration) holds its price until it does.
    const orders = await h.core.db.selectFrom('orders').select('amount_minor').where('reseller_id', '=', aliceId)
      .where((eb) => eb.or([eb('status', '=', 'completed'), eb('registry_state', 'in', ['inflight', 'pending'])])).execute();
    const spent = orders.reduce((s, o) => s + o.amount_minor, 0);
    assert.equal(await balance(aliceId), 100_000 - spent);
    const entries = await h.core.db.selectFrom('ledger_entries').select(['amount_minor']).where('reseller_id', '=', aliceId).execute();
    assert.equal(entries.reduce((s, e) => s + e.amount_minor, 0), 100_000 - spent);
  });
});
