// The typed EPP client (src/client/epp) against a real `regd serve` over TLS and HTTPS, and against small scripted
// TLS servers for the faults a real registry can show (silence, garbage, a wrong clTRID, a 2500 close). Every reply
// the client reads from regd is schema-validated (validateReplies: true), so a schema-invalid reply fails the test.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import {
  EppClient, EppConnectionError, EppError, EppProtocolError, EppTimeoutError, EppUnsupportedError, EPP_NS,
  type EppClientOptions,
} from '../src/client/epp/index.ts';
import { validateEpp } from '../src/protocols/epp/eppSchemaValidator.ts';
import { EppFrameDecoder, encodeFrame } from '../src/protocols/epp/transport/eppFraming.ts';
import { parseXml, child, childText } from '../src/protocols/epp/xmlTree.ts';

const unhandled: unknown[] = [];
process.on('unhandledRejection', (err) => unhandled.push(err));

let server: RegdServer;
/** Short idle timeouts and a session cap of 2, so drops and 2502 happen within a test. */
let quick: RegdServer;
let alice: ResellerCredentials;
let bob: ResellerCredentials;
let quickUsers: ResellerCredentials[] = [];
const clients: EppClient[] = [];

before(async () => {
  [server, quick] = await Promise.all([
    startRegd(),
    startRegd({ extraArgs: ['--epp-idle-timeout', '1', '--epp-https-idle-timeout', '1', '--epp-max-sessions', '2'] }),
  ]);
  // One CLI run at a time per server (they share its SQLite file), the two servers in parallel.
  await Promise.all([
    (async () => { alice = await server.createReseller('alice', '1000'); bob = await server.createReseller('bob', '1000'); })(),
    (async () => { quickUsers = [await quick.createReseller('idler', '100'), await quick.createReseller('capped', '100')]; })(),
  ]);
});

after(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  await Promise.all([server.stop(), quick.stop()]);
  assert.deepEqual(unhandled, [], 'no unhandled rejections');
});

function options(s: RegdServer, r: ResellerCredentials, transport: 'tls' | 'https', extra: Partial<EppClientOptions> = {}): EppClientOptions {
  return {
    transport, host: '127.0.0.1', port: transport === 'tls' ? s.eppPort : s.httpPort, clID: r.username, password: r.password,
    ca: s.caPem, validateReplies: true, timeoutMs: 15_000, ...extra,
  };
}

