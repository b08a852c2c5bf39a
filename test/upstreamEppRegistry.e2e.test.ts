// The EPP upstream adapter against a real registry: a `regd serve` child process (U) plays the registry, a reseller
// account at U is the adapter's EPP login, and every result is checked at U over an independent EPP session whose
// replies are schema-validated. Faults come from registries that do not exist (a closed port), refuse the login,
// hang after the login, or answer garbage: each is an outcome and a log line, never a throw or an unhandled rejection.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import type { Kysely } from 'kysely';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { eppCommand, loginXml, parseResponse, find, findAll, type EppResponse } from './support/eppHarness.ts';
import type { EppTlsClient } from '../src/client/eppClient.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import { renderGreeting } from '../src/protocols/epp/eppGreeting.ts';
import { EppFrameDecoder, encodeFrame } from '../src/protocols/epp/transport/eppFraming.ts';
import { loadOrCreateTlsMaterial } from '../src/transport/tlsMaterial.ts';
import { openSqliteStore } from '../src/store/openSqlite.ts';
import type { Database } from '../src/store/schema.ts';
import { loadUpstreamConfig } from '../src/app/upstreamConfig.ts';
import { createUpstreamRegistries } from '../src/registry/epp/createUpstreamRegistries.ts';
import { EppRegistry } from '../src/registry/epp/eppRegistry.ts';
import { eppConnector } from '../src/registry/epp/eppConnector.ts';
import type { UpstreamSettings } from '../src/registry/epp/upstreamSettings.ts';
import type { RegistryCall, RegistryContact, RegistryPort } from '../src/registry/registryPort.ts';
import { CoreError } from '../src/core/errors.ts';

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => { unhandled.push(reason); });

const run = Math.random().toString(36).slice(2, 8);
const name = (label: string, tld = 'com') => `${label}-${run}.${tld}`;
let seq = 0;
const call = (): RegistryCall => ({ key: `regd-o${run}${++seq}`, at: new Date() });

function contact(localId: number, first: string): RegistryContact {
  return {
    localId, handle: `H${localId}`, firstName: first, lastName: 'Example', orgName: 'Example Org',
    address1: '1 Main Street', address2: '', address3: '', city: 'Toronto', state: 'ON', country: 'CA', postalCode: 'M5V 1A1',
    phone: '+1.4165550123', fax: '', email: `${first.toLowerCase()}@example.com`,
  };
}
const OWNER = contact(101, 'Owner');
const ADMIN = contact(102, 'Admin');

let U: RegdServer;
let registrar: ResellerCredentials;
let other: ResellerCredentials;
let dataDir: string;
let db: Kysely<Database>;
let registry: RegistryPort;
let settings: UpstreamSettings;
const logs: string[] = [];
const log = (line: string) => logs.push(line);

/** An independent, schema-validated EPP session at U. */
interface Verifier { cmd(inner: string): Promise<EppResponse>; close(): void }
let nextTrid = 0;
async function verifier(who: ResellerCredentials): Promise<Verifier> {
  const c: EppTlsClient = await U.eppTls();
  parseResponse(c.greeting);
  const login = parseResponse(await c.command(loginXml(who.username, who.password)));
  assert.equal(login.code, 1000, login.xml);
  return { cmd: async (inner) => parseResponse(await c.command(eppCommand(inner, `VERIFY-${++nextTrid}`))), close: () => c.socket.destroy() };
}
let asRegistrar: Verifier;
let asOther: Verifier;

const D = `xmlns:domain="${NS.domain}"`;
const text = (r: EppResponse, ns: string, local: string) => find(r.root, ns, local)?.text;
const domainInfo = (v: Verifier, n: string) => v.cmd(`<info><domain:info ${D}><domain:name>${n}</domain:name></domain:info></info>`);

