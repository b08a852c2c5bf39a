// EPP <poll> (RFC 5730): 1300 on an empty queue, 1301 with msgQ and the oldest message, ack by id (count and
// next id left), 2303 for an unknown id, one already acknowledged, or another client's.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { eppHarness, eppCommand, find, loginXml, parseResponse, type EppHarness, type EppTestClient } from './support/eppHarness.ts';
import { pollAck, pollReq, resellerId } from './support/eppLifecycle.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import { enqueuePoll, peekPoll } from '../src/core/commands/pollQueue.ts';
import { createReseller } from '../src/core/commands/resellers.ts';

let h: EppHarness;
let alice: EppTestClient;
let bob: EppTestClient;
before(async () => {
  h = await eppHarness();
  alice = await h.client('alice');
  bob = await h.client('bob');
});
after(async () => { await h.close(); });

async function queue(c: EppTestClient, name: string): Promise<number> {
  return h.core.db.transaction().execute(async (trx) => enqueuePoll(trx, {
    resellerId: resellerId(c), at: await h.clock.now(), kind: 'autoRenew', message: `Domain ${name} was auto-renewed`,
    payload: { type: 'renewal', name, expiresAt: '2027-01-15T10:00:00.000Z' },
  }));
}

test('an empty queue answers 1300 without msgQ', async () => {
  const r = await alice.cmd(pollReq);
  assert.equal(r.code, 1300, r.xml);
  assert.equal(find(r.root, NS.epp, 'msgQ'), undefined);
});

test('1301 gives the oldest message with count, id, qDate and msg; ack moves to the next; the last ack is 1300', async () => {
  const first = await queue(alice, 'one.com');
  h.clock.advance(60_000);
  const second = await queue(alice, 'two.com');
  await queue(bob, 'bobs.com');

  const r1 = await alice.cmd(pollReq);
  assert.equal(r1.code, 1301, r1.xml);
  const q1 = find(r1.root, NS.epp, 'msgQ')!;
  assert.equal(q1.attrs.count, '2');
  assert.equal(q1.attrs.id, String(first));
  assert.equal(find(q1, NS.epp, 'qDate')!.text, '2026-01-15T10:00:00.000Z');
  assert.equal(find(q1, NS.epp, 'msg')!.text, 'Domain one.com was auto-renewed');
  assert.equal(find(r1.root, NS.domain, 'renData') !== undefined, true);
  assert.equal(find(r1.root, NS.domain, 'name')!.text, 'one.com');
  assert.equal(find(r1.root, NS.op, 'action')!.text, 'update');

  // Polling again without an ack gives the same message.
  assert.equal(find((await alice.cmd(pollReq)).root, NS.epp, 'msgQ')!.attrs.id, String(first));

  const a1 = await alice.cmd(pollAck(first));
  assert.equal(a1.code, 1000, a1.xml);
  const aq = find(a1.root, NS.epp, 'msgQ')!;
  assert.deepEqual([aq.attrs.count, aq.attrs.id], ['1', String(second)]);

  const r2 = await alice.cmd(pollReq);
  assert.equal(find(r2.root, NS.epp, 'msgQ')!.attrs.id, String(second));
  assert.equal(find(r2.root, NS.epp, 'msgQ')!.attrs.count, '1');

  const a2 = await alice.cmd(pollAck(second));
  assert.equal(a2.code, 1300, a2.xml);
  assert.equal((await alice.cmd(pollReq)).code, 1300);
  assert.equal((await peekPoll(h.core, resellerId(bob))).count, 1, "bob's message is untouched");
});

test('ack of an unknown id, an acknowledged one or another client\'s message is 2303', async () => {
  assert.equal((await alice.cmd(pollAck(999999))).code, 2303);
  assert.equal((await alice.cmd(pollAck('abc'))).code, 2303);
  const mine = await queue(alice, 'three.com');
  assert.equal((await alice.cmd(pollAck(mine))).code, 1300);
  assert.equal((await alice.cmd(pollAck(mine))).code, 2303);
  const bobs = (await peekPoll(h.core, resellerId(bob))).message!.id;
  assert.equal((await alice.cmd(pollAck(bobs))).code, 2303);
  assert.equal((await peekPoll(h.core, resellerId(bob))).count, 1);
  assert.equal((await bob.cmd(pollAck(bobs))).code, 1300);
});

test('a poll ack without msgID is 2003; an unknown op does not pass the schema (2001)', async () => {
  assert.equal((await alice.cmd('<poll op="ack"/>')).code, 2003);
  assert.equal((await alice.cmd('<poll op="peek"/>')).code, 2001);
});

test('a session that did not name the Openprovider extension gets no op:polData', async () => {
  const { password } = await createReseller(h.core, { username: 'plain' });
  const s = h.processor.newSession('127.0.0.1');
  const send = async (xml: string) => { const r = await h.processor.process(s, xml); return parseResponse(r.xml, r.close); };
  assert.equal((await send(loginXml('plain', password, []))).code, 1000);
  const id = s.reseller!.id;
  await h.core.db.transaction().execute(async (trx) => enqueuePoll(trx, {
    resellerId: id, at: await h.clock.now(), kind: 'autoRenew', message: 'Domain four.com was auto-renewed',
    payload: { type: 'renewal', name: 'four.com', expiresAt: '2027-01-15T10:00:00.000Z' },
  }));
  const r = await send(eppCommand(pollReq));
  assert.equal(r.code, 1301, r.xml);
  assert.equal(find(r.root, NS.op, 'polData'), undefined);
  assert.doesNotMatch(r.xml, /<extension>/);
});
