// The JSON API (/api/v1) against a real `regd serve` over HTTPS. Every JSON body is validated against the schema the
// published OpenAPI document (/api/v1/openapi.json) gives for that operation and status, with Ajv's JSON Schema
// 2020-12 (OpenAPI 3.1's dialect), so the document and the behaviour cannot drift apart.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { startRegd, type RegdServer } from './support/regdServer.ts';
import { register } from './support/surfaceHelpers.ts';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

interface ApiReply { status: number; contentType: string; headers: Record<string, string | string[] | undefined>; text: string; body: any }

let server: RegdServer;
/** Live mode, so the reseller's IP allow list is enforced. */
let live: RegdServer;
let aliceToken: string;
let bobToken: string;
let doc: any;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const DOC_ID = 'https://regd.test/openapi.json';

function request(method: string, path: string, opts: { token?: string; body?: string; headers?: Record<string, string> } = {}, on: RegdServer = server): Promise<ApiReply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) { headers['content-type'] ??= 'application/json'; headers['content-length'] = String(Buffer.byteLength(opts.body)); }
    const req = https.request({ host: '127.0.0.1', port: on.httpPort, method, path, ca: on.caPem, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const contentType = String(res.headers['content-type'] ?? '');
        let body: unknown;
        if (/json/.test(contentType)) body = JSON.parse(text);
        resolve({ status: res.statusCode!, contentType, headers: res.headers, text, body });
      });
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Rewrites the document's local references so a schema compiled on its own resolves them in the document. */
function anchored(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(anchored);
  if (schema && typeof schema === 'object') {
    return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? DOC_ID + v : anchored(v)]));
  }
  return schema;
}

/** Finds the operation in the document, checks the reply's status and media type are documented, validates the body. */
function assertDocumented(operationId: string, reply: ApiReply): void {
  const found = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([p, ops]) => Object.values(ops).filter((op) => op?.operationId === operationId).map((op) => ({ p, op })));
  assert.equal(found.length, 1, `operation ${operationId} is in the document once`);
  const response = found[0].op.responses[String(reply.status)];
  assert.ok(response, `${operationId}: status ${reply.status} is documented (${reply.text})`);
  const mediaType = reply.contentType.split(';')[0].trim();
  const media = response.content?.[mediaType];
  assert.ok(media, `${operationId} ${reply.status}: ${mediaType} is documented`);
  const validate = ajv.compile(anchored(media.schema) as object);
  assert.ok(validate(reply.body), `${operationId} ${reply.status} body ${reply.text} fails the document: ${ajv.errorsText(validate.errors)}`);
}

function assertProblem(reply: ApiReply, status: number, kind: string): void {
  assert.equal(reply.status, status, reply.text);
  assert.match(reply.contentType, /^application\/problem\+json/);
  assert.equal(reply.body.type, `https://regd.dev/problems/${kind}`, reply.text);
  assert.equal(reply.body.status, status);
  assert.doesNotMatch(reply.text, /\bat .*\.ts:\d+/, 'no stack trace');
}

before(async () => {
  [server, live] = await Promise.all([startRegd(), startRegd({ mode: 'live' })]);
  // One at a time: concurrent CLI runs on one SQLite file can time out on its lock on a busy machine.
  const alice = await server.createReseller('alice', '1000');
  await server.createReseller('bob', '1000');
  aliceToken = JSON.parse(await server.cli('reseller', 'token', 'create', 'alice', '--json')).token;
  bobToken = JSON.parse(await server.cli('reseller', 'token', 'create', 'bob', '--token-name', 'ci', '--json')).token;
  const xcp = server.xcpClient(alice);
  for (const name of ['apishop-one.com', 'apishop-two.com', 'apishop-three.net', 'other-api.org']) {
    const r = await register(xcp, name);
    assert.equal(r.responseCode, 200, `${name}: ${r.responseText}`);
  }
  const reply = await request('GET', '/api/v1/openapi.json');
  assert.equal(reply.status, 200, reply.text);
  doc = reply.body;
  ajv.addSchema({ $id: DOC_ID, components: doc.components });
});
after(async () => { await Promise.all([server.stop(), live.stop()]); });

