// The JSON API's reads (orders, the ledger, events and their acknowledgement, listDomains' status filter), its
// request rate limit (429 with Retry-After) and its HTML reference page, against real `regd serve` processes over
// HTTPS. Every reply, problems included, is validated against the published OpenAPI document.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { apiRequest, assertProblem, OpenApiDocument, type ApiReply } from './support/apiClient.ts';
import { expectCode, register } from './support/surfaceHelpers.ts';
import { registerAttributes } from './support/fixtures.ts';
import { eppCommand, find, loginXml, parseResponse } from './support/eppHarness.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import type { XcpClient } from '../src/client/xcpClient.ts';

let server: RegdServer;
/** A server with a low request rate (REGD_API_RATE_LIMIT), for the 429 test. */
let limited: RegdServer;
let doc: OpenApiDocument;
let alice: ResellerCredentials;
let aliceToken: string;
let bobToken: string;
let a: XcpClient;
let b: XcpClient;

const DOMAINS = ['reads-alpha.com', 'reads-beta.com', 'reads-gamma.net'];
const SAVED = 'reads-saved.com';
const TRADED = 'reads-traded.com';
const MOVED = 'reads-moved.com';

const get = (path: string, token = aliceToken, on = server) => apiRequest(on, 'GET', path, { token });
const post = (path: string, token = aliceToken) => apiRequest(server, 'POST', path, { token });

/** Checks the reply against the document and its status; answers the body. */
function documented(operationId: string, reply: ApiReply, status = 200): any {
  doc.assertDocumented(operationId, reply);
  assert.equal(reply.status, status, reply.text);
  return reply.body;
}

before(async () => {
  [server, limited] = await Promise.all([startRegd(), startRegd({ env: { REGD_API_RATE_LIMIT: '1:3' } })]);
  alice = await server.createReseller('alice', '1000');
  const bob = await server.createReseller('bob', '1000');
  aliceToken = JSON.parse(await server.cli('reseller', 'token', 'create', 'alice', '--json')).token;
  bobToken = JSON.parse(await server.cli('reseller', 'token', 'create', 'bob', '--json')).token;
  a = server.xcpClient(alice);
  b = server.xcpClient(bob);
  for (const name of [...DOMAINS, TRADED, MOVED]) await register(a, name);
  expectCode(await a.call('DOMAIN', 'SW_REGISTER', registerAttributes(SAVED, { handle: 'save' })), 200);
  await register(b, 'reads-bobs.com');
  doc = await OpenApiDocument.fetch(server);
});
after(async () => { await Promise.all([server.stop(), limited.stop()]); });

test('the document names every read operation, and every operation documents 429 with Retry-After', async () => {
  const ids = doc.operationIds();
  for (const id of ['listOrders', 'getOrder', 'listLedger', 'listEvents', 'ackEvent', 'listDomains']) assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
  for (const [path, ops] of Object.entries(doc.doc.paths as Record<string, Record<string, any>>)) {
    for (const [method, op] of Object.entries(ops)) {
      assert.ok(op.responses['429'], `${method} ${path} documents 429`);
      assert.ok(op.responses['429'].headers['Retry-After'], `${method} ${path} documents Retry-After`);
    }
  }
});

