// EPP hosts (RFC 5732) through the in-process EPP processor: glue rules, linked status, rename, delete.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { eppHarness, find, findAll, type EppHarness, type EppTestClient } from './support/eppHarness.ts';
import { registerInput } from './support/coreHarness.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import { registerDomain } from '../src/core/commands/registerDomain.ts';
import { hasSubordinateHosts } from '../src/core/commands/hosts.ts';

let h: EppHarness;
let alice: EppTestClient;
let bob: EppTestClient;
let aliceDomainId: number;
const DOMAIN = 'glue-test.com';
before(async () => {
  h = await eppHarness();
  alice = await h.client('halice');
  bob = await h.client('hbob');
  const reg = await registerDomain(h.core, registerInput(alice.session.reseller!.id, DOMAIN, {
    nameservers: [{ name: 'ns1.external-dns.net', sortOrder: 1 }, { name: 'ns2.external-dns.net', sortOrder: 2 }],
  }));
  aliceDomainId = reg.domainId!;
});
after(async () => { await h.close(); });

const H = `xmlns:host="${NS.host}"`;
const addr = (a: string, ip = 'v4') => `<host:addr ip="${ip}">${a}</host:addr>`;
const createXml = (name: string, ...addrs: string[]) => `<create><host:create ${H}><host:name>${name}</host:name>${addrs.join('')}</host:create></create>`;
const infoXml = (name: string) => `<info><host:info ${H}><host:name>${name}</host:name></host:info></info>`;
const deleteXml = (name: string) => `<delete><host:delete ${H}><host:name>${name}</host:name></host:delete></delete>`;
const updateXml = (name: string, body: string) => `<update><host:update ${H}><host:name>${name}</host:name>${body}</host:update></update>`;
const statusesOf = (r: { root: Parameters<typeof findAll>[0] }) => findAll(r.root, NS.host, 'status').map((s) => s.attrs.s);

test('check, then create an internal host with glue; a second create is 2302', async () => {
  const c0 = await alice.cmd(`<check><host:check ${H}><host:name>ns1.${DOMAIN}</host:name><host:name>ns9.${DOMAIN}</host:name></host:check></check>`);
  assert.deepEqual(findAll(c0.root, NS.host, 'name').map((n) => n.attrs.avail), ['1', '1']);
  const r = await alice.cmd(createXml(`ns1.${DOMAIN}`, addr('192.0.2.1'), addr('2001:DB8::1', 'v6')));
  assert.equal(r.code, 1000, r.xml);
  assert.equal(find(r.root, NS.host, 'name')!.text, `ns1.${DOMAIN}`);
  assert.equal(find(r.root, NS.host, 'crDate')!.text, '2026-01-15T10:00:00.000Z');
  const c1 = await bob.cmd(`<check><host:check ${H}><host:name>NS1.${DOMAIN.toUpperCase()}</host:name></host:check></check>`);
  assert.equal(find(c1.root, NS.host, 'name')!.attrs.avail, '0');
  assert.equal((await alice.cmd(createXml(`ns1.${DOMAIN}`, addr('192.0.2.1')))).code, 2302);

  const info = await alice.cmd(infoXml(`ns1.${DOMAIN}`));
  assert.equal(info.code, 1000, info.xml);
  assert.match(find(info.root, NS.host, 'roid')!.text, /^H\d+-REGD$/);
  assert.deepEqual(statusesOf(info), ['ok']);
  assert.deepEqual(findAll(info.root, NS.host, 'addr').map((a) => [a.text, a.attrs.ip]), [['192.0.2.1', 'v4'], ['2001:db8::1', 'v6']]);
  assert.equal(find(info.root, NS.host, 'clID')!.text, 'halice');
  assert.equal(find(info.root, NS.host, 'crID')!.text, 'halice');
  assert.equal(find(info.root, NS.host, 'upID'), undefined);
  assert.equal(await hasSubordinateHosts(h.core, aliceDomainId), true);
});

