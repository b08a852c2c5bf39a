// The XCP/TCP listener's framing modes (framingMode.ts, `regd serve --xcp-tcp-framing`), in process on port 0:
// auto greets with Content-Length and follows the client; content-length and two-byte fix both directions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore } from '../src/app/openCore.ts';
import type { Core } from '../src/core/core.ts';
import { createReseller } from '../src/core/commands/resellers.ts';
import { startXcpTcp, type XcpTcpServer } from '../src/protocols/xcp/tcp/xcpTcpServer.ts';
import { XcpTcpClient, XcpTcpConnection } from '../src/client/xcpTcpClient.ts';
import { framingPlan, isXcpTcpFramingMode, XCP_TCP_FRAMING_MODES, type XcpTcpFramingMode } from '../src/protocols/xcp/tcp/framingMode.ts';
import type { XcpTcpFraming } from '../src/protocols/xcp/tcp/tcpFraming.ts';

let dir: string;
let core: Core;
let alice: { username: string; privateKey: string };
const servers: XcpTcpServer[] = [];

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-framing-mode-'));
  core = await openCore({ dataDir: dir, mode: 'sandbox' });
  const { reseller } = await createReseller(core, { username: 'alice', fundsMinor: 100_000 });
  alice = { username: reseller.username, privateKey: reseller.privateKey };
});

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await core.db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function door(framing?: XcpTcpFramingMode): Promise<XcpTcpServer> {
  const s = await startXcpTcp(core, { host: '127.0.0.1', port: 0, framing });
  servers.push(s);
  return s;
}

/** Runs the handshake and one command; resolves to the LOOKUP code, rejects if the session fails. */
async function session(server: XcpTcpServer, framing: XcpTcpFraming, greetingFraming: XcpTcpFraming): Promise<number> {
  const c = await XcpTcpClient.connect({ host: '127.0.0.1', port: server.port, ...alice, framing, greetingFraming, timeoutMs: 2_000 });
  try {
    return (await c.call('DOMAIN', 'LOOKUP', { domain: 'framing-mode-test.com' })).responseCode;
  } finally {
    c.close();
  }
}

const greetingStart = async (server: XcpTcpServer): Promise<string> => {
  const conn = await XcpTcpConnection.connect('127.0.0.1', server.port);
  const raw = await new Promise<Buffer>((resolve) => conn.socket.once('data', resolve));
  conn.close();
  return raw.toString('latin1', 0, 16);
};

test('the plan of each mode: greeting framing, and reading fixed or detected', () => {
  assert.deepEqual([...XCP_TCP_FRAMING_MODES], ['auto', 'content-length', 'two-byte']);
  assert.deepEqual(framingPlan('auto'), { greeting: 'content-length', read: undefined });
  assert.deepEqual(framingPlan('content-length'), { greeting: 'content-length', read: 'content-length' });
  assert.deepEqual(framingPlan('two-byte'), { greeting: 'length-prefix', read: 'length-prefix' });
  assert.equal(isXcpTcpFramingMode('two-byte'), true);
  assert.equal(isXcpTcpFramingMode('length-prefix'), false);
});

test('auto (the default): Content-Length greeting, then either framing', async () => {
  const server = await door();
  assert.match(await greetingStart(server), /^Content-Length: /);
  assert.equal(await session(server, 'content-length', 'content-length'), 210);
  assert.equal(await session(server, 'length-prefix', 'content-length'), 210);
});

test('content-length: Content-Length only; a 2-byte-length client is dropped', async () => {
  const server = await door('content-length');
  assert.match(await greetingStart(server), /^Content-Length: /);
  assert.equal(await session(server, 'content-length', 'content-length'), 210);
  await assert.rejects(session(server, 'length-prefix', 'content-length'));
});

test('two-byte: the greeting and everything after in 2-byte length framing; a Content-Length client is dropped', async () => {
  const server = await door('two-byte');
  assert.doesNotMatch(await greetingStart(server), /^Content-Length/);
  assert.equal(await session(server, 'length-prefix', 'length-prefix'), 210);
  await assert.rejects(session(server, 'content-length', 'length-prefix'));
  await assert.rejects(session(server, 'length-prefix', 'content-length'));
});
