// EPP domain transfers (RFC 5731) between resellers through the in-process processor: the 60-day lock, authInfo,
// the lock status, request/query/approve/reject/cancel, poll messages on both sides, the ledger, and approval by
// the server when the losing side does not act within the transfer window (ManualClock).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { eppHarness, find, findAll, type EppHarness, type EppTestClient } from './support/eppHarness.ts';
import { DAY, balance, domainRow, drain, infoXml, pollReq, register, resellerId, transferXml, trnData } from './support/eppLifecycle.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import { addYears } from '../src/core/dates.ts';

let h: EppHarness;
let alice: EppTestClient;
let bob: EppTestClient;
let carol: EppTestClient;
const auth: Record<string, string> = {};
const PRICE = 1099; // com transfer price (one year)

before(async () => {
  h = await eppHarness();
  alice = await h.client('alice');
  bob = await h.client('bob');
  carol = await h.client('carol');
  for (const name of ['move.com', 'other.com', 'reject.com', 'cancel.com', 'auto.com']) {
    auth[name] = (await register(h, alice, name)).auth_code;
  }
  auth['locked.com'] = (await register(h, alice, 'locked.com', { lock: true })).auth_code;
});
after(async () => { await h.close(); });

test('inside the 60-day lock after registration a transfer is refused with 2106; 61 days later it is eligible', async () => {
  const r = await bob.cmd(transferXml('request', 'move.com', auth['move.com']));
  assert.equal(r.code, 2106, r.xml);
  assert.equal(await h.core.db.selectFrom('transfers').select('id').executeTakeFirst(), undefined);
  h.clock.advance(61 * DAY);
});

test('wrong authInfo is 2202, a missing one 2003, an unknown domain 2303, the sponsor itself 2106', async () => {
  assert.equal((await bob.cmd(transferXml('request', 'move.com', 'wrong-auth-1'))).code, 2202);
  assert.equal((await bob.cmd(transferXml('request', 'move.com'))).code, 2003);
  assert.equal((await bob.cmd(transferXml('request', 'nosuchdomain.com', 'whatever1'))).code, 2303);
  assert.equal((await alice.cmd(transferXml('request', 'move.com', auth['move.com']))).code, 2106);
});

test('a locked domain (clientTransferProhibited) is refused with 2304 and nothing is charged', async () => {
  const before = await balance(h, bob);
  const r = await bob.cmd(transferXml('request', 'locked.com', auth['locked.com']));
  assert.equal(r.code, 2304, r.xml);
  assert.equal(await balance(h, bob), before);
});

