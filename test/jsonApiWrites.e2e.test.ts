// The JSON API's writes against a real `regd serve` over HTTPS: register, update, renew, delete, restore, transfer
// and contacts, on the same core as XCP and EPP, and Idempotency-Key (a retry answers the first answer again and
// charges once). Every reply, problems included, is validated against the published OpenAPI document.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { apiRequest, assertProblem, OpenApiDocument, type ApiReply } from './support/apiClient.ts';
import { freshName } from './support/fixtures.ts';
import { closeTestCore, makeTestCore } from './support/coreHarness.ts';
import { idempotencyKeys } from '../src/protocols/api/idempotency.ts';
import { problemFromError, problemResponse } from '../src/protocols/api/problem.ts';
import type { ApiEnv } from '../src/protocols/api/apiEnv.ts';
import type { Reseller } from '../src/core/commands/resellers.ts';

let server: RegdServer;
let doc: OpenApiDocument;
let alice: ResellerCredentials;
const tokens: Record<'alice' | 'bob' | 'poor', string> = { alice: '', bob: '', poor: '' };

const WRITES = ['registerDomain', 'renewDomain', 'updateDomain', 'transferDomain', 'deleteDomain', 'restoreDomain', 'createContact'];

before(async () => {
  server = await startRegd();
  // One at a time: concurrent CLI runs on one SQLite file can time out on its lock on a busy machine.
  alice = await server.createReseller('alice', '1000');
  await server.createReseller('bob', '1000');
  await server.createReseller('poor', '5');
  for (const who of ['alice', 'bob', 'poor'] as const) tokens[who] = JSON.parse(await server.cli('reseller', 'token', 'create', who, '--json')).token;
  doc = await OpenApiDocument.fetch(server);
});
after(async () => { await server.stop(); });

