// The legacy OpenSRS TCP door end to end, in process on port 0: the handshake and a command session for both ciphers
// and both framings, every refusal, the limits (100 commands, 310, 300, idle), and bad input closing only its own
// connection.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { openCore } from '../src/app/openCore.ts';
import type { Core } from '../src/core/core.ts';
import { createReseller } from '../src/core/commands/resellers.ts';
import { startXcpTcp, type XcpTcpOptions, type XcpTcpServer } from '../src/protocols/xcp/tcp/xcpTcpServer.ts';
import { XcpTcpClient, XcpTcpConnection, XcpTcpError, type XcpTcpClientOptions } from '../src/client/xcpTcpClient.ts';
import { XcpClient, parseReply } from '../src/client/xcpClient.ts';
import { CryptCbc } from '../src/protocols/xcp/tcp/cryptCbc.ts';
import type { CryptType } from '../src/protocols/xcp/tcp/cbcBlockCipher.ts';
import type { XcpTcpFraming } from '../src/protocols/xcp/tcp/tcpFraming.ts';
import { decodeOps, isAssoc, type OpsAssoc } from '../src/protocols/ops/index.ts';
import { freshName, registerAttributes } from './support/fixtures.ts';
import { startRegd } from './support/regdServer.ts';

interface Creds { username: string; privateKey: string }

const dirs: string[] = [];
const servers: XcpTcpServer[] = [];
const cores: Core[] = [];
let core: Core;
let alice: Creds;
let bob: Creds;

async function newCore(mode: 'sandbox' | 'live'): Promise<Core> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-xcptcp-'));
  dirs.push(dir);
  const c = await openCore({ dataDir: dir, mode });
  cores.push(c);
  return c;
}

async function reseller(c: Core, name: string, allowedIps: string[] = []): Promise<Creds> {
  const { reseller: r } = await createReseller(c, { username: name, fundsMinor: 100_000, allowedIps });
  return { username: r.username, privateKey: r.privateKey };
}

async function door(opts: Partial<XcpTcpOptions> = {}, c: Core = core): Promise<XcpTcpServer> {
  const s = await startXcpTcp(c, { host: '127.0.0.1', port: 0, ...opts });
  servers.push(s);
  return s;
}

function connect(server: XcpTcpServer, who: Creds, opts: Partial<XcpTcpClientOptions> = {}): Promise<XcpTcpClient> {
  return XcpTcpClient.connect({ host: '127.0.0.1', port: server.port, ...who, timeoutMs: 5_000, ...opts });
}

/** The server hangs up without another message. */
async function assertClosedWithoutReply(conn: XcpTcpConnection): Promise<void> {
  await assert.rejects(conn.read(5_000), (err: unknown) => {
    assert.ok(err instanceof XcpTcpError, String(err));
    assert.equal(err.code, undefined, 'no reply, just a hang-up');
    assert.match(err.message, /closed/);
    return true;
  });
}

function refusedWith(code: number, text?: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof XcpTcpError, String(err));
    assert.equal(err.code, code, err.message);
    if (text) assert.match(err.message, text);
    return true;
  };
}

const hungUp = (err: unknown) => {
  assert.ok(err instanceof XcpTcpError, String(err));
  assert.equal(err.code, undefined, `expected a silent hang-up, got ${err.code} ${err.message}`);
  return true;
};

/** A raw connection past the greeting, having sent check version and authenticate user; returns the challenge. */
async function rawToChallenge(server: XcpTcpServer, who: Creds, cryptType = 'blowfish', framing: XcpTcpFraming = 'content-length') {
  const conn = await XcpTcpConnection.connect('127.0.0.1', server.port);
  await conn.read(5_000);
  conn.readFramingFrom(framing);
  conn.write(XcpClient.envelope('VERSION', 'CHECK', { sender: 'OpenSRS CLIENT', version: 'XML:0.1', state: 'ready' }), framing);
  conn.write(XcpClient.envelope('USER', 'AUTHENTICATE', { crypt_type: cryptType, username: who.username, password: who.username }), framing);
  const challenge = await conn.read(5_000);
  return { conn, challenge };
}