async function connect(s: RegdServer, r: ResellerCredentials, transport: 'tls' | 'https', extra: Partial<EppClientOptions> = {}): Promise<EppClient> {
  const c = await EppClient.connect(options(s, r, transport, extra));
  clients.push(c);
  return c;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let n = 0;
const fresh = (tld: string) => `client-${process.pid}-${Date.now().toString(36)}-${++n}.${tld}`;

async function drain(c: EppClient) {
  const out = [];
  for (let i = 0; i < 50; i++) {
    const r = await c.poll();
    if (!r.data) return out;
    assert.equal(r.code, 1301);
    out.push(r.data);
    await c.pollAck(r.data.id);
  }
  throw new Error('poll queue did not drain');
}

const RESTORE_REPORT = {
  preData: 'Pre-delete registration data.', postData: 'Post-restore registration data.',
  delTime: '2026-03-01T22:00:00.0Z', resTime: '2026-03-03T22:00:00.0Z', resReason: 'Registrant error.',
  statements: ['This registrar has not restored the name to sell it.', 'The information in this report is true.'],
  other: 'Supporting information & <notes>.',
};

test('login names the intersection of the wanted services with the greeting', async () => {
  const c = await connect(server, alice, 'tls');
  assert.equal(c.greeting.svID, 'regd');
  assert.deepEqual(c.greeting.versions, ['1.0']);
  assert.deepEqual(c.services.objURIs, [EPP_NS.domain, EPP_NS.contact, EPP_NS.host]);
  // regd offers fee-1.0 (RFC 8748) as well, so the client's login names it too.
  assert.deepEqual(c.services.extURIs, [EPP_NS.rgp, EPP_NS.launch, EPP_NS.secDNS, EPP_NS.fee, EPP_NS.op]);
  assert.equal((await c.hello()).svID, 'regd');

  const narrow = await connect(server, alice, 'tls', { objURIs: [EPP_NS.domain, 'urn:example:unknown-1.0'], extURIs: [EPP_NS.rgp, 'urn:example:unknown-ext-1.0'] });
  assert.deepEqual(narrow.services, { objURIs: [EPP_NS.domain], extURIs: [EPP_NS.rgp] });
  await assert.rejects(narrow.contactCheck(['xyz']), (e: unknown) => e instanceof EppUnsupportedError && e.uri === EPP_NS.contact);
  await assert.rejects(narrow.domainCreate({ name: fresh('com'), authInfo: 'Secret-1', secDns: { dsData: [] } }), EppUnsupportedError);
  // The untyped door goes to the server, which refuses a service the login did not name.
  await assert.rejects(narrow.command(`<check><contact:check xmlns:contact="${EPP_NS.contact}"><contact:id>xyz</contact:id></contact:check></check>`),
    (e: unknown) => e instanceof EppError && e.code === 2002);
  assert.equal((await narrow.domainCheck(['taken.com'])).data[0]!.avail, false);
  await narrow.logout();
  await assert.rejects(narrow.domainCheck(['a.com']), (e: unknown) => e instanceof EppConnectionError && !e.sent);
});

for (const transport of ['tls', 'https'] as const) {
  test(`the whole domain life over ${transport}: contact, host, check, create, info, update, renew, transfer, poll, delete, restore`, async () => {
    const a = await connect(server, alice, transport);
    const b = await connect(server, bob, transport);
    await drain(a);
    await drain(b);

    const contact = await a.contactCreate({
      id: 'chosen-id', voice: '+31.104482299', email: 'jane@example.com', authInfo: 'Contact-Pw1',
      postalInfo: { type: 'loc', name: 'Jane Registrant', org: 'Example & Sons', street: ['Main street 15'], city: 'Rotterdam', pc: '3024 BN', cc: 'NL' },
      op: { vat: 'NL123', gender: 'female' },
    });
    const handle = contact.data.id;
    assert.ok(handle);
    const cinfo = await a.contactInfo(handle);
    assert.equal(cinfo.data.postalInfo[0]!.org, 'Example & Sons');
    assert.equal(cinfo.data.email, 'jane@example.com');
    assert.equal(cinfo.data.op?.vat, 'NL123');
    await a.contactUpdate({ id: handle, chg: { email: 'jane2@example.com' } });
    assert.equal((await a.contactInfo(handle)).data.email, 'jane2@example.com');
    assert.equal((await a.contactCheck([handle])).data[0]!.avail, false);

    const nsName = `ns1.${fresh('net')}`;
    assert.equal((await a.hostCheck([nsName])).data[0]!.avail, true);
    assert.equal((await a.hostCreate({ name: nsName })).data.name, nsName);
    assert.equal((await a.hostInfo(nsName)).data.clID, alice.username);

    const name = fresh('biz');
    const check = await a.domainCheck([name, 'taken-client.biz']);
    assert.deepEqual(check.data.map((i) => [i.name, i.avail]), [[name, true], ['taken-client.biz', false]]);
    assert.ok(check.data[1]!.reason);

    const ds = { keyTag: 12345, alg: 13, digestType: 2, digest: '8'.repeat(64) };
    const create = await a.domainCreate({
      name, period: 2, nameservers: ['ns1.example.net', nsName], registrant: handle,
      contacts: [{ type: 'admin', id: handle }, { type: 'tech', id: handle }], authInfo: 'Create-Pw-1',
      secDns: { dsData: [ds] }, op: { autorenew: 'off', comments: 'made by the SDK test' },
    });
    assert.equal(create.code, 1000);
    assert.equal(create.data.name, name);
    assert.ok(create.clTRID?.startsWith('regd-'));
    assert.ok(create.svTRID);
    const exDate = create.data.exDate!;

    const info = await a.domainInfo(name);
    assert.equal(info.data.registrant, handle);
    assert.deepEqual(info.data.contacts, [{ type: 'admin', id: handle }, { type: 'tech', id: handle }]);
    assert.deepEqual(info.data.nameservers.sort(), ['ns1.example.net', nsName].sort());
    assert.equal(info.data.clID, alice.username);
    assert.equal(info.data.authInfo, 'Create-Pw-1');
    assert.deepEqual(info.data.dsData, [ds]);
    assert.deepEqual(info.data.rgpStatuses, ['addPeriod']);
    assert.equal(info.data.op?.autorenew, 'off');
    assert.equal(info.data.op?.comments, 'made by the SDK test');

    await a.domainUpdate({ name, add: { nameservers: ['ns3.example.net'], statuses: [{ s: 'clientHold', text: 'unpaid' }] }, chg: { authInfo: 'Transfer-Me-1' }, secDns: { removeAll: true } });
    const updated = await a.domainInfo(name, { hosts: 'del' });
    assert.ok(updated.data.statuses.includes('clientHold'));
    assert.ok(updated.data.nameservers.includes('ns3.example.net'));
    assert.deepEqual(updated.data.dsData, []);
    await a.domainUpdate({ name, rem: { statuses: ['clientHold'], nameservers: [nsName] } });

    const renew = await a.domainRenew({ name, curExpDate: exDate.slice(0, 10), period: 1 });
    assert.equal(Number(renew.data.exDate!.slice(0, 4)), Number(exDate.slice(0, 4)) + 1);
    await assert.rejects(a.domainRenew({ name, curExpDate: exDate.slice(0, 10) }), (e: unknown) => e instanceof EppError && e.code >= 2000);

    // Transfer to bob: a wrong auth code is refused with its code, the right one is pending until alice approves.
    await assert.rejects(b.domainTransfer('request', { name, authInfo: 'wrong-pw-1' }), (e: unknown) => e instanceof EppError && e.code === 2202);
    const request = await b.domainTransfer('request', { name, authInfo: 'Transfer-Me-1' });
    assert.equal(request.code, 1001);
    assert.equal(request.data.trStatus, 'pending');
    assert.equal(request.data.reID, bob.username);
    assert.equal((await b.domainTransfer('query', { name, authInfo: 'Transfer-Me-1' })).data.trStatus, 'pending');
    const losing = await drain(a);
    const told = losing.find((m) => m.kind === 'transfer' && m.name === name);
    assert.ok(told, JSON.stringify(losing));
    assert.equal(told.transfer?.trStatus, 'pending');
    assert.equal(told.op?.action, 'outgoing_transfer');
    const approve = await a.domainTransfer('approve', { name });
    assert.equal(approve.data.trStatus, 'clientApproved');
    assert.ok((await drain(b)).some((m) => m.kind === 'transfer' && m.transfer?.trStatus === 'clientApproved'));
    assert.equal((await b.domainInfo(name)).data.clID, bob.username);

    const del = await b.domainDelete(name);
    assert.equal(del.code, 1001);
    assert.deepEqual((await b.domainInfo(name)).data.rgpStatuses, ['redemptionPeriod']);
    assert.equal((await b.domainRestore(name)).code, 1000);
    assert.equal((await b.domainRestoreReport(name, RESTORE_REPORT)).code, 1000);
    const restored = await b.domainInfo(name);
    assert.ok(!restored.data.statuses.includes('pendingDelete'), restored.xml);

    await a.hostUpdate({ name: nsName, add: { statuses: ['clientDeleteProhibited'] } });
    assert.deepEqual((await a.hostInfo(nsName)).data.statuses, ['clientDeleteProhibited']);
    await assert.rejects(a.hostDelete(nsName), (e: unknown) => e instanceof EppError && e.code >= 2300);
    await a.hostUpdate({ name: nsName, rem: { statuses: ['clientDeleteProhibited'] } });
    await a.hostDelete(nsName);
    await a.logout();
    await b.close();
  });
}

test('typed errors carry the result code, the reason and the transaction ids', async () => {
  for (const transport of ['tls', 'https'] as const) {
    const c = await connect(server, alice, transport);
    const err = await c.domainInfo(`unknown-${Date.now()}.com`, { clTRID: 'MY-TRID-1' }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof EppError, String(err));
    assert.equal(err.code, 2303);
    assert.match(err.message, /does not exist/i);
    assert.equal(err.clTRID, 'MY-TRID-1');
    assert.ok(err.svTRID);
    assert.equal(validateEpp(err.xml), undefined);
    await c.close();
    const bad = await EppClient.connect(options(server, { ...alice, password: 'not-the-password' }, transport)).then(() => undefined, (e: unknown) => e);
    assert.ok(bad instanceof EppError && bad.code === 2200, `${transport}: ${String(bad)}`);
  }
});

test('launch phases: claims check and a landrush create', async () => {
  const c = await connect(server, alice, 'tls');
  const claims = await c.domainClaimsCheck(['mytrademark.app', 'plain-name.app']);
  assert.equal(claims.data[0]!.exists, true);
  assert.ok(claims.data[0]!.claimKey);
  assert.equal(claims.data[1]!.exists, false);
  const contact = (await c.contactCreate({ id: 'lr-1', voice: '+47.22000000', email: 'l@example.com', authInfo: 'Pw-123456', postalInfo: { type: 'int', name: 'L R', street: ['Karl Johans gate 1'], city: 'Oslo', pc: '0154', cc: 'NO' } })).data.id;
  const name = fresh('xyz');
  assert.equal((await c.domainCheck([name], { launch: { phase: 'landrush' } })).data[0]!.avail, true);
  const created = await c.domainCreate({ name, registrant: contact, authInfo: 'Landrush-1', launch: { phase: 'landrush' } });
  assert.ok(created.data.applicationId);
  const info = await c.domainInfo(name, { launch: { phase: 'landrush' } });
  assert.equal(info.data.launch?.phase, 'landrush');
  assert.equal(info.data.launch?.status, 'allocated');
  await c.close();
});

test('an idle disconnect by the server: the next command reconnects and logs in again (TLS)', async () => {
  const log: string[] = [];
  const c = await connect(quick, quickUsers[0]!, 'tls', { log: (l) => log.push(l) });
  assert.equal(c.logins, 1);
  await sleep(2_200); // the server's idle timeout is 1 s
  assert.equal((await c.domainCheck(['taken.com'])).data[0]!.avail, false);
  assert.equal(c.logins, 2, log.join('\n'));
  await c.close();

  const noRetry = await connect(quick, quickUsers[0]!, 'tls', { reconnect: false });
  await sleep(2_200);
  await assert.rejects(noRetry.domainCheck(['taken.com']), (e: unknown) => e instanceof EppConnectionError && !e.sent);
  await noRetry.close();
});

test('an expired HTTPS session: 2002 with the cookie cleared, so the client logs in again and resends', async () => {
  const c = await connect(quick, quickUsers[0]!, 'https');
  await sleep(2_500); // the server's HTTPS idle timeout is 1 s (swept at most every second)
  const r = await c.domainCheck(['taken.com']);
  assert.equal(r.code, 1000);
  assert.equal(c.logins, 2);
  await c.close();
});

test('keepalive <hello/> keeps an idle connection open', async () => {
  const c = await connect(quick, quickUsers[0]!, 'tls', { keepaliveMs: 300 });
  await sleep(2_200);
  await c.domainCheck(['taken.com']);
  assert.equal(c.logins, 1, 'no reconnect was needed');
  await c.close();
});

test('the session cap answers 2502 to the third login', async () => {
  const r = quickUsers[1]!;
  const first = await connect(quick, r, 'tls');
  const second = await connect(quick, r, 'tls');
  const third = await EppClient.connect(options(quick, r, 'tls')).then(() => undefined, (e: unknown) => e);
  assert.ok(third instanceof EppError && third.code === 2502, String(third));
  await first.close();
  await second.close();
});

test('certificates: the self-signed server is refused without its CA, accepted with it or with insecure', async () => {
  const refused = await EppClient.connect({ ...options(server, alice, 'tls'), ca: undefined }).then(() => undefined, (e: unknown) => e);
  assert.ok(refused instanceof EppConnectionError && !refused.sent, String(refused));
  const insecure = await connect(server, alice, 'tls', { ca: undefined, insecure: true });
  await insecure.close();
  const refusedHttps = await EppClient.connect({ ...options(server, alice, 'https'), ca: undefined }).then(() => undefined, (e: unknown) => e);
  assert.ok(refusedHttps instanceof EppConnectionError && !refusedHttps.sent, String(refusedHttps));
});

test('a refused connection is an EppConnectionError with sent=false', async () => {
  const probe = tls.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
  const err = await EppClient.connect({ ...options(server, alice, 'tls'), port }).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof EppConnectionError && !err.sent, String(err));
});