test('listOrders: newest first, filtered by status, kind and domain, paged; only the caller\'s orders', async () => {
  const all = documented('listOrders', await get('/api/v1/orders'));
  assert.deepEqual(all.items.map((o: any) => o.domain), ['reads-saved.com', MOVED, TRADED, ...[...DOMAINS].reverse()]);
  assert.equal(all.nextCursor, null);
  const first = all.items[1];
  assert.equal(first.kind, 'register');
  assert.equal(first.status, 'completed');
  assert.equal(first.period, 1);
  assert.match(first.price.amount, /^\d+\.\d{2}$/);
  assert.equal(first.price.currency, 'USD');

  const saved = documented('listOrders', await get('/api/v1/orders?status=saved'));
  assert.deepEqual(saved.items.map((o: any) => [o.domain, o.status]), [[SAVED, 'saved']]);
  const completed = documented('listOrders', await get('/api/v1/orders?status=completed&kind=register'));
  assert.equal(completed.items.length, 5);
  const one = documented('listOrders', await get('/api/v1/orders?domain=READS-BETA.com'));
  assert.deepEqual(one.items.map((o: any) => o.domain), ['reads-beta.com']);
  assert.deepEqual(documented('listOrders', await get('/api/v1/orders?kind=renew')).items, []);

  // Pages of two: 6 orders, three pages, no order twice.
  const seen: number[] = [];
  let cursor: string | null = '';
  let pages = 0;
  while (cursor !== null) {
    const page: any = documented('listOrders', await get(`/api/v1/orders?limit=2${cursor ? `&cursor=${cursor}` : ''}`));
    seen.push(...page.items.map((o: any) => o.id));
    cursor = page.nextCursor;
    pages += 1;
  }
  assert.equal(pages, 3);
  assert.deepEqual(seen, all.items.map((o: any) => o.id));

  const bobs = documented('listOrders', await get('/api/v1/orders', bobToken));
  assert.deepEqual(bobs.items.map((o: any) => o.domain), ['reads-bobs.com']);

  const badStatus = await get('/api/v1/orders?status=done');
  assertProblem(badStatus, 400, 'invalid_value');
  documented('listOrders', badStatus, 400);
  assert.equal(badStatus.body.field, 'status');
  const badCursor = await get('/api/v1/orders?cursor=bm90LWEtY3Vyc29y');
  assertProblem(badCursor, 400, 'invalid_value');
  assert.equal(badCursor.body.field, 'cursor');
  const badDomain = await get('/api/v1/orders?domain=bad_name!.com');
  assertProblem(badDomain, 400, 'invalid_domain');
  documented('listOrders', badDomain, 400);
  assert.equal(badDomain.body.field, 'domain');
});

test('getOrder: the caller\'s order in full; another reseller\'s is 404 like an unknown one; a bad id is 400', async () => {
  const list = documented('listOrders', await get('/api/v1/orders?domain=reads-alpha.com'));
  const id = list.items[0].id;
  const order = documented('getOrder', await get(`/api/v1/orders/${id}`));
  assert.equal(order.id, id);
  assert.equal(order.domain, 'reads-alpha.com');
  assert.equal(order.status, 'completed');
  assert.deepEqual(order.nameservers, ['ns1.example.net', 'ns2.example.net']);
  assert.equal(order.contacts.owner.firstName, 'Owner');
  assert.equal(order.autoRenew, false);

  const theirs = await get(`/api/v1/orders/${id}`, bobToken);
  assertProblem(theirs, 404, 'not_found');
  documented('getOrder', theirs, 404);
  const unknown = await get('/api/v1/orders/99999999', bobToken);
  assertProblem(unknown, 404, 'not_found');
  assert.equal(unknown.body.detail.replace('99999999', 'X'), theirs.body.detail.replace(String(id), 'X'), 'same answer either way');
  const bad = await get('/api/v1/orders/abc');
  assertProblem(bad, 400, 'invalid_value');
  documented('getOrder', bad, 400);
  assert.equal(bad.body.field, 'id');
});

test('listLedger: debits as negative decimal strings with the balance they left, newest first, paged and bounded by day', async () => {
  const balance = documented('getBalance', await get('/api/v1/balance'));
  const all = documented('listLedger', await get('/api/v1/ledger'));
  assert.ok(all.items.length >= 5, all.items.length);
  const newest = all.items[0];
  assert.equal(newest.balanceAfter.amount, balance.balance, 'the newest entry left today\'s balance');
  assert.equal(newest.amount.currency, 'USD');
  const debits = all.items.filter((e: any) => e.amount.amount.startsWith('-'));
  assert.equal(debits.length, 5, 'five registrations paid');
  assert.ok(debits.every((e: any) => typeof e.orderId === 'number'), JSON.stringify(debits));
  // Each entry's balance is the one before it plus its amount.
  for (let i = 0; i + 1 < all.items.length; i++) {
    const [later, earlier] = [all.items[i], all.items[i + 1]];
    assert.equal(Math.round(Number(earlier.balanceAfter.amount) * 100) + Math.round(Number(later.amount.amount) * 100), Math.round(Number(later.balanceAfter.amount) * 100));
  }

  const p1 = documented('listLedger', await get('/api/v1/ledger?limit=3'));
  assert.equal(p1.items.length, 3);
  const p2 = documented('listLedger', await get(`/api/v1/ledger?limit=3&cursor=${p1.nextCursor}`));
  assert.deepEqual([...p1.items, ...p2.items].map((e: any) => e.id), all.items.slice(0, 3 + p2.items.length).map((e: any) => e.id));

  const today = newest.createdAt.slice(0, 10);
  assert.equal(documented('listLedger', await get(`/api/v1/ledger?from=${today}&to=${today}`)).items.length, all.items.length);
  assert.deepEqual(documented('listLedger', await get('/api/v1/ledger?to=2000-01-01')).items, []);
  assert.deepEqual(documented('listLedger', await get('/api/v1/ledger', bobToken)).items.filter((e: any) => e.amount.amount.startsWith('-')).length, 1);
  const badDay = await get('/api/v1/ledger?from=2026-02-30');
  assertProblem(badDay, 400, 'invalid_value');
  documented('listLedger', badDay, 400);
  assert.equal(badDay.body.field, 'from');
});

