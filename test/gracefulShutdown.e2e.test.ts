// Issue 14 finding 11: on SIGTERM `regd serve` stops accepting on every door at once, lets in-flight requests and
// commands answer (an EPP session mid-command gets its reply, then the logout queued behind it its 1500, then a
// clean close; an XCP HTTPS request its OPS reply), closes the registry upstreams and the store, and exits 0 within
// --shutdown-timeout; the data folder then opens again and holds what was written. Past the bound it force-closes
// what is left and exits 1. The slow commands are registrations at an upstream registry that never answers, so each
// takes --registry-deadline and then answers "pending" (EPP 1001, XCP 250).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { eppCommand, find, loginXml, parseResponse } from './support/eppHarness.ts';
import { registerAttributes } from './support/fixtures.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import { renderGreeting } from '../src/protocols/epp/eppGreeting.ts';
import { EppFrameDecoder, encodeFrame } from '../src/protocols/epp/transport/eppFraming.ts';
import { loadOrCreateTlsMaterial } from '../src/transport/tlsMaterial.ts';

const run = Math.random().toString(36).slice(2, 8);
let tmp: string;
let fake: { port: number; close(): Promise<void> };
let caFile: string;

/** A registry that greets, accepts any login and logout, and never answers anything else. */
async function hangingRegistry(dir: string): Promise<{ port: number; ca: string; close(): Promise<void> }> {
  const material = await loadOrCreateTlsMaterial({ dataDir: dir });
  const sockets = new Set<tls.TLSSocket>();
  const server = tls.createServer({ cert: material.cert, key: material.key }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const decoder = new EppFrameDecoder(1024 * 1024);
    socket.write(encodeFrame(renderGreeting('hanging registry', new Date())));
    socket.on('data', (chunk: Buffer) => {
      for (const frame of decoder.push(chunk).frames) {
        const xml = frame.toString('utf8');
        const clTRID = /<clTRID>([^<]*)<\/clTRID>/.exec(xml)?.[1] ?? '';
        if (xml.includes('<login>') || xml.includes('<logout/>')) {
          const code = xml.includes('<login>') ? 1000 : 1500;
          socket.write(encodeFrame(`<?xml version="1.0" encoding="UTF-8"?><epp xmlns="${NS.epp}"><response><result code="${code}"><msg>ok</msg></result><trID><clTRID>${clTRID}</clTRID><svTRID>HANG-1</svTRID></trID></response></epp>`));
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    ca: material.cert,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-shutdown-'));
  const f = await hangingRegistry(path.join(tmp, 'fake'));
  fake = f;
  caFile = path.join(tmp, 'fake-ca.pem');
  fs.writeFileSync(caFile, f.ca);
});
after(async () => {
  await fake.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The hanging registry serves .slow; every command to it gives up after `commandS` (its checks too). */
function upstreamArgs(commandS: number, shutdownS: number): string[] {
  const config = path.join(tmp, `regd-${commandS}.toml`);
  fs.writeFileSync(config, `[upstream.hang]\nurl = "epps://hang:hang-pw@127.0.0.1:${fake.port}"\ntlds = ["slow"]\ncommand_timeout = ${commandS}\n`);
  return ['--config', config, '--upstream-ca', caFile, '--registry-deadline', String(commandS), '--shutdown-timeout', String(shutdownS)];
}

const C = `xmlns:contact="${NS.contact}"`;
const contactCreate = `<create><contact:create ${C}><contact:id>shutdown-c1</contact:id>` +
  `<contact:postalInfo type="loc"><contact:name>Jane Registrant</contact:name><contact:org>Example B.V.</contact:org>` +
  `<contact:addr><contact:street>Main street 15</contact:street><contact:city>Rotterdam</contact:city><contact:pc>3024 BN</contact:pc>` +
  `<contact:cc>NL</contact:cc></contact:addr></contact:postalInfo><contact:voice>+31.104482299</contact:voice>` +
  `<contact:email>jane@example.com</contact:email><contact:authInfo><contact:pw>Contact-Pw1</contact:pw></contact:authInfo></contact:create></create>`;
const domainCreate = (name: string, contactId: string) => `<create><domain:create xmlns:domain="${NS.domain}"><domain:name>${name}</domain:name>` +
  `<domain:period unit="y">1</domain:period><domain:registrant>${contactId}</domain:registrant>` +
  `<domain:contact type="admin">${contactId}</domain:contact><domain:contact type="tech">${contactId}</domain:contact>` +
  `<domain:authInfo><domain:pw>Domain-Pw1</domain:pw></domain:authInfo></domain:create></create>`;
const LOGOUT = eppCommand('<logout/>', 'CL-LOGOUT');

function connectRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => { s.destroy(); resolve(false); });
    s.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

function exitOf(server: RegdServer): Promise<number | null> {
  return server.child.exitCode !== null ? Promise.resolve(server.child.exitCode)
    : new Promise((resolve) => server.child.once('exit', (code) => resolve(code)));
}

test('SIGTERM: in-flight EPP and XCP commands answer, a queued logout gets 1500, new connections are refused, exit 0, data reopens', async () => {
  const server = await startRegd({ extraArgs: upstreamArgs(3, 10) });
  const dataDir = server.dataDir;
  let restarted: RegdServer | undefined;
  try {
    const alice: ResellerCredentials = await server.createReseller('alice', '1000');
    // Written before the signal: a sandbox registration over XCP and a contact over EPP.
    const xcp = server.xcpClient(alice);
    const kept = `kept-${run}.com`;
    assert.equal((await xcp.call('DOMAIN', 'SW_REGISTER', registerAttributes(kept))).responseCode, 200);
    const epp = await server.eppTls();
    assert.equal(parseResponse(await epp.command(loginXml(alice.username, alice.password))).code, 1000);
    const contact = parseResponse(await epp.command(eppCommand(contactCreate, 'CL-C1')));
    assert.equal(contact.code, 1000, contact.xml);
    const contactId = find(contact.root, NS.contact, 'id')!.text;

    // In flight at the signal: each waits the 3 s registry deadline.
    const eppCreate = epp.command(eppCommand(domainCreate(`epp-${run}.slow`, contactId), 'CL-SLOW'));
    const eppLogout = epp.command(LOGOUT);
    // Settled into values at once: a rejection must not count as unhandled while the test awaits the others.
    const xcpRegister = xcp.call('DOMAIN', 'SW_REGISTER', registerAttributes(`xcp-${run}.slow`)).catch((err: Error) => err);
    eppCreate.catch(() => undefined);
    eppLogout.catch(() => undefined);
    await sleep(800);
    const t0 = Date.now();
    const exited = exitOf(server);
    server.child.kill('SIGTERM');
    await sleep(300);
    // Every door has stopped listening while the commands are still in flight.
    for (const port of [server.xcpPort, server.xcpTcpPort, server.eppPort, server.httpPort]) {
      assert.equal(await connectRefused(port), true, `port ${port} still accepts`);
    }
    const created = parseResponse(await eppCreate);
    assert.equal(created.code, 1001, created.xml);
    const bye = parseResponse(await eppLogout, true);
    assert.equal(bye.code, 1500, bye.xml);
    await Promise.race([epp.closed, sleep(5_000).then(() => assert.fail('the EPP session was not closed'))]);
    const registered = await xcpRegister;
    if (registered instanceof Error) assert.fail(`XCP request failed: ${registered.message}\n${server.output.join('\n')}`);
    assert.equal(registered.responseCode, 250, registered.responseText);
    assert.equal(await exited, 0, server.output.join('\n'));
    assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
    assert.ok(server.output.some((l) => /SIGTERM: stopping/.test(l)), server.output.join('\n'));

    // The data folder opens again, with what was written.
    restarted = await startRegd({ dataDir });
    const xcp2 = restarted.xcpClient(alice);
    assert.equal((await xcp2.call('DOMAIN', 'LOOKUP', { domain: kept })).responseCode, 211);
    const epp2 = await restarted.eppTls();
    assert.equal(parseResponse(await epp2.command(loginXml(alice.username, alice.password))).code, 1000);
    const info = parseResponse(await epp2.command(eppCommand(`<info><contact:info ${C}><contact:id>${contactId}</contact:id></contact:info></info>`, 'CL-INFO')));
    assert.equal(info.code, 1000, info.xml);
    assert.equal(find(info.root, NS.contact, 'email')?.text, 'jane@example.com');
  } finally {
    if (server.child.exitCode === null) await server.stop();
    if (restarted) await restarted.stop(); // removes the data folder
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('SIGTERM past --shutdown-timeout: what is left is force-closed and the exit code is 1, within the bound', async () => {
  const server = await startRegd({ extraArgs: upstreamArgs(6, 1) });
  try {
    const bob = await server.createReseller('bob', '1000');
    const xcp = server.xcpClient(bob);
    const pending = xcp.call('DOMAIN', 'SW_REGISTER', registerAttributes(`late-${run}.slow`)).then(() => 'answered', () => 'cut');
    await sleep(800);
    const t0 = Date.now();
    const exited = exitOf(server);
    server.child.kill('SIGTERM');
    assert.equal(await exited, 1, server.output.join('\n'));
    // The doors are forced at the 1 s bound; the upstreams and the store get 5 s more at most.
    assert.ok(Date.now() - t0 < 1_000 + 5_000 + 2_000, `took ${Date.now() - t0} ms`);
    assert.equal(await pending, 'cut');
  } finally {
    await server.stop();
  }
});