test('full cycle: request (1001, trnData, one debit), pendingTransfer, query, poll to the loser, approve, poll to both', async () => {
  await drain(alice);
  await drain(bob);
  const d0 = await domainRow(h, 'move.com');
  const bobBefore = await balance(h, bob);
  const t0 = await h.clock.now();

  const req = await bob.cmd(transferXml('request', 'move.com', auth['move.com'], '<domain:period unit="y">1</domain:period>'));
  assert.equal(req.code, 1001, req.xml);
  const trn = trnData(req)!;
  assert.equal(trn.name, 'move.com');
  assert.equal(trn.trStatus, 'pending');
  assert.equal(trn.reID, 'bob');
  assert.equal(trn.acID, 'alice');
  assert.equal(new Date(trn.reDate).getTime(), t0.getTime());
  assert.equal(new Date(trn.acDate).getTime(), t0.getTime() + 5 * DAY);
  assert.equal(new Date(trn.exDate).getTime(), addYears(new Date(d0.expires_at), 1).getTime());
  assert.equal(await balance(h, bob), bobBefore - PRICE);

  // Already pending: 2300 for the requester and for anyone else.
  assert.equal((await bob.cmd(transferXml('request', 'move.com', auth['move.com']))).code, 2300);
  assert.equal((await carol.cmd(transferXml('request', 'move.com', auth['move.com']))).code, 2300);
  assert.equal(await balance(h, bob), bobBefore - PRICE);

  // The domain shows pendingTransfer.
  const info = await alice.cmd(infoXml('move.com'));
  assert.equal(info.code, 1000, info.xml);
  assert.ok(findAll(info.root, NS.domain, 'status').map((s) => s.attrs.s).includes('pendingTransfer'), info.xml);

  // Query: both parties; a third party only with the authInfo.
  for (const c of [alice, bob]) {
    const q = await c.cmd(transferXml('query', 'move.com'));
    assert.equal(q.code, 1000, q.xml);
    assert.equal(trnData(q)!.trStatus, 'pending');
  }
  assert.equal((await carol.cmd(transferXml('query', 'move.com'))).code, 2201);
  assert.equal((await carol.cmd(transferXml('query', 'move.com', 'wrong-auth-1'))).code, 2202);
  assert.equal((await carol.cmd(transferXml('query', 'move.com', auth['move.com']))).code, 1000);
  assert.equal((await carol.cmd(transferXml('query', 'other.com'))).code, 2201);
  assert.equal((await alice.cmd(transferXml('query', 'other.com'))).code, 2301);

  // The losing sponsor hears about the request.
  const aliceMsgs = await drain(alice);
  assert.equal(aliceMsgs.length, 1);
  assert.equal(aliceMsgs[0].count, 1);
  assert.match(aliceMsgs[0].msg, /move\.com/);
  assert.equal(trnData(aliceMsgs[0].response)!.trStatus, 'pending');
  assert.equal(trnData(aliceMsgs[0].response)!.reID, 'bob');
  assert.ok(find(aliceMsgs[0].response.root, NS.op, 'polData'), 'op:polData for a session that named op:ext');
  assert.deepEqual(await drain(bob), []);

  // Only the losing sponsor approves.
  assert.equal((await bob.cmd(transferXml('approve', 'move.com'))).code, 2201);
  assert.equal((await carol.cmd(transferXml('approve', 'move.com'))).code, 2201);
  const ok = await alice.cmd(transferXml('approve', 'move.com'));
  assert.equal(ok.code, 1000, ok.xml);
  assert.equal(trnData(ok)!.trStatus, 'clientApproved');

  const d1 = await domainRow(h, 'move.com');
  assert.equal(d1.reseller_id, resellerId(bob));
  assert.equal(d1.expires_at, addYears(new Date(d0.expires_at), 1).toISOString());
  assert.equal(d1.transferred_at, (await h.clock.now()).toISOString());
  assert.notEqual(d1.auth_code, d0.auth_code);
  const profile = await h.core.db.selectFrom('profiles').select(['reg_username', 'reseller_id']).where('id', '=', d1.profile_id).executeTakeFirstOrThrow();
  assert.deepEqual(profile, { reg_username: 'epp-bob', reseller_id: resellerId(bob) });

  // Both sides hear about the approval.
  const bobMsgs = await drain(bob);
  assert.equal(bobMsgs.length, 1);
  assert.equal(trnData(bobMsgs[0].response)!.trStatus, 'clientApproved');
  // The losing side's message is the Openprovider guide's OUTGOING TRANSFER: the reduced infData of the now foreign
  // domain (clID: its new sponsor), with op:infData polData outgoing_transfer/complete.
  const aliceAfter = await drain(alice);
  assert.equal(aliceAfter.length, 1);
  const gone = find(aliceAfter[0].response.root, NS.domain, 'infData')!;
  assert.equal(find(gone, NS.domain, 'clID')!.text, 'bob');
  assert.equal(find(gone, NS.domain, 'roid')!.text, d0.roid);
  const op = find(find(aliceAfter[0].response.root, NS.op, 'infData')!, NS.op, 'polData')!;
  assert.deepEqual([find(op, NS.op, 'action')!.text, find(op, NS.op, 'status')!.text], ['outgoing_transfer', 'complete']);

  // Ledger: the gaining reseller was debited exactly once, for the transfer price.
  const entries = await h.core.db.selectFrom('ledger_entries').select(['amount_minor', 'description'])
    .where('reseller_id', '=', resellerId(bob)).where('description', 'like', '%move.com%').execute();
  assert.deepEqual(entries.map((e) => e.amount_minor), [-PRICE]);
  assert.equal(await balance(h, bob), bobBefore - PRICE);

  // Nothing pending any more; alice is no longer the sponsor; the new 60-day lock applies.
  assert.equal((await bob.cmd(transferXml('approve', 'move.com'))).code, 2301);
  assert.equal((await alice.cmd(transferXml('approve', 'move.com'))).code, 2201);
  assert.equal((await alice.cmd(transferXml('request', 'move.com', d1.auth_code))).code, 2106);
  const q = await alice.cmd(transferXml('query', 'move.com'));
  assert.equal(q.code, 1000, 'the losing party can still query the last transfer');
  assert.equal(trnData(q)!.trStatus, 'clientApproved');
});

