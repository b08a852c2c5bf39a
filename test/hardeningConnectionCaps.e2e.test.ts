// Issue 14 finding 6: every door caps open connections per remote address (and in total), refusing the next one with
// its protocol's own answer (HTTPS: 503 with Retry-After, XCP's body an OPS 310; EPP over TLS: a schema-valid 2502
// response where the greeting would be; XCP over TCP: a plain OPS 310 instead of the greeting), then closing; a slot
// frees when a connection closes. A connection that never sends its request headers / never logs in is cut after
// the short pre-login timeout (--prelogin-timeout), not after the 30-60 s it used to get.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import tls from 'node:tls';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { rawTlsExchange, splitHttp } from './support/rawTls.ts';
import { loginXml, parseResponse } from './support/eppHarness.ts';
import { XcpTcpClient, XcpTcpConnection } from '../src/client/xcpTcpClient.ts';
import { parseReply } from '../src/client/xcpClient.ts';
import type { EppTlsClient } from '../src/client/eppClient.ts';

const CAP = 3;
const PRELOGIN_S = 1.5;

let server: RegdServer;
let alice: ResellerCredentials;

before(async () => {
  server = await startRegd({ extraArgs: ['--max-connections-per-address', String(CAP), '--prelogin-timeout', String(PRELOGIN_S)] });
  alice = await server.createReseller('alice', '1000');
});
after(async () => { await server.stop(); });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries `attempt` until it stops throwing (the server sees a client's close a moment after the client does). */
async function eventually<T>(attempt: () => Promise<T>, ms = 5_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() > until) throw err;
      await sleep(100);
    }
  }
}

/** An HTTPS keep-alive connection that has had one request answered (so the header timeout no longer applies). */
interface HeldTls { socket: tls.TLSSocket; data(): string; closed: Promise<void> }
function openTls(port: number): Promise<HeldTls> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false });
    const chunks: Buffer[] = [];
    const closed = new Promise<void>((r) => socket.on('close', () => r()));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.once('error', reject);
    socket.once('secureConnect', () => resolve({ socket, data: () => Buffer.concat(chunks).toString('utf8'), closed }));
  });
}

async function heldHttps(port: number): Promise<HeldTls> {
  const c = await openTls(port);
  c.socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n');
  const until = Date.now() + 5_000;
  while (!/^HTTP\/1\.1 \d{3} /.test(c.data()) || !c.data().includes('\r\n\r\n')) {
    if (Date.now() > until) throw new Error(`no reply: ${c.data()}`);
    await sleep(20);
  }
  assert.match(c.data(), /Connection: keep-alive/);
  return c;
}

async function assertHttpsRefused(port: number): Promise<ReturnType<typeof splitHttp>> {
  const raw = await rawTlsExchange(port, '', { timeoutMs: 5_000 });
  const res = splitHttp(raw);
  assert.equal(res.statusLine, 'HTTP/1.1 503 Service Unavailable', raw);
  assert.equal(res.headers.get('retry-after'), '5');
  assert.equal(res.headers.get('connection'), 'close');
  return res;
}

for (const door of ['xcp', 'http'] as const) {
  test(`HTTPS (${door === 'xcp' ? 'XCP' : 'EPP'} door): the ${CAP + 1}th connection from one address gets 503 with Retry-After; a slot frees on close`, async () => {
    const port = door === 'xcp' ? server.xcpPort : server.httpPort;
    const held: HeldTls[] = [];
    for (let i = 0; i < CAP; i++) held.push(await heldHttps(port));
    const refused = await assertHttpsRefused(port);
    if (door === 'xcp') {
      const reply = parseReply(refused.body);
      assert.equal(reply.responseCode, 310, refused.body);
      assert.match(reply.responseText, /Exceeded max simultaneous connections/);
    }
    // The held connections still work.
    held[1].socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n');
    await eventually(async () => assert.equal(held[1].data().match(/HTTP\/1\.1 \d{3} /g)?.length, 2));
    held[0].socket.destroy();
    await held[0].closed;
    const again = await eventually(() => heldHttps(port));
    for (const c of [...held, again]) c.socket.destroy();
    await Promise.all([...held, again].map((c) => c.closed));
  });
}

