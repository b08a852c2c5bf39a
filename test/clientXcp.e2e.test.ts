// The typed XCP helpers against a real `regd serve`, over HTTPS (XcpClient) and over the legacy TCP port
// (XcpTcpClient): the same calls, the same results, XcpError with the response code when is_success is 0, and call()
// still returning every reply as it is.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { XcpClient, XcpTcpClient, XcpError, type XcpCommands, type XcpContact } from '../src/client/index.ts';

let server: RegdServer;
const users: Record<string, ResellerCredentials> = {};

before(async () => {
  server = await startRegd();
  for (const name of ['httpsalice', 'httpsbob', 'tcpalice', 'tcpbob']) users[name] = await server.createReseller(name, '1000');
});
after(async () => { await server.stop(); });

const owner: XcpContact = {
  firstName: 'Ann', lastName: 'Owner', orgName: 'Example & Co', address1: '32 Oak Street', city: 'Toronto', state: 'ON',
  country: 'CA', postalCode: 'M1M1M1', phone: '+1.4165551212', email: 'ann@example.com',
};
let n = 0;
const fresh = (tld: string) => `sdkxcp-${process.pid}-${Date.now().toString(36)}-${++n}.${tld}`;

type Open = (r: ResellerCredentials) => Promise<XcpCommands & { close(): void }>;
const transports: Array<[string, Open]> = [
  ['https', async (r) => new XcpClient({ host: '127.0.0.1', port: server.xcpPort, username: r.username, privateKey: r.privateKey, ca: server.caPem, insecure: false })],
  ['tcp', (r) => XcpTcpClient.connect({ host: '127.0.0.1', port: server.xcpTcpPort, username: r.username, privateKey: r.privateKey, timeoutMs: 10_000 })],
];

for (const [kind, open] of transports) {
  test(`typed helpers over ${kind}: balance, lookup, register, cookie, get, nameservers, modify, renew, transfer`, async () => {
    const alice = await open(users[`${kind}alice`]!);
    const bob = await open(users[`${kind}bob`]!);
    try {
      assert.equal((await alice.getBalance()).balance, '1000.00');

      const name = fresh('biz');
      const lookup = await alice.lookup(name);
      assert.equal(lookup.available, true);
      assert.equal(lookup.reply.responseCode, 210);
      const taken = await alice.lookup('taken-sdk.biz');
      assert.equal(taken.available, false);
      assert.equal(taken.reply.responseCode, 211);

      const reg = await alice.register({
        domain: name, period: 1, contacts: owner, nameservers: ['ns1.example.net', 'ns2.example.net'],
        regUsername: `${kind}ann`, regPassword: 'secret-123', authInfo: 'Xfer-Code-1',
      });
      assert.ok(reg.orderId);
      assert.equal(reg.async, false);
      assert.ok(reg.expirationDate);
      const again = await alice.register({ domain: name, contacts: owner, regUsername: `${kind}ann`, regPassword: 'secret-123' }).then(() => undefined, (e: unknown) => e);
      assert.ok(again instanceof XcpError, String(again));
      assert.equal(again.responseCode, 485);
      assert.match(again.responseText, /./);
      // call() itself never throws on a refusal: it returns the reply.
      const raw = await alice.call('DOMAIN', 'SW_REGISTER', { domain: name, reg_type: 'new' });
      assert.equal(raw.isSuccess, false);

      const cookie = await alice.setCookie({ domain: name, regUsername: `${kind}ann`, regPassword: 'secret-123' });
      assert.ok(cookie.cookie);
      assert.equal(cookie.domainCount, 1);
      const info = await alice.getDomain({ cookie: cookie.cookie }, 'all_info');
      assert.equal(info.responseCode, 200);
      const ownerSet = (info.attributes.contact_set as Record<string, Record<string, string>>).owner!;
      assert.equal(ownerSet.org_name, 'Example & Co');
      assert.equal((await alice.getDomain(name, 'status')).isSuccess, true);

      const ns = await alice.updateNameservers(name, { assign: ['ns3.example.net', 'ns4.example.net'] });
      assert.deepEqual(ns.nameservers, ['ns3.example.net', 'ns4.example.net']);
      assert.equal(ns.changed, true);
      assert.equal((await alice.updateNameservers({ domain: name }, { add: ['ns3.example.net'] }).then((r) => r.changed, (e: unknown) => e instanceof XcpError)), true);

      assert.equal((await alice.modify(cookie.cookie, 'expire_action', { auto_renew: '1', let_expire: '0' })).isSuccess, true);
      const year = Number(reg.expirationDate!.slice(0, 4));
      const renewed = await alice.renew({ domain: name, period: 1, currentExpirationYear: year });
      assert.ok(renewed.orderId);
      assert.equal(Number(renewed.expirationDate!.slice(0, 4)), year + 1);
      await assert.rejects(alice.renew({ domain: name, period: 1, currentExpirationYear: year }), XcpError);

      const t = await bob.transfer({ domain: name, authInfo: 'Xfer-Code-1', contacts: { owner, tech: { ...owner, firstName: 'Tom' } }, regUsername: `${kind}bea`, regPassword: 'secret-456' });
      assert.equal(t.status, 'pending');
      const approve = await alice.callOk('TRANSFER', 'APPROVE_TRANSFER', { domain: name });
      assert.equal(approve.responseCode, 200);
      assert.equal((await bob.getDomain(name, 'all_info')).attributes.sponsoring_rsp, '1');

      const bad = await alice.modify(name, 'no_such_type').then(() => undefined, (e: unknown) => e);
      assert.ok(bad instanceof XcpError && bad.responseCode >= 400, String(bad));
    } finally {
      alice.close();
      bob.close();
    }
  });
}

test('an asynchronous registry answers 250: register reports async', async () => {
  const c = new XcpClient({ host: '127.0.0.1', port: server.xcpPort, username: users.httpsalice!.username, privateKey: users.httpsalice!.privateKey, ca: server.caPem });
  const r = await c.register({ domain: fresh('de'), contacts: { ...owner, country: 'DE', postalCode: '10115', city: 'Berlin', state: '' }, regUsername: 'asyncann', regPassword: 'secret-789' });
  assert.equal(r.async, true);
  assert.equal(r.reply.responseCode, 250);
  c.close();
});

test("a bad key is an XcpError with the server's code, not a decoding failure", async () => {
  const c = new XcpClient({ host: '127.0.0.1', port: server.xcpPort, username: users.httpsalice!.username, privateKey: 'ab'.repeat(56), ca: server.caPem });
  await assert.rejects(c.getBalance(), (e: unknown) => e instanceof XcpError && e.responseCode === 410 && /Authentication/.test(e.responseText));
  c.close();
});
