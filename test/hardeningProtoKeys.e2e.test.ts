// Issue 14 finding 3: `__proto__` and `constructor` as XCP `type`, `data` or `reg_type` values (or as object and
// action names) used to find Object.prototype members in the handlers' lookup tables: "400 Internal server error"
// with a TypeError in the log, and for MODIFY data=constructor an encode error that escaped the handler (HTTP 500
// over HTTPS, the TCP session dropped without a reply). Every lookup keyed by client input now finds only its own
// entries, so these are ordinary unknown values: 465 (430 for an unknown command), and the session goes on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { freshName, registerAttributes } from './support/fixtures.ts';
import { XcpClient, parseReply, type XcpReply } from '../src/client/xcpClient.ts';
import { XcpTcpClient } from '../src/client/xcpTcpClient.ts';
import { makeAssoc, type OpsAssoc } from '../src/protocols/ops/index.ts';
import { AttributeReader } from '../src/protocols/xcp/attributeReader.ts';

const HOSTILE = ['__proto__', 'constructor'];

let server: RegdServer;
let alice: ResellerCredentials;
let https: XcpClient;
let tcp: XcpTcpClient;
let domain: string;

before(async () => {
  server = await startRegd();
  alice = await server.createReseller('alice', '1000');
  https = server.xcpClient(alice);
  tcp = await XcpTcpClient.connect({ host: '127.0.0.1', port: server.xcpTcpPort, ...alice, timeoutMs: 10_000 });
  domain = freshName();
  const reg = await https.call('DOMAIN', 'SW_REGISTER', registerAttributes(domain));
  assert.equal(reg.responseCode, 200, reg.responseText);
});
after(async () => { tcp.close(); await server.stop(); });

/** The same request over both doors; over HTTPS the HTTP status must be 200 (an OPS reply, not a transport error). */
async function both(object: string, action: string, attributes: OpsAssoc, extra: Record<string, string> = {}): Promise<XcpReply[]> {
  const res = await https.post(XcpClient.envelope(object, action, attributes, extra));
  assert.equal(res.status, 200, `HTTPS ${object} ${action}: ${res.statusLine}`);
  return [parseReply(res.body), await tcp.call(object, action, attributes, extra)];
}

function assertRefused(replies: XcpReply[], code: number, text: RegExp): void {
  for (const r of replies) {
    assert.equal(r.responseCode, code, r.responseText);
    assert.match(r.responseText, text);
    assert.equal(r.isSuccess, false);
  }
}

async function stillServing(): Promise<void> {
  for (const r of await both('DOMAIN', 'LOOKUP', makeAssoc({ domain }))) assert.equal(r.responseCode, 211, r.responseText);
}

test('GET DOMAIN type=__proto__ / constructor: 465 Unknown type', async () => {
  for (const type of HOSTILE) assertRefused(await both('DOMAIN', 'GET', makeAssoc({ type, domain })), 465, /Unknown .*type/);
  await stillServing();
});

test('MODIFY DOMAIN data=__proto__ / constructor: 465 Unknown type, with and without affect_domains', async () => {
  for (const data of HOSTILE) {
    assertRefused(await both('DOMAIN', 'MODIFY', makeAssoc({ data, domain })), 465, /Unknown .*type/);
    assertRefused(await both('DOMAIN', 'MODIFY', makeAssoc({ data, domain, affect_domains: '1' })), 465, /Unknown .*type/);
  }
  await stillServing();
});

test('GET_PRICE and SW_REGISTER reg_type=__proto__ / constructor: 465', async () => {
  for (const regType of HOSTILE) {
    assertRefused(await both('DOMAIN', 'GET_PRICE', makeAssoc({ domain: 'proto-price.com', reg_type: regType })), 465, /registration type/);
    assertRefused(await both('DOMAIN', 'SW_REGISTER', registerAttributes(freshName(), { reg_type: regType })), 465, /registration type/);
  }
  await stillServing();
});

test('__proto__ / constructor as object or action: 430 Invalid Command', async () => {
  for (const name of HOSTILE) {
    assertRefused(await both(name, 'GET', makeAssoc()), 430, /Invalid Command/);
    assertRefused(await both('DOMAIN', name, makeAssoc()), 430, /Invalid Command/);
    assertRefused(await both(name, name, makeAssoc()), 430, /Invalid Command/);
  }
  await stillServing();
});

test('attribute keys named __proto__ stay plain keys and never become a prototype', () => {
  const hostile = makeAssoc({ first_name: 'Ann' });
  Object.defineProperty(hostile, '__proto__', { value: makeAssoc({ email: 'injected@example.com' }), enumerable: true });
  const reader = new AttributeReader(makeAssoc({ contact: hostile }));
  const plain = reader.plain().contact as Record<string, unknown>;
  assert.equal(plain.email, undefined, 'nothing inherited from a client-chosen prototype');
  assert.deepEqual(Object.keys(plain).sort(), ['__proto__', 'first_name']);
  const record = reader.assoc('contact').stringRecord();
  assert.equal(Object.getPrototypeOf(record), null);
  assert.deepEqual(Object.keys(record), ['first_name']);
});
