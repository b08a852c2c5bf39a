// `regd sandbox seed` (src/app/seedStore.ts) through the real CLI: a seeded store holds what the command says it
// wrote, a server started on it serves the seeded resellers over XCP and EPP with the credentials printed, and the
// command refuses a store that has domains and live mode.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { REGD_BIN, startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { eppCommand, loginXml, parseResponse } from './support/eppHarness.ts';
import { cookieFor, expectCode } from './support/surfaceHelpers.ts';
import { openSqliteStore } from '../src/store/openSqlite.ts';
import { recordServerMode } from '../src/core/sandboxClock.ts';
import { dueQueries } from '../src/core/lifecycle.ts';
import type { Core } from '../src/core/core.ts';

const execFileP = promisify(execFile);

interface SeedJson {
  domains: number;
  now: string;
  resellers: Array<ResellerCredentials & { balance: string; domains: number }>;
  registrantPassword: string;
  largeProfileId: number;
  rows: Record<string, number>;
  store: string;
  bytes: number;
  seconds: number;
}

const DOMAINS = 2000;
const dirs: string[] = [];
const tempDir = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-seed-test-')); dirs.push(d); return d; };

/** Runs the CLI; resolves with its exit code and output whatever the code. */
async function regd(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileP(process.execPath, [REGD_BIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

let dataDir: string;
let seeded: SeedJson;
let server: RegdServer | undefined;
let stderr: string;

before(async () => {
  dataDir = tempDir();
  const r = await regd('sandbox', 'seed', '--domains', String(DOMAINS), '--resellers', '3', '--seed', '7', '--json', '--data', dataDir);
  assert.equal(r.code, 0, r.stderr);
  seeded = JSON.parse(r.stdout.trim()) as SeedJson;
  stderr = r.stderr;
});
after(async () => {
  await server?.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

test('the seed prints what it wrote, and the store holds exactly that', async () => {
  assert.equal(seeded.domains, DOMAINS);
  assert.deepEqual(seeded.resellers.map((r) => r.username), ['reseller1', 'reseller2', 'poor']);
  assert.equal(seeded.resellers.reduce((s, r) => s + r.domains, 0), DOMAINS);
  assert.equal(seeded.store, path.join(dataDir, 'regd.sqlite'));
  // Without a terminal: a line per tenth of the work, not a redrawn bar.
  const lines = stderr.split('\n').filter((l) => /^seed: \d+\/2000 domains/.test(l));
  assert.equal(lines.length, 10, stderr);
  assert.match(lines[9], /^seed: 2000\/2000 domains \(100 %\), \d+ domains\/s, ETA 0 s$/);

  const db = new SqliteDatabase(seeded.store, { readonly: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    assert.equal(count('domains'), DOMAINS);
    for (const [table, n] of Object.entries(seeded.rows)) assert.equal(count(table), n, table);
    for (const table of ['profiles', 'contacts', 'domain_contacts', 'domain_nameservers', 'orders', 'ledger_entries', 'history', 'poll_messages']) {
      assert.ok(seeded.rows[table] > 0, table);
    }
    assert.equal(seeded.rows.domain_contacts, 4 * DOMAINS);
    assert.equal(seeded.rows.domain_nameservers, 2 * DOMAINS);
    // Secrets sealed under the store's key ring, as `reseller create` stores them.
    for (const r of db.prepare('SELECT private_key, password_hash FROM resellers').all() as Array<{ private_key: string; password_hash: string }>) {
      assert.match(r.private_key, /^sealed:v1:/);
      assert.match(r.password_hash, /^sealed:v1:/);
    }
    // Each ledger adds up to its reseller's balance; the one without funds ends at zero.
    for (const r of db.prepare('SELECT r.username, r.balance_minor AS balance, (SELECT sum(amount_minor) FROM ledger_entries l WHERE l.reseller_id = r.id) AS total, ' +
      '(SELECT balance_after FROM ledger_entries l WHERE l.reseller_id = r.id ORDER BY id DESC LIMIT 1) AS last FROM resellers r').all() as Array<{ username: string; balance: number; total: number; last: number }>) {
      assert.equal(r.total, r.balance, r.username);
      assert.equal(r.last, r.balance, r.username);
      if (r.username === 'poor') assert.equal(r.balance, 0);
    }
    // Nothing of the life cycle is due at the seed's time (the pass's own due-row queries find nothing).
    const now = seeded.now;
    const store = await openSqliteStore(dataDir);
    try {
      const q = dueQueries({ db: store } as unknown as Core, new Date(now));
      for (const due of [q.autoRenew(undefined, 1), q.expire(undefined, 1), q.redemptionEnds('pendingRestore', undefined, 1),
        q.redemptionEnds('redemptionPeriod', undefined, 1), q.purge(undefined, 1)]) {
        assert.deepEqual(await due.execute(), [], due.compile().sql);
      }
    } finally {
      await store.destroy();
    }
    // The same seed gives the same data.
    const first = db.prepare('SELECT name, expires_at FROM domains ORDER BY id LIMIT 3').all();
    const again = tempDir();
    const r = await regd('sandbox', 'seed', '--domains', '3', '--resellers', '3', '--seed', '7', '--now', now, '--json', '--data', again);
    assert.equal(r.code, 0, r.stderr);
    const db2 = new SqliteDatabase(path.join(again, 'regd.sqlite'), { readonly: true });
    try {
      // (The first draws depend only on the seed; how many domains follow does not change them.)
      assert.deepEqual(db2.prepare('SELECT name FROM domains ORDER BY id LIMIT 1').all(), [{ name: (first[0] as { name: string }).name }]);
    } finally {
      db2.close();
    }
  } finally {
    db.close();
  }
});

test('seeding a store that has domains is refused', async () => {
  const r = await regd('sandbox', 'seed', '--domains', '10', '--data', dataDir);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^regd: The store already has 2000 domains/m);
  const db = new SqliteDatabase(seeded.store, { readonly: true });
  try {
    assert.equal((db.prepare('SELECT count(*) AS n FROM domains').get() as { n: number }).n, DOMAINS);
  } finally {
    db.close();
  }
});

test('live mode refuses: --mode live, and a store a live server ran on', async () => {
  const fresh = path.join(tempDir(), 'never-made');
  const r = await regd('sandbox', 'seed', '--domains', '10', '--mode', 'live', '--data', fresh);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^regd: A store is seeded in sandbox mode only/m);
  assert.equal(fs.existsSync(path.join(fresh, 'regd.sqlite')), false);

  const wasLive = tempDir();
  const db = await openSqliteStore(wasLive);
  await recordServerMode(db, 'live');
  await db.destroy();
  const r2 = await regd('sandbox', 'seed', '--domains', '10', '--data', wasLive);
  assert.equal(r2.code, 1);
  assert.match(r2.stderr, /live mode/);
});

test('a server on the seeded store serves a seeded reseller over XCP and EPP', async () => {
  const reseller = seeded.resellers[0];
  // What to ask about, from the store: a small profile of reseller1 and one of its domains, the large profile's names.
  const db = new SqliteDatabase(seeded.store, { readonly: true });
  let small: { profile_id: number; reg_username: string; names: string[] };
  let largeNames: string[];
  let byExpiry: number;
  const from = seeded.now.slice(0, 10);
  const to = `${Number(from.slice(0, 4)) + 1}${from.slice(4)}`;
  try {
    const p = db.prepare(`SELECT d.profile_id, p.reg_username FROM domains d JOIN profiles p ON p.id = d.profile_id JOIN resellers r ON r.id = d.reseller_id
      WHERE r.username = ? AND d.profile_id <> ? AND d.deleted_at IS NULL AND d.rgp_status IS NULL GROUP BY d.profile_id HAVING count(*) >= 2 ORDER BY d.profile_id LIMIT 1`)
      .get(reseller.username, seeded.largeProfileId) as { profile_id: number; reg_username: string };
    const names = (profileId: number) => (db.prepare('SELECT name FROM domains WHERE profile_id = ? AND deleted_at IS NULL ORDER BY name').all(profileId) as Array<{ name: string }>).map((d) => d.name);
    small = { ...p, names: names(p.profile_id) };
    largeNames = names(seeded.largeProfileId);
    byExpiry = (db.prepare(`SELECT count(*) AS n FROM domains d JOIN resellers r ON r.id = d.reseller_id WHERE r.username = ? AND d.deleted_at IS NULL
      AND d.rgp_status IS NULL AND d.expires_at >= ? AND d.expires_at <= ?`).get(reseller.username, `${from}T00:00:00.000Z`, `${to}T23:59:59.999Z`) as { n: number }).n;
  } finally {
    db.close();
  }
  assert.ok(largeNames.length > 500);

  server = await startRegd({ dataDir });
  const c = server.xcpClient(reseller);
  expectCode(await c.call('DOMAIN', 'LOOKUP', { domain: small.names[0] }), 211);
  expectCode(await c.call('DOMAIN', 'LOOKUP', { domain: 'surely-not-seeded-4711.com' }), 210);
  const balance = await c.call('BALANCE', 'GET_BALANCE');
  expectCode(balance, 200);
  assert.equal(balance.attributes.balance, reseller.balance);

  // get domain list, as the registrant of the small profile, then the large profile's second page.
  const cookie = await cookieFor(c, small.names[0], small.reg_username, seeded.registrantPassword);
  const list = await c.call('DOMAIN', 'GET', { type: 'list' }, { cookie });
  expectCode(list, 200);
  assert.deepEqual(list.attributes.domain_list, small.names);
  assert.equal(list.attributes.count, String(small.names.length));
  const largeCookie = await cookieFor(c, largeNames[0], `user${seeded.largeProfileId}`, seeded.registrantPassword);
  const page = await c.call('DOMAIN', 'GET', { type: 'list', page: '2', limit: '40' }, { cookie: largeCookie });
  expectCode(page, 200);
  assert.equal(page.attributes.count, String(largeNames.length));
  assert.deepEqual(page.attributes.domain_list, largeNames.slice(80, 120));

  const expiring = await c.call('DOMAIN', 'GET_DOMAINS_BY_EXPIREDATE', { exp_from: from, exp_to: to, limit: '10' });
  expectCode(expiring, 200);
  assert.equal(expiring.attributes.total, String(byExpiry));
  assert.ok(byExpiry > 10);

  // Another reseller's key does not sign for this one.
  const wrong = server.xcpClient({ ...reseller, privateKey: seeded.resellers[1].privateKey });
  assert.notEqual((await wrong.call('BALANCE', 'GET_BALANCE').catch(() => ({ responseCode: 0 }))).responseCode, 200);

  // EPP: login with the printed password, domain:info of a seeded domain.
  const epp = await server.eppTls();
  const send = async (xml: string) => parseResponse(await epp.command(xml));
  const login = await send(loginXml(reseller.username, reseller.password));
  assert.equal(login.code, 1000, login.xml);
  const info = await send(eppCommand(`<info><domain:info xmlns:domain="urn:ietf:params:xml:ns:domain-1.0"><domain:name>${small.names[0]}</domain:name></domain:info></info>`));
  assert.equal(info.code, 1000, info.xml);
  assert.match(info.xml, new RegExp(`<domain:name>${small.names[0].replace(/\./g, '\\.')}</domain:name>`));
  assert.match(info.xml, new RegExp(`<domain:clID>${reseller.username}</domain:clID>`));
  assert.match(info.xml, /<domain:ns>[\s\S]*<domain:hostObj>ns1\.[a-z-]+\.net<\/domain:hostObj>/);
});
