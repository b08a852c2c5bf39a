// Premium names, fees, IDNs and NAME_SUGGEST's premium service against one real `regd serve` (issue 9, "commands
// resellers use that are missing"): the sandbox's premium rule (src/registry/sandbox/premiumNames.ts: labels starting
// with "premium" cost ten times the TLD's price; vip, casino, hotel, crypto have fixed prices) seen through XCP
// (LOOKUP, GET_PRICE, SW_REGISTER with premium_price_to_verify, RENEW) and EPP over TLS (fee:check, fee:create),
// the same core rule on both doors; IDN encoding_type stored and returned; unknown NAME_SUGGEST services named.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import type { XcpClient } from '../src/client/xcpClient.ts';
import type { EppTlsClient } from '../src/client/eppClient.ts';
import { freshName, registerAttributes } from './support/fixtures.ts';
import { assoc, closeStores, cookieFor, expectCode } from './support/surfaceHelpers.ts';
import { eppCommand, find, findAll, loginXml, parseResponse } from './support/eppHarness.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import type { OpsAssoc } from '../src/protocols/ops/index.ts';

let server: RegdServer;
let alice: ResellerCredentials;
let a: XcpClient;
let epp: EppTlsClient;

before(async () => {
  server = await startRegd();
  alice = await server.createReseller('alice', '5000');
  a = server.xcpClient(alice);
  epp = await server.eppTls();
  assert.equal(parseResponse(await epp.command(loginXml(alice.username, alice.password))).code, 1000);
});
after(async () => { await epp?.close(); await closeStores(); await server.stop(); });

let n = 0;
const premiumName = (tld = 'com') => `premium-${process.pid}-${Date.now().toString(36)}-${++n}.${tld}`;
const balance = async () => String((await a.call('BALANCE', 'GET_BALANCE')).attributes.balance);
const eppCmd = async (inner: string) => parseResponse(await epp.command(eppCommand(inner)));
const D = `xmlns:domain="${NS.domain}"`;
const FEE = `xmlns:fee="${NS.fee}"`;

test('LOOKUP and GET_PRICE report is_registry_premium and the premium price', async () => {
  const name = premiumName();
  const look = await a.call('DOMAIN', 'LOOKUP', { domain: name });
  expectCode(look, 210);
  assert.deepEqual([look.attributes.status, look.attributes.is_registry_premium, look.attributes.price, look.attributes.currency], ['available', '1', '109.90', 'USD']);
  const plain = await a.call('DOMAIN', 'LOOKUP', { domain: freshName() });
  assert.equal(plain.attributes.is_registry_premium, '0');
  assert.equal(plain.attributes.price, undefined);

  const price = await a.call('DOMAIN', 'GET_PRICE', { domain: name, period: '2' });
  assert.deepEqual([price.attributes.price, price.attributes.is_registry_premium], ['219.80', '1']);
  const renewal = await a.call('DOMAIN', 'GET_PRICE', { domain: 'casino.net', reg_type: 'renewal', period: '1' });
  assert.deepEqual([renewal.attributes.price, renewal.attributes.is_registry_premium], ['250.00', '1']);
  const standard = await a.call('DOMAIN', 'GET_PRICE', { domain: freshName('net') });
  assert.deepEqual([standard.attributes.price, standard.attributes.is_registry_premium], ['12.99', '0']);
});

