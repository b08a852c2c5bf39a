// NAMESERVER objects over XCP on the host objects EPP uses: create, get, modify, rename, delete, registry checks,
// and the seed's codes 485, 480, 435, 557 and 445.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { freshName, registerAttributes } from './support/fixtures.ts';
import type { XcpClient } from '../src/client/xcpClient.ts';

let server: RegdServer;
let alice: ResellerCredentials;
let c: XcpClient;
let domain: string;
before(async () => {
  server = await startRegd();
  alice = await server.createReseller('alice', '1000');
  c = server.xcpClient(alice);
  domain = freshName();
  assert.equal((await c.call('DOMAIN', 'SW_REGISTER', registerAttributes(domain))).responseCode, 200);
});
after(async () => { await server.stop(); });

const ns = (action: string, attrs: Record<string, string>) => c.call('NAMESERVER', action, attrs);

test('create, get, modify, rename and delete a nameserver under a domain of the reseller', async () => {
  const name = `ns1.${domain}`;
  const created = await ns('CREATE', { name, ipaddress: '192.0.2.10' });
  assert.equal(created.responseCode, 200, created.responseText);
  assert.equal((await ns('CREATE', { name, ipaddress: '192.0.2.10' })).responseCode, 485);
  const got = await ns('GET', { name });
  assert.equal(got.attributes.ipaddress, '192.0.2.10');
  assert.equal(got.attributes.can_delete, '1');
  assert.equal((await ns('MODIFY', { name, ipaddress: '192.0.2.20', ipv6: '2001:db8::20' })).responseCode, 200);
  const after = await ns('GET', { name });
  assert.equal(after.attributes.ipaddress, '192.0.2.20');
  assert.equal(after.attributes.ipv6, '2001:db8::20');
  const renamed = `ns9.${domain}`;
  assert.equal((await ns('MODIFY', { name, new_name: renamed })).responseCode, 200);
  assert.equal((await ns('GET', { name })).responseCode, 480);
  assert.equal((await ns('REGISTRY_CHECK_NAMESERVER', { fqdn: renamed })).responseCode, 200);
  assert.equal((await ns('REGISTRY_ADD_NS', { fqdn: renamed, all: '1' })).responseCode, 200);
  assert.equal((await ns('DELETE', { name: renamed })).responseCode, 200);
  assert.equal((await ns('GET', { name: renamed })).responseCode, 480);
});

test('a nameserver in use by a domain cannot be deleted', async () => {
  const name = `ns2.${domain}`;
  assert.equal((await ns('CREATE', { name, ipaddress: '192.0.2.30' })).responseCode, 200);
  assert.equal((await c.call('DOMAIN', 'ADVANCED_UPDATE_NAMESERVERS', { domain, op_type: 'add_remove', add_ns: [name] })).responseCode, 200);
  assert.equal((await ns('GET', { name })).attributes.can_delete, '0');
  const del = await ns('DELETE', { name });
  assert.equal(del.responseCode, 485);
  assert.match(del.responseText, /in use/);
});

test('unknown, locked, invalid and over-quota nameservers get the seed\'s codes', async () => {
  assert.equal((await ns('GET', { name: 'ns1.nowhere-at-all.com' })).responseCode, 480);
  assert.equal((await ns('REGISTRY_CHECK_NAMESERVER', { fqdn: 'ns1.nowhere-at-all.com' })).responseCode, 435);
  assert.equal((await ns('MODIFY', { name: 'a.gtld-servers.net', ipaddress: '192.0.2.1' })).responseCode, 557);
  assert.equal((await ns('DELETE', { name: 'ns1.nic.com' })).responseCode, 557);
  assert.equal((await ns('CREATE', { name: 'bad_name..com' })).responseCode, 465);
  assert.equal((await ns('CREATE', {})).responseCode, 460);

  const limited = await server.createReseller('limited', '100');
  await server.cli('reseller', 'quota', 'limited', '--nameservers', '1');
  const lc = server.xcpClient(limited);
  assert.equal((await lc.call('NAMESERVER', 'CREATE', { name: 'ns1.external-one.net' })).responseCode, 200);
  const over = await lc.call('NAMESERVER', 'CREATE', { name: 'ns2.external-one.net' });
  assert.equal(over.responseCode, 445, over.responseText);
  assert.equal((await lc.call('NAMESERVER', 'GET', { name: 'ns2.external-one.net' })).responseCode, 480, 'nothing partial is stored');
});
