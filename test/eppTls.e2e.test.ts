// EPP over TLS (RFC 5734) against a real `regd serve`: greeting, framing across TCP reads, login rules, session cap,
// frame limits, timeouts, client-certificate pinning and logout. Every response is checked against the schemas.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { eppCommand, loginXml, parseResponse } from './support/eppHarness.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import { encodeFrame } from '../src/protocols/epp/transport/eppFraming.ts';
import type { EppTlsClient } from '../src/client/eppClient.ts';

const HELLO = `<?xml version="1.0" encoding="UTF-8"?><epp xmlns="${NS.epp}"><hello/></epp>`;
const CHECK = eppCommand(`<check><domain:check xmlns:domain="${NS.domain}"><domain:name>example-tls.com</domain:name></domain:check></check>`);

let server: RegdServer;
/** Short timeouts, on their own server so they cannot cut the other tests short. */
let quick: RegdServer;
let alice: ResellerCredentials;
let bob: ResellerCredentials;
let carol: ResellerCredentials;
let dave: ResellerCredentials;

before(async () => {
  [server, quick] = await Promise.all([
    startRegd({ extraArgs: ['--epp-max-sessions', '2'] }),
    startRegd({ extraArgs: ['--epp-prelogin-timeout', '1', '--epp-idle-timeout', '3'] }),
  ]);
  // One at a time per server: concurrent CLI runs on one SQLite file can time out on its lock on a busy machine.
  [[alice, bob, dave], carol] = await Promise.all([
    (async () => [await server.createReseller('alice', '1000'), await server.createReseller('bob', '10'), await server.createReseller('dave', '10')])(),
    quick.createReseller('carol', '10'),
  ]);
});
after(async () => { await Promise.all([server.stop(), quick.stop()]); });

const send = async (c: EppTlsClient, xml: string | Buffer) => parseResponse(await c.command(xml));
const isGreeting = (xml: string) => parseResponse(xml).root.children[0]?.name === 'greeting';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves true if the server closes the connection within ms. */
async function closesWithin(c: EppTlsClient, ms: number): Promise<boolean> {
  return Promise.race([c.closed.then(() => true), sleep(ms).then(() => false)]);
}

async function loggedIn(s: RegdServer, r: ResellerCredentials, tlsOpts?: { cert?: string; key?: string }): Promise<EppTlsClient> {
  const c = await s.eppTls(tlsOpts);
  const login = await send(c, loginXml(r.username, r.password));
  assert.equal(login.code, 1000, login.xml);
  return c;
}

test('the server sends a schema-valid greeting on connect and answers <hello>', async () => {
  assert.ok(server.eppPort > 0);
  assert.ok(server.output.some((l) => l === `listening: EPP over TLS on 127.0.0.1:${server.eppPort}`), server.output.join('\n'));
  const c = await server.eppTls();
  assert.ok(isGreeting(c.greeting), c.greeting);
  assert.ok(isGreeting(await c.command(HELLO)));
  await c.close();
});

test('login works; a frame split byte by byte and two frames in one write are each answered once, in order', async () => {
  const c = await server.eppTls();
  const login = encodeFrame(loginXml(alice.username, alice.password));
  // Byte by byte, with pauses so each byte is its own TLS record and TCP read on the server.
  const loginReply = c.nextFrame();
  for (const [i, b] of [...login].entries()) {
    c.sendRaw(Buffer.from([b]));
    if (i < 40 || i % 50 === 0) await sleep(2);
  }
  assert.equal(parseResponse(await loginReply).code, 1000);
  const merged = c.nextFrame().then(async (first) => [first, await c.nextFrame()]);
  c.sendRaw(Buffer.concat([encodeFrame(HELLO), encodeFrame(CHECK)]));
  const [first, second] = await merged;
  assert.ok(isGreeting(first!));
  assert.notEqual(parseResponse(second!).code, 2002, second);
  assert.equal((await send(c, eppCommand('<logout/>'))).code, 1500);
  await c.closed;
});

test('commands before login get 2002 and the connection stays open', async () => {
  const c = await server.eppTls();
  assert.equal((await send(c, CHECK)).code, 2002);
  assert.equal((await send(c, eppCommand('<logout/>'))).code, 2002);
  assert.equal((await send(c, loginXml(alice.username, alice.password))).code, 1000);
  await c.close();
});

test('three wrong passwords: 2200, 2200, then 2501 and the server closes the connection', async () => {
  const c = await server.eppTls();
  assert.equal((await send(c, loginXml(alice.username, 'wrong-1'))).code, 2200);
  assert.equal((await send(c, loginXml(alice.username, 'wrong-2'))).code, 2200);
  assert.equal((await send(c, loginXml(alice.username, 'wrong-3'))).code, 2501);
  assert.ok(await closesWithin(c, 5_000), 'connection still open after 2501');
});