test('glue rules: internal hosts need an address and the domain\'s sponsor; external hosts take none', async () => {
  const noAddr = await alice.cmd(createXml(`ns2.${DOMAIN}`));
  assert.equal(noAddr.code, 2003, noAddr.xml);
  const other = await bob.cmd(createXml(`ns2.${DOMAIN}`, addr('192.0.2.2')));
  assert.equal(other.code, 2201, other.xml);
  const extAddr = await alice.cmd(createXml('ns1.external-dns.net', addr('198.51.100.1')));
  assert.equal(extAddr.code, 2306, extAddr.xml);
  assert.equal((await alice.cmd(createXml(`ns2.${DOMAIN}`, addr('999.1.1.1')))).code, 2005);
  assert.equal((await alice.cmd(createXml(`ns2.${DOMAIN}`, addr('192.0.2.2', 'v6')))).code, 2005);
  assert.equal((await alice.cmd(createXml(`-bad-.${DOMAIN}`, addr('192.0.2.2')))).code, 2005);
  // A name under a domain nobody here holds is external.
  const ext = await bob.cmd(createXml('ns1.somewhere-else.org'));
  assert.equal(ext.code, 1000, ext.xml);
});

test('a host a live delegation names is linked and cannot be deleted (2305); delete works once unlinked', async () => {
  assert.equal((await alice.cmd(createXml('ns1.external-dns.net'))).code, 1000);
  const info = await bob.cmd(infoXml('ns1.external-dns.net'));
  assert.equal(info.code, 1000, info.xml);
  assert.deepEqual(statusesOf(info), ['ok', 'linked']);
  assert.equal((await bob.cmd(deleteXml('ns1.external-dns.net'))).code, 2201);
  assert.equal((await alice.cmd(deleteXml('ns1.external-dns.net'))).code, 2305);
  await h.core.db.deleteFrom('domain_nameservers').where('domain_id', '=', aliceDomainId).where('name', '=', 'ns1.external-dns.net').execute();
  assert.deepEqual(statusesOf(await alice.cmd(infoXml('ns1.external-dns.net'))), ['ok']);
  assert.equal((await alice.cmd(deleteXml('ns1.external-dns.net'))).code, 1000);
  assert.equal((await alice.cmd(infoXml('ns1.external-dns.net'))).code, 2303);
  assert.equal((await alice.cmd(deleteXml('ns1.external-dns.net'))).code, 2303);
});

test('update: addresses and statuses; the last glue address stays; external hosts take no addresses', async () => {
  const name = `ns3.${DOMAIN}`;
  assert.equal((await alice.cmd(createXml(name, addr('192.0.2.3')))).code, 1000);
  h.clock.advance(60_000);
  const add = await alice.cmd(updateXml(name, `<host:add>${addr('2001:db8::3', 'v6')}</host:add><host:rem>${addr('192.0.2.3')}</host:rem>`));
  assert.equal(add.code, 1000, add.xml);
  const info = await alice.cmd(infoXml(name));
  assert.deepEqual(findAll(info.root, NS.host, 'addr').map((a) => a.text), ['2001:db8::3']);
  assert.equal(find(info.root, NS.host, 'upID')!.text, 'halice');
  assert.equal(find(info.root, NS.host, 'upDate')!.text, '2026-01-15T10:01:00.000Z');
  assert.equal((await alice.cmd(updateXml(name, `<host:rem>${addr('2001:db8::3', 'v6')}</host:rem>`))).code, 2304);
  assert.equal((await bob.cmd(updateXml(name, `<host:add>${addr('192.0.2.9')}</host:add>`))).code, 2201);

  assert.equal((await alice.cmd(updateXml(name, '<host:add><host:status s="clientUpdateProhibited"/><host:status s="clientDeleteProhibited"/></host:add>'))).code, 1000);
  assert.deepEqual(statusesOf(await alice.cmd(infoXml(name))), ['clientUpdateProhibited', 'clientDeleteProhibited']);
  assert.equal((await alice.cmd(updateXml(name, `<host:add>${addr('192.0.2.4')}</host:add>`))).code, 2304);
  assert.equal((await alice.cmd(deleteXml(name))).code, 2304);
  assert.equal((await alice.cmd(updateXml(name, '<host:add><host:status s="linked"/></host:add>'))).code, 2306);
  assert.equal((await alice.cmd(updateXml(name, '<host:rem><host:status s="clientUpdateProhibited"/><host:status s="clientDeleteProhibited"/></host:rem>'))).code, 1000);

  assert.equal((await bob.cmd(createXml('ns1.bob-external.net'))).code, 1000);
  assert.equal((await bob.cmd(updateXml('ns1.bob-external.net', `<host:add>${addr('192.0.2.5')}</host:add>`))).code, 2306);
});

