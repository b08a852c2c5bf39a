// Domain delete with the RFC 3915 grace periods, restore request/report, and the life cycle on the clock:
// refund in the add grace period, redemption (1001, pendingDelete, rgp:infData), restore, purge after 35 days
// (the name is free again), auto-renew at expiry (debit and poll message), expiry into redemption.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { eppHarness, find, findAll, type EppHarness, type EppTestClient } from './support/eppHarness.ts';
import {
  DAY, RESTORE_REPORT, balance, deleteXml, domainRow, drain, infoXml, register, resellerId, restoreXml,
} from './support/eppLifecycle.ts';
import { coreErrorOf } from './support/coreHarness.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import { checkAvailability } from '../src/core/commands/checkAvailability.ts';
import { accessDomain } from '../src/core/commands/domainAccess.ts';
import { rgpInfData } from '../src/protocols/epp/extensions/rgpExtension.ts';
import { RESTORE_FEE_MINOR } from '../src/core/commands/restoreDomain.ts';
import { runLifecycle } from '../src/core/lifecycle.ts';
import { addYears } from '../src/core/dates.ts';
import { validateEpp } from '../src/protocols/epp/eppSchemaValidator.ts';
import type { XmlElement } from '../src/protocols/epp/xmlTree.ts';

let h: EppHarness;
let alice: EppTestClient;
let bob: EppTestClient;
const PRICE = 1099; // com, one year

before(async () => {
  h = await eppHarness();
  alice = await h.client('alice');
  bob = await h.client('bob');
});
after(async () => { await h.close(); });

const rgpStatusesOf = (root: XmlElement) => findAll(root, NS.rgp, 'rgpStatus').map((s) => s.attrs.s);
const domainStatusesOf = (root: XmlElement) => findAll(root, NS.domain, 'status').map((s) => s.attrs.s);

test('delete inside the add grace period: 1000, the registration is refunded and the name is free again', async () => {
  const before = await balance(h, alice);
  await register(h, alice, 'grace.com');
  assert.equal(await balance(h, alice), before - PRICE);
  h.clock.advance(4 * DAY);
  const r = await alice.cmd(deleteXml('grace.com'));
  assert.equal(r.code, 1000, r.xml);
  assert.equal(await balance(h, alice), before);
  const row = await domainRow(h, 'grace.com');
  assert.ok(row.deleted_at);
  assert.equal((await checkAvailability(h.core, 'grace.com')).available, true);
  assert.equal((await alice.cmd(infoXml('grace.com'))).code, 2303);
  await register(h, bob, 'grace.com');
  assert.equal((await domainRow(h, 'grace.com')).reseller_id, resellerId(bob));
});

