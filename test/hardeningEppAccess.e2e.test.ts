// Issue 14 finding 1: in live mode every door applies the reseller's source-address allow list, EPP included. A
// reseller allowed only from elsewhere is refused at EPP login over TLS and over HTTPS (2200, saying why) and cannot
// get a session; one allowed from 127.0.0.1 logs in on both. The XCP doors keep their own codes (410, 555).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { eppCommand, loginXml, parseResponse } from './support/eppHarness.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import { parseReply } from '../src/client/xcpClient.ts';
import { XcpTcpClient, XcpTcpError } from '../src/client/xcpTcpClient.ts';

const CHECK = eppCommand(`<check><domain:check xmlns:domain="${NS.domain}"><domain:name>allow-list-check.com</domain:name></domain:check></check>`);

let server: RegdServer;
let walled: ResellerCredentials;
let unlisted: ResellerCredentials;
let insider: ResellerCredentials;

before(async () => {
  server = await startRegd({ mode: 'live' });
  // One at a time: concurrent CLI runs on one SQLite file can time out on its lock on a busy machine.
  walled = await server.createReseller('walled', '1000', ['--allow-ip', '10.9.9.9']);
  unlisted = await server.createReseller('unlisted', '1000');
  insider = await server.createReseller('insider', '1000', ['--allow-ip', '10.9.9.9', '--allow-ip', '127.0.0.1']);
});
after(async () => { await server.stop(); });

test('EPP over TLS: a login from an address not on the allow list is refused', async () => {
  for (const who of [walled, unlisted]) {
    const c = await server.eppTls();
    const login = parseResponse(await c.command(loginXml(who.username, who.password)));
    assert.equal(login.code, 2200, login.xml);
    assert.match(login.msg, /address .*not allowed/i);
    // No session came of it.
    assert.equal(parseResponse(await c.command(CHECK)).code, 2002);
    await c.close();
  }
});

test('EPP over HTTPS: a login from an address not on the allow list is refused and sets no cookie', async () => {
  for (const who of [walled, unlisted]) {
    const c = server.eppHttps();
    const login = parseResponse(await c.command(loginXml(who.username, who.password)));
    assert.equal(login.code, 2200, login.xml);
    assert.match(login.msg, /address .*not allowed/i);
    assert.equal(c.sessionId, undefined);
    assert.equal(parseResponse(await c.command(CHECK)).code, 2002);
  }
});

test('a wrong password from a refused address still reads as a wrong password', async () => {
  const c = await server.eppTls();
  const login = parseResponse(await c.command(loginXml(walled.username, 'not-the-password')));
  assert.equal(login.code, 2200);
  assert.doesNotMatch(login.msg, /address/);
  await c.close();
});

test('a reseller allowed from 127.0.0.1 logs in and works over both EPP doors', async () => {
  const tls = await server.eppTls();
  assert.equal(parseResponse(await tls.command(loginXml(insider.username, insider.password))).code, 1000);
  assert.equal(parseResponse(await tls.command(CHECK)).code, 1000);
  await tls.close();
  const https = server.eppHttps();
  assert.equal(parseResponse(await https.command(loginXml(insider.username, insider.password))).code, 1000);
  assert.ok(https.sessionId);
  assert.equal(parseResponse(await https.command(CHECK)).code, 1000);
});

/** One EPP-over-HTTPS POST sent from another loopback address (127.0.0.2 reaches a server on 127.0.0.1 on Linux). */
function postFrom(localAddress: string, xml: string, cookie: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = https.request({
      host: '127.0.0.1', port: server.httpPort, method: 'POST', path: '/epp', localAddress, ca: server.caPem,
      headers: { 'Content-Type': 'application/epp+xml', 'Content-Length': Buffer.byteLength(xml), Cookie: `session_id=${cookie}` },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('error', reject);
    req.end(xml);
  });
}

test('EPP over HTTPS: a session cookie used from an address not on the list ends the session', async () => {
  const c = server.eppHttps();
  assert.equal(parseResponse(await c.command(loginXml(insider.username, insider.password))).code, 1000);
  const cookie = c.sessionId!;
  const stolen = parseResponse(await postFrom('127.0.0.2', CHECK, cookie));
  assert.equal(stolen.code, 2501, stolen.xml);
  assert.match(stolen.msg, /address .*not allowed/i);
  // The session is gone for its owner too.
  assert.equal(parseResponse((await c.post(CHECK, cookie)).body).code, 2002);
});

test('the XCP doors keep their codes: 410 over HTTPS, 555 over TCP', async () => {
  const res = await server.xcpClient(walled).post(
    '<?xml version="1.0"?><OPS_envelope><header><version>0.9</version></header><body><data_block><dt_assoc>' +
    '<item key="protocol">XCP</item><item key="object">DOMAIN</item><item key="action">LOOKUP</item>' +
    '<item key="attributes"><dt_assoc><item key="domain">example.com</item></dt_assoc></item></dt_assoc></data_block></body></OPS_envelope>');
  assert.equal(res.status, 401);
  assert.equal(parseReply(res.body).responseCode, 410);
  assert.equal((await server.xcpClient(insider).call('DOMAIN', 'LOOKUP', { domain: 'example.com' })).responseCode, 210);

  await assert.rejects(
    XcpTcpClient.connect({ host: '127.0.0.1', port: server.xcpTcpPort, ...walled, timeoutMs: 5_000 }),
    (err: unknown) => err instanceof XcpTcpError && err.code === 555,
  );
  const tcp = await XcpTcpClient.connect({ host: '127.0.0.1', port: server.xcpTcpPort, ...insider, timeoutMs: 5_000 });
  assert.equal((await tcp.call('DOMAIN', 'LOOKUP', { domain: 'example.com' })).responseCode, 210);
  await tcp.quit();
});
