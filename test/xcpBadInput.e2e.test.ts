// Bad input over XCP/HTTPS: every case gets a well-formed OPS error reply with a clear text, nothing partial is
// stored, and the server goes on serving.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { parseReply, type XcpClient } from '../src/client/xcpClient.ts';
import { freshName, registerAttributes, contactSet } from './support/fixtures.ts';
import { makeAssoc } from '../src/protocols/ops/index.ts';

let server: RegdServer;
let alice: ResellerCredentials;
let c: XcpClient;
before(async () => { server = await startRegd(); alice = await server.createReseller('alice', '1000'); c = server.xcpClient(alice); });
after(async () => { await server.stop(); });

async function postRaw(body: string) {
  const res = await c.post(body);
  assert.equal(res.status, 200, `HTTP status for ${body.slice(0, 60)}`);
  return parseReply(res.body);
}

async function stillServing() {
  const r = await c.call('DOMAIN', 'LOOKUP', { domain: 'still-alive.com' });
  assert.equal(r.responseCode, 210);
}

async function balance(): Promise<string> {
  return String((await c.call('BALANCE', 'GET_BALANCE')).attributes.balance);
}

test('malformed XML gets an OPS error reply', async () => {
  const r = await postRaw('<OPS_envelope><header><version>0.9</version></header><body><data_block><dt_assoc>');
  assert.equal(r.isSuccess, false);
  assert.equal(r.responseCode, 400);
  assert.match(r.responseText, /XML/);
  await stillServing();
});

test('an internal DTD subset, an external entity and an entity bomb are refused fast', async () => {
  const bomb = `<?xml version="1.0"?><!DOCTYPE OPS_envelope [<!ENTITY a "aaaaaaaaaa">` +
    Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`).join('') +
    `]><OPS_envelope><header><version>0.9</version></header><body><data_block><dt_scalar>&j;</dt_scalar></data_block></body></OPS_envelope>`;
  const xxe = `<?xml version="1.0"?><!DOCTYPE OPS_envelope [<!ENTITY x SYSTEM "file:///etc/passwd">]>` +
    `<OPS_envelope><header><version>0.9</version></header><body><data_block><dt_scalar>&x;</dt_scalar></data_block></body></OPS_envelope>`;
  const external = `<?xml version="1.0"?><!DOCTYPE OPS_envelope SYSTEM "http://127.0.0.1:1/ops.dtd">` +
    `<OPS_envelope><header><version>0.9</version></header><body><data_block><dt_scalar>x</dt_scalar></data_block></body></OPS_envelope>`;
  for (const body of [bomb, xxe, external]) {
    const r = await postRaw(body);
    assert.equal(r.isSuccess, false);
    assert.equal(r.responseCode, 400);
    assert.doesNotMatch(r.responseText, /root:/);
  }
  await stillServing();
});

test('a body over 1 MiB gets an OPS error reply', async () => {
  const res = await c.post('<' + 'x'.repeat(1024 * 1024 + 10));
  assert.notEqual(res.status, 200);
  const r = parseReply(res.body);
  assert.equal(r.isSuccess, false);
  assert.match(r.responseText, /limit/);
  await stillServing();
});

test('unknown object/action gets 430; case-insensitive matching works', async () => {
  const r = await c.call('DOMAIN', 'FROBNICATE', { domain: 'x.com' });
  assert.equal(r.responseCode, 430);
  assert.match(r.responseText, /Invalid Command/);
  const lower = await c.call('domain', 'lookup', { domain: 'mixed-case.com' });
  assert.equal(lower.responseCode, 210);
  const mixed = await c.call('Domain', 'LookUp', { domain: 'mixed-case.com', some_unknown_key: 'ignored' });
  assert.equal(mixed.responseCode, 210);
});

test('missing required attributes get 460 naming the field', async () => {
  const noDomain = await c.call('DOMAIN', 'LOOKUP', {});
  assert.equal(noDomain.responseCode, 460);
  assert.match(noDomain.responseText, /domain/);
  const attrs = registerAttributes(freshName());
  delete attrs.reg_username;
  const noUser = await c.call('DOMAIN', 'SW_REGISTER', attrs);
  assert.equal(noUser.responseCode, 460);
  assert.match(noUser.responseText, /reg_username/);
  const set = contactSet();
  delete (set.owner as Record<string, unknown>).email;
  const noEmail = await c.call('DOMAIN', 'SW_REGISTER', registerAttributes(freshName(), { contact_set: set }));
  assert.equal(noEmail.responseCode, 460);
  assert.match(noEmail.responseText, /contact_set\.owner\.email/);
});

test('invalid domain syntax and unknown TLDs get 465', async () => {
  for (const domain of ['-bad-.com', 'no_underscores.com', 'a..com', 'x'.repeat(64) + '.com', 'example.zz', 'sub.example.com']) {
    const r = await c.call('DOMAIN', 'LOOKUP', { domain });
    assert.equal(r.responseCode, 465, domain);
    assert.match(r.responseText, /Invalid domain name syntax/);
  }
  const reg = await c.call('DOMAIN', 'SW_REGISTER', registerAttributes('example.zz'));
  assert.equal(reg.responseCode, 465);
});

test('failed registrations store nothing and charge nothing', async () => {
  const before = await balance();
  const name = freshName();
  const cases = [
    registerAttributes(name, { period: '11' }),
    registerAttributes(name, { reg_password: 'x' }),
    registerAttributes(name, { nameserver_list: [makeAssoc({ name: 'ns1.example.net', sortorder: '1' }), makeAssoc({ name: 'ns1.example.net', sortorder: '2' })] }),
    registerAttributes(name, { contact_set: makeAssoc({ ...contactSet(), owner: makeAssoc({ ...(contactSet().owner as object), phone: '555-1234' }) }) }),
  ];
  for (const attrs of cases) {
    const r = await c.call('DOMAIN', 'SW_REGISTER', attrs);
    assert.equal(r.responseCode, 465, r.responseText);
    assert.equal(r.isSuccess, false);
  }
  assert.equal((await c.call('DOMAIN', 'LOOKUP', { domain: name })).responseCode, 210);
  assert.equal(await balance(), before);
});

test('a registration the balance cannot pay for is refused whole', async () => {
  const poor = await server.createReseller('poor', '5');
  const pc = server.xcpClient(poor);
  const name = freshName();
  const r = await pc.call('DOMAIN', 'SW_REGISTER', registerAttributes(name));
  assert.equal(r.isSuccess, false);
  assert.match(r.responseText, /Insufficient funds/);
  assert.equal((await pc.call('DOMAIN', 'LOOKUP', { domain: name })).responseCode, 210);
  assert.equal((await pc.call('BALANCE', 'GET_BALANCE')).attributes.balance, '5.00');
});

test('sixteen concurrent registrations of one name: exactly one succeeds and one debit is made', async () => {
  const racer = await server.createReseller('racer', '1000');
  const clients = Array.from({ length: 4 }, () => server.xcpClient(racer));
  const name = freshName();
  const replies = await Promise.all(Array.from({ length: 16 }, (_, i) =>
    clients[i % 4].call('DOMAIN', 'SW_REGISTER', registerAttributes(name))));
  const ok = replies.filter((r) => r.responseCode === 200);
  assert.equal(ok.length, 1, replies.map((r) => `${r.responseCode} ${r.responseText}`).join('\n'));
  for (const r of replies.filter((x) => x.responseCode !== 200)) assert.equal(r.responseCode, 485);
  assert.equal((await clients[0].call('BALANCE', 'GET_BALANCE')).attributes.balance, '989.01');
});