// --- scripted servers ----------------------------------------------------------------------------------------

const GREETING = (extURIs: string[] = []) => `<?xml version="1.0" encoding="UTF-8"?><epp xmlns="${EPP_NS.epp}"><greeting><svID>fake</svID>` +
  `<svDate>2026-01-01T00:00:00Z</svDate><svcMenu><version>1.0</version><lang>en</lang><objURI>${EPP_NS.domain}</objURI>` +
  `${extURIs.length ? `<svcExtension>${extURIs.map((u) => `<extURI>${u}</extURI>`).join('')}</svcExtension>` : ''}</svcMenu>` +
  '<dcp><access><all/></access><statement><purpose><prov/></purpose><recipient><ours/></recipient><retention><stated/></retention></statement></dcp></greeting></epp>';

function response(code: number, clTRID: string | undefined, inner = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><epp xmlns="${EPP_NS.epp}"><response><result code="${code}"><msg>m${code}</msg></result>${inner}` +
    `<trID>${clTRID ? `<clTRID>${clTRID}</clTRID>` : ''}<svTRID>S-${code}</svTRID></trID></response></epp>`;
}

type Answer = string | Buffer | 'silence' | 'close';
interface FakeServer { port: number; received: string[]; connections: number; close(): Promise<void> }

/** A TLS server that sends `greeting` and answers each command with `answer(xml, clTRID, connection)`. */
async function fakeServer(answer: (xml: string, clTRID: string | undefined, connection: number) => Answer, greeting: string | null = GREETING()): Promise<FakeServer> {
  const tlsDir = path.join(server.dataDir, 'tls');
  const state = { received: [] as string[], connections: 0 };
  const sockets = new Set<tls.TLSSocket>();
  const srv = tls.createServer({ cert: fs.readFileSync(path.join(tlsDir, 'cert.pem')), key: fs.readFileSync(path.join(tlsDir, 'key.pem')) }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const connection = ++state.connections;
    const decoder = new EppFrameDecoder(1024 * 1024);
    if (greeting !== null) socket.write(encodeFrame(greeting));
    socket.on('data', (chunk: Buffer) => {
      for (const f of decoder.push(chunk).frames) {
        const xml = f.toString('utf8');
        state.received.push(xml);
        const command = child(parseXml(xml), EPP_NS.epp, 'command');
        const a = answer(xml, command ? childText(command, EPP_NS.epp, 'clTRID') : undefined, connection);
        if (a === 'close') socket.destroy();
        else if (a !== 'silence') socket.write(typeof a === 'string' ? encodeFrame(a) : a);
      }
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    port: (srv.address() as { port: number }).port,
    get received() { return state.received; },
    get connections() { return state.connections; },
    close: async () => { for (const s of sockets) s.destroy(); await new Promise((r) => srv.close(r)); },
  };
}

const fakeOptions = (port: number, extra: Partial<EppClientOptions> = {}): EppClientOptions => ({
  transport: 'tls', host: '127.0.0.1', port, clID: 'me-client', password: 'pw-secret', ca: server.caPem, timeoutMs: 2_000, ...extra,
});
const isLogin = (xml: string) => xml.includes('<login>');

test('a server that never answers: EppTimeoutError with sent=true, and the next command reconnects', async () => {
  const fake = await fakeServer((xml, clTRID, conn) => (isLogin(xml) ? response(1000, clTRID) : conn === 1 ? 'silence' : response(1000, clTRID,
    `<resData><domain:chkData xmlns:domain="${EPP_NS.domain}"><domain:cd><domain:name avail="1">a.com</domain:name></domain:cd></domain:chkData></resData>`)));
  const c = await EppClient.connect(fakeOptions(fake.port, { timeoutMs: 500 }));
  const started = Date.now();
  const err = await c.domainCheck(['a.com']).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof EppTimeoutError && err.sent, String(err));
  assert.ok(Date.now() - started < 2_000);
  assert.equal((await c.domainCheck(['a.com'])).data[0]!.avail, true);
  assert.equal(fake.connections, 2);
  await c.close();
  await fake.close();

  const mute = await fakeServer(() => 'silence', null);
  const noGreeting = await EppClient.connect(fakeOptions(mute.port, { timeoutMs: 300 })).then(() => undefined, (e: unknown) => e);
  assert.ok(noGreeting instanceof EppTimeoutError && !noGreeting.sent, String(noGreeting));
  await mute.close();
});

test('garbage, a wrong clTRID or a schema-invalid reply is an EppProtocolError with the raw text', async () => {
  const fake = await fakeServer((xml, clTRID) => {
    if (isLogin(xml)) return response(1000, clTRID);
    if (xml.includes('garbage.com')) return 'this is <not xml';
    if (xml.includes('unframed.com')) return Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n');
    if (xml.includes('wrong-trid.com')) return response(1000, 'someone-else');
    if (xml.includes('no-resdata.com')) return response(1000, clTRID);
    return response(1000, clTRID, '<resData><unexpected/></resData>');
  });
  const c = await EppClient.connect(fakeOptions(fake.port));
  for (const [name, pattern] of [['garbage.com', /not well-formed/], ['unframed.com', /not an EPP frame/], ['wrong-trid.com', /clTRID/], ['no-resdata.com', /resData/]] as const) {
    const err = await c.domainCheck([name]).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof EppProtocolError, `${name}: ${String(err)}`);
    assert.match(err.message, pattern);
    assert.ok(err.raw.length > 0);
  }
  await c.close();
  const strict = await EppClient.connect(fakeOptions(fake.port, { validateReplies: true }));
  await assert.rejects(strict.domainCheck(['schema.com']), (e: unknown) => e instanceof EppProtocolError && /schema-valid/.test(e.message));
  await strict.close();
  await fake.close();
});

test('a 2500-series reply closes the session: EppError, then the next command logs in on a new connection', async () => {
  const fake = await fakeServer((xml, clTRID, conn) => {
    if (isLogin(xml)) return response(1000, clTRID);
    if (xml.includes('<logout/>')) return response(1500, clTRID);
    if (xml.includes('reserved.com')) {
      return response(2306, clTRID).replace('</msg></result>', `</msg><extValue><value><domain:name xmlns:domain="${EPP_NS.domain}">reserved.com</domain:name></value><reason>Name is reserved</reason></extValue></result>`);
    }
    if (conn === 1) return response(2500, clTRID);
    return response(1000, clTRID, `<resData><domain:chkData xmlns:domain="${EPP_NS.domain}"><domain:cd><domain:name avail="0">b.com</domain:name><domain:reason>In use</domain:reason></domain:cd></domain:chkData></resData>`);
  });
  const c = await EppClient.connect(fakeOptions(fake.port));
  // An ordinary refusal keeps the session; its extValue reason reaches the caller.
  const refused = await c.domainCheck(['reserved.com']).then(() => undefined, (e: unknown) => e);
  assert.ok(refused instanceof EppError && refused.code === 2306 && refused.reason === 'Name is reserved', String(refused));
  await assert.rejects(c.domainCheck(['b.com']), (e: unknown) => e instanceof EppError && e.code === 2500);
  const r = await c.domainCheck(['b.com']);
  assert.deepEqual(r.data, [{ name: 'b.com', avail: false, reason: 'In use', fee: undefined }]);
  assert.equal(fake.connections, 2);
  assert.equal(c.logins, 2);
  await c.close();
  await fake.close();
});

test('fee-1.0: asked for on check and agreed to on create when the server offers it; the commands are schema-valid', async () => {
  const FEE = EPP_NS.fee;
  const fake = await fakeServer((xml, clTRID) => {
    if (isLogin(xml)) return response(1000, clTRID);
    if (xml.includes('<check>')) {
      return response(1000, clTRID, `<resData><domain:chkData xmlns:domain="${EPP_NS.domain}"><domain:cd><domain:name avail="1">fee.com</domain:name></domain:cd></domain:chkData></resData>` +
        `<extension><fee:chkData xmlns:fee="${FEE}"><fee:currency>USD</fee:currency><fee:cd avail="1"><fee:objID>fee.com</fee:objID><fee:class>premium</fee:class>` +
        `<fee:command name="create" standard="0"><fee:period unit="y">1</fee:period><fee:fee description="Registration Fee" refundable="1" grace-period="P5D">100.00</fee:fee></fee:command>` +
        `</fee:cd></fee:chkData></extension>`);
    }
    return response(1000, clTRID, `<resData><domain:creData xmlns:domain="${EPP_NS.domain}"><domain:name>fee.com</domain:name><domain:crDate>2026-01-01T00:00:00Z</domain:crDate>` +
      `<domain:exDate>2027-01-01T00:00:00Z</domain:exDate></domain:creData></resData><extension><fee:creData xmlns:fee="${FEE}"><fee:currency>USD</fee:currency>` +
      `<fee:fee>100.00</fee:fee><fee:balance>900.00</fee:balance></fee:creData></extension>`);
  }, GREETING([FEE, EPP_NS.rgp]));
  const c = await EppClient.connect(fakeOptions(fake.port));
  assert.deepEqual(c.services.extURIs, [EPP_NS.rgp, FEE]);
  const check = await c.domainCheck(['fee.com'], { fee: { currency: 'USD', commands: [{ name: 'create', period: 1 }] } });
  const fee = check.data[0]!.fee!;
  assert.equal(fee.class, 'premium');
  assert.equal(fee.currency, 'USD');
  assert.deepEqual(fee.commands[0]!.fees, [{ amount: '100.00', description: 'Registration Fee', refundable: true, gracePeriod: 'P5D', applied: undefined }]);
  const created = await c.domainCreate({ name: 'fee.com', period: 1, authInfo: 'Fee-Pw-1', fee: { currency: 'USD', fees: [{ amount: '100.00' }] } });
  assert.equal(created.data.fee?.balance, '900.00');
  // secDNS was not offered by this server: refused before anything is sent.
  await assert.rejects(c.domainCreate({ name: 'x.com', authInfo: 'Pw-1', secDns: { dsData: [] } }), EppUnsupportedError);
  for (const xml of fake.received) assert.equal(validateEpp(xml), undefined, xml);
  assert.ok(fake.received.some((x) => x.includes('<fee:check') && x.includes('<fee:command name="create">')));
  assert.ok(fake.received.some((x) => x.includes('<fee:create') && x.includes('<fee:fee>100.00</fee:fee>')));
  await c.close();
  await fake.close();
});

test('every command the typed client builds is schema-valid, extensions included', async () => {
  const fake = await fakeServer((xml, clTRID) => (isLogin(xml) ? response(1000, clTRID) : response(2400, clTRID)), GREETING(
    [EPP_NS.rgp, EPP_NS.launch, EPP_NS.secDNS, EPP_NS.fee, EPP_NS.op]).replace(`<objURI>${EPP_NS.domain}</objURI>`,
    `<objURI>${EPP_NS.domain}</objURI><objURI>${EPP_NS.contact}</objURI><objURI>${EPP_NS.host}</objURI>`));
  const c = await EppClient.connect(fakeOptions(fake.port));
  const ds = { keyTag: 1, alg: 8, digestType: 2, digest: 'ab'.repeat(32) };
  const fee = { currency: 'EUR', fees: [{ amount: 5, description: 'fee', applied: 'immediate' as const }] };
  const calls: Array<() => Promise<unknown>> = [
    () => c.domainCheck(['a.com'], { fee: { commands: [{ name: 'renew', period: 2 }, { name: 'restore' }] }, launch: { phase: 'custom', name: 'pre' } }),
    () => c.domainClaimsCheck(['a.com'], { phase: { phase: 'claims' } }),
    () => c.domainInfo('a.com', { authInfo: 'x', hosts: 'none', launch: { phase: 'sunrise', applicationId: 'A1', includeMark: true } }),
    () => c.domainCreate({
      name: 'a.com', period: 1, hostAttrs: [{ name: 'ns1.a.com', addresses: ['192.0.2.1', '2001:db8::1'] }], registrant: 'reg-1',
      contacts: [{ type: 'billing', id: 'bill-1' }], authInfo: 'pw<&>"', secDns: { maxSigLife: 604800, dsData: [ds] },
      launch: { phase: 'sunrise', type: 'application', encodedSignedMarks: ['QUJD'], notices: [{ noticeId: 'abc', validatorId: 'tmch', notAfter: '2026-01-02T00:00:00Z', acceptedDate: '2026-01-01T00:00:00Z' }] },
      fee, op: { autorenew: 'on', useDomicile: true, promoCode: 'P' },
    }),
    () => c.domainRenew({ name: 'a.com', curExpDate: '2027-01-01', period: 1, fee }),
    () => c.domainTransfer('request', { name: 'a.com', authInfo: 'x', period: 1, fee, op: { registrant: 'reg-2', contacts: [{ type: 'admin', id: 'adm-1' }], nameservers: ['ns1.b.com'], autorenew: 'off' } }),
    () => c.domainTransfer('cancel', { name: 'a.com' }),
    () => c.domainUpdate({ name: 'a.com', add: { hostAttrs: [{ name: 'ns2.a.com', addresses: ['192.0.2.2'] }], contacts: [{ type: 'tech', id: 'tech-1' }], statuses: ['clientHold'] },
      rem: { nameservers: ['ns9.b.com'], statuses: [{ s: 'clientTransferProhibited', text: 'why', lang: 'en' }] }, chg: { registrant: 'reg-3', authInfo: 'new' },
      secDns: { rem: [ds], add: [ds], urgent: true }, fee, op: { resetAuthCode: true, comments: 'c' } }),
    () => c.domainDelete('a.com'),
    () => c.domainRestore('a.com'),
    () => c.domainRestoreReport('a.com', RESTORE_REPORT),
    () => c.contactCheck(['con-1', 'con-2']),
    () => c.contactCreate({ id: 'con-1', postalInfo: [{ type: 'int', name: 'N', street: ['a', 'b'], city: 'C', sp: 'S', pc: 'P', cc: 'NL' }, { type: 'loc', name: 'N', org: 'O', street: [], city: 'C', cc: 'NL' }], voice: '+1.5555555', fax: '+1.5555556', email: 'a@b.c', authInfo: 'pw', op: { birthDate: '1990-01-01', birthCountry: 'NL' } }),
    () => c.contactInfo('con-1', { authInfo: 'pw' }),
    () => c.contactUpdate({ id: 'con-1', add: { statuses: ['clientDeleteProhibited'] }, rem: { statuses: [] }, chg: { postalInfo: [{ type: 'int', name: 'M' }], email: 'x@y.z', authInfo: 'pw2' }, op: { vat: '' } }),
    () => c.contactDelete('con-1'),
    () => c.hostCheck(['ns1.a.com']),
    () => c.hostCreate({ name: 'ns1.a.com', addresses: ['192.0.2.1', '2001:db8::1'] }),
    () => c.hostInfo('ns1.a.com'),
    () => c.hostUpdate({ name: 'ns1.a.com', add: { addresses: ['192.0.2.9'] }, rem: { statuses: ['clientUpdateProhibited'] }, chg: { name: 'ns2.a.com' } }),
    () => c.hostDelete('ns1.a.com'),
    () => c.poll(),
    () => c.pollAck('12'),
  ];
  for (const call of calls) await assert.rejects(call(), (e: unknown) => e instanceof EppError && e.code === 2400);
  assert.equal(fake.received.length, calls.length + 1);
  for (const xml of fake.received) assert.equal(validateEpp(xml), undefined, xml);
  await c.close();
  await fake.close();
});
