// Issue 14 finding 5: password guessing is throttled per source address and per account, for every door, in the
// store. Against a real `regd serve`: wrong EPP passwords across reconnects lock the clID (2501) and a source address
// (2502), the right password is refused while locked and works once the sandbox clock passes the lock; a lock
// survives a restart on the same data folder; wrong registrant passwords through XCP SET COOKIE get 415 with a retry
// hint; and an unknown clID takes as long to refuse as a known one with a wrong password (no account enumeration).
// Each test speaks from its own loopback address (127.0.0.x reaches a server on 127.0.0.1 on Linux), so the
// per-address counters of one test do not reach another's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import tls from 'node:tls';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { eppCommand, loginXml, parseResponse, type EppResponse } from './support/eppHarness.ts';
import { registerAttributes, freshName } from './support/fixtures.ts';
import type { XcpClient } from '../src/client/xcpClient.ts';

let server: RegdServer;
let victim: ResellerCredentials;
let walker: ResellerCredentials;
let clocked: ResellerCredentials;
let keeper: ResellerCredentials;
let alice: ResellerCredentials;
let xcp: XcpClient;

before(async () => {
  server = await startRegd();
  // One at a time: concurrent CLI runs on one SQLite file can time out on its lock on a busy machine.
  victim = await server.createReseller('victim', '100');
  walker = await server.createReseller('walker', '100');
  clocked = await server.createReseller('clocked', '100');
  keeper = await server.createReseller('keeper', '100');
  alice = await server.createReseller('alice', '1000');
  xcp = server.xcpClient(alice);
});
after(async () => { xcp.close(); await server.stop(); });

/** A bare EPP-over-TLS connection from a chosen local address (the shared client cannot pick one). */
interface EppConn { command(xml: string): Promise<EppResponse>; closed(): Promise<void>; close(): void }

function eppFrom(localAddress: string, port = server.eppPort): Promise<EppConn> {
  return new Promise((resolve, reject) => {
    // localAddress reaches net.connect under tls.connect; the TLS typings leave it out.
    const opts: tls.ConnectionOptions & { localAddress: string } = { host: '127.0.0.1', port, localAddress, ca: server.caPem, rejectUnauthorized: true };
    const socket = tls.connect(opts);
    let buf = Buffer.alloc(0);
    const frames: string[] = [];
    const waiters: Array<(f: string | undefined) => void> = [];
    let ended = false;
    const endedP = new Promise<void>((res) => socket.once('close', () => { ended = true; for (const w of waiters.splice(0)) w(undefined); res(); }));
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 4 && buf.length >= buf.readUInt32BE(0)) {
        const len = buf.readUInt32BE(0);
        const frame = buf.subarray(4, len).toString('utf8');
        buf = buf.subarray(len);
        const w = waiters.shift();
        if (w) w(frame); else frames.push(frame);
      }
    });
    socket.on('error', () => { /* a close after a refusal may reset */ });
    const next = () => new Promise<string | undefined>((res) => {
      if (frames.length) res(frames.shift()); else if (ended) res(undefined); else waiters.push(res);
    });
    socket.once('secureConnect', async () => {
      const greeting = await next();
      if (!greeting?.includes('<greeting>')) { reject(new Error(`no greeting: ${greeting}`)); return; }
      resolve({
        async command(xml) {
          const body = Buffer.from(xml, 'utf8');
          const head = Buffer.alloc(4);
          head.writeUInt32BE(body.length + 4);
          socket.write(Buffer.concat([head, body]));
          const reply = await next();
          if (reply === undefined) throw new Error('connection closed without a reply');
          return parseResponse(reply);
        },
        closed: () => endedP,
        close: () => socket.destroy(),
      });
    });
    socket.once('error', reject);
  });
}

/** One login on a fresh connection (a reconnect per attempt, as a guesser would do to dodge the 3-strike close). */
async function loginOnce(from: string, clID: string, pw: string): Promise<EppResponse & { ms: number; conn: EppConn }> {
  const conn = await eppFrom(from);
  const t0 = process.hrtime.bigint();
  const r = await conn.command(loginXml(clID, pw));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ...r, ms, conn };
}

async function loginAndDrop(from: string, clID: string, pw: string): Promise<EppResponse & { ms: number }> {
  const r = await loginOnce(from, clID, pw);
  if (r.code === 1000) await r.conn.command(eppCommand('<logout/>'));
  r.conn.close();
  return r;
}

const LOCK_MSG = /too many failed logins.*try again in (\d+) seconds/i;

function waitSeconds(msg: string): number {
  const m = LOCK_MSG.exec(msg);
  assert.ok(m, `no retry hint in "${msg}"`);
  return Number(m[1]);
}

