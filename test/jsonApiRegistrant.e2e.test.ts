// The JSON API's registrant operations against a real `regd serve`: a registrant signs in with its profile's
// username, password and one of its domains (the OpenSRS "set cookie"), and with that session reaches only its
// profile's domains: list, read, change nameservers/contacts/lock/WHOIS privacy, see or mail its auth code, change
// its password, sign out. Every reply, problems included, is validated against the published OpenAPI document.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer } from './support/regdServer.ts';
import { apiRequest, assertProblem, OpenApiDocument, type ApiReply } from './support/apiClient.ts';
import { closeStores, expectCode, outbox, register } from './support/surfaceHelpers.ts';
import type { XcpClient } from '../src/client/xcpClient.ts';

let server: RegdServer;
let doc: OpenApiDocument;
let aliceToken: string;
let a: XcpClient;

const MINE = ['reg-one.com', 'reg-two.com', 'reg-three.net'];
const OTHER_PROFILE = 'reg-other.com';
const BOBS = 'reg-bob.com';
const CREDENTIALS = { username: 'registrant1', password: 'secret123' };

const send = (method: string, path: string, token?: string, body?: unknown) =>
  apiRequest(server, method, `/api/v1${path}`, { token, body: body === undefined ? undefined : JSON.stringify(body) });

function documented(operationId: string, reply: ApiReply, status: number): any {
  doc.assertDocumented(operationId, reply);
  assert.equal(reply.status, status, reply.text);
  return reply.body;
}

async function signIn(domain = MINE[0], credentials = CREDENTIALS): Promise<string> {
  return documented('createRegistrantSession', await send('POST', '/registrant/session', undefined, { ...credentials, domain }), 201).token;
}

before(async () => {
  server = await startRegd();
  const alice = await server.createReseller('alice', '1000');
  const bob = await server.createReseller('bob', '1000');
  aliceToken = JSON.parse(await server.cli('reseller', 'token', 'create', 'alice', '--json')).token;
  a = server.xcpClient(alice);
  for (const name of MINE) await register(a, name);
  await register(a, OTHER_PROFILE, { reg_username: 'someoneelse', reg_password: 'otherpass1' });
  // Bob's registrant has the same username and password under another reseller: a different profile.
  await register(server.xcpClient(bob), BOBS);
  doc = await OpenApiDocument.fetch(server);
});
after(async () => { await closeStores(); await server.stop(); });

test('the document names every registrant operation and the registrant security scheme', () => {
  const ids = doc.operationIds();
  for (const id of ['createRegistrantSession', 'deleteRegistrantSession', 'listRegistrantDomains', 'getRegistrantDomain', 'updateRegistrantDomain',
    'getRegistrantAuthCode', 'sendRegistrantAuthCode', 'changeRegistrantPassword']) assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
  assert.equal(doc.doc.components.securitySchemes.registrantSession.scheme, 'bearer');
  assert.deepEqual(doc.doc.paths['/api/v1/registrant/session'].post.security, []);
  assert.deepEqual(doc.doc.paths['/api/v1/registrant/domains'].get.security, [{ registrantSession: [] }]);
});

test('sign-in: profile credentials and one of its domains; wrong ones, unknown domains and others\' domains all read 401', async () => {
  const reply = await send('POST', '/registrant/session', undefined, { ...CREDENTIALS, domain: MINE[1] });
  const session = documented('createRegistrantSession', reply, 201);
  assert.match(session.token, /^[A-Za-z0-9_-]{20,}$/);
  assert.ok(Date.parse(session.expiresAt) > Date.now(), session.expiresAt);
  assert.equal(session.domainCount, 3);
  // The session is the registrant cookie: XCP takes it as one.
  const viaXcp = await a.call('DOMAIN', 'GET', { type: 'domain_auth_info' }, { cookie: session.token });
  expectCode(viaXcp, 200);

  const failures = [
    { ...CREDENTIALS, password: 'wrong-pass', domain: MINE[0] },
    { ...CREDENTIALS, domain: 'nobody-holds-this.com' },
    { ...CREDENTIALS, domain: OTHER_PROFILE },
  ];
  const details = [];
  for (const body of failures) {
    const r = await send('POST', '/registrant/session', undefined, body);
    assertProblem(r, 401, 'auth_failed');
    documented('createRegistrantSession', r, 401);
    details.push(r.body.detail);
  }
  assert.equal(new Set(details).size, 1, 'one answer for every failure');

  const missing = await send('POST', '/registrant/session', undefined, { username: 'registrant1', domain: MINE[0] });
  assertProblem(missing, 400, 'invalid_value');
  documented('createRegistrantSession', missing, 400);
  assert.equal(missing.body.field, 'password');
  const badName = await send('POST', '/registrant/session', undefined, { ...CREDENTIALS, domain: 'bad_name!.com' });
  assertProblem(badName, 400, 'invalid_domain');
  documented('createRegistrantSession', badName, 400);
});