test('rename: an internal host moves within its domain and the delegations follow', async () => {
  const old = `ns4.${DOMAIN}`;
  assert.equal((await alice.cmd(createXml(old, addr('192.0.2.4')))).code, 1000);
  await h.core.db.insertInto('domain_nameservers').values({ domain_id: aliceDomainId, name: old, sort_order: 3 }).execute();
  // The delegation already names the new name too (no host object behind it yet): it keeps a single entry.
  await h.core.db.insertInto('domain_nameservers').values({ domain_id: aliceDomainId, name: `dns.${DOMAIN}`, sort_order: 4 }).execute();
  assert.deepEqual(statusesOf(await alice.cmd(infoXml(old))), ['ok', 'linked']);

  assert.equal((await alice.cmd(updateXml(old, '<host:chg><host:name>ns4.elsewhere.net</host:name></host:chg>'))).code, 2306);
  assert.equal((await alice.cmd(updateXml(old, `<host:chg><host:name>ns1.${DOMAIN}</host:name></host:chg>`))).code, 2302);
  const r = await alice.cmd(updateXml(old, `<host:chg><host:name>dns.${DOMAIN}</host:name></host:chg>`));
  assert.equal(r.code, 1000, r.xml);
  assert.equal((await alice.cmd(infoXml(old))).code, 2303);
  const info = await alice.cmd(infoXml(`dns.${DOMAIN}`));
  assert.deepEqual(statusesOf(info), ['ok', 'linked']);
  assert.deepEqual(findAll(info.root, NS.host, 'addr').map((a) => a.text), ['192.0.2.4']);
  const ns = await h.core.db.selectFrom('domain_nameservers').select('name').where('domain_id', '=', aliceDomainId).orderBy('sort_order').execute();
  assert.deepEqual(ns.map((n) => n.name), ['ns2.external-dns.net', `dns.${DOMAIN}`]);
  assert.equal((await alice.cmd(deleteXml(`dns.${DOMAIN}`))).code, 2305);

  assert.equal((await bob.cmd(updateXml('ns1.somewhere-else.org', '<host:chg><host:name>ns2.somewhere-else.org</host:name></host:chg>'))).code, 2306);
});

test('hasSubordinateHosts turns false once the domain\'s hosts are gone', async () => {
  await h.core.db.deleteFrom('domain_nameservers').where('domain_id', '=', aliceDomainId).where('name', '=', `dns.${DOMAIN}`).execute();
  for (const n of [`ns1.${DOMAIN}`, `ns3.${DOMAIN}`, `dns.${DOMAIN}`]) {
    const r = await alice.cmd(deleteXml(n));
    assert.equal(r.code, 1000, `${n}: ${r.xml}`);
  }
  assert.equal(await hasSubordinateHosts(h.core, aliceDomainId), false);
  const history = await h.core.db.selectFrom('history').select(['action']).where('object_type', '=', 'host').execute();
  assert.ok(history.some((e) => e.action === 'delete'));
});