test('the OpenAPI 3.1 document is public and names every operation of this slice', async () => {
  assert.equal(doc.openapi, '3.1.0');
  const ids = Object.values(doc.paths as Record<string, Record<string, any>>).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
  for (const id of ['checkDomains', 'getBalance', 'listDomains', 'getDomain', 'getPrices']) assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
  assert.equal(doc.components.securitySchemes.bearerAuth.scheme, 'bearer');
  // The validator is not vacuous: a body missing required fields fails the getBalance schema.
  assert.throws(() => assertDocumented('getBalance', { status: 200, contentType: 'application/json', headers: {}, text: '{}', body: {} }), /fails the document/);
  assert.ok(server.output.some((l) => l === `listening: JSON API on https://127.0.0.1:${server.httpPort}/api/v1/`), server.output.join('\n'));
});

test('checkDomains: taken, available with its price, and a bad name answered in its own row', async () => {
  const reply = await request('POST', '/api/v1/domains/check', { token: aliceToken, body: JSON.stringify({ names: ['apishop-one.com', 'fresh-api-name.com', 'bad_name!.com'] }) });
  assert.equal(reply.status, 200, reply.text);
  assertDocumented('checkDomains', reply);
  const [taken, free, bad] = reply.body.results;
  assert.equal(taken.available, false);
  assert.notEqual(taken.reason, '');
  assert.equal(free.available, true);
  assert.equal(free.premium, false);
  assert.match(free.price.amount, /^\d+\.\d{2}$/);
  assert.equal(bad.available, false);
  assert.equal(bad.price, null);
  assert.equal(reply.headers['cache-control'], 'no-store');
});

test('getBalance: the funds after four registrations', async () => {
  const reply = await request('GET', '/api/v1/balance', { token: aliceToken });
  assert.equal(reply.status, 200, reply.text);
  assertDocumented('getBalance', reply);
  assert.equal(reply.body.currency, 'USD');
  assert.ok(Number(reply.body.balance) < 1000 && Number(reply.body.balance) > 0, reply.text);
  assert.equal(reply.body.held, '0.00');
});

test('listDomains: name filter, expiry filter and cursor pagination; only the caller\'s domains', async () => {
  const first = await request('GET', '/api/v1/domains?nameContains=apishop&limit=2', { token: aliceToken });
  assert.equal(first.status, 200, first.text);
  assertDocumented('listDomains', first);
  assert.deepEqual(first.body.items.map((d: any) => d.name), ['apishop-one.com', 'apishop-three.net']);
  assert.equal(typeof first.body.nextCursor, 'string');
  const second = await request('GET', `/api/v1/domains?nameContains=apishop&limit=2&cursor=${first.body.nextCursor}`, { token: aliceToken });
  assertDocumented('listDomains', second);
  assert.deepEqual(second.body.items.map((d: any) => d.name), ['apishop-two.com']);
  assert.equal(second.body.nextCursor, null);

  const none = await request('GET', '/api/v1/domains?expiringBefore=2000-01-01', { token: aliceToken });
  assertDocumented('listDomains', none);
  assert.deepEqual(none.body.items, []);
  const all = await request('GET', '/api/v1/domains?expiringBefore=2999-01-01', { token: aliceToken });
  assert.equal(all.body.items.length, 4);

  const bobs = await request('GET', '/api/v1/domains', { token: bobToken });
  assertDocumented('listDomains', bobs);
  assert.deepEqual(bobs.body.items, []);
});

test('getDomain: the caller\'s domain in full; another reseller\'s is 404, like an unknown one', async () => {
  const mine = await request('GET', '/api/v1/domains/apishop-one.com', { token: aliceToken });
  assert.equal(mine.status, 200, mine.text);
  assertDocumented('getDomain', mine);
  assert.equal(mine.body.name, 'apishop-one.com');
  assert.ok(mine.body.nameservers.length > 0, mine.text);
  assert.ok(mine.body.contacts.owner.email, mine.text);

  const theirs = await request('GET', '/api/v1/domains/apishop-one.com', { token: bobToken });
  assertProblem(theirs, 404, 'not_found');
  assertDocumented('getDomain', theirs);
  const unknown = await request('GET', '/api/v1/domains/nobody-has-this.com', { token: bobToken });
  assertProblem(unknown, 404, 'not_found');
  assert.equal(unknown.body.detail.replace('nobody-has-this.com', 'X'), theirs.body.detail.replace('apishop-one.com', 'X'), 'same answer either way');
});

