// The audit log (issue 14 finding 10): every change records who made it (the reseller, or the registrant profile
// through it; the operator on the command line; the system for the life cycle), the door, the source address and the
// node. Read with `regd audit DOMAIN` and `regd audit --reseller NAME` against one real `regd serve`.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { closeStores, cookieFor, register } from './support/surfaceHelpers.ts';
import { loginXml, eppCommand, parseResponse } from './support/eppHarness.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';

interface Entry { at: string; domain: string | null; reseller: string | null; action: string; actor: string | null; door: string | null; sourceIp: string | null; nodeId: string | null }

let server: RegdServer;
let alice: ResellerCredentials;

const audit = async (...args: string[]) => JSON.parse(await server.cli('audit', ...args, '--json')) as Entry[];

before(async () => {
  server = await startRegd({ extraArgs: ['--node-id', 'node-a'] });
  alice = await server.createReseller('alice', '1000');
});
after(async () => { await closeStores(); await server.stop(); });

test('a registration over XCP/HTTPS, an update over EPP/TLS and a registrant change through a cookie each say who', async () => {
  const xcp = server.xcpClient(alice);
  const r = await register(xcp, 'audited-name.com');
  assert.equal(r.responseCode, 200, r.responseText);

  const epp = await server.eppTls();
  assert.equal(parseResponse(await epp.command(loginXml(alice.username, alice.password))).code, 1000);
  const update = `<update><domain:update xmlns:domain="${NS.domain}"><domain:name>audited-name.com</domain:name>` +
    '<domain:chg><domain:authInfo><domain:pw>Audit-Pw-2026</domain:pw></domain:authInfo></domain:chg></domain:update></update>';
  assert.equal(parseResponse(await epp.command(eppCommand(update))).code, 1000);
  await epp.close?.();

  const cookie = await cookieFor(xcp, 'audited-name.com');
  const lock = await xcp.call('DOMAIN', 'MODIFY', { data: 'status', lock_state: '1' }, { cookie });
  assert.equal(lock.responseCode, 200, lock.responseText);

  const entries = await audit('audited-name.com');
  assert.ok(entries.length >= 3, JSON.stringify(entries));
  for (const e of entries) {
    assert.equal(e.domain, 'audited-name.com');
    assert.equal(e.nodeId, 'node-a');
    assert.equal(e.sourceIp, '127.0.0.1', JSON.stringify(e));
  }
  const doors = new Set(entries.map((e) => e.door));
  assert.ok(doors.has('xcp-https') && doors.has('epp-tls'), [...doors].join(', '));
  assert.ok(entries.some((e) => e.door === 'epp-tls' && e.actor === 'reseller:alice'), JSON.stringify(entries));
  // The cookie names the registrant profile beside the reseller whose door it came through.
  assert.ok(entries.some((e) => e.door === 'xcp-https' && /^reseller:alice profile:\d+$/.test(e.actor ?? '')), JSON.stringify(entries));
  // Newest first.
  assert.deepEqual(entries.map((e) => e.at), [...entries.map((e) => e.at)].sort().reverse());
});

test('the operator\'s command-line changes are the operator\'s; --reseller lists one reseller\'s changes', async () => {
  await server.cli('reseller', 'funds', 'alice', '5');
  const entries = await audit('--reseller', 'alice');
  const funds = entries.find((e) => e.action === 'add_funds');
  assert.ok(funds, JSON.stringify(entries.map((e) => e.action)));
  assert.equal(funds.door, 'cli');
  assert.equal(funds.actor, 'operator');
  assert.ok(entries.every((e) => e.reseller === 'alice'));
  const text = await server.cli('audit', '--reseller', 'alice', '--limit', '2');
  assert.equal(text.trim().split('\n').length, 2, text);
});

test('bad input: an unknown domain or reseller, or neither, is a clear error', async () => {
  await assert.rejects(server.cli('audit', 'never-registered.com'), /No domain never-registered\.com/);
  await assert.rejects(server.cli('audit', '--reseller', 'nobody'), /Reseller nobody not found/);
  await assert.rejects(server.cli('audit'), /Name a domain or a reseller/);
});
