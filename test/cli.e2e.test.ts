// The `regd` CLI contract, against a running server.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startRegd, REGD_BIN, type RegdServer } from './support/regdServer.ts';
import { freshName, registerAttributes } from './support/fixtures.ts';

const execFileP = promisify(execFile);
let server: RegdServer;
before(async () => { server = await startRegd(); });
after(async () => { await server.stop(); });

test('a fresh start prints one line per listener and how to create the first reseller', async () => {
  // The hint follows the listener lines; give it a moment to arrive.
  for (let i = 0; i < 50 && !server.output.some((l) => /regd reseller create NAME/.test(l)); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(server.output.some((l) => /^listening: XCP over HTTPS on https:\/\/127\.0\.0\.1:\d+\/$/.test(l)), JSON.stringify(server.output));
  assert.ok(server.output.some((l) => /regd reseller create NAME/.test(l)));
});

test('reseller create --json prints username, a 112-hex private key and a password', async () => {
  const r = await server.createReseller('cliuser', '12.5');
  assert.equal(r.username, 'cliuser');
  assert.match(r.privateKey, /^[0-9a-f]{112}$/);
  assert.ok(r.password.length >= 16);
  await assert.rejects(server.cli('reseller', 'create', 'cliuser', '--json'), /already exists/);
  await assert.rejects(server.cli('reseller', 'create', 'x', '--json'), /3-16 characters/);
  await assert.rejects(server.cli('reseller', 'create', 'fundsbad', '--funds', 'lots'), /Invalid amount/);
  const c = server.xcpClient(r);
  assert.equal((await c.call('BALANCE', 'GET_BALANCE')).attributes.balance, '12.50');
});

test('reseller funds adds money; reseller key --regenerate replaces the key at once', async () => {
  const r = await server.createReseller('keyuser', '1');
  const out = JSON.parse(await server.cli('reseller', 'funds', 'keyuser', '99.5', '--json'));
  assert.equal(out.balance, '100.50');
  const newKey = JSON.parse(await server.cli('reseller', 'key', 'keyuser', '--regenerate', '--json')).privateKey;
  assert.match(newKey, /^[0-9a-f]{112}$/);
  assert.notEqual(newKey, r.privateKey);
  const oldClient = server.xcpClient(r);
  assert.equal((await oldClient.post('<x/>')).status, 401);
  const fresh = server.xcpClient({ ...r, privateKey: newKey });
  assert.equal((await fresh.call('BALANCE', 'GET_BALANCE')).attributes.balance, '100.50');
  await assert.rejects(server.cli('reseller', 'funds', 'nobody', '5'), /not found/);
});

test('sandbox clock advance moves the clock of the running server', async () => {
  const r = await server.createReseller('clockuser', '100');
  const c = server.xcpClient(r);
  const name = freshName();
  assert.equal((await c.call('DOMAIN', 'SW_REGISTER', registerAttributes(name, { reg_username: 'clockprofile' }))).responseCode, 200);
  const cookie = String((await c.call('COOKIE', 'SET', { domain: name, reg_username: 'clockprofile', reg_password: 'secret123' })).attributes.cookie);
  const expiring = async () => (await c.call('DOMAIN', 'GET', { type: 'list', min_to_expiry: '0', max_to_expiry: '30' }, { domain: name })).attributes.count;
  assert.equal(await expiring(), '0');
  const before = new Date((await server.cli('sandbox', 'clock', 'show')).split(' ')[0]);
  const advanced = new Date((await server.cli('sandbox', 'clock', 'advance', '340d')).trim());
  assert.ok(advanced.getTime() - before.getTime() >= 340 * 86_400_000 - 5_000);
  assert.match(await server.cli('sandbox', 'clock', 'show'), /offset 29376000s/);
  assert.equal(await expiring(), '1');
  // The registrant cookie has idled far past its two hours on the sandbox clock.
  assert.equal((await c.call('DOMAIN', 'GET', { type: 'owner' }, { cookie })).responseCode, 415);
  await assert.rejects(server.cli('sandbox', 'clock', 'advance', 'soon'), /Invalid duration/);
});

test('--help works on every command', async () => {
  for (const args of [[], ['serve'], ['reseller'], ['reseller', 'create'], ['reseller', 'key'], ['reseller', 'funds'], ['reseller', 'epp-cert'], ['sandbox'], ['sandbox', 'clock'], ['sandbox', 'clock', 'advance'], ['sandbox', 'clock', 'show']]) {
    const { stdout } = await execFileP(process.execPath, [REGD_BIN, ...args, '--help']);
    assert.match(stdout, /Usage: regd/, args.join(' '));
  }
});

test('SIGTERM stops the server cleanly', async () => {
  const other = await startRegd();
  assert.equal(await other.stop(), 0);
});