before(async () => {
  U = await startRegd();
  [registrar, other] = await Promise.all([U.createReseller('registrar', '100000'), U.createReseller('other', '100000')]);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-upstream-e2e-'));
  db = await openSqliteStore(dataDir);
  const caFile = path.join(dataDir, 'u-ca.pem');
  fs.writeFileSync(caFile, U.caPem);
  const url = `epps://${encodeURIComponent(registrar.username)}:${encodeURIComponent(registrar.password)}@127.0.0.1:${U.eppPort}`;
  const config = loadUpstreamConfig({ upstreamFlags: [`com,info=${url}`], upstreamCa: caFile });
  settings = config.upstreams[0];
  const byTld = createUpstreamRegistries(config, { db, log });
  registry = byTld.get('com')!;
  assert.equal(byTld.get('info'), registry, 'one registry object per upstream');
  asRegistrar = await verifier(registrar);
  asOther = await verifier(other);
});

after(async () => {
  asRegistrar?.close();
  asOther?.close();
  await registry?.close();
  await db?.destroy();
  await U?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  assert.deepEqual(unhandled, [], 'no unhandled rejections');
});

describe('EPP upstream adapter against a regd registry', () => {
  let created: { name: string; roid: string; key: string; expiresAt: Date };

  test('policies and capabilities come from the configuration', () => {
    assert.deepEqual(registry.policies().map((p) => p.tld), ['com', 'info']);
    assert.equal(registry.policy('com')?.transferLockDays, 60);
    assert.deepEqual(registry.capabilities('com'), { objects: ['domain', 'contact', 'host'], hostModel: 'hostObj', thin: false, lacks: [] });
  });

  test('isRegisteredElsewhere asks the registry (domain:check)', async () => {
    assert.equal(await registry.isRegisteredElsewhere(name('taken')), true, "the sandbox's taken* names are registered elsewhere");
    assert.equal(await registry.isRegisteredElsewhere(name('free')), false);
  });

  test('createDomain creates contacts and hosts first, then the domain, all visible at the registry', async () => {
    const n = name('create');
    assert.equal(await registry.isRegisteredElsewhere(n), false);
    const now = new Date();
    const c = call();
    const out = await registry.createDomain(c, {
      name: n, years: 2, nameservers: ['ns1.upstream-test.net', 'ns2.upstream-test.org'], authCode: 'Auth-Code-123!',
      contacts: { owner: OWNER, admin: ADMIN, tech: ADMIN, billing: ADMIN }, now,
    });
    assert.equal(out.status, 'ok', JSON.stringify(out));
    assert.ok(out.status === 'ok');
    assert.match(out.value.roid, /\S/);
    created = { name: n, roid: out.value.roid, key: c.key, expiresAt: out.value.expiresAt };
    assert.equal(out.value.expiresAt.getUTCFullYear(), now.getUTCFullYear() + 2);

    // The mapping of regd's contacts and hosts to the registry's.
    const rows = await db.selectFrom('upstream_objects').selectAll().orderBy('id').execute();
    const ownerId = rows.find((r) => r.kind === 'contact' && r.local_id === '101')?.remote_id;
    const adminId = rows.find((r) => r.kind === 'contact' && r.local_id === '102')?.remote_id;
    assert.ok(ownerId && adminId && ownerId !== adminId, JSON.stringify(rows));
    assert.equal(rows.filter((r) => r.kind === 'contact').length, 2, 'one contact used in three roles is created once');
    assert.deepEqual(rows.filter((r) => r.kind === 'host').map((r) => r.local_id).sort(), ['ns1.upstream-test.net', 'ns2.upstream-test.org']);
    assert.ok(rows.every((r) => r.registry === `${registrar.username}@127.0.0.1`));

    // At the registry, over its own door.
    const info = await domainInfo(asRegistrar, n);
    assert.equal(info.code, 1000);
    assert.equal(text(info, NS.domain, 'clID'), registrar.username);
    // regd's ROID is its own (repositoryId.ts), the registry's is the registry's.
    assert.match(text(info, NS.domain, 'roid')!, /^\w+-\w+$/);
    assert.notEqual(text(info, NS.domain, 'roid'), created.roid);
    assert.equal(text(info, NS.domain, 'registrant'), ownerId);
    const contacts = findAll(info.root, NS.domain, 'contact').map((e) => `${e.attrs.type}=${e.text}`).sort();
    assert.deepEqual(contacts, [`admin=${adminId}`, `billing=${adminId}`, `tech=${adminId}`]);
    assert.deepEqual(findAll(info.root, NS.domain, 'hostObj').map((e) => e.text).sort(), ['ns1.upstream-test.net', 'ns2.upstream-test.org']);
    assert.equal(new Date(text(info, NS.domain, 'exDate')!).getTime(), created.expiresAt.getTime());
    assert.equal(text(info, NS.domain, 'pw'), 'Auth-Code-123!');
    const owner = await asRegistrar.cmd(`<info><contact:info xmlns:contact="${NS.contact}"><contact:id>${ownerId}</contact:id></contact:info></info>`);
    assert.equal(owner.code, 1000);
    assert.equal(text(owner, NS.contact, 'name'), 'Owner Example');
    assert.equal(text(owner, NS.contact, 'email'), 'owner@example.com');
    assert.equal(text(owner, NS.contact, 'voice'), '+1.4165550123');
    const host = await asRegistrar.cmd(`<info><host:info xmlns:host="${NS.host}"><host:name>ns1.upstream-test.net</host:name></host:info></info>`);
    assert.equal(host.code, 1000);

    // The check cache forgot the name when regd created it.
    assert.equal(await registry.isRegisteredElsewhere(n), true);
  });

  test('a second create of the same name is refused with the registry code; contacts are not created again', async () => {
    const before = await db.selectFrom('upstream_objects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const out = await registry.createDomain(call(), {
      name: created.name, years: 1, nameservers: [], authCode: 'Auth-Code-123!', contacts: { owner: OWNER, admin: ADMIN, tech: ADMIN, billing: ADMIN }, now: new Date(),
    });
    assert.equal(out.status, 'failed');
    assert.ok(out.status === 'failed');
    assert.equal(out.reason, 'refused');
    assert.equal(out.code, 2302);
    const afterCount = await db.selectFrom('upstream_objects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n));
    assert.ok(logs.some((l) => l.startsWith(`upstream ${settings.name}: create ${created.name}: refused: 2302`)), logs.join('\n'));
  });

  test('infoDomain maps domain:info; an unknown name is ok with no value', async () => {
    const out = await registry.infoDomain(created.name);
    assert.ok(out.status === 'ok' && out.value, JSON.stringify(out));
    assert.equal(out.value.sponsoredByUs, true);
    assert.equal(out.value.sponsor, registrar.username);
    assert.match(out.value.roid, /^\w+-\w+$/, 'the registry\'s own ROID');
    assert.deepEqual(out.value.nameservers.sort(), ['ns1.upstream-test.net', 'ns2.upstream-test.org']);
    assert.equal(out.value.authCode, 'Auth-Code-123!');
    const none = await registry.infoDomain(name('never'));
    assert.deepEqual(none, { status: 'ok', value: undefined });
  });

  test('renewDomain sends curExpDate and returns the new expiry', async () => {
    const out = await registry.renewDomain(call(), { name: created.name, years: 1, currentExpiry: created.expiresAt });
    assert.ok(out.status === 'ok', JSON.stringify(out));
    assert.equal(out.value.expiresAt.getUTCFullYear(), created.expiresAt.getUTCFullYear() + 1);
    const info = await domainInfo(asRegistrar, created.name);
    assert.equal(new Date(text(info, NS.domain, 'exDate')!).getTime(), out.value.expiresAt.getTime());
    // The same renewal again names a stale expiry: the registry refuses it.
    const stale = await registry.renewDomain(call(), { name: created.name, years: 1, currentExpiry: created.expiresAt });
    assert.ok(stale.status === 'failed' && stale.reason === 'refused', JSON.stringify(stale));
    created.expiresAt = out.value.expiresAt;
  });

  test('updateDomain replaces the delegation and statuses through add/rem', async () => {
    const out = await registry.updateDomain(call(), { name: created.name, nameservers: ['ns3.upstream-test.net', 'ns1.upstream-test.net'], addStatuses: ['clientHold'] });
    assert.equal(out.status, 'ok', JSON.stringify(out));
    const info = await domainInfo(asRegistrar, created.name);
    assert.deepEqual(findAll(info.root, NS.domain, 'hostObj').map((e) => e.text).sort(), ['ns1.upstream-test.net', 'ns3.upstream-test.net']);
    assert.ok(findAll(info.root, NS.domain, 'status').some((s) => s.attrs.s === 'clientHold'));
    const back = await registry.updateDomain(call(), { name: created.name, removeStatuses: ['clientHold'] });
    assert.equal(back.status, 'ok');
    const again = await domainInfo(asRegistrar, created.name);
    assert.ok(!findAll(again.root, NS.domain, 'status').some((s) => s.attrs.s === 'clientHold'));
    const nothing = await registry.updateDomain(call(), { name: created.name, nameservers: ['NS1.upstream-test.net', 'ns3.upstream-test.net'] });
    assert.equal(nothing.status, 'ok', 'nothing to change is ok without a command');
  });

  test('reconcile: a create that happened is ok with its data; one that did not is failed', async () => {
    const done = await registry.reconcile({ key: created.key, at: new Date(), operation: 'create', name: created.name, detail: {} });
    assert.ok(done.status === 'ok', JSON.stringify(done));
    const v = done.value as { roid: string; expiresAt: Date };
    assert.equal(v.roid, created.roid, 'the same ROID as the call with that key gave');
    assert.equal(v.expiresAt.getTime(), created.expiresAt.getTime());
    const missing = await registry.reconcile({ key: 'regd-o2', at: new Date(), operation: 'create', name: name('lost'), detail: {} });
    assert.ok(missing.status === 'failed' && missing.reason === 'refused' && missing.code === 2303, JSON.stringify(missing));
    const renewed = await registry.reconcile({ key: 'regd-o3', at: new Date(), operation: 'renew', name: created.name,
      detail: { currentExpiry: new Date(created.expiresAt.getTime() - 365 * 86_400_000).toISOString(), years: 1 } });
    assert.equal(renewed.status, 'ok', JSON.stringify(renewed));
    const notRenewed = await registry.reconcile({ key: 'regd-o4', at: new Date(), operation: 'renew', name: created.name,
      detail: { currentExpiry: created.expiresAt.toISOString(), years: 1 } });
    assert.equal(notRenewed.status, 'failed');
    const updated = await registry.reconcile({ key: 'regd-o5', at: new Date(), operation: 'update', name: created.name,
      detail: { nameservers: ['ns1.upstream-test.net', 'ns3.upstream-test.net'] } });
    assert.equal(updated.status, 'ok');
    const notUpdated = await registry.reconcile({ key: 'regd-o6', at: new Date(), operation: 'update', name: created.name,
      detail: { nameservers: ['ns9.upstream-test.net'] } });
    assert.equal(notUpdated.status, 'failed');
  });

  test('transfer in: request (pending), query, approval by the losing registrar, then the poll message and its ack', async () => {
    const n = name('xferin', 'info');
    // The other registrar registers the name at U.
    const cre = await asOther.cmd(`<create><contact:create xmlns:contact="${NS.contact}"><contact:id>ignored</contact:id><contact:postalInfo type="int"><contact:name>Other Owner</contact:name><contact:addr><contact:street>2 Side St</contact:street><contact:city>Ottawa</contact:city><contact:pc>K1A 0A1</contact:pc><contact:cc>CA</contact:cc></contact:addr></contact:postalInfo><contact:voice>+1.6135550100</contact:voice><contact:email>other@example.com</contact:email><contact:authInfo><contact:pw>Other-Pw-1!</contact:pw></contact:authInfo></contact:create></create>`);
    assert.equal(cre.code, 1000, cre.xml);
    const otherContact = text(cre, NS.contact, 'id')!;
    const reg = await asOther.cmd(`<create><domain:create ${D}><domain:name>${n}</domain:name><domain:registrant>${otherContact}</domain:registrant><domain:contact type="admin">${otherContact}</domain:contact><domain:contact type="billing">${otherContact}</domain:contact><domain:contact type="tech">${otherContact}</domain:contact><domain:authInfo><domain:pw>Xfer-Auth-9!</domain:pw></domain:authInfo></domain:create></create>`);
    assert.equal(reg.code, 1000, reg.xml);

    const req = await registry.transferDomain(call(), { action: 'request', name: n, authCode: 'Xfer-Auth-9!', years: 1 });
    assert.equal(req.status, 'pending', JSON.stringify(req));
    const q = await registry.transferDomain(call(), { action: 'query', name: n });
    assert.ok(q.status === 'ok', JSON.stringify(q));
    assert.equal(q.value.status, 'pending');
    assert.equal(q.value.requestingRegistrar, registrar.username);
    assert.equal(q.value.actingRegistrar, other.username);
    const pendingNow = await registry.reconcile({ key: 'regd-o7', at: new Date(), operation: 'transfer', name: n, detail: { action: 'request' } });
    assert.equal(pendingNow.status, 'pending');

    const approve = await asOther.cmd(`<transfer op="approve"><domain:transfer ${D}><domain:name>${n}</domain:name></domain:transfer></transfer>`);
    assert.equal(approve.code, 1000, approve.xml);

    // The registry tells the gaining registrar, as the answer to its 1001: find that message, acking those before it
    // (the core would store them).
    let message;
    for (let i = 0; i < 10; i++) {
      const m = await registry.poll();
      assert.ok(m, 'a message is waiting');
      if (m.kind === 'actionCompleted' && m.name === n) { message = m; break; }
      await registry.ack(m.id);
    }
    assert.ok(message, 'the transfer approval reached the gaining registrar');
    assert.equal(message.ok, true);
    assert.equal(message.transfer?.status, 'clientApproved');
    assert.equal(message.transfer?.requestingRegistrar, registrar.username);
    // Not acked: the same message comes again.
    const again = await registry.poll();
    assert.equal(again?.id, message.id);
    await registry.ack(message.id);
    const next = await registry.poll();
    assert.notEqual(next?.id, message.id);
    if (next) await registry.ack(next.id);

    const info = await registry.infoDomain(n);
    assert.ok(info.status === 'ok' && info.value?.sponsoredByUs, 'the name is ours now');
    const reconciled = await registry.reconcile({ key: 'regd-o8', at: new Date(), operation: 'transfer', name: n, detail: { action: 'request' } });
    assert.equal(reconciled.status, 'ok', JSON.stringify(reconciled));
  });

  test('transfer away: the losing registrar gets the request as a poll message and approves it', async () => {
    const n = name('xferout', 'info');
    const out = await registry.createDomain(call(), { name: n, years: 1, nameservers: [], authCode: 'Away-Auth-7!', contacts: { owner: OWNER, admin: ADMIN, tech: ADMIN, billing: ADMIN }, now: new Date() });
    assert.equal(out.status, 'ok', JSON.stringify(out));
    const req = await asOther.cmd(`<transfer op="request"><domain:transfer ${D}><domain:name>${n}</domain:name><domain:authInfo><domain:pw>Away-Auth-7!</domain:pw></domain:authInfo></domain:transfer></transfer>`);
    assert.equal(req.code, 1001, req.xml);
    const m = await registry.poll();
    assert.ok(m, 'a message is waiting');
    assert.equal(m.kind, 'transferRequested');
    assert.equal(m.name, n);
    assert.equal(m.transfer?.requestingRegistrar, other.username);
    await registry.ack(m.id);
    const approve = await registry.transferDomain(call(), { action: 'approve', name: n });
    assert.ok(approve.status === 'ok', JSON.stringify(approve));
    assert.equal(approve.value.status, 'clientApproved');
    const info = await domainInfo(asOther, n);
    assert.equal(text(info, NS.domain, 'clID'), other.username);
    assert.equal((await registry.reconcile({ key: 'regd-o9', at: new Date(), operation: 'transfer', name: n, detail: { action: 'approve' } })).status, 'ok');
    // Drain what the transfer left in the queue.
    for (let m2 = await registry.poll(); m2; m2 = await registry.poll()) await registry.ack(m2.id);
  });

  test('host objects: create with glue under our own domain, update its addresses, delete', async () => {
    const host = `ns1.${created.name}`;
    const c = await registry.createHost(call(), { name: host, addresses: ['192.0.2.1'] });
    assert.equal(c.status, 'ok', JSON.stringify(c));
    const u = await registry.updateHost(call(), { name: host, addresses: ['192.0.2.2', '2001:db8::2'] });
    assert.equal(u.status, 'ok', JSON.stringify(u));
    const info = await asRegistrar.cmd(`<info><host:info xmlns:host="${NS.host}"><host:name>${host}</host:name></host:info></info>`);
    assert.deepEqual(findAll(info.root, NS.host, 'addr').map((a) => a.text).sort(), ['192.0.2.2', '2001:db8::2']);
    assert.equal((await registry.reconcile({ key: 'regd-o10', at: new Date(), operation: 'hostUpdate', name: host, detail: { addresses: ['192.0.2.2', '2001:db8::2'] } })).status, 'ok');
    const d = await registry.deleteHost(call(), { name: host });
    assert.equal(d.status, 'ok', JSON.stringify(d));
    assert.equal((await registry.reconcile({ key: 'regd-o11', at: new Date(), operation: 'hostDelete', name: host, detail: {} })).status, 'ok');
  });

  test('delete after the add grace period puts the name in redemption; restore request and report bring it back', async () => {
    const n = name('restore');
    const out = await registry.createDomain(call(), { name: n, years: 1, nameservers: [], authCode: 'Restore-Auth-1!', contacts: { owner: OWNER, admin: ADMIN, tech: ADMIN, billing: ADMIN }, now: new Date() });
    assert.equal(out.status, 'ok', JSON.stringify(out));
    await U.cli('sandbox', 'clock', 'advance', '6d');
    const del = await registry.deleteDomain(call(), { name: n });
    assert.ok(del.status === 'ok' || del.status === 'pending', JSON.stringify(del));
    const deleted = await domainInfo(asRegistrar, n);
    assert.ok(findAll(deleted.root, NS.rgp, 'rgpStatus').some((s) => s.attrs.s === 'redemptionPeriod'), deleted.xml);
    assert.equal((await registry.reconcile({ key: 'regd-o12', at: new Date(), operation: 'delete', name: n, detail: {} })).status, 'ok');

    const request = await registry.restoreDomain(call(), { name: n, op: 'request' });
    assert.ok(request.status === 'ok' || request.status === 'pending', JSON.stringify(request));
    const report = await registry.restoreDomain(call(), { name: n, op: 'report', report: {
      preData: 'before', postData: 'after', delTime: new Date().toISOString(), resTime: new Date().toISOString(), resReason: 'Registrant error', statement1: 'true', statement2: 'also true',
    } });
    assert.ok(report.status === 'ok' || report.status === 'pending', JSON.stringify(report));
    const restored = await domainInfo(asRegistrar, n);
    assert.ok(!findAll(restored.root, NS.rgp, 'rgpStatus').some((s) => s.attrs.s === 'redemptionPeriod' || s.attrs.s === 'pendingRestore'), restored.xml);
    assert.equal((await registry.reconcile({ key: 'regd-o13', at: new Date(), operation: 'restore', name: n, detail: { op: 'report' } })).status, 'ok');
  });

  test('a TLD the upstream does not serve is refused without a command', async () => {
    const out = await registry.deleteDomain(call(), { name: name('elsewhere', 'org') });
    assert.ok(out.status === 'failed' && out.reason === 'refused' && out.code === 2306, JSON.stringify(out));
  });
});

