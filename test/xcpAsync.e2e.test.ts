// Asynchronous registries (the sandbox's .de and .eu): SW_REGISTER answers 250 and the order waits; LOOKUP answers
// 221 while it waits and 486 while it is processed; a second request gets 437; the registry's answer arrives on the
// sandbox clock and shows in GET_ORDER_INFO, GET domain type=waiting_history and the poll queue.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { freshName, registerAttributes } from './support/fixtures.ts';
import { loginXml, eppCommand, parseResponse, find } from './support/eppHarness.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import type { XcpClient } from '../src/client/xcpClient.ts';
import type { OpsAssoc } from '../src/protocols/ops/index.ts';

let server: RegdServer;
let alice: ResellerCredentials;
let c: XcpClient;
before(async () => {
  server = await startRegd();
  alice = await server.createReseller('alice', '100');
  c = server.xcpClient(alice);
});
after(async () => { await server.stop(); });

test('a .de registration waits at the registry, then completes on the clock', async () => {
  const name = freshName('de');
  const r = await c.call('DOMAIN', 'SW_REGISTER', registerAttributes(name));
  assert.equal(r.responseCode, 250, r.responseText);
  const orderId = String(r.attributes.id);
  assert.equal((await c.call('BALANCE', 'GET_BALANCE')).attributes.balance, '92.01', 'the registration is paid at submission');

  const waiting = await c.call('DOMAIN', 'LOOKUP', { domain: name });
  assert.equal(waiting.responseCode, 221, waiting.responseText);
  assert.equal((await c.call('DOMAIN', 'SW_REGISTER', registerAttributes(name))).responseCode, 437);
  const bob = server.xcpClient(await server.createReseller('bob', '100'));
  assert.equal((await bob.call('DOMAIN', 'CHECK_TRANSFER', { domain: name })).attributes.transferrable, '0', 'a waiting name cannot move');
  const orderStatus = async () => ((await c.call('DOMAIN', 'GET_ORDER_INFO', { order_id: orderId })).attributes.field_hash as OpsAssoc).status;
  assert.equal(await orderStatus(), 'pending');

  const cookie = String((await c.call('COOKIE', 'SET', { domain: name, reg_username: 'registrant1', reg_password: 'secret123' })).attributes.cookie);
  const history = await c.call('DOMAIN', 'GET', { type: 'waiting_history' }, { cookie });
  assert.equal(history.attributes.record_count, '1');
  assert.equal((history.attributes.waiting_history as OpsAssoc[])[0]!.current_state, 'waiting');

  await server.cli('sandbox', 'clock', 'advance', '100s');
  assert.equal((await c.call('DOMAIN', 'LOOKUP', { domain: name })).responseCode, 486);
  const again = await c.call('DOMAIN', 'SW_REGISTER', registerAttributes(name)); assert.equal(again.responseCode, 486, again.responseText);

  await server.cli('sandbox', 'clock', 'advance', '1m');
  let code = 0;
  for (let i = 0; i < 40 && code !== 211; i++) {
    code = (await c.call('DOMAIN', 'LOOKUP', { domain: name })).responseCode;
    if (code !== 211) await new Promise((res) => setTimeout(res, 500));
  }
  assert.equal(code, 211, 'the life cycle completed the registration');
  assert.equal(await orderStatus(), 'completed');
  const done = await c.call('DOMAIN', 'GET', { type: 'waiting_history' }, { cookie });
  assert.equal((done.attributes.waiting_history as OpsAssoc[])[0]!.current_state, 'completed');
  assert.equal((await c.call('BALANCE', 'GET_BALANCE')).attributes.balance, '92.01', 'charged once');

  const epp = await server.eppTls();
  assert.equal(parseResponse(await epp.command(loginXml(alice.username, alice.password))).code, 1000);
  const poll = parseResponse(await epp.command(eppCommand('<poll op="req"/>')));
  assert.equal(poll.code, 1301, poll.xml);
  assert.equal(find(poll.root, NS.domain, 'name')?.text, name);
  // The Openprovider guide's CREATE message: the completed registration's creData.
  assert.ok(find(poll.root, NS.domain, 'creData'), poll.xml);
  assert.ok(find(poll.root, NS.domain, 'exDate'), poll.xml);
  await epp.close();
});
