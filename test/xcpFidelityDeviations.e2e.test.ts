// Issue 9 ("Fidelity"), end to end against one real `regd serve`: GET DOMAIN's nameserver keys and IPv6 glue,
// RENEW's auto_renew echo, GET NAMESERVER name=all, limits clamped instead of refused, BELONGS_TO_RSP without an
// object, the seed's 447 texts, and `--xcp-tcp-framing two-byte` (this file's server runs with it; XCP over HTTPS is
// unaffected by the TCP door's framing, so one server serves every test here).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REGD_BIN, startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { parseReply, type XcpClient } from '../src/client/xcpClient.ts';
import { XcpTcpClient } from '../src/client/xcpTcpClient.ts';
import { freshName } from './support/fixtures.ts';
import { decodeOps, encodeOps, isAssoc, makeAssoc, type OpsAssoc, type OpsItem } from '../src/protocols/ops/index.ts';
import { closeStores, cookieFor, expectCode, register } from './support/surfaceHelpers.ts';

const execFileP = promisify(execFile);

let server: RegdServer;
let alice: ResellerCredentials;
let bob: ResellerCredentials;
let c: XcpClient;
before(async () => {
  server = await startRegd({ extraArgs: ['--xcp-tcp-framing', 'two-byte'] });
  alice = await server.createReseller('alice', '5000');
  bob = await server.createReseller('bob', '1000');
  c = server.xcpClient(alice);
});
after(async () => { await closeStores(); await server.stop(); });

const ns = (action: string, attrs: Record<string, OpsItem>, top: Record<string, string> = {}) =>
  c.call('NAMESERVER', action, makeAssoc(attrs), top);
const list = (r: { attributes: OpsAssoc }, key = 'nameserver_list'): OpsAssoc[] => {
  const v = r.attributes[key];
  assert.ok(Array.isArray(v), `${key} should be a list, got ${JSON.stringify(v)}`);
  return v as OpsAssoc[];
};

/** A domain whose delegation is ns1.<it> (IPv4 + IPv6 host object) and ns2.example.net (no glue). */
async function delegatedToOwnHost(): Promise<string> {
  const name = freshName();
  await register(c, name);
  expectCode(await ns('CREATE', { name: `ns1.${name}`, ipaddress: '192.0.2.53', ipv6: '2001:db8::53' }), 200);
  expectCode(await c.call('DOMAIN', 'ADVANCED_UPDATE_NAMESERVERS', makeAssoc({
    domain: name, op_type: 'assign', assign_ns: [`ns1.${name}`, 'ns2.example.net'],
  })), 200);
  return name;
}

test('1. GET DOMAIN all_info names nameserver keys sortorder/ipaddress (seed example) and shows IPv6 glue; type=nameservers shows ipv6', async () => {
  const name = await delegatedToOwnHost();
  const all = await c.call('DOMAIN', 'GET', { type: 'all_info' }, { domain: name });
  expectCode(all, 200);
  const [own, foreign] = list(all);
  assert.equal(own.name, `ns1.${name}`);
  assert.equal(own.sortorder, '1');
  assert.equal(own.ipaddress, '192.0.2.53', 'the glue reaches clients that read the seed example\'s key');
  assert.equal(own.ipv6, '2001:db8::53');
  assert.equal(foreign.name, 'ns2.example.net');
  assert.equal(foreign.sortorder, '2');
  assert.equal(foreign.ipaddress, '', 'as type=nameservers: present, empty without glue');
  assert.equal(foreign.ipv6, undefined, 'ipv6 only with IPv6 glue');
  // The seed's parameter table spells them sort_order / ip_address: still there for clients written from it.
  assert.equal(own.sort_order, '1');
  assert.equal(own.ip_address, '192.0.2.53');
  assert.equal(foreign.ip_address, undefined);

  const plain = list(await c.call('DOMAIN', 'GET', { type: 'nameservers' }, { domain: name }));
  assert.deepEqual({ ...plain[0] }, { name: `ns1.${name}`, sortorder: '1', ipaddress: '192.0.2.53', ipv6: '2001:db8::53' });
  assert.deepEqual({ ...plain[1] }, { name: 'ns2.example.net', sortorder: '2', ipaddress: '' });
});

