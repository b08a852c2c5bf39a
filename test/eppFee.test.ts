// RFC 8748 fees over EPP (in-process, every response schema-validated against fee-1.0.xsd by the harness):
// fee:check with premium/standard classes, fee:create/renew/transfer and a restore's fee:update agreeing to a price
// (2004 when lower, or when a premium name comes without one), fee:*Data reporting the amount charged, which is the
// price and not the amount sent; a U-label is created as its A-label.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { eppHarness, find, findAll, type EppHarness, type EppTestClient } from './support/eppHarness.ts';
import { createXml, domainCmd, makeContact, nameEls } from './support/eppDomainFixtures.ts';
import { DAY, balance, deleteXml, domainRow, register, restoreXml, transferXml } from './support/eppLifecycle.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import { validateEpp } from '../src/protocols/epp/eppSchemaValidator.ts';
import type { XmlElement } from '../src/protocols/epp/xmlTree.ts';

let h: EppHarness;
let alice: EppTestClient;
let bob: EppTestClient;
let aliceContact: string;

before(async () => {
  h = await eppHarness();
  alice = await h.client('alice', 10_000_000);
  bob = await h.client('bob', 10_000_000);
  aliceContact = await makeContact(h.core, alice, 'Alice');
});
after(async () => { await h.close(); });

const FEE = `xmlns:fee="${NS.fee}"`;
let n = 0;
const fresh = (prefix: string, tld = 'com') => `${prefix}-${process.pid}-${++n}.${tld}`;

const feeCheck = (commands: string, currency = '') => `<fee:check ${FEE}>${currency}${commands}</fee:check>`;
const feeCmd = (name: string, period?: string, attrs = '') => `<fee:command name="${name}"${attrs}>${period ?? ''}</fee:command>`;
const feeAgree = (verb: string, ...amounts: string[]) => `<fee:${verb} ${FEE}>${amounts.map((a) => `<fee:fee>${a}</fee:fee>`).join('')}</fee:${verb}>`;

function cdOf(root: XmlElement, name: string): XmlElement {
  const cd = findAll(root, NS.fee, 'cd').find((c) => find(c, NS.fee, 'objID')?.text === name);
  assert.ok(cd, `no fee:cd for ${name}`);
  return cd;
}

function commandsOf(cd: XmlElement): Record<string, { standard?: string; fee?: string; period?: string; reason?: string }> {
  return Object.fromEntries(findAll(cd, NS.fee, 'command').map((c) => [c.attrs.customName ?? c.attrs.name, {
    standard: c.attrs.standard, fee: find(c, NS.fee, 'fee')?.text, period: find(c, NS.fee, 'period')?.text, reason: find(c, NS.fee, 'reason')?.text,
  }]));
}

const create = (c: EppTestClient, name: string, extension = '', period = '<domain:period unit="y">1</domain:period>') =>
  c.cmd(createXml(name, { registrant: aliceContact, pw: 'Secret-1', extension, period }));

test('the greeting announces fee-1.0, and the validator knows its schema', async () => {
  const r = await h.processor.process(h.processor.newSession('127.0.0.1'), `<epp xmlns="${NS.epp}"><hello/></epp>`);
  assert.match(r.xml, new RegExp(`<extURI>${NS.fee}</extURI>`));
  // A fee-1.0 element with a wrong shape is refused by the schema, so the validator did load fee-1.0.xsd.
  const bad = `<epp xmlns="${NS.epp}"><command><check><domain:check xmlns:domain="${NS.domain}"><domain:name>a.com</domain:name></domain:check></check>` +
    `<extension><fee:check ${FEE}><fee:command name="nonsense"/></fee:check></extension></command></epp>`;
  assert.match(validateEpp(bad) ?? '', /commandEnum|nonsense|not an element of the set/);
});

