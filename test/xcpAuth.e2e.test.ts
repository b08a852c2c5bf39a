// Authentication and HTTP framing of XCP over HTTPS, against a real `regd serve`.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { rawTlsExchange, splitHttp } from './support/rawTls.ts';
import { XcpClient, parseReply } from '../src/client/xcpClient.ts';
import { computeXcpSignature } from '../src/protocols/xcp/xcpSignature.ts';

let server: RegdServer;
let alice: ResellerCredentials;
before(async () => { server = await startRegd(); alice = await server.createReseller('alice', '100'); });
after(async () => { await server.stop(); });

const lookupXml = (domain: string, quote = "'") =>
  `<?xml version=${quote}1.0${quote} encoding=${quote}UTF-8${quote} standalone=${quote}no${quote} ?>\n<!DOCTYPE OPS_envelope SYSTEM ${quote}ops.dtd${quote}>\n` +
  `<OPS_envelope><header><version>0.9</version></header><body><data_block><dt_assoc>` +
  `<item key="protocol">XCP</item><item key="object">DOMAIN</item><item key="action">LOOKUP</item>` +
  `<item key="attributes"><dt_assoc><item key="domain">${domain}</item></dt_assoc></item></dt_assoc></data_block></body></OPS_envelope>`;

function rawPost(target: string, version: string, body: string, user: string, key: string, extraHeaders = ''): string {
  const bytes = Buffer.from(body, 'utf8');
  return `POST ${target} HTTP/${version}\r\nContent-Type: text/xml\r\nX-Username: ${user}\r\n` +
    `X-Signature: ${computeXcpSignature(bytes, key)}\r\nContent-Length: ${bytes.length}\r\n${extraHeaders}\r\n${body}`;
}

test('HTTP/1.0 without a Host header gets "HTTP/1.1 200 OK" with Content-Length and an OPS reply', async () => {
  const raw = await rawTlsExchange(server.xcpPort, rawPost('/', '1.0', lookupXml('available-example.com'), alice.username, alice.privateKey));
  const res = splitHttp(raw);
  assert.equal(res.statusLine, 'HTTP/1.1 200 OK');
  assert.equal(Number(res.headers.get('content-length')), Buffer.byteLength(res.body));
  const reply = parseReply(res.body);
  assert.equal(reply.responseCode, 210);
  assert.equal(reply.raw.action, 'REPLY');
  assert.equal(reply.raw.protocol, 'XCP');
  assert.equal(reply.raw.is_success, '1');
});

test('any request target is accepted: /resellers/ and a bare host name', async () => {
  for (const target of ['/resellers/', 'horizon.opensrs.net', 'https://example.net:55443/']) {
    const raw = await rawTlsExchange(server.xcpPort,
      rawPost(target, '1.1', lookupXml('taken.com', '"'), alice.username, alice.privateKey, 'Connection: close\r\n'));
    const res = splitHttp(raw);
    assert.equal(res.statusLine, 'HTTP/1.1 200 OK', target);
    assert.equal(parseReply(res.body).responseCode, 211, target);
  }
});

test('wrong signature, unknown reseller and missing headers get HTTP 401', async () => {
  const body = lookupXml('example.com');
  const badSig = await rawTlsExchange(server.xcpPort, rawPost('/', '1.0', body, alice.username, 'f'.repeat(112)));
  assert.match(splitHttp(badSig).statusLine, /^HTTP\/1\.1 401 /);
  assert.equal(parseReply(splitHttp(badSig).body).responseCode, 410);
  const unknown = await rawTlsExchange(server.xcpPort, rawPost('/', '1.0', body, 'nobody', alice.privateKey));
  assert.match(splitHttp(unknown).statusLine, /^HTTP\/1\.1 401 /);
  const bytes = Buffer.byteLength(body);
  const missing = await rawTlsExchange(server.xcpPort, `POST / HTTP/1.0\r\nContent-Length: ${bytes}\r\n\r\n${body}`);
  assert.match(splitHttp(missing).statusLine, /^HTTP\/1\.1 401 /);
});

test('a signature over different bytes than were sent is refused (the exact body is signed)', async () => {
  const c = new XcpClient({ host: '127.0.0.1', port: server.xcpPort, username: alice.username, privateKey: alice.privateKey });
  try {
    const body = lookupXml('example.com');
    const res = await c.post(body + ' ', { 'X-Signature': computeXcpSignature(body, alice.privateKey) });
    assert.equal(res.status, 401);
    const upper = await c.post(body, { 'X-Signature': computeXcpSignature(body, alice.privateKey).toUpperCase() });
    assert.equal(upper.status, 200, 'upper-case hex from old clients is accepted');
  } finally { c.close(); }
});

test('keep-alive: several requests on one connection', async () => {
  const c = server.xcpClient(alice);
  for (let i = 0; i < 5; i++) {
    const r = await c.call('domain', 'lookup', { domain: `keepalive-${i}.net` });
    assert.equal(r.responseCode, 210);
  }
});

test('live mode checks the source address against the reseller allow list; sandbox does not', async () => {
  const live = await startRegd({ mode: 'live' });
  try {
    const outsider = await live.createReseller('outsider', '10', ['--allow-ip', '192.0.2.1']);
    const insider = await live.createReseller('insider', '10', ['--allow-ip', '127.0.0.1']);
    const refused = await live.xcpClient(outsider).post(lookupXml('example.com'));
    assert.equal(refused.status, 401);
    assert.match(parseReply(refused.body).responseText, /IP address/);
    const ok = await live.xcpClient(insider).call('DOMAIN', 'LOOKUP', { domain: 'example.com' });
    assert.equal(ok.responseCode, 210);
    await assert.rejects(live.cli('sandbox', 'clock', 'advance', '1d', '--mode', 'live'), /live mode/);
    // The store remembers that a live server runs on it: the CLI refuses even without --mode live.
    await assert.rejects(live.cli('sandbox', 'clock', 'advance', '1d'), /live mode/);
  } finally { await live.stop(); }
  // The sandbox server ignores the allow list.
  const sandboxed = await server.createReseller('listed', '10', ['--allow-ip', '192.0.2.1']);
  assert.equal((await server.xcpClient(sandboxed).call('DOMAIN', 'LOOKUP', { domain: 'example.com' })).responseCode, 210);
});