test('getPrices: the price list, per TLD, action and period', async () => {
  const reply = await request('GET', '/api/v1/prices', { token: aliceToken });
  assert.equal(reply.status, 200, reply.text);
  assertDocumented('getPrices', reply);
  assert.ok(reply.body.prices.some((p: any) => p.tld === 'com' && p.action === 'register' && p.period === 1), reply.text);
});

test('bad input is a 400 problem naming the field', async () => {
  const empty = await request('POST', '/api/v1/domains/check', { token: aliceToken, body: JSON.stringify({ names: [] }) });
  assertProblem(empty, 400, 'invalid_value');
  assertDocumented('checkDomains', empty);
  assert.equal(empty.body.field, 'names');
  const malformed = await request('POST', '/api/v1/domains/check', { token: aliceToken, body: '{"names": [' });
  assertProblem(malformed, 400, 'invalid_value');
  assertDocumented('checkDomains', malformed);
  const badLimit = await request('GET', '/api/v1/domains?limit=0', { token: aliceToken });
  assertProblem(badLimit, 400, 'invalid_value');
  assertDocumented('listDomains', badLimit);
  const badCursor = await request('GET', '/api/v1/domains?cursor=zzz', { token: aliceToken });
  assertProblem(badCursor, 400, 'invalid_value');
  assertDocumented('listDomains', badCursor);
});

test('401 without a token, with a wrong one and with a revoked one; tokens are listed with their last use', async () => {
  const none = await request('GET', '/api/v1/balance');
  assertProblem(none, 401, 'unauthorized');
  assertDocumented('getBalance', none);
  assert.match(String(none.headers['www-authenticate']), /^Bearer/);
  assertProblem(await request('GET', '/api/v1/balance', { token: 'regd_not-a-real-token' }), 401, 'unauthorized');

  const spare = JSON.parse(await server.cli('reseller', 'token', 'create', 'alice', '--token-name', 'spare', '--json')).token;
  assert.equal((await request('GET', '/api/v1/balance', { token: spare })).status, 200);
  const listed = JSON.parse(await server.cli('reseller', 'token', 'list', 'alice', '--json')) as Array<{ name: string; lastUsedAt: string | null }>;
  assert.deepEqual(listed.map((t) => t.name), ['default', 'spare']);
  assert.ok(listed.every((t) => typeof t.lastUsedAt === 'string'), JSON.stringify(listed));

  await server.cli('reseller', 'token', 'revoke', 'alice', 'spare');
  const revoked = await request('GET', '/api/v1/balance', { token: spare });
  assertProblem(revoked, 401, 'unauthorized');
  assertDocumented('getBalance', revoked);
  assert.deepEqual((JSON.parse(await server.cli('reseller', 'token', 'list', 'alice', '--json')) as Array<{ name: string }>).map((t) => t.name), ['default']);
  // The other token of the same reseller is untouched.
  assert.equal((await request('GET', '/api/v1/balance', { token: aliceToken })).status, 200);
});

test('an unknown API path is a 404 problem; /epp still answers beside the API', async () => {
  assertProblem(await request('GET', '/api/v1/nothing-here', { token: aliceToken }), 404, 'route_not_found');
  const epp = await request('GET', '/epp');
  assert.equal(epp.status, 405);
});

test('live mode: the reseller\'s IP allow list applies to the API (403 from elsewhere, 200 from an allowed address)', async () => {
  await live.createReseller('carol', '10', ['--allow-ip', '192.0.2.10']);
  await live.createReseller('dave', '10', ['--allow-ip', '127.0.0.1']);
  const carol = JSON.parse(await live.cli('reseller', 'token', 'create', 'carol', '--json')).token;
  const dave = JSON.parse(await live.cli('reseller', 'token', 'create', 'dave', '--json')).token;
  const refused = await request('GET', '/api/v1/balance', { token: carol }, live);
  assertProblem(refused, 403, 'source_not_allowed');
  assertDocumented('getBalance', refused);
  const allowed = await request('GET', '/api/v1/balance', { token: dave }, live);
  assert.equal(allowed.status, 200, allowed.text);
  assertDocumented('getBalance', allowed);
});