test('SW_REGISTER refuses a premium name unless premium_price_to_verify covers the price; the premium price is charged', async () => {
  const name = premiumName();
  const before = await balance();
  const none = await a.call('DOMAIN', 'SW_REGISTER', registerAttributes(name));
  expectCode(none, 465, /premium-priced at 109\.90 USD.*premium_price_to_verify/);
  const low = await a.call('DOMAIN', 'SW_REGISTER', registerAttributes(name, { premium_price_to_verify: '109.89' }));
  expectCode(low, 465, /costs 109\.90 USD; the 109\.89 accepted is lower/);
  expectCode(await a.call('DOMAIN', 'SW_REGISTER', registerAttributes(name, { premium_price_to_verify: 'lots' })), 465, /premium_price_to_verify must be an amount/);
  assert.equal(await balance(), before, 'refusals charge nothing');
  const ok = await a.call('DOMAIN', 'SW_REGISTER', registerAttributes(name, { premium_price_to_verify: '150' }));
  expectCode(ok, 200);
  assert.equal(await balance(), (Number(before) - 109.9).toFixed(2), 'the premium price, not the amount verified, is charged');
  // A standard name needs no acknowledgement; one sent must still cover the price.
  expectCode(await a.call('DOMAIN', 'SW_REGISTER', registerAttributes(freshName())), 200);
  expectCode(await a.call('DOMAIN', 'SW_REGISTER', registerAttributes(freshName(), { premium_price_to_verify: '1.00' })), 465);

  // RENEW of a premium name renews at the premium renewal price, acknowledged the same way.
  const year = new Date().getUTCFullYear() + 1;
  const renew = (extra: Record<string, string>) => a.call('DOMAIN', 'RENEW', { domain: name, period: '1', currentexpirationyear: String(year), handle: 'process', ...extra });
  expectCode(await renew({}), 465, /premium-priced/);
  const renewed = await renew({ premium_price_to_verify: '109.90' });
  expectCode(renewed, 200);
});

test('one rule on both doors: a premium name over EPP needs fee:create, and fee:check names its class and price', async () => {
  const name = premiumName('net');
  const chk = await eppCmd(`<check><domain:check ${D}><domain:name>${name}</domain:name><domain:name>hotel.org</domain:name></domain:check></check>` +
    `<extension><fee:check ${FEE}><fee:command name="create"/></fee:check></extension>`);
  assert.equal(chk.code, 1000, chk.xml);
  const cds = findAll(chk.root, NS.fee, 'cd').map((cd) => [find(cd, NS.fee, 'objID')?.text, find(cd, NS.fee, 'class')?.text, find(cd, NS.fee, 'fee')?.text]);
  assert.deepEqual(cds, [[name, 'premium', '129.90'], ['hotel.org', 'premium', '1200.00']]);
  const contact = parseResponse(await epp.command(eppCommand(`<create><contact:create xmlns:contact="${NS.contact}"><contact:id>prem${process.pid}</contact:id>` +
    '<contact:postalInfo type="int"><contact:name>Pat Premium</contact:name><contact:addr><contact:street>1 Main St</contact:street><contact:city>Toronto</contact:city>' +
    '<contact:sp>ON</contact:sp><contact:pc>M1M1M1</contact:pc><contact:cc>CA</contact:cc></contact:addr></contact:postalInfo><contact:voice>+1.4165551212</contact:voice><contact:email>pat@example.com</contact:email>' +
    '<contact:authInfo><contact:pw>Contact-1</contact:pw></contact:authInfo></contact:create></create>')));
  assert.equal(contact.code, 1000, contact.xml);
  const handle = find(contact.root, NS.contact, 'id')!.text;
  const create = (ext: string) => eppCmd(`<create><domain:create ${D}><domain:name>${name}</domain:name><domain:registrant>${handle}</domain:registrant>` +
    `<domain:authInfo><domain:pw>Secret-12</domain:pw></domain:authInfo></domain:create></create>${ext}`);
  assert.equal((await create('')).code, 2004);
  const ok = await create(`<extension><fee:create ${FEE}><fee:currency>USD</fee:currency><fee:fee>129.90</fee:fee></fee:create></extension>`);
  assert.equal(ok.code, 1000, ok.xml);
  assert.equal(find(find(ok.root, NS.fee, 'creData')!, NS.fee, 'fee')?.text, '129.90');
  // The XCP door sees the same premium domain as registered.
  expectCode(await a.call('DOMAIN', 'LOOKUP', { domain: name }), 211);
});