before(async () => {
  core = await newCore('sandbox');
  alice = await reseller(core, 'alice');
  bob = await reseller(core, 'bob');
});

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  for (const c of cores) await c.db.destroy();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const combos: Array<[CryptType, XcpTcpFraming]> = [['blowfish', 'content-length'], ['blowfish', 'length-prefix'], ['des', 'content-length'], ['des', 'length-prefix']];
for (const [cryptType, framing] of combos) {
  test(`handshake and a command session: ${cryptType}, ${framing} framing`, async () => {
    const server = await door();
    const c = await connect(server, alice, { cryptType, framing });
    const name = freshName();
    const lookup = await c.call('DOMAIN', 'LOOKUP', { domain: name });
    assert.equal(lookup.responseCode, 210, lookup.responseText);
    const reg = await c.call('DOMAIN', 'SW_REGISTER', registerAttributes(name));
    assert.equal(reg.responseCode, 200, reg.responseText);
    assert.equal((await c.call('DOMAIN', 'LOOKUP', { domain: name })).responseCode, 211);
    const all = await c.call('DOMAIN', 'GET', { type: 'all_info' }, { domain: name });
    assert.equal(all.responseCode, 200, all.responseText);
    assert.ok(isAssoc(all.attributes.contact_set));
    assert.equal((all.attributes.contact_set as OpsAssoc).owner !== undefined, true);
    assert.equal((await c.call('BALANCE', 'GET_BALANCE')).responseCode, 200);
    const quit = await c.quit();
    assert.equal(quit.responseCode, 200);
    assert.equal(quit.responseText, 'Closing Connection');
  });
}

test('the greeting is an XCP check version from "OpenSRS SERVER", framed with Content-Length', async () => {
  const server = await door();
  const conn = await XcpTcpConnection.connect('127.0.0.1', server.port);
  const raw = await new Promise<Buffer>((resolve) => conn.socket.once('data', resolve));
  assert.match(raw.toString('latin1'), /^Content-Length: \d+\r\n\r\n<\?xml/);
  const data = decodeOps(raw.subarray(raw.indexOf('\r\n\r\n') + 4)).data;
  assert.ok(isAssoc(data));
  assert.equal(data.action, 'CHECK');
  assert.equal(data.object, 'VERSION');
  assert.deepEqual({ ...(data.attributes as OpsAssoc) }, { sender: 'OpenSRS SERVER', version: 'XML:0.1', state: 'ready' });
  conn.close();
});

test('a listener for pack("n") clients frames even its greeting with the 2-byte length', async () => {
  const server = await door({ greetingFraming: 'length-prefix' });
  for (const cryptType of ['blowfish', 'des'] as const) {
    const c = await connect(server, alice, { cryptType, framing: 'length-prefix', greetingFraming: 'length-prefix' });
    assert.equal((await c.call('DOMAIN', 'LOOKUP', { domain: freshName('net') })).responseCode, 210);
    await c.quit();
  }
});

test('Content-Length framing: blank lines before the header, any case, LF line ends, pipelined messages', async () => {
  const server = await door();
  const { conn, challenge } = await rawToChallenge(server, alice);
  const cipher = new CryptCbc('blowfish', alice.privateKey);
  const answer = cipher.encrypt(crypto.createHash('md5').update(challenge).digest());
  conn.writeRaw(Buffer.concat([Buffer.from('\r\n\n\r\ncontent-LENGTH:' + answer.length + '\n\n'), answer]));
  assert.equal(parseReply(cipher.decrypt(await conn.read()).toString()).responseCode, 200);
  // Two commands in one write, the second split over two more writes.
  const cmd = (domain: string) => cipher.encrypt(Buffer.from(XcpClient.envelope('DOMAIN', 'LOOKUP', { domain })));
  const a = cmd(freshName());
  const b = cmd('takenexample.com');
  const framed = Buffer.concat([Buffer.from(`Content-Length: ${a.length}\r\n\r\n`), a, Buffer.from(`Content-length: ${b.length}\r\n\r\n`), b]);
  conn.writeRaw(framed.subarray(0, framed.length - 10));
  await new Promise((r) => setTimeout(r, 20));
  conn.writeRaw(framed.subarray(framed.length - 10));
  assert.equal(parseReply(cipher.decrypt(await conn.read()).toString()).responseCode, 210);
  assert.equal(parseReply(cipher.decrypt(await conn.read()).toString()).responseCode, 211);
  conn.close();
});

