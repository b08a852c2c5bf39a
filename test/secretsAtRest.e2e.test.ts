// Secrets at rest (issue 14 finding 9): reseller private keys and EPP password hashes are sealed under a key ring
// (DATA/secret.key, mode 0600, or REGD_SECRET_KEY) before they reach the store; `regd keys rotate` moves every value
// to a new key while a server keeps serving; no secret appears in the store file, the server's log or any reply.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { loginXml, parseResponse } from './support/eppHarness.ts';
import { apiRequest } from './support/apiClient.ts';
import { closeStores } from './support/surfaceHelpers.ts';

let server: RegdServer;
let alice: ResellerCredentials;
let token: string;
const replies: string[] = [];

function storeBytes(dataDir: string): string {
  return fs.readdirSync(dataDir).filter((f) => f.startsWith('regd.sqlite')).map((f) => fs.readFileSync(path.join(dataDir, f)).toString('latin1')).join('');
}

async function useEveryDoor(r: ResellerCredentials): Promise<void> {
  const xcp = server.xcpClient(r);
  const lookup = await xcp.call('DOMAIN', 'LOOKUP', { domain: 'secret-free.com' });
  assert.equal(lookup.responseCode, 210, lookup.responseText);
  replies.push(JSON.stringify(lookup));
  const epp = await server.eppTls();
  const wrong = await epp.command(loginXml(r.username, 'Wrong-Pass-1'));
  replies.push(wrong);
  assert.equal(parseResponse(wrong).code, 2200);
  const right = await epp.command(loginXml(r.username, r.password));
  replies.push(right);
  assert.equal(parseResponse(right).code, 1000);
  await epp.close();
  const api = await apiRequest(server, 'GET', '/api/v1/balance', { token });
  assert.equal(api.status, 200, api.text);
  replies.push(api.text, (await apiRequest(server, 'GET', '/api/v1/balance', { token: `${token}x` })).text);
}

before(async () => {
  server = await startRegd();
  alice = await server.createReseller('alice', '100');
  token = JSON.parse(await server.cli('reseller', 'token', 'create', 'alice', '--json')).token;
});
after(async () => { await closeStores(); await server.stop(); });

test('the key file is made with mode 0600, and the store holds no private key, password or token in clear', async () => {
  const keyFile = path.join(server.dataDir, 'secret.key');
  assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600);
  await useEveryDoor(alice);
  const stored = storeBytes(server.dataDir);
  assert.ok(stored.length > 0);
  assert.ok(stored.includes('sealed:v1:'), 'sealed values are in the store');
  for (const secret of [alice.privateKey, alice.password, token]) assert.ok(!stored.includes(secret), 'a secret is in the store file in clear');
  // The audit log (history detail) does not carry them either.
  const audit = await server.cli('audit', '--reseller', 'alice', '--json');
  for (const secret of [alice.privateKey, alice.password, token]) assert.ok(!audit.includes(secret));
});

test('regd keys rotate while the server runs: every value moves to the new key, and every door keeps working', async () => {
  const before = fs.readFileSync(path.join(server.dataDir, 'secret.key'), 'utf8');
  const rotated = JSON.parse(await server.cli('keys', 'rotate', '--json')) as { currentKeyId: string; resealed: number; retiredKeyIds: string[] };
  assert.ok(rotated.resealed >= 1, JSON.stringify(rotated));
  assert.equal(rotated.retiredKeyIds.length, 1);
  assert.ok(!before.includes(rotated.currentKeyId));
  assert.ok(storeBytes(server.dataDir).includes(`sealed:v1:${rotated.currentKeyId}:`));
  // The running server meets values under a key it has not seen, reloads the ring and goes on.
  await useEveryDoor(alice);
  const bob = await server.createReseller('bob', '10');
  await useEveryDoor(bob);
  const dropped = JSON.parse(await server.cli('keys', 'rotate', '--drop-retired', '--json')) as { droppedKeyIds: string[]; retiredKeyIds: string[] };
  assert.deepEqual(dropped.droppedKeyIds, rotated.retiredKeyIds);
  assert.deepEqual(dropped.retiredKeyIds, []);
  await useEveryDoor(alice);
});

test('the wrong key ring is a clear refusal, not a stack trace, and changes nothing', async () => {
  const other = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
  const out = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    execFile(process.execPath, [path.resolve('bin/regd.js'), 'reseller', 'funds', 'alice', '1', '--data', server.dataDir], { env: { ...process.env, REGD_SECRET_KEY: other } },
      (error, _stdout, stderr) => resolve({ code: error ? (error as { code?: number }).code ?? 1 : 0, stderr }));
  });
  assert.notEqual(out.code, 0);
  assert.match(out.stderr, /not in the key ring/);
  assert.doesNotMatch(out.stderr, /\bat .*\.ts:\d+/);
  await useEveryDoor(alice);
});

test('no secret in the server\'s log or in any reply', () => {
  const log = server.output.join('\n');
  for (const secret of [alice.privateKey, alice.password, token]) {
    assert.ok(!log.includes(secret), 'a secret is in the server log');
    assert.ok(!replies.some((r) => r.includes(secret)), 'a secret is in a reply');
  }
});