test('reject: the requester is refunded and hears about it', async () => {
  await drain(alice);
  await drain(bob);
  const before = await balance(h, bob);
  assert.equal((await bob.cmd(transferXml('request', 'reject.com', auth['reject.com']))).code, 1001);
  assert.equal(await balance(h, bob), before - PRICE);
  assert.equal((await bob.cmd(transferXml('reject', 'reject.com'))).code, 2201);
  const r = await alice.cmd(transferXml('reject', 'reject.com'));
  assert.equal(r.code, 1000, r.xml);
  assert.equal(trnData(r)!.trStatus, 'clientRejected');
  assert.equal(await balance(h, bob), before);
  assert.equal((await domainRow(h, 'reject.com')).reseller_id, resellerId(alice));
  const msgs = await drain(bob);
  assert.equal(msgs.length, 1);
  assert.equal(trnData(msgs[0].response)!.trStatus, 'clientRejected');
  assert.equal((await alice.cmd(transferXml('reject', 'reject.com'))).code, 2301);
  const order = await h.core.db.selectFrom('orders').select('status').where('domain_name', '=', 'reject.com').where('kind', '=', 'transfer').executeTakeFirstOrThrow();
  assert.equal(order.status, 'cancelled');
});

test('cancel: only the requester cancels; refund; the losing sponsor hears about it', async () => {
  await drain(alice);
  await drain(bob);
  const before = await balance(h, bob);
  assert.equal((await bob.cmd(transferXml('cancel', 'cancel.com'))).code, 2301);
  assert.equal((await bob.cmd(transferXml('request', 'cancel.com', auth['cancel.com']))).code, 1001);
  assert.equal((await alice.cmd(transferXml('cancel', 'cancel.com'))).code, 2201);
  assert.equal((await carol.cmd(transferXml('cancel', 'cancel.com'))).code, 2201);
  const r = await bob.cmd(transferXml('cancel', 'cancel.com'));
  assert.equal(r.code, 1000, r.xml);
  assert.equal(trnData(r)!.trStatus, 'clientCancelled');
  assert.equal(await balance(h, bob), before);
  const msgs = await drain(alice);
  assert.deepEqual(msgs.map((m) => trnData(m.response)!.trStatus), ['pending', 'clientCancelled']);
});

test('auto-approval: after the 5-day window the server approves (serverApproved), both sides are told', async () => {
  await drain(alice);
  await drain(bob);
  const d0 = await domainRow(h, 'auto.com');
  const before = await balance(h, bob);
  const req = await bob.cmd(transferXml('request', 'auto.com', auth['auto.com']));
  assert.equal(req.code, 1001);
  const deadline = trnData(req)!.acDate;

  h.clock.advance(4 * DAY);
  assert.equal(trnData(await bob.cmd(transferXml('query', 'auto.com')))!.trStatus, 'pending');
  h.clock.advance(1 * DAY + 60_000);
  const q = await bob.cmd(transferXml('query', 'auto.com'));
  assert.equal(q.code, 1000, q.xml);
  assert.equal(trnData(q)!.trStatus, 'serverApproved');
  assert.equal(new Date(trnData(q)!.acDate).getTime(), new Date(deadline).getTime());

  const d1 = await domainRow(h, 'auto.com');
  assert.equal(d1.reseller_id, resellerId(bob));
  assert.equal(d1.expires_at, addYears(new Date(d0.expires_at), 1).toISOString());
  assert.equal(await balance(h, bob), before - PRICE);

  const bobMsgs = await drain(bob);
  assert.deepEqual(bobMsgs.map((m) => trnData(m.response)!.trStatus), ['serverApproved']);
  const aliceMsgs = await drain(alice);
  assert.deepEqual(aliceMsgs.map((m) => trnData(m.response)?.trStatus ?? (find(m.response.root, NS.domain, 'infData') ? 'infData' : undefined)), ['pending', 'infData']);
  // An idle poll after everything was read is 1300.
  assert.equal((await alice.cmd(pollReq)).code, 1300);
});