test('old 8-byte keys: DES works, Blowfish is refused with 400', async () => {
  const server = await door();
  const oldKey = '0123456789abcdef';
  const { reseller: r } = await createReseller(core, { username: 'oldkey', fundsMinor: 100_000 });
  await core.db.updateTable('resellers').set({ private_key: oldKey }).where('id', '=', r.id).execute();
  const c = await connect(server, { username: 'oldkey', privateKey: oldKey }, { cryptType: 'des' });
  assert.equal((await c.call('DOMAIN', 'LOOKUP', { domain: freshName() })).responseCode, 210);
  c.close();
  await assert.rejects(connect(server, { username: 'oldkey', privateKey: oldKey }, { cryptType: 'blowfish' }), refusedWith(400, /Invalid encryption method; try -des/));
});

test('a wrong private key: the server closes without a reply', async () => {
  const server = await door();
  const wrong = { username: alice.username, privateKey: crypto.randomBytes(56).toString('hex') };
  await assert.rejects(connect(server, wrong), hungUp);
  await assert.rejects(connect(server, wrong, { cryptType: 'des' }), hungUp);
  // The right MD5 under the right key but as hex text instead of the 16-byte digest is not an answer either.
  const { conn, challenge } = await rawToChallenge(server, alice);
  const cipher = new CryptCbc('blowfish', alice.privateKey);
  conn.write(cipher.encrypt(Buffer.from(crypto.createHash('md5').update(challenge).digest('hex'))), 'content-length');
  await assertClosedWithoutReply(conn);
});

test('an unknown reseller gets a challenge like anyone else, then a silent close: usernames are not revealed', async () => {
  const server = await door();
  const { conn, challenge } = await rawToChallenge(server, { username: 'nobody', privateKey: '' });
  assert.equal(challenge.length, 16);
  conn.write(new CryptCbc('blowfish', alice.privateKey).encrypt(crypto.createHash('md5').update(challenge).digest()), 'content-length');
  await assertClosedWithoutReply(conn);
});

test('an invalid crypt_type is refused with 400 "Invalid encryption method", unencrypted, then closed', async () => {
  const server = await door();
  await assert.rejects(connect(server, alice, { cryptType: 'rot13' as CryptType }), refusedWith(400, /^Invalid encryption method/));
  const { conn, challenge } = await rawToChallenge(server, alice, '');
  assert.equal(parseReply(challenge.toString()).responseCode, 400);
  await assertClosedWithoutReply(conn);
});

test('handshake messages out of order are refused with 400 and the connection closes', async () => {
  const server = await door();
  const conn = await XcpTcpConnection.connect('127.0.0.1', server.port);
  await conn.read();
  conn.write(XcpClient.envelope('DOMAIN', 'LOOKUP', { domain: 'example.com' }), 'content-length');
  const refusal = parseReply((await conn.read()).toString());
  assert.equal(refusal.responseCode, 400);
  assert.match(refusal.responseText, /expected CHECK VERSION/);
  await assertClosedWithoutReply(conn);
});

test('live mode: an address off the reseller\'s allow list gets 555 before any challenge; an allowed one gets in', async () => {
  const live = await newCore('live');
  const far = await reseller(live, 'faraway', ['10.20.30.40']);
  const near = await reseller(live, 'nearby', ['127.0.0.1']);
  const server = await door({}, live);
  await assert.rejects(connect(server, far), refusedWith(555, /^Access denied: invalid IP address$/));
  await assert.rejects(connect(server, { username: 'ghost', privateKey: far.privateKey }), refusedWith(555, /Access denied/));
  const c = await connect(server, near, { cryptType: 'des' });
  assert.equal((await c.call('DOMAIN', 'LOOKUP', { domain: freshName() })).responseCode, 210);
  await c.quit();
});

test('100 commands per connection, then 350 and the connection closes', async () => {
  const server = await door({ commandRatePerSecond: 0 });
  const c = await connect(server, alice);
  for (let i = 0; i < 100; i++) {
    const r = await c.call('DOMAIN', 'LOOKUP', { domain: 'takenexample.com' });
    assert.equal(r.responseCode, 211, `command ${i + 1}: ${r.responseText}`);
  }
  const over = await c.call('DOMAIN', 'LOOKUP', { domain: 'takenexample.com' });
  assert.equal(over.responseCode, 350);
  assert.equal(over.isSuccess, false);
  await assertClosedWithoutReply(c.connection);
  // A new connection starts a new count.
  const again = await connect(server, alice);
  assert.equal((await again.call('DOMAIN', 'LOOKUP', { domain: 'takenexample.com' })).responseCode, 211);
  again.close();
});