test('delete refusals: 2303 unknown, 2201 not the sponsor, 2304 clientDeleteProhibited, 2305 subordinate hosts', async () => {
  const d = await register(h, alice, 'keep.com');
  assert.equal((await alice.cmd(deleteXml('nothere.com'))).code, 2303);
  assert.equal((await bob.cmd(deleteXml('keep.com'))).code, 2201);
  await h.core.db.updateTable('domains').set({ client_statuses: '["clientDeleteProhibited"]' }).where('id', '=', d.id).execute();
  assert.equal((await alice.cmd(deleteXml('keep.com'))).code, 2304);
  await h.core.db.updateTable('domains').set({ client_statuses: '[]' }).where('id', '=', d.id).execute();
  const now = (await h.clock.now()).toISOString();
  const host = await h.core.db.insertInto('hosts').values({
    name: 'ns1.keep.com', reseller_id: resellerId(alice), cr_reseller_id: resellerId(alice), up_reseller_id: null, domain_id: d.id,
    created_at: now, updated_at: now, transferred_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  assert.equal((await alice.cmd(deleteXml('keep.com'))).code, 2305);
  await h.core.db.deleteFrom('hosts').where('id', '=', host.id).execute();
  assert.equal((await domainRow(h, 'keep.com')).rgp_status, null);
});

test('delete after the add grace period: 1001, redemptionPeriod, pendingDelete, gone for XCP, still taken', async () => {
  const before = await balance(h, alice);
  await register(h, alice, 'red.com');
  h.clock.advance(6 * DAY);
  const now = await h.clock.now();
  const r = await alice.cmd(deleteXml('red.com'));
  assert.equal(r.code, 1001, r.xml);
  assert.equal(await balance(h, alice), before - PRICE, 'no refund after the add grace period');
  const row = await domainRow(h, 'red.com');
  assert.equal(row.rgp_status, 'redemptionPeriod');
  assert.equal(row.redemption_ends_at, new Date(now.getTime() + 30 * DAY).toISOString());
  assert.equal(row.purge_at, new Date(now.getTime() + 35 * DAY).toISOString());
  assert.equal(row.deleted_at, null);

  const frag = rgpInfData(row)!;
  assert.match(frag, /<rgp:infData xmlns:rgp="urn:ietf:params:xml:ns:rgp-1\.0"><rgp:rgpStatus s="redemptionPeriod"\/><\/rgp:infData>/);

  const info = await alice.cmd(infoXml('red.com'));
  assert.equal(info.code, 1000, info.xml);
  assert.ok(domainStatusesOf(info.root).includes('pendingDelete'), info.xml);
  assert.deepEqual(rgpStatusesOf(info.root), ['redemptionPeriod']);

  await assert.rejects(accessDomain(h.core, { resellerId: resellerId(alice), domain: 'red.com' }), coreErrorOf('not_found'));
  assert.equal((await checkAvailability(h.core, 'red.com')).available, false);
  assert.equal((await alice.cmd(deleteXml('red.com'))).code, 2304);
});

test('restore: request outside redemption 2304, report before request 2304, request 1000 (fee), report 1000 -> ok', async () => {
  assert.equal((await alice.cmd(restoreXml('keep.com', 'request'))).code, 2304);
  assert.equal((await alice.cmd(restoreXml('red.com', 'report', RESTORE_REPORT))).code, 2304);
  assert.equal((await bob.cmd(restoreXml('red.com', 'request'))).code, 2201);
  assert.equal((await alice.cmd(restoreXml('nothere.com', 'request'))).code, 2303);

  const before = await balance(h, alice);
  const req = await alice.cmd(restoreXml('red.com', 'request'));
  assert.equal(req.code, 1000, req.xml);
  assert.deepEqual(findAll(find(req.root, NS.rgp, 'upData')!, NS.rgp, 'rgpStatus').map((s) => s.attrs.s), ['pendingRestore']);
  assert.equal(await balance(h, alice), before - RESTORE_FEE_MINOR);
  assert.equal((await domainRow(h, 'red.com')).rgp_status, 'pendingRestore');
  assert.equal((await alice.cmd(restoreXml('red.com', 'request'))).code, 2304);
  assert.deepEqual(rgpStatusesOf((await alice.cmd(infoXml('red.com'))).root), ['pendingRestore']);

  const rep = await alice.cmd(restoreXml('red.com', 'report', RESTORE_REPORT));
  assert.equal(rep.code, 1000, rep.xml);
  const row = await domainRow(h, 'red.com');
  assert.deepEqual([row.rgp_status, row.redemption_ends_at, row.purge_at], [null, null, null]);
  const info = await alice.cmd(infoXml('red.com'));
  assert.deepEqual(rgpStatusesOf(info.root), []);
  assert.ok(!domainStatusesOf(info.root).includes('pendingDelete'));
  assert.equal((await accessDomain(h.core, { resellerId: resellerId(alice), domain: 'red.com' })).domain.id, row.id);
  assert.equal(await balance(h, alice), before - RESTORE_FEE_MINOR, 'the report costs nothing more');
  assert.equal((await alice.cmd(restoreXml('red.com', 'report', RESTORE_REPORT))).code, 2304);
});

test('purge: 30 days of redemption, 5 of pendingDelete, then the name is free and the sponsor is told (panData)', async () => {
  await register(h, alice, 'purge.com');
  h.clock.advance(6 * DAY);
  assert.equal((await alice.cmd(deleteXml('purge.com'))).code, 1001);
  const { purge_at } = await domainRow(h, 'purge.com');
  await drain(alice);

  h.clock.advance(30 * DAY + 60_000);
  const mid = await drain(alice);
  assert.equal(mid.length, 1);
  assert.match(mid[0].msg, /purge\.com/);
  assert.equal((await domainRow(h, 'purge.com')).rgp_status, 'pendingDelete');
  assert.equal((await alice.cmd(restoreXml('purge.com', 'request'))).code, 2304, 'too late to restore');
  assert.equal((await checkAvailability(h.core, 'purge.com')).available, false);

  h.clock.advance(5 * DAY);
  const msgs = await drain(alice);
  assert.equal(msgs.length, 1);
  const pan = find(msgs[0].response.root, NS.domain, 'panData')!;
  assert.ok(pan, msgs[0].response.xml);
  const name = find(pan, NS.domain, 'name')!;
  assert.deepEqual([name.text, name.attrs.paResult], ['purge.com', '1']);
  assert.equal(find(pan, NS.domain, 'paDate')!.text, purge_at);
  assert.equal(find(msgs[0].response.root, NS.op, 'action')!.text, 'delete');
  assert.equal((await domainRow(h, 'purge.com')).deleted_at, purge_at);
  assert.equal((await checkAvailability(h.core, 'purge.com')).available, true);
  await register(h, bob, 'purge.com');
});

test('rgpInfData: addPeriod in the first 5 days when given the time; nothing for a plain live domain', async () => {
  const d = await register(h, alice, 'fresh.com');
  const now = await h.clock.now();
  assert.match(rgpInfData(d, now)!, /<rgp:rgpStatus s="addPeriod"\/>/);
  assert.equal(rgpInfData(d), undefined);
  assert.equal(rgpInfData(d, new Date(now.getTime() + 6 * DAY)), undefined);
  const doc = `<epp xmlns="${NS.epp}"><response><result code="1000"><msg>ok</msg></result><extension>${rgpInfData(d, now)}</extension>` +
    '<trID><svTRID>X-1</svTRID></trID></response></epp>';
  assert.equal(validateEpp(doc), undefined);
});

test('life cycle: auto-renew at expiry debits the sponsor and queues renData; short funds and no auto-renew expire into redemption', async () => {
  const poor = await h.client('poor', PRICE);
  const renewed = await register(h, alice, 'renew.com', { autoRenew: true });
  const lapsed = await register(h, alice, 'lapse.com');
  const starved = await register(h, poor, 'starved.com', { autoRenew: true });
  assert.equal(await balance(h, poor), 0);
  await drain(alice);
  const before = await balance(h, alice);

  h.clock.advance(365 * DAY + 60_000);
  const msgs = await drain(alice);
  const renewMsg = msgs.find((m) => /renew\.com/.test(m.msg));
  assert.ok(renewMsg, JSON.stringify(msgs.map((m) => m.msg)));
  const renData = find(renewMsg.response.root, NS.domain, 'renData')!;
  const nextExpiry = addYears(new Date(renewed.expires_at), 1).toISOString();
  assert.equal(find(renData, NS.domain, 'exDate')!.text, nextExpiry);
  assert.equal((await domainRow(h, 'renew.com')).expires_at, nextExpiry);
  assert.equal(await balance(h, alice), before - PRICE, 'only renew.com is auto-renewed');
  const order = await h.core.db.selectFrom('orders').select(['kind', 'amount_minor']).where('domain_id', '=', renewed.id).where('kind', '=', 'renew').execute();
  assert.deepEqual(order, [{ kind: 'renew', amount_minor: PRICE }]);
  assert.equal((await domainRow(h, 'lapse.com')).expires_at, lapsed.expires_at);
  assert.equal((await domainRow(h, 'starved.com')).expires_at, starved.expires_at);
  assert.equal((await domainRow(h, 'lapse.com')).rgp_status, null, 'still in the auto-renew grace period');

  // A second pass at the same time changes nothing.
  const again = await runLifecycle(h.core);
  assert.equal(again.autoRenewed, 0);

  h.clock.advance(30 * DAY);
  await runLifecycle(h.core);
  assert.equal((await domainRow(h, 'lapse.com')).rgp_status, 'redemptionPeriod');
  assert.equal((await domainRow(h, 'starved.com')).rgp_status, 'redemptionPeriod');
  assert.equal((await domainRow(h, 'renew.com')).rgp_status, null);
  const poorMsgs = await drain(poor);
  assert.ok(poorMsgs.some((m) => /starved\.com/.test(m.msg)), JSON.stringify(poorMsgs.map((m) => m.msg)));

  // Restoring an expired domain renews it for a year on top of the fee.
  const b2 = await balance(h, alice);
  assert.equal((await alice.cmd(restoreXml('lapse.com', 'request'))).code, 1000);
  assert.equal(await balance(h, alice), b2 - RESTORE_FEE_MINOR - PRICE);
  assert.equal((await domainRow(h, 'lapse.com')).expires_at, addYears(new Date(lapsed.expires_at), 1).toISOString());

  // Without a report the restore lapses back into redemption after 7 days.
  h.clock.advance(7 * DAY + 60_000);
  await runLifecycle(h.core);
  assert.equal((await domainRow(h, 'lapse.com')).rgp_status, 'redemptionPeriod');
});