test('5a. RENEW auto_renew=0 reports the flag it set, not the old one; without auto_renew the flag is unchanged', async () => {
  const name = freshName();
  await register(c, name, { auto_renew: '1' });
  const year = new Date().getUTCFullYear() + 1;
  const renewed = await c.call('DOMAIN', 'RENEW', { domain: name, period: '1', currentexpirationyear: String(year), auto_renew: '0' });
  expectCode(renewed, 200);
  assert.equal(renewed.attributes.auto_renew, '0');
  assert.equal((await c.call('DOMAIN', 'GET', { type: 'expire_action' }, { domain: name })).attributes.auto_renew, '0');

  const again = await c.call('DOMAIN', 'RENEW', { domain: name, period: '1', currentexpirationyear: String(year + 1) });
  expectCode(again, 200);
  assert.equal(again.attributes.auto_renew, '0', 'no auto_renew in the request: the domain\'s flag');
  const on = await c.call('DOMAIN', 'RENEW', { domain: name, period: '1', currentexpirationyear: String(year + 2), auto_renew: '1' });
  assert.equal(on.attributes.auto_renew, '1');
});

test('5b. GET NAMESERVER name=all lists the nameservers of the domain (the OpenSRS reference value)', async () => {
  const name = await delegatedToOwnHost();
  expectCode(await ns('CREATE', { name: `ns2.${name}`, ipaddress: '192.0.2.54' }), 200);
  // Another domain's host is not this domain's.
  const other = await delegatedToOwnHost();

  const all = await ns('GET', { name: 'all', domain: name });
  expectCode(all, 200);
  assert.deepEqual(list(all).map((n) => ({ ...n })), [
    { name: `ns1.${name}`, can_delete: '0', ipaddress: '192.0.2.53', ipv6: '2001:db8::53' },
    { name: `ns2.${name}`, can_delete: '1', ipaddress: '192.0.2.54' },
  ]);
  // The domain at top level (the cookie-less "bypass" form), any case of "all", and through a registrant cookie.
  assert.equal(list(await ns('GET', { name: 'ALL' }, { domain: other })).length, 1);
  const viaCookie = await ns('GET', { name: 'all' }, { cookie: await cookieFor(c, name) });
  assert.deepEqual(list(viaCookie).map((n) => n.name), [`ns1.${name}`, `ns2.${name}`]);

  // A single nameserver still answers as before, with the same list shape alongside.
  const one = await ns('GET', { name: `ns2.${name}` });
  assert.equal(one.attributes.ipaddress, '192.0.2.54');
  assert.deepEqual(list(one).map((n) => ({ ...n })), [{ name: `ns2.${name}`, can_delete: '1', ipaddress: '192.0.2.54' }]);

  expectCode(await ns('GET', { name: 'all' }), 447, /^No Domain Supplied/);
  expectCode(await server.xcpClient(bob).call('NAMESERVER', 'GET', { name: 'all', domain: name }), 465, /does not belong/);
});

test('5c. a limit over 1000 is clamped to 1000, not refused: GET_DOMAINS_BY_EXPIREDATE, get domain list, GET_DELETED_DOMAINS', async () => {
  const name = freshName();
  await register(c, name);
  const y = new Date().getUTCFullYear();
  const byExpiry = await c.call('DOMAIN', 'GET_DOMAINS_BY_EXPIREDATE', { exp_from: `${y}-01-01`, exp_to: `${y + 2}-12-31`, limit: '1000000' });
  expectCode(byExpiry, 200);
  assert.equal(byExpiry.attributes.limit, '1000');
  assert.ok(list(byExpiry, 'exp_domains').some((d) => d.name === name));

  const domainList = await c.call('DOMAIN', 'GET', { type: 'list', limit: '1000000' }, { cookie: await cookieFor(c, name) });
  expectCode(domainList, 200);
  assert.equal(domainList.attributes.limit, '1000');
  assert.ok((domainList.attributes.domain_list as string[]).includes(name));

  const deleted = await c.call('DOMAIN', 'GET_DELETED_DOMAINS', { limit: '1000000' });
  expectCode(deleted, 200);
  assert.equal(deleted.attributes.limit, '1000');

  // Asking for nothing is still a mistake.
  expectCode(await c.call('DOMAIN', 'GET_DOMAINS_BY_EXPIREDATE', { exp_from: `${y}-01-01`, exp_to: `${y + 2}-12-31`, limit: '0' }), 465);
});