test('tokens do not cross: no session, a reseller token or a signed-out one is 401; a session is no reseller token', async () => {
  const none = await send('GET', '/registrant/domains');
  assertProblem(none, 401, 'unauthorized');
  documented('listRegistrantDomains', none, 401);
  const reseller = await send('GET', '/registrant/domains', aliceToken);
  assertProblem(reseller, 401, 'cookie_invalid');
  documented('listRegistrantDomains', reseller, 401);
  const token = await signIn();
  const asReseller = await send('GET', '/balance', token);
  assertProblem(asReseller, 401, 'unauthorized');

  assert.equal(documented('deleteRegistrantSession', await send('DELETE', '/registrant/session', token), 204), undefined);
  const gone = await send('GET', '/registrant/domains', token);
  assertProblem(gone, 401, 'cookie_invalid');
  documented('listRegistrantDomains', gone, 401);
  const again = await send('DELETE', '/registrant/session', token);
  assertProblem(again, 401, 'cookie_invalid');
  documented('deleteRegistrantSession', again, 401);
});

test('listRegistrantDomains: the profile\'s domains only, paged, with their status', async () => {
  const token = await signIn();
  const all = documented('listRegistrantDomains', await send('GET', '/registrant/domains', token), 200);
  assert.deepEqual(all.items.map((d: any) => d.name), [...MINE].sort());
  assert.ok(all.items.every((d: any) => d.status === 'active'));
  const p1 = documented('listRegistrantDomains', await send('GET', '/registrant/domains?limit=2', token), 200);
  const p2 = documented('listRegistrantDomains', await send('GET', `/registrant/domains?limit=2&cursor=${p1.nextCursor}`, token), 200);
  assert.deepEqual([...p1.items, ...p2.items].map((d: any) => d.name), [...MINE].sort());
  assert.equal(p2.nextCursor, null);
  assert.deepEqual(documented('listRegistrantDomains', await send('GET', '/registrant/domains?status=expired', token), 200).items, []);
  const bad = await send('GET', '/registrant/domains?limit=0', token);
  assertProblem(bad, 400, 'invalid_value');
  documented('listRegistrantDomains', bad, 400);
  assert.equal(bad.body.field, 'limit');

  const other = await signIn(OTHER_PROFILE, { username: 'someoneelse', password: 'otherpass1' });
  assert.deepEqual(documented('listRegistrantDomains', await send('GET', '/registrant/domains', other), 200).items.map((d: any) => d.name), [OTHER_PROFILE]);
});

test('getRegistrantDomain: one of the profile\'s domains; another profile\'s, another reseller\'s or an unknown one is 404', async () => {
  const token = await signIn();
  const d = documented('getRegistrantDomain', await send('GET', `/registrant/domains/${MINE[0]}`, token), 200);
  assert.equal(d.name, MINE[0]);
  assert.deepEqual(d.nameservers, ['ns1.example.net', 'ns2.example.net']);
  assert.equal(d.contacts.admin.firstName, 'Admin');
  const details = [];
  for (const name of [OTHER_PROFILE, BOBS, 'nobody-holds-this.com']) {
    const r = await send('GET', `/registrant/domains/${name}`, token);
    assertProblem(r, 404, 'not_found');
    documented('getRegistrantDomain', r, 404);
    details.push(r.body.detail.replace(name, 'X'));
  }
  assert.equal(new Set(details).size, 1, 'the same answer for each');
});

test('updateRegistrantDomain: nameservers, contacts, lock and WHOIS privacy through the core; the reseller sees the change', async () => {
  const token = await signIn();
  const name = MINE[1];
  const admin = {
    firstName: 'Ada', lastName: 'Admin', address: ['1 New Street'], city: 'Ottawa', postalCode: 'K1A0B1', country: 'CA',
    phone: '+1.6135550100', email: 'ada@example.org',
  };
  const updated = documented('updateRegistrantDomain', await send('PATCH', `/registrant/domains/${name}`, token, {
    nameservers: ['ns1.newhost.net', 'ns2.newhost.net'], contacts: { admin }, lock: true, whoisPrivacy: true,
  }), 200);
  assert.deepEqual(updated.nameservers, ['ns1.newhost.net', 'ns2.newhost.net']);
  assert.equal(updated.contacts.admin.email, 'ada@example.org');
  assert.equal(updated.contacts.owner.firstName, 'Owner', 'roles not given keep their contact');
  assert.equal(updated.locked, true);
  assert.equal(updated.whoisPrivacy, true);
  const seen = await apiRequest(server, 'GET', `/api/v1/domains/${name}`, { token: aliceToken });
  assert.equal(seen.status, 200, seen.text);
  assert.deepEqual([seen.body.nameservers, seen.body.locked, seen.body.contacts.admin.email], [updated.nameservers, true, 'ada@example.org']);
  const unlocked = documented('updateRegistrantDomain', await send('PATCH', `/registrant/domains/${name}`, token, { lock: false }), 200);
  assert.equal(unlocked.locked, false);

  const badPhone = await send('PATCH', `/registrant/domains/${name}`, token, { contacts: { admin: { ...admin, phone: '555-0100' } } });
  assertProblem(badPhone, 400, 'invalid_value');
  documented('updateRegistrantDomain', badPhone, 400);
  assert.equal(badPhone.body.field, 'contacts.admin.phone');
  const badNs = await send('PATCH', `/registrant/domains/${name}`, token, { nameservers: ['not a host'] });
  assertProblem(badNs, 400, 'invalid_value');
  documented('updateRegistrantDomain', badNs, 400);
  assert.equal(badNs.body.field, 'nameservers');
  const nothing = await send('PATCH', `/registrant/domains/${name}`, token, {});
  assertProblem(nothing, 400, 'missing_field');
  documented('updateRegistrantDomain', nothing, 400);
  const notTheirs = await send('PATCH', `/registrant/domains/${OTHER_PROFILE}`, token, { lock: true });
  assertProblem(notTheirs, 404, 'not_found');
  documented('updateRegistrantDomain', notTheirs, 404);
});