test('fee:check: class premium or standard, each command priced, standard="0" for a premium price', async () => {
  const premium = fresh('premiumcheck');
  const standard = fresh('plaincheck');
  const r = await alice.cmd(domainCmd('check', nameEls(premium, standard, 'vip.net', 'nope.invalidtld'),
    feeCheck(feeCmd('create', '<fee:period unit="y">2</fee:period>') + feeCmd('renew') + feeCmd('transfer') + feeCmd('restore'), '<fee:currency>USD</fee:currency>')));
  assert.equal(r.code, 1000, r.xml);
  assert.equal(find(r.root, NS.fee, 'currency')?.text, 'USD');
  const p = cdOf(r.root, premium);
  assert.equal(p.attrs.avail, '1');
  assert.equal(find(p, NS.fee, 'class')?.text, 'premium');
  assert.deepEqual(commandsOf(p), {
    create: { standard: '0', fee: '219.80', period: '2', reason: undefined },
    renew: { standard: '0', fee: '109.90', period: '1', reason: undefined },
    transfer: { standard: '0', fee: '109.90', period: '1', reason: undefined },
    restore: { standard: '1', fee: '40.00', period: undefined, reason: undefined },
  });
  const s = cdOf(r.root, standard);
  assert.equal(find(s, NS.fee, 'class')?.text, 'standard');
  assert.deepEqual(commandsOf(s).create, { standard: '1', fee: '21.98', period: '2', reason: undefined });
  // A fixed premium name: its own registration price, renewals at a tenth of it.
  const vip = commandsOf(cdOf(r.root, 'vip.net'));
  assert.equal(vip.create.fee, '1000.00');
  assert.equal(vip.renew.fee, '50.00');
  const bad = cdOf(r.root, 'nope.invalidtld');
  assert.equal(bad.attrs.avail, '0');
  assert.equal(find(bad, NS.fee, 'reason')?.text, 'TLD not offered');
  // The domain part is untouched: premium names are available.
  const cd = findAll(r.root, NS.domain, 'name').find((e) => e.text === premium)!;
  assert.equal(cd.attrs.avail, '1');
});

test('fee:check: months, periods, currencies and commands regd does not price are answered with a reason', async () => {
  const name = fresh('months');
  const r = await alice.cmd(domainCmd('check', nameEls(name),
    feeCheck(feeCmd('create', '<fee:period unit="m">24</fee:period>') + feeCmd('renew', '<fee:period unit="m">5</fee:period>') +
      feeCmd('custom', undefined, ' customName="backorder"') + feeCmd('delete'))));
  assert.equal(r.code, 1000, r.xml);
  const cmds = commandsOf(cdOf(r.root, name));
  assert.equal(cmds.create.fee, '21.98');
  assert.equal(cmds.create.period, '2');
  assert.match(cmds.renew.reason ?? '', /not a whole number of years/);
  assert.match(cmds.backorder.reason ?? '', /not priced/);
  assert.deepEqual([cmds.delete.fee, cmds.delete.standard], ['0.00', '1']);
  assert.equal(cdOf(r.root, name).attrs.avail, '0');
  const eur = await alice.cmd(domainCmd('check', nameEls(name), feeCheck(feeCmd('create'), '<fee:currency>EUR</fee:currency>')));
  assert.equal(find(eur.root, NS.fee, 'currency')?.text, 'EUR');
  assert.match(commandsOf(cdOf(eur.root, name)).create.reason ?? '', /priced in USD, not EUR/);
});

test('create: a premium name without fee:create or with a lower fee is 2004; the charged amount is the premium price', async () => {
  const name = fresh('premiumcreate');
  const before = await balance(h, alice);
  const none = await create(alice, name);
  assert.equal(none.code, 2004, none.xml);
  assert.match(none.msg, /premium-priced at 109\.90 USD.*fee:create/);
  const low = await create(alice, name, feeAgree('create', '109.89'));
  assert.equal(low.code, 2004, low.xml);
  assert.match(low.msg, /costs 109\.90 USD; the 109\.89 accepted is lower/);
  const wrongCurrency = await create(alice, name, `<fee:create ${FEE}><fee:currency>EUR</fee:currency><fee:fee>500.00</fee:fee></fee:create>`);
  assert.equal(wrongCurrency.code, 2004, wrongCurrency.xml);
  assert.equal(await balance(h, alice), before, 'nothing charged for refused creates');
  // Two fees that add up to more than the price: accepted; the price is charged, not the sum.
  const ok = await create(alice, name, feeAgree('create', '100.00', '20.00'));
  assert.equal(ok.code, 1000, ok.xml);
  assert.equal(find(ok.root, NS.domain, 'name')?.text, name);
  const cre = find(ok.root, NS.fee, 'creData')!;
  assert.equal(find(cre, NS.fee, 'fee')?.text, '109.90');
  assert.equal(find(cre, NS.fee, 'currency')?.text, 'USD');
  assert.equal(await balance(h, alice), before - 10_990);
  const order = await h.core.db.selectFrom('orders').select(['amount_minor']).where('domain_name', '=', name).executeTakeFirstOrThrow();
  assert.equal(order.amount_minor, 10_990);
});