test('the session cap per reseller gives 2502 and closes; a closed session frees its slot', async () => {
  const one = await loggedIn(server, bob);
  const two = await loggedIn(server, bob);
  const three = await server.eppTls();
  assert.equal((await send(three, loginXml(bob.username, bob.password))).code, 2502);
  assert.ok(await closesWithin(three, 5_000), 'connection still open after 2502');
  // Another reseller is not affected by bob's cap.
  const other = await loggedIn(server, alice);
  await other.close();
  await one.close();
  // The slot is freed when the server sees the close; give it a moment.
  let code = 0;
  for (let i = 0; i < 20 && code !== 1000; i++) {
    const again = await server.eppTls();
    code = (await send(again, loginXml(bob.username, bob.password))).code;
    if (code !== 1000) await sleep(100);
  }
  assert.equal(code, 1000);
  await two.close();
});

test('an oversize frame closes only that connection', async () => {
  const bystander = await loggedIn(server, alice);
  const bad = await server.eppTls();
  const header = Buffer.alloc(4);
  header.writeUInt32BE(2 * 1024 * 1024); // 2 MiB announced; the limit is 1 MiB
  const reply = bad.nextFrame();
  bad.sendRaw(header);
  const r = parseResponse(await reply);
  assert.equal(r.code, 2500);
  assert.match(r.msg, /exceeds the limit/);
  assert.ok(await closesWithin(bad, 5_000), 'connection still open after an oversize frame');
  // A length below the header size is just as unreadable.
  const tiny = await server.eppTls();
  tiny.sendRaw(Buffer.from([0, 0, 0, 2]));
  assert.ok(await closesWithin(tiny, 5_000));
  assert.ok(isGreeting(await bystander.command(HELLO)));
  assert.notEqual((await send(bystander, CHECK)).code, 2002);
  await bystander.close();
  const fresh = await server.eppTls();
  assert.ok(isGreeting(fresh.greeting));
  await fresh.close();
});

test('no login within the pre-login timeout closes the connection', async () => {
  const c = await quick.eppTls();
  const started = Date.now();
  assert.ok(isGreeting(await c.command(HELLO))); // activity does not extend the pre-login allowance
  assert.ok(await closesWithin(c, 5_000), 'connection still open after the pre-login timeout');
  assert.ok(Date.now() - started >= 800, `closed too early (${Date.now() - started} ms)`);
});

test('after login the pre-login timeout no longer applies; an idle connection is closed', async () => {
  const c = await loggedIn(quick, carol);
  await sleep(1_300); // past the 1 s pre-login timeout, well within the 3 s idle timeout
  assert.ok(isGreeting(await c.command(HELLO)));
  const idleFrom = Date.now();
  assert.ok(await closesWithin(c, 8_000), 'connection still open after the idle timeout');
  assert.ok(Date.now() - idleFrom >= 2_500, `closed too early (${Date.now() - idleFrom} ms)`);
});

test('a reseller pinned to a certificate logs in only with that client certificate', async () => {
  const [pinned, other] = await Promise.all([clientCert('dave'), clientCert('mallory')]);
  const fingerprint = new X509Certificate(pinned.cert).fingerprint256; // "AB:CD:..." as openssl prints it
  const out = JSON.parse(await server.cli('reseller', 'epp-cert', 'dave', '--sha256', fingerprint, '--json'));
  assert.equal(out.eppCertSha256, fingerprint.replace(/:/g, '').toLowerCase());

  const noCert = await server.eppTls();
  const refused = await send(noCert, loginXml(dave.username, dave.password));
  assert.equal(refused.code, 2200);
  assert.match(refused.msg, /certificate/);
  await noCert.close();
  const wrongCert = await server.eppTls(other);
  assert.equal((await send(wrongCert, loginXml(dave.username, dave.password))).code, 2200);
  await wrongCert.close();
  const withCert = await loggedIn(server, dave, pinned);
  assert.equal((await send(withCert, eppCommand('<logout/>'))).code, 1500);

  // Other resellers may present any certificate.
  const alicesCert = await loggedIn(server, alice, other);
  await alicesCert.close();
  // Clearing the pin lets dave in without a certificate again.
  await server.cli('reseller', 'epp-cert', 'dave', '--clear');
  const cleared = await loggedIn(server, dave);
  await cleared.close();
  await assert.rejects(server.cli('reseller', 'epp-cert', 'dave', '--sha256', 'abc'), /64 hex digits/);
  await assert.rejects(server.cli('reseller', 'epp-cert', 'dave'), /exactly one of/);
  await assert.rejects(server.cli('reseller', 'epp-cert', 'nobody', '--clear'), /not found/);
});

test('logout answers 1500 and then the server closes the connection', async () => {
  const c = await loggedIn(server, alice);
  const r = await send(c, eppCommand('<logout/>'));
  assert.equal(r.code, 1500);
  assert.ok(await closesWithin(c, 5_000), 'connection still open after logout');
});

async function clientCert(cn: string): Promise<{ cert: string; key: string }> {
  const pems = await generate([{ name: 'commonName', value: cn }], {
    keyType: 'ec', curve: 'P-256', algorithm: 'sha256',
    extensions: [{ name: 'basicConstraints', cA: false }, { name: 'extKeyUsage', clientAuth: true }],
  });
  return { cert: pems.cert, key: pems.private };
}