test('getRegistrantAuthCode shows the code; sendRegistrantAuthCode mails it to the admin contact (outbox)', async () => {
  const token = await signIn();
  const name = MINE[2];
  const code = documented('getRegistrantAuthCode', await send('GET', `/registrant/domains/${name}/authCode`, token), 200);
  const seen = await apiRequest(server, 'GET', `/api/v1/domains/${name}`, { token: aliceToken });
  assert.equal(code.authCode, seen.body.authCode);
  const sent = documented('sendRegistrantAuthCode', await send('POST', `/registrant/domains/${name}/authCode/send`, token), 200);
  assert.equal(sent.sentTo, 'admin@example.com');
  const mail = await outbox(server.dataDir, { domain: name, kind: 'send_authcode' });
  assert.equal(mail.length, 1);
  assert.match(mail[0].body, new RegExp(code.authCode.replace(/[-]/g, '\\-')));
  const notTheirs = await send('GET', `/registrant/domains/${BOBS}/authCode`, token);
  assertProblem(notTheirs, 404, 'not_found');
  documented('getRegistrantAuthCode', notTheirs, 404);
  const notTheirsMail = await send('POST', `/registrant/domains/${BOBS}/authCode/send`, token);
  assertProblem(notTheirsMail, 404, 'not_found');
  documented('sendRegistrantAuthCode', notTheirsMail, 404);
});

test('changeRegistrantPassword: the core\'s rules; other sessions end, this one stays; the old password no longer signs in', async () => {
  const credentials = { username: 'someoneelse', password: 'otherpass1' };
  const s1 = await signIn(OTHER_PROFILE, credentials);
  const s2 = await signIn(OTHER_PROFILE, credentials);
  const weak = await send('POST', '/registrant/password', s1, { password: 'aaaa' });
  assertProblem(weak, 400, 'invalid_value');
  documented('changeRegistrantPassword', weak, 400);
  assert.equal(weak.body.field, 'password');
  const changed = documented('changeRegistrantPassword', await send('POST', '/registrant/password', s1, { password: 'n3w-Secret' }), 200);
  assert.equal(changed.username, 'someoneelse');
  assert.ok(changed.otherSessionsSignedOut >= 1, JSON.stringify(changed));
  assertProblem(await send('GET', '/registrant/domains', s2), 401, 'cookie_invalid');
  assert.equal((await send('GET', '/registrant/domains', s1)).status, 200);
  assertProblem(await send('POST', '/registrant/session', undefined, { ...credentials, domain: OTHER_PROFILE }), 401, 'auth_failed');
  await signIn(OTHER_PROFILE, { ...credentials, password: 'n3w-Secret' });
});

// Locks an account: keep it last.
test('the sign-in throttle: after five failures the account is locked, answered 429 with Retry-After, even with the right password', async () => {
  const wrong = { username: 'registrant1', password: 'not-it', domain: MINE[2] };
  let locked: ApiReply | undefined;
  for (let i = 0; i < 8 && !locked; i++) {
    const r = await send('POST', '/registrant/session', undefined, wrong);
    if (r.status === 429) locked = r;
    else assertProblem(r, 401, 'auth_failed');
  }
  assert.ok(locked, 'locked within eight failures');
  assertProblem(locked, 429, 'rate_limited');
  documented('createRegistrantSession', locked, 429);
  assert.ok(Number(locked.headers['retry-after']) >= 1, String(locked.headers['retry-after']));
  const right = await send('POST', '/registrant/session', undefined, { ...CREDENTIALS, domain: MINE[2] });
  assertProblem(right, 429, 'rate_limited');
});