test('listEvents / ackEvent: the EPP poll queue; acknowledged over the API it is gone for EPP too; others\' events are 404', async () => {
  assert.deepEqual(documented('listEvents', await get('/api/v1/events')), { total: 0, items: [] });
  expectCode(await a.call('DOMAIN', 'TRADE_DOMAIN', {
    domain: TRADED, first_name: 'Nora', last_name: 'Newowner', org_name: 'New Owner Ltd', email: 'nora@newowner.example', phone: '+44.2071234567',
    address1: '1 High Street', city: 'London', state: '', country: 'GB', postal_code: 'EC1A 1AA',
  }), 200);
  await server.cli('sandbox', 'trade', 'accept', TRADED);
  await server.cli('sandbox', 'trade', 'accept', TRADED);

  const events = documented('listEvents', await get('/api/v1/events'));
  assert.equal(events.total, 2);
  assert.deepEqual(events.items.map((e: any) => [e.kind, e.domain, e.data.type, e.data.status]), [
    ['trade', TRADED, 'trade', 'pending_new_registrant'],
    ['trade', TRADED, 'trade', 'completed'],
  ]);
  const [first, second] = events.items;
  const limitedOne = documented('listEvents', await get('/api/v1/events?limit=1'));
  assert.deepEqual([limitedOne.total, limitedOne.items.map((e: any) => e.id)], [2, [first.id]], 'oldest first, unconsumed by reading');
  assert.deepEqual(documented('listEvents', await get('/api/v1/events', bobToken)), { total: 0, items: [] });

  const notBobs = await post(`/api/v1/events/${first.id}/ack`, bobToken);
  assertProblem(notBobs, 404, 'not_found');
  documented('ackEvent', notBobs, 404);
  const ack = documented('ackEvent', await post(`/api/v1/events/${first.id}/ack`));
  assert.deepEqual(ack, { id: first.id, remaining: 1, nextId: second.id });
  const again = await post(`/api/v1/events/${first.id}/ack`);
  assertProblem(again, 404, 'not_found');
  documented('ackEvent', again, 404);
  const bad = await post('/api/v1/events/first/ack');
  assertProblem(bad, 400, 'invalid_value');
  documented('ackEvent', bad, 400);
  assert.equal(bad.body.field, 'id');

  // EPP and XCP read the same queue: the first is gone there, the second is next.
  const epp = server.eppHttps();
  assert.equal(parseResponse(await epp.command(loginXml(alice.username, alice.password))).code, 1000);
  const poll = parseResponse(await epp.command(eppCommand('<poll op="req"/>')));
  assert.equal(poll.code, 1301, poll.xml);
  assert.equal(find(poll.root, NS.epp, 'msgQ')!.attrs.id, String(second.id));
  assert.equal(find(poll.root, NS.epp, 'msgQ')!.attrs.count, '1');
  // Acknowledged over EPP (1300: nothing left), it is gone from the API too.
  assert.equal(parseResponse(await epp.command(eppCommand(`<poll op="ack" msgID="${second.id}"/>`))).code, 1300);
  epp.close();
  assert.deepEqual(documented('listEvents', await get('/api/v1/events')), { total: 0, items: [] });
  const badLimit = await get('/api/v1/events?limit=51');
  assertProblem(badLimit, 400, 'invalid_value');
  documented('listEvents', badLimit, 400);
  assert.equal(badLimit.body.field, 'limit');
});