test('EPP: wrong passwords across reconnects lock the clID (2501, closing); the right one is refused until the lock ends', async () => {
  for (let i = 0; i < 5; i++) {
    const r = await loginAndDrop('127.0.0.2', victim.username, `wrong-pass-${i}`);
    assert.equal(r.code, 2200, r.xml);
    assert.doesNotMatch(r.msg, LOCK_MSG);
  }
  // Locked: the right password is refused without a check, the connection closed, from any address and door.
  const locked = await loginOnce('127.0.0.2', victim.username, victim.password);
  assert.equal(locked.code, 2501, locked.xml);
  const wait = waitSeconds(locked.msg);
  assert.ok(wait > 0 && wait <= 60, `waits ${wait}s`);
  await locked.conn.closed();
  assert.equal((await loginAndDrop('127.0.0.3', victim.username, victim.password)).code, 2501);
  const overHttps = parseResponse(await server.eppHttps().command(loginXml(victim.username, victim.password)));
  assert.equal(overHttps.code, 2501, overHttps.xml);
  assert.match(overHttps.msg, LOCK_MSG);

  // The first lock is a minute; past it the right password works.
  await server.cli('sandbox', 'clock', 'advance', '2m');
  assert.equal((await loginAndDrop('127.0.0.2', victim.username, victim.password)).code, 1000);
  // The success cleared the clID's count: one more wrong password is an ordinary failure.
  assert.equal((await loginAndDrop('127.0.0.2', victim.username, 'wrong-again')).code, 2200);
});

test('EPP: 20 wrong logins from one address lock that address (2502) for every clID; other addresses are not affected', async () => {
  for (let i = 0; i < 10; i++) {
    // Two guesses per connection at distinct, made-up clIDs, so no one account reaches its own limit.
    const conn = await eppFrom('127.0.0.4');
    for (let j = 0; j < 2; j++) {
      const r = await conn.command(loginXml(`guess${i}x${j}`, 'wrong-pass'));
      assert.equal(r.code, 2200, r.xml);
    }
    conn.close();
  }
  const locked = await loginOnce('127.0.0.4', walker.username, walker.password);
  assert.equal(locked.code, 2502, locked.xml);
  assert.match(locked.msg, /session limit exceeded/i);
  assert.ok(waitSeconds(locked.msg) > 0);
  await locked.conn.closed();
  assert.equal((await loginAndDrop('127.0.0.5', walker.username, walker.password)).code, 1000);
});

test('XCP SET COOKIE: wrong registrant passwords are locked out with 415 and a retry hint', async () => {
  const domain = freshName();
  const reg = await xcp.call('DOMAIN', 'SW_REGISTER', registerAttributes(domain, { reg_username: 'lockme', reg_password: 'secret123' }));
  assert.equal(reg.responseCode, 200, reg.responseText);
  const setCookie = (pw: string) => xcp.call('COOKIE', 'SET', { domain, reg_username: 'lockme', reg_password: pw });
  for (let i = 0; i < 5; i++) {
    const r = await setCookie(`wrong${i}`);
    assert.equal(r.responseCode, 415, r.responseText);
    assert.doesNotMatch(r.responseText, LOCK_MSG);
  }
  const locked = await setCookie('secret123');
  assert.equal(locked.responseCode, 415, locked.responseText);
  assert.equal(locked.isSuccess, false);
  const wait = waitSeconds(locked.responseText);
  assert.equal(Number(locked.attributes.retry_after), wait);
  assert.ok(wait > 0 && wait <= 60);
  await server.cli('sandbox', 'clock', 'advance', '2m');
  const ok = await setCookie('secret123');
  assert.equal(ok.responseCode, 200, ok.responseText);
});

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2; };

test('timing: an unknown clID is refused as slowly as a known clID with a wrong password', async (t) => {
  // Warm up both paths (the dummy hash is made on first use).
  await loginAndDrop('127.0.0.6', 'nosuchclid0', 'wrong-pass');
  await loginAndDrop('127.0.0.7', clocked.username, 'wrong-pass');
  const unknown: number[] = [];
  const known: number[] = [];
  for (let i = 1; i <= 10; i++) {
    const u = await loginAndDrop('127.0.0.6', `nosuchclid${i}`, 'wrong-pass');
    assert.equal(u.code, 2200, u.xml);
    unknown.push(u.ms);
    const k = await loginAndDrop('127.0.0.7', clocked.username, 'wrong-pass');
    assert.equal(k.code, 2200, k.xml);
    known.push(k.ms);
    // A success clears the clID's count, so the known clID never reaches its lock (which would answer fast).
    if (i % 3 === 0) assert.equal((await loginAndDrop('127.0.0.7', clocked.username, clocked.password)).code, 1000);
  }
  const [mu, mk] = [median(unknown), median(known)];
  t.diagnostic(`median login refusal: unknown clID ${mu.toFixed(1)} ms, known clID ${mk.toFixed(1)} ms`);
  assert.ok(mu * 2 >= mk && mk * 2 >= mu, `medians: unknown clID ${mu.toFixed(1)} ms, known clID ${mk.toFixed(1)} ms`);
});

test('a lock survives a restart of regd serve on the same data folder', async () => {
  for (let i = 0; i < 5; i++) assert.equal((await loginAndDrop('127.0.0.8', keeper.username, `wrong-pass-${i}`)).code, 2200);
  assert.equal((await loginAndDrop('127.0.0.8', keeper.username, keeper.password)).code, 2501);

  // Stop the process without server.stop(), which would delete the data folder.
  xcp.close();
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
  server = await startRegd({ dataDir: server.dataDir });
  xcp = server.xcpClient(alice);

  const still = await loginAndDrop('127.0.0.8', keeper.username, keeper.password);
  assert.equal(still.code, 2501, still.xml);
  assert.match(still.msg, LOCK_MSG);
  await server.cli('sandbox', 'clock', 'advance', '2m');
  assert.equal((await loginAndDrop('127.0.0.8', keeper.username, keeper.password)).code, 1000);
});
