// `regd xcp ...` and `regd epp ...` as a shell user runs them: child processes of bin/regd.js against a running
// `regd serve`, credentials from flags, environment variables or a profile file, --json output for scripts, and a
// non-zero exit with one line on stderr (no stack trace) for every failure.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { startRegd, REGD_BIN, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';

let server: RegdServer;
let alice: ResellerCredentials;
let tmp: string;
let caFile: string;
let xcpEnv: Record<string, string>;
let eppEnv: Record<string, string>;

before(async () => {
  server = await startRegd();
  alice = await server.createReseller('clialice', '1000');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-cli-client-'));
  caFile = path.join(server.dataDir, 'tls', 'cert.pem');
  xcpEnv = { REGD_XCP_SERVER: `127.0.0.1:${server.xcpPort}`, REGD_XCP_USERNAME: alice.username, REGD_XCP_KEY: alice.privateKey, REGD_CA: caFile };
  eppEnv = { REGD_EPP_SERVER: `127.0.0.1:${server.eppPort}`, REGD_EPP_USERNAME: alice.username, REGD_EPP_PASSWORD: alice.password, REGD_CA: caFile };
});
after(async () => {
  await server.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface Run { code: number; stdout: string; stderr: string }

/** Runs bin/regd.js with only the given REGD_* variables (and a HOME without a profile file). */
function regd(env: Record<string, string>, ...args: string[]): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('REGD_')));
  return new Promise((resolve) => {
    execFile(process.execPath, [REGD_BIN, ...args], { env: { ...clean, HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, 'xdg'), ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

async function ok(env: Record<string, string>, ...args: string[]): Promise<string> {
  const r = await regd(env, ...args);
  assert.equal(r.code, 0, `regd ${args.join(' ')}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}
const json = async (env: Record<string, string>, ...args: string[]) => JSON.parse(await ok(env, ...args, '--json'));

/** The failure contract: exit 1, exactly one line on stderr, starting "regd: ", no stack trace. */
async function fails(env: Record<string, string>, pattern: RegExp, ...args: string[]): Promise<Run> {
  const r = await regd(env, ...args);
  assert.notEqual(r.code, 0, `regd ${args.join(' ')} should fail: ${r.stdout}`);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr: ${r.stderr}`);
  assert.match(lines[0]!, /^regd: /);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  return r;
}

let n = 0;
const fresh = (tld: string) => `cli-${process.pid}-${Date.now().toString(36)}-${++n}.${tld}`;
const CONTACT = {
  first_name: 'Ann', last_name: 'Lee', org_name: 'Example Ltd', address1: '1 Main Street', city: 'Toronto', state: 'ON',
  country: 'CA', postal_code: 'M1M1M1', phone: '+1.4165551212', email: 'ann@example.com',
};

test('regd xcp: lookup, register with a contact file, balance, and the generic form with nested --attr', async () => {
  const name = fresh('com');
  const [lookup, taken] = await Promise.all([json(xcpEnv, 'xcp', 'lookup', name), ok(xcpEnv, 'xcp', 'lookup', 'taken.com')]);
  assert.deepEqual(lookup, { domain: name, available: true, status: 'available' });
  assert.match(taken, /^taken\.com: taken/);

  const contactFile = path.join(tmp, 'contact.json');
  fs.writeFileSync(contactFile, JSON.stringify(CONTACT));
  const reg = await json(xcpEnv, 'xcp', 'register', name, '--period', '1', '--reg-username', 'annlee', '--reg-password', 'secret-123',
    '--contact-file', contactFile, '--ns', 'ns1.example.net,ns2.example.net');
  assert.ok(reg.orderId);
  assert.equal(reg.async, false);
  assert.equal(reg.response_code, 200);
  assert.match(await ok(xcpEnv, 'xcp', 'balance'), /^balance: 989\.01 USD/);

  // The generic form: nested assoc keys and array indexes.
  const second = fresh('com');
  const roles = ['owner', 'admin', 'billing', 'tech'].flatMap((role) => Object.entries(CONTACT).flatMap(([k, v]) => ['--attr', `contact_set.${role}.${k}=${v}`]));
  const generic = await json(xcpEnv, 'xcp', 'domain', 'sw_register', '--attr', `domain=${second}`, '--attr', 'reg_type=new', '--attr', 'period=1',
    '--attr', 'reg_username=annlee', '--attr', 'reg_password=secret-123', '--attr', 'custom_nameservers=1',
    '--attr', 'nameserver_list.0.name=ns1.example.com', '--attr', 'nameserver_list.0.sortorder=1',
    '--attr', 'nameserver_list.1.name=ns2.example.com', '--attr', 'nameserver_list.1.sortorder=2', ...roles);
  assert.equal(generic.response_code, 200, JSON.stringify(generic));
  assert.equal(generic.is_success, true);
  // Human output of the generic form: the code line, then one "path: value" line per attribute.
  const tcpEnv = { ...xcpEnv, REGD_XCP_SERVER: `127.0.0.1:${server.xcpTcpPort}` };
  const [human, tcpBalance] = await Promise.all([
    ok(xcpEnv, 'xcp', 'DOMAIN', 'GET', '--domain', second, '--attr', 'type=nameservers'),
    json(tcpEnv, 'xcp', 'balance', '--tcp'), // the same account over the TCP protocol
  ]);
  assert.match(human, /^200 /);
  assert.match(human, /^nameserver_list\.0\.name: ns1\.example\.com$/m);
  assert.match(human, /^nameserver_list\.1\.name: ns2\.example\.com$/m);
  assert.equal(tcpBalance.balance, '978.02');
});

test('regd xcp failures exit non-zero with one line', async () => {
  const [, notMine] = await Promise.all([
    fails(xcpEnv, /XCP 485/, 'xcp', 'register', 'taken.com', '--reg-username', 'annlee', '--reg-password', 'secret-123',
      '--contact-file', path.join(tmp, 'contact.json')),
    fails(xcpEnv, /XCP 4\d\d/, 'xcp', 'DOMAIN', 'GET', '--domain', 'not-mine.com', '--attr', 'type=all_info', '--json'),
    fails({}, /no XCP server: give --server, set REGD_XCP_SERVER/, 'xcp', 'balance'),
    fails({ ...xcpEnv, REGD_XCP_KEY: 'ab'.repeat(56) }, /XCP 410/, 'xcp', 'balance'),
    fails(xcpEnv, /--attr takes path=value/, 'xcp', 'domain', 'lookup', '--attr', 'nonsense'),
    fails(xcpEnv, /index 0 is missing/, 'xcp', 'domain', 'lookup', '--attr', 'list.1=x'),
    fails({ ...xcpEnv, REGD_CA: '' }, /certificate/i, 'xcp', 'balance'),
    fails({ ...xcpEnv, REGD_XCP_SERVER: '127.0.0.1:1' }, /ECONNREFUSED/, 'xcp', 'balance'),
  ]);
  assert.equal(JSON.parse(notMine.stdout).is_success, false, 'the reply is still printed for scripts');
});

test('regd epp: contact-create, check, create, info, update, renew and poll over TLS; check and info over HTTPS', async () => {
  const env = eppEnv;
  const handle = (await ok(env, 'epp', 'contact-create', 'cli-contact', '--name', 'Ann Lee', '--street', '1 Main Street', '--city', 'Toronto',
    '--pc', 'M1M1M1', '--cc', 'CA', '--email', 'ann@example.com', '--voice', '+1.4165551212', '--auth-info', 'Contact-Pw-1')).trim();
  assert.ok(handle);
  const name = fresh('net');
  const check = await json(env, 'epp', 'check', name, 'taken.net');
  assert.deepEqual(check.map((i: { name: string; avail: boolean }) => [i.name, i.avail]), [[name, true], ['taken.net', false]]);
  assert.equal(typeof check[1].reason, 'string');
  const created = await json(env, 'epp', 'create', name, '--registrant', handle, '--auth-info', 'Domain-Pw-1', '--ns', 'ns1.example.net,ns2.example.net',
    '--admin', handle, '--tech', handle, '--period', '2');
  assert.equal(created.code, 1000);
  assert.equal(created.name, name);
  const human = await ok(env, 'epp', 'info', name);
  assert.match(human, new RegExp(`^registrant\\s+${handle}$`, 'm'));
  assert.match(human, /^expires\s+\d{4}-/m);
  await ok(env, 'epp', 'update', name, '--add-ns', 'ns3.example.net', '--rem-ns', 'ns1.example.net', '--auth-info', 'Domain-Pw-2');
  const renewed = await json(env, 'epp', 'renew', name, '--cur-exp', created.exDate.slice(0, 10), '--period', '1');
  assert.equal(Number(renewed.exDate.slice(0, 4)), Number(created.exDate.slice(0, 4)) + 1);

  const https = { ...eppEnv, REGD_EPP_SERVER: `127.0.0.1:${server.httpPort}`, REGD_EPP_TRANSPORT: 'https' };
  const [info, httpsCheck, polled, pollHuman] = await Promise.all([
    json(https, 'epp', 'info', name),
    ok(https, 'epp', 'check', name, '--transport', 'https'),
    json(env, 'epp', 'poll', '--ack'),
    ok(env, 'epp', 'poll'),
  ]);
  assert.equal(info.registrant, handle);
  assert.deepEqual(info.nameservers.sort(), ['ns2.example.net', 'ns3.example.net']);
  assert.equal(info.exDate, renewed.exDate);
  assert.match(httpsCheck, new RegExp(`^${name.replace(/\./g, '\\.')}  taken`));
  assert.ok(polled.message === null || typeof polled.message.id === 'string');
  assert.match(pollHuman, /^(no messages|message \S+ \(\d+ queued\))/);
});

test('regd epp failures exit non-zero with one line; a profile file supplies the credentials', async () => {
  const profileFile = path.join(tmp, 'profiles.json');
  fs.writeFileSync(profileFile, JSON.stringify({
    default: { xcpServer: 'nowhere.invalid:1' },
    sandbox: {
      xcpServer: `127.0.0.1:${server.xcpPort}`, xcpUsername: alice.username, xcpKey: alice.privateKey, ca: path.relative(tmp, caFile),
      eppServer: `127.0.0.1:${server.httpPort}`, eppTransport: 'https', eppUsername: alice.username, eppPassword: alice.password,
    },
  }));
  // The default location: $XDG_CONFIG_HOME/regd/client.json (the ca path made absolute, as the file moves).
  const copied = JSON.parse(fs.readFileSync(profileFile, 'utf8'));
  copied.sandbox.ca = caFile;
  fs.mkdirSync(path.join(tmp, 'xdg', 'regd'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'xdg', 'regd', 'client.json'), JSON.stringify(copied));

  const [byName, byEnv, byDefaultFile] = await Promise.all([
    json({}, 'xcp', 'balance', '--profile', profileFile, '--profile-name', 'sandbox'),
    json({ REGD_PROFILE: 'sandbox' }, 'epp', 'check', 'taken.com', '--profile', profileFile),
    json({ REGD_PROFILE: 'sandbox' }, 'xcp', 'balance'),
    fails(eppEnv, /EPP 2303/, 'epp', 'info', `unknown-${Date.now()}.com`),
    fails({ ...eppEnv, REGD_EPP_PASSWORD: 'wrong-password' }, /EPP 2200/, 'epp', 'check', 'a.com'),
    fails(eppEnv, /--cur-exp must be YYYY-MM-DD/, 'epp', 'renew', 'a.com', '--cur-exp', 'tomorrow'),
    fails(eppEnv, /required option '--cur-exp/, 'epp', 'renew', 'a.com'),
    fails({ REGD_EPP_SERVER: eppEnv.REGD_EPP_SERVER! }, /no EPP username/, 'epp', 'check', 'a.com'),
    fails({ ...eppEnv, REGD_CA: '' }, /certificate/i, 'epp', 'check', 'a.com'),
    // A flag wins over the profile.
    fails({}, /ECONNREFUSED/, 'epp', 'check', 'a.com', '--profile', profileFile, '--profile-name', 'sandbox', '--server', '127.0.0.1:1'),
    fails({}, /has no profile "nope"/, 'xcp', 'balance', '--profile', profileFile, '--profile-name', 'nope'),
  ]);
  assert.ok(byName.balance);
  assert.equal(byEnv[0].avail, false);
  assert.equal(byDefaultFile.balance, byName.balance);
});
