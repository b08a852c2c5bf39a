// resubmitTransfer (PROCESS_TRANSFER's core): a cancelled transfer order that was never refunded carries its payment
// over to the new order (no second debit; refunding the new order gives it back once); one that was refunded is
// charged again (see transferFidelity.e2e.test.ts for that path over XCP).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { eppHarness, type EppHarness, type EppTestClient } from './support/eppHarness.ts';
import { DAY, balance, register, resellerId } from './support/eppLifecycle.ts';
import { requestTransfer, cancelTransfer, resubmitTransfer } from '../src/core/commands/transfers.ts';

let h: EppHarness;
let alice: EppTestClient;
let bob: EppTestClient;
before(async () => {
  h = await eppHarness();
  alice = await h.client('alice');
  bob = await h.client('bob');
});
after(async () => { await h.close(); });

test('an unrefunded cancelled order: the resubmission is not charged, and its refund pays back once', async () => {
  const d = await register(h, alice, 'carry.info');
  await h.core.db.updateTable('domains').set({ auth_code: 'Carry-Over-1' }).where('id', '=', d.id).execute();
  h.clock.advance(DAY);
  const start = await balance(h, bob);
  const first = await requestTransfer(h.core, { resellerId: resellerId(bob), name: 'carry.info', authCode: 'Carry-Over-1' });
  const price = start - await balance(h, bob);
  assert.ok(price > 0);
  // A cancellation that refunded nothing (as if the fee had been kept): the order still holds the payment.
  await h.core.db.updateTable('transfers').set({ amount_minor: 0 }).where('order_id', '=', first.orderId!).execute();
  await cancelTransfer(h.core, { resellerId: resellerId(bob), name: 'carry.info' });
  assert.equal(start - await balance(h, bob), price, 'not refunded');

  const again = await resubmitTransfer(h.core, { resellerId: resellerId(bob), orderId: first.orderId! });
  assert.equal(again.charged, false);
  assert.equal(again.status, 'pending');
  assert.equal(start - await balance(h, bob), price, 'the payment carried over: no second debit');
  const order = await h.core.db.selectFrom('orders').select(['amount_minor', 'request_json']).where('id', '=', again.orderId!).executeTakeFirstOrThrow();
  assert.equal(order.amount_minor, price);
  assert.equal(JSON.parse(order.request_json).resubmittedFrom, first.orderId);
  await cancelTransfer(h.core, { resellerId: resellerId(bob), name: 'carry.info' });
  assert.equal(await balance(h, bob), start, 'refunding the new order gives the money back once');

  // That order was refunded: resubmitting it charges again.
  const third = await resubmitTransfer(h.core, { resellerId: resellerId(bob), orderId: again.orderId! });
  assert.equal(third.charged, true);
  assert.equal(start - await balance(h, bob), price);
});