test('create: a standard name needs no fee; a fee sent must still cover the price; creData only when a fee was sent', async () => {
  const plain = fresh('plaincreate');
  const r = await create(alice, plain);
  assert.equal(r.code, 1000, r.xml);
  assert.equal(find(r.root, NS.fee, 'creData'), undefined);
  const low = await create(alice, fresh('plainlow'), feeAgree('create', '10.98'));
  assert.equal(low.code, 2004, low.xml);
  const two = await create(alice, fresh('plaintwo'), feeAgree('create', '21.98'), '<domain:period unit="y">2</domain:period>');
  assert.equal(two.code, 1000, two.xml);
  const cre = find(two.root, NS.fee, 'creData')!;
  assert.equal(find(cre, NS.fee, 'fee')?.text, '21.98');
  assert.equal(find(cre, NS.fee, 'period')?.text, '2');
  // More than two decimals: rounded down to the cent, so 10.989 does not cover 10.99.
  assert.equal((await create(alice, fresh('plaindec'), feeAgree('create', '10.989'))).code, 2004);
  assert.equal((await create(alice, fresh('plaindec'), feeAgree('create', '10.991'))).code, 1000);
});

test('renew: a premium name renews at its premium price, agreed with fee:renew (2004 without or lower)', async () => {
  const name = fresh('premiumrenew');
  await register(h, alice, name, { acceptedPrice: { amountMinor: 10_990 } });
  const d = await domainRow(h, name);
  const renew = (ext: string) => alice.cmd(domainCmd('renew', `<domain:name>${name}</domain:name><domain:curExpDate>${d.expires_at.slice(0, 10)}</domain:curExpDate><domain:period unit="y">1</domain:period>`, ext));
  assert.equal((await renew('')).code, 2004);
  assert.equal((await renew(feeAgree('renew', '10.99'))).code, 2004);
  const before = await balance(h, alice);
  const ok = await renew(feeAgree('renew', '109.90'));
  assert.equal(ok.code, 1000, ok.xml);
  assert.equal(find(find(ok.root, NS.fee, 'renData')!, NS.fee, 'fee')?.text, '109.90');
  assert.equal(await balance(h, alice), before - 10_990);
});

test('transfer: a premium name moves at its premium transfer price, agreed with fee:transfer', async () => {
  const name = fresh('premiumxfer', 'info'); // .info has no transfer lock after registration
  await register(h, alice, name, { acceptedPrice: { amountMinor: 14_990 }, authCode: 'Xfer-Secret-1' });
  const without = await bob.cmd(transferXml('request', name, 'Xfer-Secret-1'));
  assert.equal(without.code, 2004, without.xml);
  const low = await bob.cmd(transferXml('request', name, 'Xfer-Secret-1') + `<extension>${feeAgree('transfer', '14.99')}</extension>`);
  assert.equal(low.code, 2004, low.xml);
  const before = await balance(h, bob);
  const ok = await bob.cmd(transferXml('request', name, 'Xfer-Secret-1') + `<extension>${feeAgree('transfer', '149.90')}</extension>`);
  assert.equal(ok.code, 1001, ok.xml);
  assert.equal(find(find(ok.root, NS.fee, 'trnData')!, NS.fee, 'fee')?.text, '149.90');
  assert.equal(await balance(h, bob), before - 14_990);
});

test('restore: fee:update agrees to the restore fee (2004 when lower); updData reports it', async () => {
  const name = fresh('restorefee');
  await register(h, alice, name);
  h.clock.advance(6 * DAY); // past the add grace period: the delete goes to redemption
  assert.equal((await alice.cmd(deleteXml(name))).code, 1001);
  const low = await alice.cmd(restoreXml(name, 'request').replace('</extension>', `${feeAgree('update', '39.99')}</extension>`));
  assert.equal(low.code, 2004, low.xml);
  const ok = await alice.cmd(restoreXml(name, 'request').replace('</extension>', `${feeAgree('update', '40.00')}</extension>`));
  assert.equal(ok.code, 1000, ok.xml);
  assert.equal(find(find(ok.root, NS.fee, 'updData')!, NS.fee, 'fee')?.text, '40.00');
});

test('IDN: a U-label is checked and created as its A-label', async () => {
  const u = `bücher-${process.pid}-${++n}.com`;
  const a = new URL(`http://${u}`).hostname;
  assert.match(a, /^xn--/);
  const chk = await alice.cmd(domainCmd('check', nameEls(u)));
  assert.equal(find(chk.root, NS.domain, 'name')?.text, a);
  const r = await create(alice, u);
  assert.equal(r.code, 1000, r.xml);
  assert.equal(find(r.root, NS.domain, 'name')?.text, a);
  // The A-label is the same domain.
  assert.equal((await create(alice, a)).code, 2302);
});