test('idle and unauthenticated connections are closed after the idle timeout', async () => {
  const server = await door({ idleTimeoutMs: 600 });
  const silent = await XcpTcpConnection.connect('127.0.0.1', server.port);
  await silent.read(); // the greeting, then we say nothing
  const t0 = Date.now();
  await assertClosedWithoutReply(silent);
  assert.ok(Date.now() - t0 < 3_000);
  // Talking, but never finishing the handshake, does not extend it.
  const { conn: stuck } = await rawToChallenge(server, alice);
  await assertClosedWithoutReply(stuck);
  // An authenticated session stays while busy, then closes once idle.
  const c = await connect(server, alice);
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await c.call('DOMAIN', 'LOOKUP', { domain: 'takenexample.com' })).responseCode, 211);
  }
  await assertClosedWithoutReply(c.connection);
});

test('310 past the simultaneous connections of a reseller; a slot frees when a connection closes', async () => {
  const server = await door({ maxConnectionsPerReseller: 2 });
  const c1 = await connect(server, alice);
  const c2 = await connect(server, alice, { cryptType: 'des' });
  await assert.rejects(connect(server, alice), refusedWith(310, /Exceeded max simultaneous connections/));
  // Another reseller is not affected.
  const b = await connect(server, bob);
  assert.equal((await b.call('DOMAIN', 'LOOKUP', { domain: 'takenexample.com' })).responseCode, 211);
  assert.equal((await c2.call('DOMAIN', 'LOOKUP', { domain: 'takenexample.com' })).responseCode, 211);
  await c1.quit();
  let c3: XcpTcpClient | undefined;
  for (let i = 0; i < 100 && !c3; i++) {
    try {
      c3 = await connect(server, alice);
    } catch (err) {
      if (!(err instanceof XcpTcpError) || err.code !== 310) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  assert.ok(c3, 'a slot came free');
  c2.close();
  c3.close();
  b.close();
});

test('300 past the command rate: the command is refused, the connection stays and recovers', async () => {
  const server = await door({ commandRatePerSecond: 2 });
  const c = await connect(server, alice);
  const codes: number[] = [];
  for (let i = 0; i < 10; i++) codes.push((await c.call('DOMAIN', 'LOOKUP', { domain: 'takenexample.com' })).responseCode);
  assert.deepEqual(codes.slice(0, 2), [211, 211]);
  assert.ok(codes.includes(300), `some commands are deferred: ${codes.join(',')}`);
  const refused = await c.call('DOMAIN', 'LOOKUP', { domain: 'takenexample.com' });
  if (refused.responseCode === 300) {
    assert.equal(refused.responseText, 'Exceeded max command rate');
    assert.equal(String(refused.raw.object), 'DOMAIN');
  }
  await new Promise((r) => setTimeout(r, 1_100));
  assert.equal((await c.call('DOMAIN', 'LOOKUP', { domain: 'takenexample.com' })).responseCode, 211);
  // The bucket is per reseller, shared by its connections.
  const c2 = await connect(server, alice);
  const burst = await Promise.all([0, 1, 2, 3, 4].map(() => c2.call('DOMAIN', 'LOOKUP', { domain: 'takenexample.com' }).then((r) => r.responseCode)));
  assert.ok(burst.includes(300), burst.join(','));
  c.close();
  c2.close();
});

test('garbage, a malformed frame or an over-limit length closes only that connection', async () => {
  // An over-limit length is answered (465) before the close: see xcpTcpHardening.e2e.test.ts.
  const server = await door({ maxMessageBytes: 60_000 });
  const survivor = await connect(server, alice);
  const probe = async () => assert.equal((await survivor.call('DOMAIN', 'LOOKUP', { domain: 'takenexample.com' })).responseCode, 211);

  const garbage = await connect(server, alice);
  garbage.connection.write(crypto.randomBytes(200), 'content-length');
  await assertClosedWithoutReply(garbage.connection);
  await probe();

  const badPadding = await connect(server, bob, { cryptType: 'des' });
  const msg = badPadding.cipher.encrypt(Buffer.from(XcpClient.envelope('DOMAIN', 'LOOKUP', { domain: 'x.com' })));
  badPadding.connection.write(Buffer.concat([msg.subarray(0, 16), crypto.randomBytes(msg.length - 16)]), 'content-length');
  await assertClosedWithoutReply(badPadding.connection);
  await probe();

  // Correctly encrypted, correctly padded, but not XML: what a wrong key decrypts to when the padding happens to pass.
  const notXmlInside = await connect(server, bob);
  notXmlInside.connection.write(notXmlInside.cipher.encrypt(crypto.randomBytes(40).fill(0x01, 0, 1)), 'content-length');
  await assertClosedWithoutReply(notXmlInside.connection);

  const otherKey = await connect(server, bob);
  otherKey.connection.write(new CryptCbc('blowfish', alice.privateKey).encrypt(Buffer.from('<x/>')), 'content-length');
  await assertClosedWithoutReply(otherKey.connection);

  const malformed = await connect(server, alice, { framing: 'content-length' });
  malformed.connection.writeRaw('Content-Type: text/xml\r\n\r\n<x/>');
  await assertClosedWithoutReply(malformed.connection);

  const tooLong = await connect(server, alice);
  tooLong.connection.writeRaw('Content-Length: 60001\r\n\r\n');
  assert.equal(parseReply(tooLong.cipher.decrypt(await tooLong.connection.read(5_000)).toString()).responseCode, 465);
  await assertClosedWithoutReply(tooLong.connection);

  const preAuth = await XcpTcpConnection.connect('127.0.0.1', server.port);
  await preAuth.read();
  preAuth.writeRaw(Buffer.from([0xff, 0xff, 0x00])); // a 65535-byte length prefix over the limit
  preAuth.readFramingFrom('length-prefix');
  assert.equal(parseReply((await preAuth.read()).toString()).responseCode, 465);
  await assertClosedWithoutReply(preAuth);

  const notXml = await XcpTcpConnection.connect('127.0.0.1', server.port);
  await notXml.read();
  notXml.write('this is not XML', 'content-length');
  assert.equal(parseReply((await notXml.read()).toString()).responseCode, 400);
  await assertClosedWithoutReply(notXml);

  await probe();
  // An OPS-level error inside the session is a normal reply, not a disconnect.
  const bad = await survivor.send('<not-ops/>');
  assert.equal(bad.responseCode, 400);
  await probe();
  await survivor.quit();
});

test('close() ends sessions and stops listening', async () => {
  const server = await startXcpTcp(core, { host: '127.0.0.1', port: 0 });
  const c = await connect(server, alice);
  const idle = await XcpTcpConnection.connect('127.0.0.1', server.port);
  await server.close();
  await c.connection.closed;
  await idle.closed;
  await assert.rejects(XcpTcpConnection.connect('127.0.0.1', server.port));
});

test('regd serve: the XCP over TCP door shares the core with XCP over HTTPS', async () => {
  const regd = await startRegd();
  try {
    assert.ok(regd.output.some((l) => /^listening: XCP over TCP on 127\.0\.0\.1:\d+$/.test(l)), regd.output.join('\n'));
    assert.ok(regd.xcpTcpPort > 0);
    const carol = await regd.createReseller('carol', '500');
    const name = freshName('net');
    for (const [cryptType, framing] of combos) {
      const c = await XcpTcpClient.connect({ host: '127.0.0.1', port: regd.xcpTcpPort, ...carol, cryptType, framing, timeoutMs: 10_000 });
      assert.equal((await c.call('DOMAIN', 'LOOKUP', { domain: name })).responseCode, cryptType === 'blowfish' && framing === 'content-length' ? 210 : 211);
      if (cryptType === 'blowfish' && framing === 'content-length') {
        const reg = await c.call('DOMAIN', 'SW_REGISTER', registerAttributes(name));
        assert.equal(reg.responseCode, 200, reg.responseText);
      }
      await c.quit();
    }
    // Registered over TCP, visible over HTTPS; the same balance on both.
    const https = regd.xcpClient(carol);
    const got = await https.call('DOMAIN', 'GET', { type: 'status' }, { domain: name });
    assert.equal(got.responseCode, 200, got.responseText);
    const tcp = await XcpTcpClient.connect({ host: '127.0.0.1', port: regd.xcpTcpPort, ...carol, cryptType: 'des' });
    assert.equal((await tcp.call('BALANCE', 'GET_BALANCE')).attributes.balance, (await https.call('BALANCE', 'GET_BALANCE')).attributes.balance);
    tcp.close();
  } finally {
    assert.equal(await regd.stop(), 0);
  }
});
