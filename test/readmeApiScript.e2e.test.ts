// The README's curl script (the block after <!-- api-script -->) run as written against a fresh `regd serve`: a
// reseller registers, updates, renews and deletes a domain through the documented JSON API, with nothing but curl and
// jq (.ci/run installs both when missing). If the API or the README drift apart, this fails.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { startRegd, type RegdServer } from './support/regdServer.ts';

let server: RegdServer;
let token: string;

function readmeScript(): string {
  const readme = fs.readFileSync(path.resolve('README.md'), 'utf8');
  const at = readme.indexOf('<!-- api-script -->');
  assert.ok(at >= 0, 'the README marks its API script');
  const m = /```sh\n([\s\S]*?)```/.exec(readme.slice(at));
  assert.ok(m, 'a sh block follows the marker');
  return m[1].split('\n').map((l) => l.replace(/^ {2}/, '')).join('\n');
}

before(async () => {
  server = await startRegd();
  await server.createReseller('alice', '1000');
  token = JSON.parse(await server.cli('reseller', 'token', 'create', 'alice', '--json')).token;
});
after(async () => { await server.stop(); });

test('the README\'s curl script registers, updates, renews and deletes a domain', async () => {
  const ca = path.join(server.dataDir, 'tls', 'cert.pem');
  const env = { ...process.env, REGD: `https://localhost:${server.httpPort}`, CA: ca, TOKEN: token, NAME: 'readme-script.com' };
  const out = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('bash', ['-euo', 'pipefail', '-c', readmeScript()], { env, timeout: 120_000 }, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
  assert.equal(out.code, 0, `${out.stdout}\n${out.stderr}`);
  const lines = out.stdout.trim().split('\n');
  assert.match(lines[0], /"available":true/);
  assert.deepEqual(JSON.parse(lines[1]).name, 'readme-script.com');
  assert.deepEqual(JSON.parse(lines[2]), { nameservers: ['ns1.example.org', 'ns2.example.org'], locked: true, autoRenew: true });
  const registeredExpiry = JSON.parse(lines[1]).expiresAt as string;
  assert.equal(Number(lines[3].slice(0, 4)), Number(registeredExpiry.slice(0, 4)) + 1, 'renewed by a year');
  assert.ok(lines.some((l) => /"outcome":"(deleted|redemption)"/.test(l)), out.stdout);
  assert.ok(lines.some((l) => /"balance"/.test(l)), out.stdout);
  const gone = await fetchStatus(`/api/v1/domains/readme-script.com`);
  assert.equal(gone, 404);
});

async function fetchStatus(p: string): Promise<number> {
  const { apiRequest } = await import('./support/apiClient.ts');
  return (await apiRequest(server, 'GET', p, { token })).status;
}
