// Limits and codes over real HTTPS: 300 past the per-reseller command rate (`regd serve --xcp-rate`), 447 for
// sub-users (regd has none), and bad input on the new commands (460 naming the field, 465, nothing stored).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import type { XcpClient } from '../src/client/xcpClient.ts';
import { freshName } from './support/fixtures.ts';
import { closeStores, expectCode, outbox, register } from './support/surfaceHelpers.ts';

const RATE = 8;
let server: RegdServer;
let alice: ResellerCredentials;
let c: XcpClient;
before(async () => {
  server = await startRegd({ extraArgs: ['--xcp-rate', String(RATE)] });
  alice = await server.createReseller('alice', '1000');
  c = server.xcpClient(alice);
});
after(async () => { await closeStores(); await server.stop(); });

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('300: past its command rate a reseller is deferred; other resellers are not; the rate refills', async () => {
  const bob = await server.createReseller('bob', '10');
  const bc = server.xcpClient(bob);
  await pause(1100);
  const replies = await Promise.all(Array.from({ length: RATE * 3 }, () => c.call('BALANCE', 'GET_BALANCE')));
  const deferred = replies.filter((r) => r.responseCode === 300);
  assert.ok(deferred.length >= RATE, `expected at least ${RATE} deferred, got ${deferred.length}`);
  assert.ok(replies.filter((r) => r.responseCode === 200).length >= RATE - 1);
  assert.equal(deferred[0].responseText, 'Exceeded max command rate');
  assert.equal(deferred[0].isSuccess, false);
  assert.equal(deferred[0].raw.object, 'BALANCE');
  expectCode(await bc.call('BALANCE', 'GET_BALANCE'), 200);
  await pause(1100);
  expectCode(await c.call('BALANCE', 'GET_BALANCE'), 200);
});

test('447: regd profiles have no sub-users', async () => {
  await pause(1100);
  expectCode(await c.call('SUBUSER', 'ADD', { username: 'helper', password: 'helper123' }), 447, /Sub-user limit exceeded/);
  expectCode(await c.call('SUBUSER', 'GET', { username: 'helper' }), 480, /Sub-user not found/);
  expectCode(await c.call('SUBUSER', 'DELETE', { username: 'helper' }), 480);
});

test('bad input on the new commands: 460 names the field, 465 for bad values, nothing is stored', async () => {
  await pause(1100);
  const name = freshName();
  await register(c, name);
  const cases: Array<[string, Record<string, unknown>, number, RegExp]> = [
    ['TRADE_DOMAIN', { domain: name, first_name: 'A' }, 460, /last_name/],
    ['GET_ORDER_INFO', { order_id: '-1' }, 465, /order_id/],
    ['GET_DOMAINS_BY_EXPIREDATE', { exp_to: '2030-01-01' }, 460, /exp_from/],
    ['GET_DELETED_DOMAINS', { exp_from: '2030/01/01' }, 465, /exp_from/],
    ['GET_NOTES', { type: 'domain' }, 460, /domain/],
    ['BELONGS_TO_RSP', {}, 460, /domain/],
    ['UPDATE_CONTACTS', { domain: name, types: ['admin'] }, 460, /contact_set/],
    ['SEND_AUTHCODE', {}, 460, /domain_name/],
    ['REVOKE', {}, 460, /domain/],
    ['CHANGE', { domain: name, username: 'x y', password: 'abc' }, 465, /username/],
    ['PROCESS_PENDING', { order_id: '1.5' }, 465, /order_id/],
  ];
  for (const [action, attrs, code, text] of cases) {
    await pause(1000 / RATE + 20);
    const r = await c.call('DOMAIN', action, attrs as Record<string, string>);
    assert.equal(r.responseCode, code, `${action}: ${r.responseCode} ${r.responseText}`);
    assert.match(r.responseText, text, action);
  }
  await pause(200);
  expectCode(await c.call('DOMAIN', 'GET', { type: 'owner' }, { domain: name }), 200);
  assert.equal((await outbox(server.dataDir, { domain: name })).length, 0);
  assert.equal((await c.call('DOMAIN', 'GET_DELETED_DOMAINS', {})).attributes.total, '0');
});