/** One operation over HTTPS, its reply checked against the document whatever its status. */
async function call(operationId: string, who: keyof typeof tokens, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiReply> {
  const reply = await apiRequest(server, method, `/api/v1${path}`, { token: tokens[who], body: body === undefined ? undefined : JSON.stringify(body), headers });
  doc.assertDocumented(operationId, reply);
  return reply;
}

const person = (first: string, extra: Record<string, unknown> = {}) => ({
  firstName: first, lastName: 'Tester', organization: 'Example Inc.', address: ['32 Oak Street'], city: 'Toronto', state: 'ON',
  postalCode: 'M1M1M1', country: 'CA', phone: '+1.4165551212', email: `${first.toLowerCase()}@example.com`, ...extra,
});

const balance = async (who: keyof typeof tokens): Promise<string> => {
  const r = await call('getBalance', who, 'GET', '/balance');
  assert.equal(r.status, 200, r.text);
  return r.body.balance;
};
const cents = (amount: string) => Math.round(Number(amount) * 100);

async function register(who: keyof typeof tokens, name: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<ApiReply> {
  return call('registerDomain', who, 'POST', '/domains', { name, contacts: { owner: person('Owner') }, nameservers: ['ns1.example.net', 'ns2.example.net'], ...extra }, headers);
}

test('the document names every write, each with the Idempotency-Key header', () => {
  const ids = doc.operationIds();
  for (const id of [...WRITES, 'getContact']) assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
  for (const ops of Object.values(doc.doc.paths as Record<string, Record<string, any>>)) {
    for (const op of Object.values(ops)) {
      if (!WRITES.includes(op.operationId)) continue;
      assert.ok(op.parameters?.some((p: any) => p.in === 'header' && p.name === 'Idempotency-Key'), `${op.operationId} documents Idempotency-Key`);
      for (const status of ['409', '422']) assert.ok(op.responses[status], `${op.operationId} documents ${status}`);
    }
  }
});

let ownerId: string;

test('createContact and getContact; another reseller\'s contact is 404 like an unknown one', async () => {
  const created = await call('createContact', 'alice', 'POST', '/contacts', person('Jane', { language: 'fr' }));
  assert.equal(created.status, 201, created.text);
  assert.match(created.body.id, /^JT\d{6}-RG$/);
  assert.equal(created.body.email, 'jane@example.com');
  assert.equal(created.body.language, 'FR');
  ownerId = created.body.id;

  const got = await call('getContact', 'alice', 'GET', `/contacts/${ownerId}`);
  assert.equal(got.status, 200, got.text);
  assert.deepEqual(got.body, created.body);

  const theirs = await call('getContact', 'bob', 'GET', `/contacts/${ownerId}`);
  assertProblem(theirs, 404, 'not_found');
  const unknown = await call('getContact', 'bob', 'GET', '/contacts/XX999999-RG');
  assertProblem(unknown, 404, 'not_found');
  assert.equal(unknown.body.detail.replace('XX999999-RG', 'X'), theirs.body.detail.replace(ownerId, 'X'), 'same answer either way');

  const badPhone = await call('createContact', 'alice', 'POST', '/contacts', person('Bad', { phone: '555-1212' }));
  assertProblem(badPhone, 400, 'invalid_value');
  assert.equal(badPhone.body.field, 'phone');
  const { email: _email, ...noEmail } = person('Nomail');
  const missing = await call('createContact', 'alice', 'POST', '/contacts', noEmail);
  assertProblem(missing, 400, 'invalid_value');
  assert.equal(missing.body.field, 'email');
});

const names = { cycle: freshName(), moving: freshName() };

test('registerDomain, then getDomain, updateDomain (nameservers, lock, autoRenew, authCode, contacts) and renewDomain', async () => {
  const before = cents(await balance('alice'));
  const reg = await register('alice', names.cycle, { contacts: { owner: ownerId, admin: person('Admin'), billing: ownerId }, autoRenew: false });
  assert.equal(reg.status, 201, reg.text);
  assert.equal(reg.body.name, names.cycle);
  assert.equal(reg.body.contacts.owner.email, 'jane@example.com');
  assert.equal(reg.body.contacts.admin.email, 'admin@example.com');
  assert.deepEqual(reg.body.nameservers, ['ns1.example.net', 'ns2.example.net']);
  assert.equal(reg.body.locked, false);
  assert.ok(before - cents(await balance('alice')) > 0, 'charged');
  // The contact object is now linked to a domain.
  assert.ok((await call('getContact', 'alice', 'GET', `/contacts/${ownerId}`)).body.statuses.includes('linked'));

  const got = await call('getDomain', 'alice', 'GET', `/domains/${names.cycle}`);
  assert.equal(got.status, 200, got.text);
  assert.deepEqual(got.body, reg.body);

  const upd = await call('updateDomain', 'alice', 'PATCH', `/domains/${names.cycle}`, {
    nameservers: ['ns3.example.org', 'ns4.example.org', 'ns5.example.org'], lock: true, autoRenew: true, authCode: 'New-Code-123', whoisPrivacy: true,
    contacts: { tech: person('Techie') },
  });
  assert.equal(upd.status, 200, upd.text);
  assert.deepEqual(upd.body.nameservers, ['ns3.example.org', 'ns4.example.org', 'ns5.example.org']);
  assert.equal(upd.body.locked, true);
  assert.equal(upd.body.autoRenew, true);
  assert.equal(upd.body.whoisPrivacy, true);
  assert.equal(upd.body.authCode, 'New-Code-123');
  assert.equal(upd.body.contacts.tech.email, 'techie@example.com');
  assert.equal(upd.body.contacts.owner.email, 'jane@example.com', 'roles left out keep their contact');

  const drawn = await call('updateDomain', 'alice', 'PATCH', `/domains/${names.cycle}`, { generateAuthCode: true, lock: false });
  assert.equal(drawn.status, 200, drawn.text);
  assert.notEqual(drawn.body.authCode, 'New-Code-123');
  assert.ok(drawn.body.authCode.length >= 6);
  assert.equal(drawn.body.locked, false);
  const both = await call('updateDomain', 'alice', 'PATCH', `/domains/${names.cycle}`, { generateAuthCode: true, authCode: 'Another-1234' });
  assertProblem(both, 400, 'invalid_value');

  const year = new Date(drawn.body.expiresAt).getUTCFullYear();
  const renewed = await call('renewDomain', 'alice', 'POST', `/domains/${names.cycle}/renew`, { period: 1, currentExpiryYear: year });
  assert.equal(renewed.status, 200, renewed.text);
  assert.equal(new Date(renewed.body.expiresAt).getUTCFullYear(), year + 1);
  // The expiry-year guard makes a repeated renewal harmless.
  const again = await call('renewDomain', 'alice', 'POST', `/domains/${names.cycle}/renew`, { period: 1, currentExpiryYear: year });
  assertProblem(again, 409, 'already_renewed');
  const wrongYear = await call('renewDomain', 'alice', 'POST', `/domains/${names.cycle}/renew`, { period: 1, currentExpiryYear: year - 5 });
  assertProblem(wrongYear, 422, 'expiry_year_mismatch');
  assert.equal(wrongYear.body.field, 'currentExpiryYear');

  // For the transfer below, registered now so its 60-day lock has passed by then.
  const moving = await register('alice', names.moving, { authCode: 'Move-Me-123' });
  assert.equal(moving.status, 201, moving.text);
});

test('another reseller\'s domain is 404 on every write, in the same words as an unknown one', async () => {
  const unknown = 'nobody-holds-this-one.com';
  const cases: Array<[string, string, string, unknown]> = [
    ['updateDomain', 'PATCH', '', { autoRenew: false }],
    ['renewDomain', 'POST', '/renew', { period: 1, currentExpiryYear: 2030 }],
    ['deleteDomain', 'DELETE', '', undefined],
    ['restoreDomain', 'POST', '/restore', {}],
  ];
  for (const [op, method, suffix, body] of cases) {
    const theirs = await call(op, 'bob', method, `/domains/${names.cycle}${suffix}`, body);
    assertProblem(theirs, 404, 'not_found');
    const nobody = await call(op, 'bob', method, `/domains/${unknown}${suffix}`, body);
    assertProblem(nobody, 404, 'not_found');
    assert.equal(theirs.body.detail.replace(names.cycle, 'X'), nobody.body.detail.replace(unknown, 'X'), op);
  }
  // Nor can bob name alice's contact for his own domain.
  const foreignContact = await register('bob', freshName(), { contacts: { owner: ownerId } });
  assertProblem(foreignContact, 404, 'not_found');
  assert.equal(foreignContact.body.field, 'contacts.owner');
  assert.equal((await call('getDomain', 'alice', 'GET', `/domains/${names.cycle}`)).body.autoRenew, true, 'nothing changed');
});

test('bad input is a 400 problem naming the field; a rule is a 422; funds are checked', async () => {
  const noName = await call('registerDomain', 'alice', 'POST', '/domains', { contacts: { owner: ownerId } });
  assertProblem(noName, 400, 'invalid_value');
  assert.equal(noName.body.field, 'name');
  const badPeriod = await register('alice', freshName(), { period: 'two' });
  assertProblem(badPeriod, 400, 'invalid_value');
  assert.equal(badPeriod.body.field, 'period');
  const badInline = await register('alice', freshName(), { contacts: { owner: person('Owner', { country: 'Canada' }) } });
  assertProblem(badInline, 400, 'invalid_value');
  assert.equal(badInline.body.field, 'contacts.owner.country');
  const badName = await register('alice', 'not a name!.com');
  assertProblem(badName, 400, 'invalid_domain');
  assert.equal(badName.body.field, 'name');
  const unknownContact = await register('alice', freshName(), { contacts: { owner: 'ZZ000000-RG' } });
  assertProblem(unknownContact, 404, 'not_found');
  const badKey = await register('alice', freshName(), {}, { 'Idempotency-Key': 'has a space' });
  assertProblem(badKey, 400, 'invalid_value');
  assert.equal(badKey.body.field, 'Idempotency-Key');

  const tld = await register('alice', `${freshName().split('.')[0]}.nosuchtld`);
  assertProblem(tld, 422, 'unknown_tld');
  const taken = await register('alice', names.cycle);
  assertProblem(taken, 409, 'domain_taken');

  const premiumName = `premium-${freshName()}`;
  const unacknowledged = await register('alice', premiumName);
  assertProblem(unacknowledged, 422, 'price_not_accepted');
  assert.equal(unacknowledged.body.field, 'acceptedPrice');
  const quote = await call('checkDomains', 'alice', 'POST', '/domains/check', { names: [premiumName] });
  const price = quote.body.results[0].price;
  const before = cents(await balance('alice'));
  const premium = await register('alice', premiumName, { acceptedPrice: price });
  assert.equal(premium.status, 201, premium.text);
  assert.equal(before - cents(await balance('alice')), cents(price.amount), 'the premium price is charged');

  const poorBefore = await balance('poor');
  const poor = await register('poor', freshName());
  assertProblem(poor, 422, 'insufficient_funds');
  assert.equal(await balance('poor'), poorBefore, 'nothing charged');
});

test('Idempotency-Key: a retried registration is answered again and charged once; another body is 422; keys are per caller', async () => {
  const key = `reg-${Date.now()}`;
  const name = freshName();
  const before = cents(await balance('alice'));
  const first = await register('alice', name, {}, { 'Idempotency-Key': key });
  assert.equal(first.status, 201, first.text);
  assert.equal(first.headers['idempotent-replayed'], undefined);
  const charged = before - cents(await balance('alice'));
  assert.ok(charged > 0);

  const retry = await register('alice', name, {}, { 'Idempotency-Key': key });
  assert.equal(retry.status, 201, retry.text);
  assert.equal(retry.headers['idempotent-replayed'], 'true');
  assert.equal(retry.text, first.text, 'the same body');
  assert.equal(before - cents(await balance('alice')), charged, 'charged once');

  const other = await register('alice', freshName(), {}, { 'Idempotency-Key': key });
  assertProblem(other, 422, 'idempotency_key_reused');
  assert.equal(other.body.field, 'Idempotency-Key');
  assert.equal(before - cents(await balance('alice')), charged, 'still charged once');

  // The same key is another caller's own: bob's request with it runs.
  const bobs = await register('bob', freshName(), {}, { 'Idempotency-Key': key });
  assert.equal(bobs.status, 201, bobs.text);
  assert.equal(bobs.headers['idempotent-replayed'], undefined);

  // A refusal is an answer too: the retry gets it again without asking the core.
  const refusedKey = `${key}-taken`;
  const refused = await register('alice', names.cycle, {}, { 'Idempotency-Key': refusedKey });
  assertProblem(refused, 409, 'domain_taken');
  const refusedAgain = await register('alice', names.cycle, {}, { 'Idempotency-Key': refusedKey });
  assertProblem(refusedAgain, 409, 'domain_taken');
  assert.equal(refusedAgain.headers['idempotent-replayed'], 'true');
});

test('Idempotency-Key: two concurrent requests with one key register once (the other is 409 or the replay)', async () => {
  const key = `race-${Date.now()}`;
  const name = freshName();
  const before = cents(await balance('alice'));
  const replies = await Promise.all([register('alice', name, {}, { 'Idempotency-Key': key }), register('alice', name, {}, { 'Idempotency-Key': key })]);
  const statuses = replies.map((r) => r.status).sort();
  assert.ok(statuses[0] === 201, replies.map((r) => r.text).join('\n'));
  const second = replies.find((r) => r.status !== 201 || r.headers['idempotent-replayed'] === 'true');
  assert.ok(second, `one of the two is the replay or 409: ${statuses.join(', ')}`);
  if (second.status === 409) assertProblem(second, 409, 'request_in_progress');
  else assert.equal(second.text, replies.find((r) => r !== second)!.text);
  const got = await call('getDomain', 'alice', 'GET', `/domains/${name}`);
  assert.equal(got.status, 200);
  const price = (await call('getPrices', 'alice', 'GET', '/prices')).body.prices.find((p: any) => p.tld === 'com' && p.action === 'register' && p.period === 1);
  assert.equal(before - cents(await balance('alice')), cents(price.amount), 'registered and charged once');
});

test('after the add grace period: deleteDomain puts the domain in redemption, restoreDomain brings it back', async () => {
  // Past the add grace period (5 days) and the 60-day transfer lock of the domains registered above.
  await server.cli('sandbox', 'clock', 'advance', '61d');
  const key = `del-${Date.now()}`;
  const del = await call('deleteDomain', 'alice', 'DELETE', `/domains/${names.cycle}`, undefined, { 'Idempotency-Key': key });
  assert.equal(del.status, 200, del.text);
  assert.equal(del.body.outcome, 'redemption');
  assert.equal(del.body.refund.amount, '0.00');
  const delAgain = await call('deleteDomain', 'alice', 'DELETE', `/domains/${names.cycle}`, undefined, { 'Idempotency-Key': key });
  assert.equal(delAgain.status, 200);
  assert.equal(delAgain.headers['idempotent-replayed'], 'true');

  const gone = await call('getDomain', 'alice', 'GET', `/domains/${names.cycle}`);
  assert.equal(gone.body.rgpStatus, 'redemptionPeriod');
  const blocked = await call('updateDomain', 'alice', 'PATCH', `/domains/${names.cycle}`, { autoRenew: false });
  assertProblem(blocked, 409, 'status_prohibits');
  const deletedTwice = await call('deleteDomain', 'alice', 'DELETE', `/domains/${names.cycle}`);
  assertProblem(deletedTwice, 409, 'status_prohibits');

  const before = cents(await balance('alice'));
  const restored = await call('restoreDomain', 'alice', 'POST', `/domains/${names.cycle}/restore`, { reason: 'Deleted by mistake' });
  assert.equal(restored.status, 200, restored.text);
  assert.equal(restored.body.rgpStatus, null);
  assert.equal(before - cents(await balance('alice')), 4000, 'the restore fee');
  const notDeleted = await call('restoreDomain', 'alice', 'POST', `/domains/${names.cycle}/restore`);
  assertProblem(notDeleted, 409, 'status_prohibits');
});

test('transferDomain: between resellers with the auth code, approved by the losing side; the 60-day lock and a wrong code are refused', async () => {
  const wrong = await call('transferDomain', 'bob', 'POST', '/domains/transfers', { name: names.moving, authCode: 'not-the-code' });
  assertProblem(wrong, 422, 'auth_info_invalid');
  assert.equal(wrong.body.field, 'authCode');
  const own = await call('transferDomain', 'alice', 'POST', '/domains/transfers', { name: names.moving, authCode: 'Move-Me-123' });
  assertProblem(own, 422, 'not_eligible_transfer');

  const fresh = freshName();
  assert.equal((await register('alice', fresh, { authCode: 'Fresh-Code-1' })).status, 201);
  const locked = await call('transferDomain', 'bob', 'POST', '/domains/transfers', { name: fresh, authCode: 'Fresh-Code-1' });
  assertProblem(locked, 422, 'transfer_lock');

  const tech = await call('createContact', 'bob', 'POST', '/contacts', person('Bobtech'));
  assert.equal(tech.status, 201, tech.text);
  const before = cents(await balance('bob'));
  const asked = await call('transferDomain', 'bob', 'POST', '/domains/transfers', {
    name: names.moving, authCode: 'Move-Me-123', contacts: { owner: person('Newowner'), tech: tech.body.id }, nameservers: ['ns1.bob.example'],
  });
  assert.equal(asked.status, 202, asked.text);
  assert.equal(asked.body.status, 'pending');
  assert.equal(typeof asked.body.orderId, 'number');
  assert.ok(before - cents(await balance('bob')) > 0, 'paid at the request');
  const twice = await call('transferDomain', 'bob', 'POST', '/domains/transfers', { name: names.moving, authCode: 'Move-Me-123' });
  assertProblem(twice, 409, 'pending_transfer');

  // The losing reseller answers over XCP (the JSON API has no approval yet).
  const approve = await server.xcpClient(alice).call('TRANSFER', 'APPROVE_TRANSFER', { domain: names.moving });
  assert.equal(approve.responseCode, 200, approve.responseText);

  const bobs = await call('getDomain', 'bob', 'GET', `/domains/${names.moving}`);
  assert.equal(bobs.status, 200, bobs.text);
  assert.equal(bobs.body.contacts.owner.email, 'newowner@example.com');
  assert.equal(bobs.body.contacts.tech.email, 'bobtech@example.com');
  assert.deepEqual(bobs.body.nameservers, ['ns1.bob.example']);
  assertProblem(await call('getDomain', 'alice', 'GET', `/domains/${names.moving}`), 404, 'not_found');
});

test('Idempotency-Key, in process: an answer that says nothing happened (5xx) frees the key; a key older than 24 hours is new again', async () => {
  const core = await makeTestCore();
  try {
    let runs = 0;
    let answer = 503;
    let gate: Promise<void> | undefined;
    const app = new Hono<ApiEnv>();
    app.use('*', async (c, next) => { c.set('core', core); c.set('reseller', { id: 7 } as Reseller); await next(); });
    app.post('/work', idempotencyKeys(), async (c) => {
      runs += 1;
      await gate;
      return answer === 201 ? c.json({ run: runs }, 201) : c.json({ error: 'registry down' }, 503);
    });
    app.onError((err) => problemResponse(problemFromError(err)));
    const send = (key: string, body = '{"a":1}') => app.request('/work', { method: 'POST', body, headers: { 'Idempotency-Key': key, 'Content-Type': 'application/json' } });

    assert.equal((await send('k1')).status, 503);
    answer = 201;
    const done = await send('k1');
    assert.equal(done.status, 201, 'the 503 freed the key: the retry ran');
    assert.equal(runs, 2);
    assert.equal((await send('k1')).headers.get('Idempotent-Replayed'), 'true');
    assert.equal(runs, 2);

    // While the first request runs, a retry is 409 request_in_progress.
    let open!: () => void;
    gate = new Promise((resolve) => { open = resolve; });
    const first = send('k2');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const during = await send('k2');
    assert.equal(during.status, 409);
    assert.equal(((await during.json()) as { type: string }).type, 'https://regd.dev/problems/request_in_progress');
    open();
    assert.equal((await first).status, 201);
    gate = undefined;

    // A day later the key is forgotten: another request may use it.
    await core.db.updateTable('idempotency_keys').set({ created_at: new Date(Date.now() - 25 * 3600_000).toISOString() }).where('key', '=', 'k1').execute();
    const reused = await send('k1', '{"a":2}');
    assert.equal(reused.status, 201);
    assert.equal(reused.headers.get('Idempotent-Replayed'), null);
  } finally {
    await closeTestCore(core);
  }
});
