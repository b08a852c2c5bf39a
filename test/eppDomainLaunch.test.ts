// RFC 8334 launch phases over EPP against the sandbox's launch TLDs: shop (sunrise), xyz (landrush), app (claims),
// club (custom "preregistration"); every other TLD is in general availability. Trademark claims: labels
// containing "trademark".
import { test, after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { eppHarness, find, findAll, type EppHarness, type EppTestClient, type EppResponse } from './support/eppHarness.ts';
import { createXml, domainCmd, encodedSignedMark, launchCreate, makeContact, nameEls, signedMarkXml } from './support/eppDomainFixtures.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import { registerDomain } from '../src/core/commands/registerDomain.ts';
import { findLiveDomain } from '../src/core/commands/findDomain.ts';
import { registerInput, coreErrorOf } from './support/coreHarness.ts';

let h: EppHarness;
let c: EppTestClient;
let reg: string;

before(async () => {
  h = await eppHarness();
  c = await h.client('launcher', 1_000_000);
  reg = await makeContact(h.core, c, 'Brand');
});
after(async () => { await h.close(); });

const L = `xmlns:launch="${NS.launch}"`;
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const create = (name: string, extension = '') => c.cmd(createXml(name, { registrant: reg, extension }));
const smd = (labels: string[], opts: Parameters<typeof signedMarkXml>[1] = {}) => encodedSignedMark(b64(signedMarkXml(labels, opts)));
const notice = (notAfter = '2026-02-01T00:00:00Z', accepted = '2026-01-15T09:00:00Z') =>
  `<launch:notice><launch:noticeID>370d0b7c9223372036854775807</launch:noticeID><launch:notAfter>${notAfter}</launch:notAfter><launch:acceptedDate>${accepted}</launch:acceptedDate></launch:notice>`;

function assertCode(r: EppResponse, code: number): void {
  assert.equal(r.code, code, `expected ${code}, got ${r.code} ${r.msg}\n${r.xml}`);
}

function creData(r: EppResponse): { phase?: string; phaseName?: string; applicationId?: string } | undefined {
  const cre = find(r.root, NS.launch, 'creData');
  if (!cre) return undefined;
  const phase = find(cre, NS.launch, 'phase')!;
  return { phase: phase.text, phaseName: phase.attrs.name, applicationId: find(cre, NS.launch, 'applicationID')?.text };
}

describe('launch:check', () => {
  test('claims form: exists and claimKey for names with a trademark claim, no resData', async () => {
    const r = await c.cmd(domainCmd('check', nameEls('trademark.app', 'plain.app', 'mytrademark-shop.com'),
      `<launch:check ${L} type="claims"><launch:phase>claims</launch:phase></launch:check>`));
    assertCode(r, 1000);
    assert.equal(find(r.root, NS.epp, 'resData'), undefined);
    const chk = find(r.root, NS.launch, 'chkData')!;
    assert.equal(find(chk, NS.launch, 'phase')!.text, 'claims');
    const cds = findAll(chk, NS.launch, 'cd').map((cd) => ({
      name: cd.children[0].text, exists: cd.children[0].attrs.exists, claimKey: find(cd, NS.launch, 'claimKey')?.text,
    }));
    assert.deepEqual(cds, [
      { name: 'trademark.app', exists: '1', claimKey: '2026010100/sandbox/trademark/1' },
      { name: 'plain.app', exists: '0', claimKey: undefined },
      { name: 'mytrademark-shop.com', exists: '1', claimKey: '2026010100/sandbox/mytrademark-shop/1' },
    ]);
  });

  test('the seed\'s form (type="claims" with phase claims) on one name; trademark form without claim keys', async () => {
    const r = await c.cmd(domainCmd('check', nameEls('trademark.app'), `<launch:check ${L} type="trademark"/>`));
    assertCode(r, 1000);
    assert.equal(find(r.root, NS.launch, 'name')!.attrs.exists, '1');
    assert.equal(find(r.root, NS.launch, 'claimKey'), undefined);
  });

  test('avail form: a name is available only in the TLD\'s open phase', async () => {
    const r = await c.cmd(domainCmd('check', nameEls('brand-avail.shop', 'brand-avail.xyz'),
      `<launch:check ${L} type="avail"><launch:phase>sunrise</launch:phase></launch:check>`));
    assertCode(r, 1000);
    const cds = findAll(r.root, NS.domain, 'name').map((n) => [n.text, n.attrs.avail]);
    assert.deepEqual(cds, [['brand-avail.shop', '1'], ['brand-avail.xyz', '0']]);
    assert.equal(find(r.root, NS.domain, 'reason')!.text, 'Launch phase not open');
  });
});

describe('launch:create', () => {
  test('sunrise with a base64 signed mark: creData with the phase and an application id; launch:info', async () => {
    const r = await create('sunrise-brand.shop', launchCreate('sunrise', smd(['sunrise-brand', 'other'])));
    assertCode(r, 1000);
    const cd = creData(r)!;
    assert.equal(cd.phase, 'sunrise');
    assert.match(cd.applicationId!, /^A[0-9A-F]{12}$/);
    const d = (await findLiveDomain(h.core, 'sunrise-brand.shop'))!;
    assert.equal(d.launch_phase, 'sunrise');
    assert.equal(d.launch_application_id, cd.applicationId);
    assert.equal(await h.core.db.selectFrom('orders').select('amount_minor').where('domain_id', '=', d.id).executeTakeFirstOrThrow().then((o) => o.amount_minor), 2999);

    const i = await c.cmd(domainCmd('info', '<domain:name>sunrise-brand.shop</domain:name>', `<launch:info ${L}><launch:phase>sunrise</launch:phase></launch:info>`));
    assertCode(i, 1000);
    const inf = find(i.root, NS.launch, 'infData')!;
    assert.equal(find(inf, NS.launch, 'applicationID')!.text, cd.applicationId);
    assert.equal(find(inf, NS.launch, 'status')!.attrs.s, 'allocated');
    assertCode(await c.cmd(domainCmd('info', '<domain:name>sunrise-brand.shop</domain:name>', `<launch:info ${L}><launch:phase>landrush</launch:phase></launch:info>`)), 2306);
  });

  test('sunrise refusals: no mark 2003, not base64 2005, not XML 2005, not a signedMark 2306, wrong label, expired 2306, codeMark 2102', async () => {
    assertCode(await create('nomark.shop', launchCreate('sunrise')), 2003);
    assertCode(await create('nomark.shop', launchCreate('sunrise', encodedSignedMark('not*base64!'))), 2005);
    assertCode(await create('nomark.shop', launchCreate('sunrise', encodedSignedMark(b64('plain text, not XML')))), 2005);
    assertCode(await create('nomark.shop', launchCreate('sunrise', encodedSignedMark(b64(`<mark:mark xmlns:mark="${NS.mark}"/>`)))), 2306);
    assertCode(await create('nomark.shop', launchCreate('sunrise', encodedSignedMark(b64(`<smd:signedMark xmlns:smd="${NS.signedMark}" id="x"/>`)))), 2306);
    assertCode(await create('nomark.shop', launchCreate('sunrise', smd(['somebody-else']))), 2306);
    assertCode(await create('nomark.shop', launchCreate('sunrise', smd(['nomark'], { notAfter: '2025-12-31T00:00:00Z' }))), 2306);
    assertCode(await create('nomark.shop', launchCreate('sunrise', `<launch:codeMark><launch:code>49FD46E6C4B45C55D4AC</launch:code></launch:codeMark>`)), 2102);
    assert.equal(await findLiveDomain(h.core, 'nomark.shop'), undefined);
  });

  test('landrush in the landrush TLD; the wrong phase is 2306', async () => {
    const r = await create('rush.xyz', launchCreate('landrush'));
    assertCode(r, 1000);
    assert.equal(creData(r)!.phase, 'landrush');
    assertCode(await create('rush.shop', launchCreate('landrush')), 2306);
    assertCode(await create('rush2.xyz', launchCreate('sunrise', smd(['rush2']))), 2306);
  });

  test('claims phase: plain names need nothing; a claimed name needs a valid notice (2003 without, 2306 expired)', async () => {
    const plain = await create('plain-name.app');
    assertCode(plain, 1000);
    assert.equal(creData(plain), undefined);
    assertCode(await create('trademark-name.app'), 2003);
    assertCode(await create('trademark-name.app', launchCreate('claims')), 2003);
    assertCode(await create('trademark-name.app', launchCreate('claims', notice('2026-01-10T00:00:00Z', '2026-01-09T00:00:00Z'))), 2306);
    const r = await create('trademark-name.app', launchCreate('claims', notice()));
    assertCode(r, 1000);
    assert.equal(creData(r)!.phase, 'claims');
    const hist = await h.core.db.selectFrom('history').innerJoin('domains', 'domains.id', 'history.domain_id').select('history.detail')
      .where('domains.name', '=', 'trademark-name.app').where('history.action', '=', 'register').executeTakeFirstOrThrow();
    const detail = JSON.parse(hist.detail);
    assert.equal(detail.claimKey, '2026010100/sandbox/trademark-name/1');
    assert.equal(detail.noticeId, '370d0b7c9223372036854775807');
  });

  test('custom phase "preregistration" in club; another custom name is 2306; custom without a name 2003', async () => {
    const r = await create('early.club', launchCreate('custom', '', 'preregistration'));
    assertCode(r, 1000);
    assert.deepEqual({ phase: creData(r)!.phase, name: creData(r)!.phaseName }, { phase: 'custom', name: 'preregistration' });
    assertCode(await create('early2.club', launchCreate('custom', '', 'eap')), 2306);
    assertCode(await create('early2.club', launchCreate('custom')), 2003);
  });

  test('general availability: a launch phase is 2306, "open" is accepted; launch TLDs refuse creates without one', async () => {
    assertCode(await create('ga-launch.com', launchCreate('sunrise', smd(['ga-launch']))), 2306);
    assertCode(await create('ga-launch.com', launchCreate('landrush')), 2306);
    const open = await create('ga-launch.com', launchCreate('open'));
    assertCode(open, 1000);
    assert.equal(creData(open), undefined);
    for (const name of ['bare.shop', 'bare.xyz', 'bare.club']) assertCode(await create(name), 2306);
  });

  test('XCP registrations cannot enter a launch phase', async () => {
    const id = c.session.reseller!.id;
    await assert.rejects(registerDomain(h.core, registerInput(id, 'xcp-brand.shop')), coreErrorOf('policy_violation'));
    await assert.rejects(registerDomain(h.core, registerInput(id, 'xcp-trademark.app')), coreErrorOf('missing_field'));
    const ok = await registerDomain(h.core, registerInput(id, 'xcp-plain.app'));
    assert.equal(ok.status, 'completed');
  });
});