test('5d. BELONGS_TO_RSP without an object is a DOMAIN query', async () => {
  const name = freshName();
  await register(c, name);
  const body = encodeOps(makeAssoc({ protocol: 'XCP', action: 'BELONGS_TO_RSP', attributes: makeAssoc({ domain: name }) }));
  const r = parseReply((await c.post(body)).body);
  expectCode(r, 200);
  assert.equal(r.raw.object, 'DOMAIN');
  assert.equal(r.attributes.belongs_to_rsp, '1');
  // Other actions still need their object.
  const noObject = parseReply((await c.post(encodeOps(makeAssoc({ protocol: 'XCP', action: 'LOOKUP', attributes: makeAssoc({ domain: name }) })))).body);
  expectCode(noObject, 460, /object/);
});

test('7. the seed\'s 447 texts: No Cookie Supplied, No Domain Supplied, Modify type not specified', async () => {
  const name = freshName();
  await register(c, name);
  expectCode(await c.call('DOMAIN', 'GET', { type: 'domain_auth_info' }, { domain: name }), 447, /^No Cookie Supplied/);
  expectCode(await c.call('COOKIE', 'UPDATE', { reg_username: 'registrant1', reg_password: 'secret123', domain_new: name }), 447, /^No Cookie Supplied/);
  expectCode(await c.call('COOKIE', 'DELETE', {}), 447, /^No Cookie Supplied/);
  expectCode(await c.call('DOMAIN', 'GET', { type: 'all_info' }), 447, /^No Domain Supplied/);
  expectCode(await c.call('DOMAIN', 'MODIFY', { affect_domains: '0' }, { domain: name }), 447, /^Modify type not specified/);
  expectCode(await c.call('DOMAIN', 'MODIFY', { data: 'status', lock_state: '1' }), 447, /^No Domain Supplied/);
  // Other missing fields stay 460 ("Info type not specified" is the seed's 460).
  expectCode(await c.call('DOMAIN', 'GET', {}, { domain: name }), 460, /Info type not specified/);
});

/** The first bytes the server sends on a fresh TCP connection. */
function firstBytes(port: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const all = Buffer.concat(chunks);
      if (all.length >= 2 && all.length >= 2 + all.readUInt16BE(0)) { socket.destroy(); resolve(all); }
    });
    socket.on('error', reject);
    setTimeout(() => { socket.destroy(); reject(new Error(`incomplete greeting: ${Buffer.concat(chunks).toString('latin1')}`)); }, 5_000).unref();
  });
}

test('8. --xcp-tcp-framing two-byte: the 2-byte length header from the first byte, greeting included', async () => {
  assert.ok(server.xcpTcpPort > 0, 'the TCP door listens');
  const raw = await firstBytes(server.xcpTcpPort);
  assert.doesNotMatch(raw.toString('latin1', 0, 2), /^Co/i, 'no Content-Length header');
  const length = raw.readUInt16BE(0);
  assert.equal(raw.length, 2 + length);
  const greeting = decodeOps(raw.subarray(2)).data;
  assert.ok(isAssoc(greeting));
  assert.equal(greeting.object, 'VERSION');
  assert.equal((greeting.attributes as OpsAssoc).sender, 'OpenSRS SERVER');

  // An old pack('n') client runs a whole session.
  for (const cryptType of ['blowfish', 'des'] as const) {
    const tcp = await XcpTcpClient.connect({
      host: '127.0.0.1', port: server.xcpTcpPort, ...alice, cryptType, framing: 'length-prefix', greetingFraming: 'length-prefix', timeoutMs: 10_000,
    });
    expectCode(await tcp.call('DOMAIN', 'LOOKUP', { domain: freshName('net') }), 210);
    expectCode(await tcp.quit(), 200);
  }
  // A client expecting a Content-Length greeting cannot read this listener's.
  await assert.rejects(XcpTcpClient.connect({ host: '127.0.0.1', port: server.xcpTcpPort, ...alice, timeoutMs: 2_000 }));
});

test('8. --xcp-tcp-framing takes auto, content-length or two-byte only', async () => {
  await assert.rejects(
    execFileP(process.execPath, [REGD_BIN, 'serve', '--xcp-tcp-framing', 'one-byte', '--data', server.dataDir]),
    (err: { code?: number; stderr?: string }) => {
      assert.notEqual(err.code, 0);
      assert.match(String(err.stderr), /one-byte.*auto, content-length, two-byte|Allowed choices are auto, content-length, two-byte/s);
      return true;
    },
  );
  assert.match(await server.cli('serve', '--help'), /--xcp-tcp-framing <mode>/);
});