test('the HTML reference page lists every operation of the document, escaped, without scripts, under a strict CSP', async () => {
  const page = await apiRequest(server, 'GET', '/api/v1/docs');
  assert.equal(page.status, 200);
  assert.match(page.contentType, /^text\/html/);
  const csp = String(page.headers['content-security-policy']);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /style-src 'self'/);
  assert.doesNotMatch(csp, /unsafe|script-src/);
  assert.doesNotMatch(page.text, /<script/i);
  assert.doesNotMatch(page.text, /https?:\/\/(?!regd\.dev\/problems)/, 'nothing loaded from elsewhere');
  for (const id of doc.operationIds()) assert.ok(page.text.includes(`id="${id}"`), `${id} has its section`);
  for (const path of Object.keys(doc.doc.paths)) assert.ok(page.text.includes(path.replace(/'/g, '&#39;')), `${path} is shown`);
  // Request body fields and parameters are listed; text from the document is escaped.
  assert.match(page.text, /<code>nameContains<\/code>/);
  assert.match(page.text, /<code>username<\/code> <span class="required">required<\/span>/);
  assert.match(page.text, /reseller&#39;s/);
  assert.doesNotMatch(page.text, /reseller's/);
  const style = await apiRequest(server, 'GET', '/api/v1/docs/style.css');
  assert.equal(style.status, 200);
  assert.match(style.contentType, /^text\/css/);
});

test('429: past the request rate, a problem with Retry-After; the document says so; the rate comes back', async () => {
  const limitedDoc = await OpenApiDocument.fetch(limited);
  await limited.createReseller('carol', '10');
  const token = JSON.parse(await limited.cli('reseller', 'token', 'create', 'carol', '--json')).token;
  let refused: ApiReply | undefined;
  for (let i = 0; i < 10 && !refused; i++) {
    const r = await get('/api/v1/balance', token, limited);
    if (r.status === 429) refused = r;
    else assert.equal(r.status, 200, r.text);
  }
  assert.ok(refused, 'a burst of 3 at 1 a second runs out within 10 quick requests');
  assertProblem(refused, 429, 'rate_limited');
  limitedDoc.assertDocumented('getBalance', refused);
  const wait = Number(refused.headers['retry-after']);
  assert.ok(Number.isInteger(wait) && wait >= 1, `Retry-After ${refused.headers['retry-after']}`);
  // The address's bucket is shared by every path, the public document included.
  const docRefused = await apiRequest(limited, 'GET', '/api/v1/openapi.json');
  assert.equal(docRefused.status, 429);
  await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
  const back = await get('/api/v1/balance', token, limited);
  assert.equal(back.status, 200, back.text);
  limitedDoc.assertDocumented('getBalance', back);
});

// Moves the sandbox clock: keep it last.
test('listDomains status: active, pendingTransfer, expired; another status is 400 naming the field', async () => {
  const statuses = async (status: string) => documented('listDomains', await get(`/api/v1/domains?status=${status}`)).items.map((d: any) => d.name);
  const active = documented('listDomains', await get('/api/v1/domains?status=active'));
  assert.deepEqual(active.items.map((d: any) => d.name), [...DOMAINS, MOVED, TRADED].sort());
  assert.ok(active.items.every((d: any) => d.status === 'active'));
  assert.deepEqual(await statuses('redemption'), []);
  const bad = await get('/api/v1/domains?status=sleeping');
  assertProblem(bad, 400, 'invalid_value');
  documented('listDomains', bad, 400);
  assert.equal(bad.body.field, 'status');

  // Past the 60-day transfer lock, bob asks for one of alice's domains: pending until alice answers.
  await server.cli('sandbox', 'clock', 'advance', '61d');
  expectCode(await a.call('DOMAIN', 'MODIFY', { data: 'domain_auth_info', domain: MOVED, domain_auth_info: 'Move-Me-123' }), 200);
  expectCode(await b.call('DOMAIN', 'SW_REGISTER', registerAttributes(MOVED, { reg_type: 'transfer', auth_info: 'Move-Me-123', reg_username: 'bobclient', reg_password: 'bobs-pass1' })), 200);
  assert.deepEqual(await statuses('pendingTransfer'), [MOVED]);
  const all = documented('listDomains', await get('/api/v1/domains?nameContains=reads-moved'));
  assert.equal(all.items[0].status, 'pendingTransfer');
  assert.ok(!(await statuses('active')).includes(MOVED));
  expectCode(await a.call('TRANSFER', 'REJECT_TRANSFER', { domain: MOVED }), 200);

  // A year on, the domains (auto-renew off) are past their expiry, in the auto-renew grace.
  await server.cli('sandbox', 'clock', 'advance', '310d');
  assert.deepEqual(await statuses('expired'), [...DOMAINS, MOVED, TRADED].sort());
  assert.deepEqual(await statuses('active'), []);
});
