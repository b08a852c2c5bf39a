// The README's SDK programs (examples/sdk-epp.ts, examples/sdk-xcp.ts) run as a reseller would run them: a separate
// `node --import tsx` process importing the package by its name ("regd", through package.json exports), pointed at
// a running `regd serve` with environment variables. The README must show exactly these files.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let server: RegdServer;
let alice: ResellerCredentials;

before(async () => {
  server = await startRegd();
  alice = await server.createReseller('sdkalice', '1000');
});
after(async () => { await server.stop(); });

function runExample(file: string, env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', file, ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const caFile = () => path.join(server.dataDir, 'tls', 'cert.pem');

test('the README shows the example programs as they are', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const file of ['examples/sdk-epp.ts', 'examples/sdk-xcp.ts']) {
    assert.ok(readme.includes(fs.readFileSync(path.join(ROOT, file), 'utf8').trimEnd()), `README.md shows ${file} verbatim`);
  }
});

test('the EPP example registers, updates, renews and reads a domain', async () => {
  const name = `sdk-epp-${process.pid}-${Date.now().toString(36)}.com`;
  const r = await runExample('examples/sdk-epp.ts', {
    REGD_EPP_SERVER: `127.0.0.1:${server.eppPort}`, REGD_EPP_USERNAME: alice.username, REGD_EPP_PASSWORD: alice.password, REGD_CA: caFile(),
  }, name);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.name, name);
  assert.equal(out.sponsor, alice.username);
  assert.deepEqual(out.nameservers.sort(), ['ns1.example.net', 'ns2.example.net']);
  assert.equal(new Date(out.expires).getUTCFullYear(), new Date().getUTCFullYear() + 2);
  // The domain is there for every other door too.
  const xcp = await server.xcpClient(alice).getDomain(name, 'all_info');
  assert.equal(xcp.attributes.sponsoring_rsp, '1');
  // Run again on the same name: the check says taken, the program fails with that reason.
  const again = await runExample('examples/sdk-epp.ts', {
    REGD_EPP_SERVER: `127.0.0.1:${server.eppPort}`, REGD_EPP_USERNAME: alice.username, REGD_EPP_PASSWORD: alice.password, REGD_CA: caFile(),
  }, name);
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, /is taken/);
});

test('the XCP example registers, changes nameservers and auto-renew, renews and reads a domain', async () => {
  const name = `sdk-xcp-${process.pid}-${Date.now().toString(36)}.com`;
  const r = await runExample('examples/sdk-xcp.ts', {
    REGD_XCP_SERVER: `127.0.0.1:${server.xcpPort}`, REGD_XCP_USERNAME: alice.username, REGD_XCP_KEY: alice.privateKey, REGD_CA: caFile(),
  }, name);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.name, name);
  assert.ok(out.order);
  assert.equal(out.autoRenew, '1');
  assert.equal(Number(out.expires.slice(0, 4)), new Date().getUTCFullYear() + 2);
  const ns = await server.xcpClient(alice).getDomain(name, 'nameservers');
  assert.deepEqual((ns.attributes.nameserver_list as Array<{ name: string }>).map((n) => n.name), ['ns3.example.net', 'ns4.example.net']);
});