test(`EPP over TLS: the ${CAP + 1}th connection gets a schema-valid 2502 response instead of the greeting, then close`, async () => {
  const held: EppTlsClient[] = [];
  for (let i = 0; i < CAP; i++) {
    const c = await server.eppTls();
    assert.equal(parseResponse(await c.command(loginXml(alice.username, alice.password))).code, 1000);
    held.push(c);
  }
  const refused = await server.eppTls();
  const r = parseResponse(refused.greeting); // validates against the EPP schemas
  assert.equal(r.code, 2502, refused.greeting);
  assert.match(r.msg, /Session limit exceeded; server closing connection/);
  await Promise.race([refused.closed, sleep(5_000).then(() => assert.fail('the refused connection stayed open'))]);
  held[0].socket.destroy();
  await held[0].closed;
  const again = await eventually(async () => {
    const c = await server.eppTls();
    if (!/<greeting>/.test(c.greeting)) { c.socket.destroy(); throw new Error(`refused again: ${c.greeting}`); }
    return c;
  });
  for (const c of [...held, again]) c.socket.destroy();
  await Promise.all([...held, again].map((c) => c.closed));
});

test(`XCP over TCP: the ${CAP + 1}th connection gets a plain OPS 310 instead of the greeting, then close`, async () => {
  const connect = () => XcpTcpClient.connect({ host: '127.0.0.1', port: server.xcpTcpPort, ...alice, timeoutMs: 5_000 });
  const held: XcpTcpClient[] = [];
  for (let i = 0; i < CAP; i++) held.push(await connect());
  const raw = await XcpTcpConnection.connect('127.0.0.1', server.xcpTcpPort);
  const reply = parseReply((await raw.read(5_000)).toString('utf8'));
  assert.equal(reply.responseCode, 310, reply.responseText);
  assert.match(reply.responseText, /Exceeded max simultaneous connections/);
  await Promise.race([raw.closed, sleep(5_000).then(() => assert.fail('the refused connection stayed open'))]);
  // The client library reports the refusal with its code.
  await assert.rejects(connect(), (err: unknown) => (err as { code?: number }).code === 310);
  // The held sessions still work.
  assert.equal((await held[2].call('DOMAIN', 'LOOKUP', { domain: 'takenexample.com' })).responseCode, 211);
  await held[0].quit();
  const again = await eventually(connect);
  assert.equal((await again.call('DOMAIN', 'LOOKUP', { domain: 'takenexample.com' })).responseCode, 211);
  for (const c of [...held.slice(1), again]) c.close();
  await Promise.all([...held, again].map((c) => c.connection.closed));
});

test('pre-login timeout: HTTPS without (complete) headers, EPP without login, XCP/TCP without handshake are cut in about 1.5 s', async () => {
  const t0 = Date.now();
  const [silentHttps, partialHttps, eppSilent, tcpSilent] = await Promise.all([
    openTls(server.xcpPort),
    openTls(server.httpPort),
    server.eppTls(),
    XcpTcpConnection.connect('127.0.0.1', server.xcpTcpPort),
  ]);
  partialHttps.socket.write('POST /epp HTTP/1.1\r\nHost: x\r\n'); // never finishes its headers
  await tcpSilent.read(5_000); // the greeting; then nothing
  await Promise.race([
    Promise.all([silentHttps.closed, partialHttps.closed, eppSilent.closed, tcpSilent.closed]),
    sleep(8_000).then(() => assert.fail('a connection outlived the pre-login timeout')),
  ]);
  const took = Date.now() - t0;
  assert.ok(took >= PRELOGIN_S * 1000 - 200, `closed after ${took} ms`);
  assert.equal(silentHttps.data(), '');
  assert.match(partialHttps.data(), /^HTTP\/1\.1 408 Request Timeout\r\n/);
  // Once its request has been answered, a keep-alive connection falls under the (longer) idle timeout instead.
  const kept = await heldHttps(server.xcpPort);
  await sleep(PRELOGIN_S * 1000 + 1_000);
  assert.equal(kept.socket.destroyed, false);
  kept.socket.destroy();
});