// ---- faults ----------------------------------------------------------------------------------------------------

function variant(overrides: Partial<UpstreamSettings>): UpstreamSettings {
  return { ...settings, ...overrides, name: overrides.name ?? `${settings.name}-variant` };
}

function adapter(s: UpstreamSettings, sink: string[]): EppRegistry {
  return new EppRegistry(s, { db, connect: eppConnector(s), log: (l) => sink.push(l) });
}

const simpleCreate = (n: string) => ({ name: n, years: 1, nameservers: [], authCode: 'Fault-Auth-1!', now: new Date() });

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/**
 * A TLS registry that greets and accepts any login, then misbehaves on every other command: 'hang' never answers,
 * 'garbage' answers something that is not EPP.
 */
async function fakeRegistry(mode: 'hang' | 'garbage'): Promise<{ port: number; ca: string; close(): Promise<void> }> {
  const material = await loadOrCreateTlsMaterial({ dataDir: path.join(dataDir, `fake-${mode}`) });
  const sockets = new Set<tls.TLSSocket>();
  const server = tls.createServer({ cert: material.cert, key: material.key }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const decoder = new EppFrameDecoder(1024 * 1024);
    socket.write(encodeFrame(renderGreeting('fake registry', new Date())));
    socket.on('data', (chunk: Buffer) => {
      for (const frame of decoder.push(chunk).frames) {
        const xml = frame.toString('utf8');
        const clTRID = /<clTRID>([^<]*)<\/clTRID>/.exec(xml)?.[1] ?? '';
        if (xml.includes('<login>') || xml.includes('<logout/>')) {
          const code = xml.includes('<login>') ? 1000 : 1500;
          socket.write(encodeFrame(`<?xml version="1.0" encoding="UTF-8"?><epp xmlns="${NS.epp}"><response><result code="${code}"><msg>ok</msg></result><trID><clTRID>${clTRID}</clTRID><svTRID>FAKE-1</svTRID></trID></response></epp>`));
        } else if (mode === 'garbage') {
          socket.write(encodeFrame('<epp><response><result code="1000"'));
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    ca: material.cert,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('registry faults become outcomes', () => {
  test('a wrong password: failed unavailable, saying the login was refused', async () => {
    const wrong = { username: `nobody${run}` }; // regd answers an unknown login as a wrong password
    const sink: string[] = [];
    const r = adapter(variant({ name: 'wrongpw', clID: wrong.username, password: 'not-the-password', breakerFailures: 5 }), sink);
    try {
      const out = await r.createDomain(call(), simpleCreate(name('wrongpw')));
      assert.ok(out.status === 'failed', JSON.stringify(out));
      assert.equal(out.reason, 'unavailable');
      assert.equal(out.code, 2400);
      assert.match(out.message, new RegExp(`^registry wrongpw unavailable: login as ${wrong.username} refused: 2200 `));
      assert.ok(sink.some((l) => /^upstream wrongpw: login as \S+ refused: 2200/.test(l)), sink.join('\n'));
      await assert.rejects(r.isRegisteredElsewhere(name('wrongpw')), (err: unknown) => err instanceof CoreError && err.kind === 'registry_unavailable');
    } finally {
      await r.close();
    }
  });

  test('an unreachable registry: failed unavailable, then fast while the circuit is open', async () => {
    const sink: string[] = [];
    const r = adapter(variant({ name: 'down', port: await freePort(), breakerFailures: 2, breakerCooldownMs: 60_000 }), sink);
    try {
      for (let i = 0; i < 2; i++) {
        const out = await r.createDomain(call(), simpleCreate(name('down')));
        assert.ok(out.status === 'failed' && out.reason === 'unavailable', JSON.stringify(out));
        assert.match(out.message, /^registry down unavailable: cannot connect: /);
      }
      assert.ok(sink.some((l) => l.includes('circuit open after 2 failures')), sink.join('\n'));
      const t0 = Date.now();
      const fast = await r.renewDomain(call(), { name: name('down'), years: 1, currentExpiry: new Date() });
      assert.ok(Date.now() - t0 < 100, 'fails fast without connecting');
      assert.ok(fast.status === 'failed' && fast.reason === 'unavailable' && fast.code === 2400, JSON.stringify(fast));
      assert.match(fast.message, /^registry down unavailable: not trying for \d+ s after 2 failures in a row \(last: cannot connect: /);
      // A reconcile that cannot ask is not an answer.
      const rec = await r.reconcile({ key: 'regd-o99', at: new Date(), operation: 'create', name: name('down'), detail: {} });
      assert.equal(rec.status, 'unknown');
      assert.equal(await r.poll(), undefined);
    } finally {
      await r.close();
    }
  });

  test('a registry that hangs after the login: unknown after the command timeout', async () => {
    const fake = await fakeRegistry('hang');
    const sink: string[] = [];
    const r = adapter(variant({ name: 'hangs', port: fake.port, ca: fake.ca, commandTimeoutMs: 400, clID: 'x', password: 'y' }), sink);
    try {
      const t0 = Date.now();
      const out = await r.createDomain(call(), simpleCreate(name('hang')));
      assert.equal(out.status, 'unknown', JSON.stringify(out));
      assert.ok(Date.now() - t0 >= 350, 'waited for the timeout');
      assert.match((out as { message: string }).message, /^registry hangs: no answer known: /);
      assert.ok(sink.some((l) => l.startsWith(`upstream hangs: create ${name('hang')}: unknown:`)), sink.join('\n'));
    } finally {
      await r.close();
      await fake.close();
    }
  });

  test('a malformed reply: unknown, logged with the start of the reply', async () => {
    const fake = await fakeRegistry('garbage');
    const sink: string[] = [];
    const r = adapter(variant({ name: 'garbles', port: fake.port, ca: fake.ca, commandTimeoutMs: 2_000, clID: 'x', password: 'y' }), sink);
    try {
      const out = await r.createDomain(call(), simpleCreate(name('garbage')));
      assert.equal(out.status, 'unknown', JSON.stringify(out));
      assert.match((out as { message: string }).message, /malformed reply/);
      assert.ok(sink.some((l) => l.includes('the reply began')), sink.join('\n'));
      // A read is no better: the adapter says what it can without throwing.
      const info = await r.infoDomain(name('garbage'));
      assert.equal(info.status, 'unknown');
    } finally {
      await r.close();
      await fake.close();
    }
  });
});

describe('trademark claims at the registry (RFC 8334)', () => {
  test('a TLD in a claims phase: the claim key comes from the registry, and the acknowledged notice goes with the create', async () => {
    // U's sandbox has .app in its claims phase: a name containing "trademark" needs a notice there.
    const caFile = path.join(dataDir, 'u-ca.pem');
    const configFile = path.join(dataDir, 'claims.toml');
    fs.writeFileSync(configFile, [
      '[upstream.claims]',
      `url = "epps://${encodeURIComponent(registrar.username)}:${encodeURIComponent(registrar.password)}@127.0.0.1:${U.eppPort}"`,
      `ca = "${caFile}"`,
      'extensions = ["urn:ietf:params:xml:ns:rgp-1.0", "urn:ietf:params:xml:ns:launch-1.0"]',
      '[upstream.claims.tld.app]',
      'launch_phase = "claims"',
      'claims_notice_required = true',
    ].join('\n'));
    const r = createUpstreamRegistries(loadUpstreamConfig({ configFile, upstreamFlags: [] }), { db, log }).get('app')!;
    try {
      const claimed = name('mytrademark', 'app');
      const claimKey = await r.trademarkClaimKey(claimed);
      assert.match(claimKey ?? '', /sandbox\/mytrademark/, 'U\'s claim key');
      assert.equal(await r.trademarkClaimKey(name('plain', 'app')), undefined, 'no claim on a plain name');

      const withContacts = () => ({ ...simpleCreate(claimed), contacts: { owner: OWNER, admin: ADMIN, tech: ADMIN, billing: ADMIN } });
      const without = await r.createDomain(call(), withContacts());
      assert.ok(without.status === 'failed' && without.reason === 'refused' && /claim|notice/i.test(without.message), `U wants the notice: ${JSON.stringify(without)}`);
      // U's sandbox clock may have been moved on: the notice is valid for years.
      const now = new Date();
      const withNotice = await r.createDomain(call(), {
        ...withContacts(),
        claimsNotice: { noticeId: '370d0b7c9223372036854775807', notAfter: new Date(now.getTime() + 3650 * 86_400_000), acceptedDate: new Date(now.getTime() - 60_000) },
      });
      assert.equal(withNotice.status, 'ok', JSON.stringify(withNotice));
      assert.equal(text(await domainInfo(asRegistrar, claimed), NS.domain, 'clID'), registrar.username, 'registered at U');
    } finally {
      await r.close();
    }
  });
});