test('IDN: a U-label registers as its A-label with its encoding_type, which GET DOMAIN returns', async () => {
  const unicode = `münchen-${process.pid}-${Date.now().toString(36)}.de`;
  const ascii = new URL(`http://${unicode}`).hostname;
  expectCode(await a.call('DOMAIN', 'SW_REGISTER', registerAttributes(freshName('de'), { encoding_type: 'not a tag!' })), 465, /encoding_type/);
  const r = await a.call('DOMAIN', 'SW_REGISTER', registerAttributes(unicode, { encoding_type: 'ger', reg_username: 'idnuser', reg_password: 'idn12345' }));
  assert.ok(r.responseCode === 200 || r.responseCode === 250, `${r.responseCode} ${r.responseText}`);
  // .de answers asynchronously: taken either way (221 while the registry has not confirmed it yet).
  for (const form of [ascii, unicode]) {
    const look = await a.call('DOMAIN', 'LOOKUP', { domain: form });
    assert.ok(look.responseCode === 211 || look.responseCode === 221, `${form}: ${look.responseCode} ${look.responseText}`);
  }

  const latin = `bücher-${process.pid}-${Date.now().toString(36)}.com`;
  expectCode(await a.call('DOMAIN', 'SW_REGISTER', registerAttributes(latin, { encoding_type: 'de-DE', reg_username: 'idnuser', reg_password: 'idn12345' })), 200);
  const latinAscii = new URL(`http://${latin}`).hostname;
  const all = await a.call('DOMAIN', 'GET', { type: 'all_info' }, { domain: latinAscii });
  expectCode(all, 200);
  assert.equal(all.attributes.encoding_type, 'de-DE');
  const byUnicode = await a.call('DOMAIN', 'GET', { type: 'all_info' }, { domain: latin });
  assert.equal(byUnicode.attributes.encoding_type, 'de-DE');
  const cookie = await cookieFor(a, latinAscii, 'idnuser', 'idn12345');
  const list = await a.call('DOMAIN', 'GET', { type: 'list', with_encoding_types: '1' }, { cookie });
  const entries = (list.attributes.domain_list as OpsAssoc[]).map((e) => [e.domain, e.encoding_type]);
  assert.deepEqual(entries.find(([d]) => d === latinAscii), [latinAscii, 'de-DE']);
  const plainName = freshName();
  expectCode(await a.call('DOMAIN', 'SW_REGISTER', registerAttributes(plainName)), 200);
  assert.equal((await a.call('DOMAIN', 'GET', { type: 'all_info' }, { domain: plainName })).attributes.encoding_type, '');
});

test('NAME_SUGGEST: the premium service lists premium names with their price; unknown services are named', async () => {
  const label = `brand${process.pid}`;
  const r = await a.call('DOMAIN', 'NAME_SUGGEST', { searchstring: label, tlds: ['.com', '.net'], services: ['premium', 'lookup', 'personal_names', 'bogus'], maximum: '10' });
  expectCode(r, 200);
  const premium = assoc(r.attributes.premium);
  const items = (premium.items as OpsAssoc[]).map((i) => [i.domain, i.price, i.is_registry_premium]);
  assert.deepEqual(items, [
    [`premium${label}.com`, '109.90', '1'], [`premium${label}.net`, '129.90', '1'],
    [`premium-${label}.com`, '109.90', '1'], [`premium-${label}.net`, '129.90', '1'],
  ]);
  assert.equal(premium.count, '4');
  assert.equal(assoc(r.attributes.lookup).count, '2');
  assert.deepEqual(r.attributes.unsupported_services, ['personal_names', 'bogus']);
  const bogus = assoc(r.attributes.bogus);
  assert.equal(bogus.is_success, '0');
  assert.match(String(bogus.response_text), /"bogus" is not supported; offered: lookup, suggestion, premium/);
  // Only services regd does not offer: the request fails, naming them.
  expectCode(await a.call('DOMAIN', 'NAME_SUGGEST', { searchstring: label, services: ['personal_names', 'bogus'] }), 465, /"personal_names", "bogus"/);
  // A premium search label itself is offered too, and taken names are left out.
  const own = await a.call('DOMAIN', 'NAME_SUGGEST', { searchstring: 'vip', tlds: ['.com'], services: ['premium'] });
  assert.deepEqual((assoc(own.attributes.premium).items as OpsAssoc[]).map((i) => [i.domain, i.price]), [['vip.com', '500.00'], ['premiumvip.com', '109.90'], ['premium-vip.com', '109.90']]);
});
