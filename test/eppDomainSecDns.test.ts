// RFC 5910 DS records (dsData interface) on domain create, update and info.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { eppHarness, eppCommand, find, findAll, loginXml, parseResponse, type EppHarness, type EppTestClient, type EppResponse } from './support/eppHarness.ts';
import { createXml, domainCmd, dsData, hostObjs, makeContact } from './support/eppDomainFixtures.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import { createReseller } from '../src/core/commands/resellers.ts';

let h: EppHarness;
let c: EppTestClient;
let reg: string;

before(async () => {
  h = await eppHarness();
  c = await h.client('dnssec', 1_000_000);
  reg = await makeContact(h.core, c, 'Sec');
});
after(async () => { await h.close(); });

const S = `xmlns:secDNS="${NS.secDNS}"`;
const SHA256_A = '49fd46e6c4b45c55d4ac49fd46e6c4b45c55d4ac49fd46e6c4b45c55d4ac49fd';
const SHA256_B = 'a'.repeat(64);
const SHA1 = '49FD46E6C4B45C55D4AC49FD46E6C4B45C55D4AC';

function assertCode(r: EppResponse, code: number): void {
  assert.equal(r.code, code, `expected ${code}, got ${r.code} ${r.msg}\n${r.xml}`);
}

const info = (name: string) => c.cmd(domainCmd('info', `<domain:name>${name}</domain:name>`));
const update = (name: string, secDns: string) => c.cmd(domainCmd('update', `<domain:name>${name}</domain:name>`, `<secDNS:update ${S}>${secDns}</secDNS:update>`));
const ds = (r: EppResponse) => findAll(r.root, NS.secDNS, 'dsData').map((d) => d.children.map((x) => x.text).join('/'));

test('create with dsData; info shows secDNS:infData (digests upper case)', async () => {
  const r = await c.cmd(createXml('signed-example.com', {
    registrant: reg, ns: hostObjs('ns1.example.net'),
    extension: `<secDNS:create ${S}>${dsData(12345, 13, 2, SHA256_A)}${dsData(54321, 8, 1, SHA1)}</secDNS:create>`,
  }));
  assertCode(r, 1000);
  assert.deepEqual(ds(await info('signed-example.com')), [`12345/13/2/${SHA256_A.toUpperCase()}`, `54321/8/1/${SHA1}`]);
});

test('update: add and rem, then rem all', async () => {
  assertCode(await update('signed-example.com', `<secDNS:rem>${dsData(54321, 8, 1, SHA1)}</secDNS:rem><secDNS:add>${dsData(1, 8, 2, SHA256_B)}</secDNS:add>`), 1000);
  assert.deepEqual(ds(await info('signed-example.com')), [`1/8/2/${SHA256_B.toUpperCase()}`, `12345/13/2/${SHA256_A.toUpperCase()}`]);
  assertCode(await update('signed-example.com', '<secDNS:rem><secDNS:all>true</secDNS:all></secDNS:rem>'), 1000);
  const i = await info('signed-example.com');
  assert.equal(find(i.root, NS.secDNS, 'infData'), undefined);
  const hist = await h.core.db.selectFrom('history').innerJoin('domains', 'domains.id', 'history.domain_id').select('history.action')
    .where('domains.name', '=', 'signed-example.com').execute();
  assert.deepEqual(hist.map((x) => x.action), ['register', 'update', 'update']);
});

test('refusals: bad digest length, unknown algorithm, duplicates, rem of an absent record and add of a present one (2306); keyData, maxSigLife (2102)', async () => {
  assertCode(await update('signed-example.com', `<secDNS:add>${dsData(1, 8, 2, SHA1)}</secDNS:add>`), 2306);
  assertCode(await update('signed-example.com', `<secDNS:add>${dsData(1, 1, 2, SHA256_B)}</secDNS:add>`), 2306);
  assertCode(await update('signed-example.com', `<secDNS:add>${dsData(1, 8, 2, SHA256_B)}${dsData(1, 8, 2, SHA256_B)}</secDNS:add>`), 2306);
  assertCode(await update('signed-example.com', `<secDNS:rem>${dsData(9, 8, 2, SHA256_B)}</secDNS:rem>`), 2306);
  assertCode(await update('signed-example.com', `<secDNS:add>${dsData(9, 8, 2, SHA256_B)}</secDNS:add>`), 1000);
  assertCode(await update('signed-example.com', `<secDNS:add>${dsData(9, 8, 2, SHA256_B)}</secDNS:add>`), 2306);
  assertCode(await update('signed-example.com',
    '<secDNS:add><secDNS:keyData><secDNS:flags>257</secDNS:flags><secDNS:protocol>3</secDNS:protocol><secDNS:alg>8</secDNS:alg><secDNS:pubKey>AQPJ////4Q==</secDNS:pubKey></secDNS:keyData></secDNS:add>'), 2102);
  assertCode(await c.cmd(createXml('maxsig-example.com', { registrant: reg, extension: `<secDNS:create ${S}><secDNS:maxSigLife>604800</secDNS:maxSigLife>${dsData(1, 8, 2, SHA256_B)}</secDNS:create>` })), 2102);
  assert.deepEqual(ds(await info('signed-example.com')), [`9/8/2/${SHA256_B.toUpperCase()}`]);
});

test('a client that did not name secDNS at login gets no secDNS:infData', async () => {
  const { password, reseller } = await createReseller(h.core, { username: 'plainclient' });
  await h.core.db.updateTable('domains').set({ reseller_id: reseller.id }).where('name', '=', 'signed-example.com').execute();
  const s = h.processor.newSession('127.0.0.1');
  const send = async (xml: string) => parseResponse((await h.processor.process(s, xml)).xml);
  assertCode(await send(loginXml('plainclient', password, [NS.rgp])), 1000);
  const i = await send(eppCommand(domainCmd('info', '<domain:name>signed-example.com</domain:name>')));
  assertCode(i, 1000);
  assert.equal(find(i.root, NS.secDNS, 'infData'), undefined);
});
