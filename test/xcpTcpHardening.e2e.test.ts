// Issue 14 finding 7: the legacy TCP door used to drop a message over its size limit silently. Now it answers with
// an OPS error reply (465, saying what the limit is), then closes: in plain text before the session is established,
// encrypted like every other reply after it, and in the framing the client uses. Replies stay in order when the
// oversized message was pipelined behind a command, and only that connection is affected.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore } from '../src/app/openCore.ts';
import type { Core } from '../src/core/core.ts';
import { createReseller } from '../src/core/commands/resellers.ts';
import { startXcpTcp, type XcpTcpServer } from '../src/protocols/xcp/tcp/xcpTcpServer.ts';
import { XcpTcpClient, XcpTcpConnection, XcpTcpError } from '../src/client/xcpTcpClient.ts';
import { XcpClient, parseReply, type XcpReply } from '../src/client/xcpClient.ts';
import { encodeFrame } from '../src/protocols/xcp/tcp/tcpFraming.ts';

const LIMIT = 60_000;

let dir: string;
let core: Core;
let server: XcpTcpServer;
let alice: { username: string; privateKey: string };

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-xcptcp-hardening-'));
  core = await openCore({ dataDir: dir, mode: 'sandbox' });
  const { reseller } = await createReseller(core, { username: 'alice', fundsMinor: 100_000 });
  alice = { username: reseller.username, privateKey: reseller.privateKey };
  server = await startXcpTcp(core, { host: '127.0.0.1', port: 0, maxMessageBytes: LIMIT });
});
after(async () => {
  await server.close();
  await core.db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const connect = () => XcpTcpClient.connect({ host: '127.0.0.1', port: server.port, ...alice, timeoutMs: 5_000 });

function assertTooLarge(r: XcpReply): void {
  assert.equal(r.responseCode, 465, r.responseText);
  assert.equal(r.isSuccess, false);
  assert.match(r.responseText, new RegExp(`exceeds the limit of ${LIMIT} bytes`));
}

/** After the error reply the server hangs up. */
async function assertClosed(conn: XcpTcpConnection): Promise<void> {
  await assert.rejects(conn.read(5_000), (err: unknown) => err instanceof XcpTcpError && err.code === undefined && /closed/.test(err.message));
}

async function assertDoorServes(): Promise<void> {
  const c = await connect();
  assert.equal((await c.call('DOMAIN', 'LOOKUP', { domain: 'takenexample.com' })).responseCode, 211);
  await c.quit();
}

test('before the handshake: a plain OPS error reply, then close (Content-Length framing)', async () => {
  const conn = await XcpTcpConnection.connect('127.0.0.1', server.port);
  await conn.read(5_000); // the greeting
  conn.writeRaw(`Content-Length: ${LIMIT + 1}\r\n\r\n`);
  assertTooLarge(parseReply((await conn.read(5_000)).toString('utf8')));
  await assertClosed(conn);
  await assertDoorServes();
});

test('before the handshake: the reply comes in the 2-byte length framing the client used', async () => {
  const conn = await XcpTcpConnection.connect('127.0.0.1', server.port);
  await conn.read(5_000);
  conn.readFramingFrom('length-prefix');
  conn.writeRaw(Buffer.from([0xff, 0xff, 0x3c])); // 65535 bytes announced
  assertTooLarge(parseReply((await conn.read(5_000)).toString('utf8')));
  await assertClosed(conn);
});

test('while the challenge is outstanding: still plain', async () => {
  const conn = await XcpTcpConnection.connect('127.0.0.1', server.port);
  await conn.read(5_000);
  conn.write(XcpClient.envelope('VERSION', 'CHECK', { sender: 'OpenSRS CLIENT', version: 'XML:0.1', state: 'ready' }), 'content-length');
  conn.write(XcpClient.envelope('USER', 'AUTHENTICATE', { crypt_type: 'blowfish', username: alice.username, password: alice.username }), 'content-length');
  await conn.read(5_000); // the challenge
  conn.writeRaw(`Content-Length: ${LIMIT + 1}\r\n\r\n`);
  assertTooLarge(parseReply((await conn.read(5_000)).toString('utf8')));
  await assertClosed(conn);
});

test('in an established session: the error reply is encrypted like every reply, then close', async () => {
  const c = await connect();
  c.connection.writeRaw(`Content-Length: ${LIMIT + 1}\r\n\r\n`);
  const reply = parseReply(c.cipher.decrypt(await c.connection.read(5_000)).toString('utf8'));
  assertTooLarge(reply);
  await assertClosed(c.connection);
  await assertDoorServes();
});

test('pipelined behind a command: that command is answered first, then the error, then close', async () => {
  const c = await connect();
  const lookup = c.cipher.encrypt(Buffer.from(XcpClient.envelope('DOMAIN', 'LOOKUP', { domain: 'takenexample.com' }), 'utf8'));
  c.connection.writeRaw(Buffer.concat([encodeFrame('content-length', lookup), Buffer.from(`Content-Length: ${LIMIT + 1}\r\n\r\n`)]));
  const first = parseReply(c.cipher.decrypt(await c.connection.read(5_000)).toString('utf8'));
  assert.equal(first.responseCode, 211, first.responseText);
  assertTooLarge(parseReply(c.cipher.decrypt(await c.connection.read(5_000)).toString('utf8')));
  await assertClosed(c.connection);
});

test('a message at the limit is still served', async () => {
  const c = await connect();
  // Padding inside the XML: the encrypted frame (RandomIV header + padded ciphertext) must stay within the limit.
  const body = XcpClient.envelope('DOMAIN', 'LOOKUP', { domain: 'takenexample.com' });
  const padded = body.replace('<OPS_envelope>', `<!--${'x'.repeat(LIMIT - body.length - 64)}--><OPS_envelope>`);
  const frame = c.cipher.encrypt(Buffer.from(padded, 'utf8'));
  assert.ok(frame.length <= LIMIT && frame.length > LIMIT - 200, `${frame.length}`);
  assert.equal((await c.send(padded)).responseCode, 211);
  await c.quit();
});
