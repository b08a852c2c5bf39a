// Transfers over XCP between two resellers, on the core EPP uses: the 60-day lock (552), locks (487), approval by
// the losing reseller, approval by the transfer window on the sandbox clock, cancellation with a refund; the losing
// reseller hears of it through the poll queue (read here over EPP).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { freshName, registerAttributes } from './support/fixtures.ts';
import { loginXml, eppCommand, parseResponse, find } from './support/eppHarness.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import type { XcpClient } from '../src/client/xcpClient.ts';
import { isAssoc, type OpsAssoc } from '../src/protocols/ops/index.ts';

let server: RegdServer;
let alice: ResellerCredentials;
let bob: ResellerCredentials;
let a: XcpClient;
let b: XcpClient;
const names = { approved: freshName(), windowed: freshName(), cancelled: freshName() };

before(async () => {
  server = await startRegd();
  alice = await server.createReseller('alice', '1000');
  bob = await server.createReseller('bob', '1000');
  a = server.xcpClient(alice);
  b = server.xcpClient(bob);
  for (const name of Object.values(names)) {
    assert.equal((await a.call('DOMAIN', 'SW_REGISTER', registerAttributes(name))).responseCode, 200);
    assert.equal((await a.call('DOMAIN', 'MODIFY', { data: 'domain_auth_info', domain: name, domain_auth_info: 'Move-Me-123' })).responseCode, 200);
  }
});
after(async () => { await server.stop(); });

const transfer = (c: XcpClient, domain: string, auth = 'Move-Me-123') =>
  c.call('DOMAIN', 'SW_REGISTER', registerAttributes(domain, { reg_type: 'transfer', auth_info: auth }));
const balance = async (c: XcpClient) => Number((await c.call('BALANCE', 'GET_BALANCE')).attributes.balance);
const sponsoring = async (c: XcpClient, domain: string) => (await c.call('DOMAIN', 'GET', { type: 'all_info' }, { domain }));

test('inside the 60-day lock: CHECK_TRANSFER says why and SW_REGISTER transfer answers 552', async () => {
  const check = await b.call('DOMAIN', 'CHECK_TRANSFER', { domain: names.approved });
  assert.equal(check.attributes.transferrable, '0');
  assert.match(String(check.attributes.reason), /less than 60 days old/);
  const r = await transfer(b, names.approved);
  assert.equal(r.responseCode, 552, r.responseText);
  await server.cli('sandbox', 'clock', 'advance', '61d');
  assert.equal((await b.call('DOMAIN', 'CHECK_TRANSFER', { domain: names.approved })).attributes.transferrable, '1');
});

test('a locked domain is not transferable (487); a wrong auth code is refused; nothing is charged', async () => {
  const before = await balance(b);
  assert.equal((await a.call('DOMAIN', 'MODIFY', { data: 'status', lock_state: '1', domain: names.approved })).responseCode, 200);
  assert.equal((await transfer(b, names.approved)).responseCode, 487);
  assert.equal((await a.call('DOMAIN', 'MODIFY', { data: 'status', lock_state: '0', domain: names.approved })).responseCode, 200);
  const wrong = await transfer(b, names.approved, 'not-the-code');
  assert.equal(wrong.isSuccess, false);
  assert.equal(await balance(b), before);
});

test('approved by the losing reseller: the domain, the money and the poll queue move consistently', async () => {
  const [bobBefore, aliceBefore] = [await balance(b), await balance(a)];
  const r = await transfer(b, names.approved);
  assert.equal(r.responseCode, 200, r.responseText);
  assert.equal(r.attributes.transfer_status, 'pending');
  assert.equal(Math.round((bobBefore - await balance(b)) * 100), 1099, 'the gaining reseller pays the transfer once');
  assert.equal((await transfer(b, names.approved)).isSuccess, false, 'a second request while one is pending is refused');

  const away = await a.call('DOMAIN', 'GET_TRANSFERS_AWAY', {});
  const awayList = away.attributes.transfers as OpsAssoc[];
  assert.ok(awayList.some((t) => t.domain === names.approved && t.status === 'pending'));
  const inList = (await b.call('DOMAIN', 'GET_TRANSFERS_IN', { status: 'pending' })).attributes.transfers as OpsAssoc[];
  assert.deepEqual(inList.map((t) => t.domain), [names.approved]);

  // The losing reseller's poll queue, read over EPP.
  const epp = await server.eppTls();
  assert.equal(parseResponse(await epp.command(loginXml(alice.username, alice.password))).code, 1000);
  const poll = parseResponse(await epp.command(eppCommand('<poll op="req"/>')));
  assert.equal(poll.code, 1301, poll.xml);
  assert.equal(find(poll.root, NS.domain, 'name')?.text, names.approved);
  assert.equal(find(poll.root, NS.domain, 'trStatus')?.text, 'pending');
  await epp.close();

  assert.equal((await b.call('TRANSFER', 'PROCESS_TRANSFER', { domain: names.approved, reply: 'approve' })).isSuccess, false,
    'only the losing reseller answers');
  const ok = await a.call('TRANSFER', 'PROCESS_TRANSFER', { domain: names.approved, reply: 'approve' });
  assert.equal(ok.responseCode, 200, ok.responseText);
  assert.equal((await sponsoring(b, names.approved)).attributes.sponsoring_rsp, '1');
  assert.equal((await sponsoring(a, names.approved)).isSuccess, false, 'the former sponsor no longer manages it');
  assert.equal(await balance(a), aliceBefore, 'the losing reseller is neither charged nor paid');
  const done = (await b.call('DOMAIN', 'GET_TRANSFERS_IN', {})).attributes.transfers as OpsAssoc[];
  assert.equal(done.find((t) => t.domain === names.approved)?.status, 'clientApproved');
});

test('cancelled by the gaining reseller: refunded', async () => {
  const before = await balance(b);
  assert.equal((await transfer(b, names.cancelled)).responseCode, 200);
  const c = await b.call('TRANSFER', 'CANCEL_TRANSFER', { domain: names.cancelled });
  assert.equal(c.responseCode, 200, c.responseText);
  assert.equal(await balance(b), before);
  assert.equal((await sponsoring(a, names.cancelled)).attributes.sponsoring_rsp, '1');
});

test('not answered: the transfer window on the sandbox clock approves it', async () => {
  assert.equal((await transfer(b, names.windowed)).responseCode, 200);
  await server.cli('sandbox', 'clock', 'advance', '6d');
  // regd serve runs the life cycle every 5 seconds.
  let reply;
  for (let i = 0; i < 40; i++) {
    reply = await sponsoring(b, names.windowed);
    if (reply.isSuccess) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.equal(reply?.attributes.sponsoring_rsp, '1', reply?.responseText);
  const list = (await a.call('DOMAIN', 'GET_TRANSFERS_AWAY', { status: 'serverApproved' })).attributes.transfers as OpsAssoc[];
  assert.ok(list.some((t) => isAssoc(t) && t.domain === names.windowed));
});
