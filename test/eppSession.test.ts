// EPP session rules through the processor: greeting, login, failures, use before login, extensions, logout.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { eppHarness, eppCommand, loginXml, parseResponse, find, type EppHarness } from './support/eppHarness.ts';
import { createReseller } from '../src/core/commands/resellers.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';

let h: EppHarness;
before(async () => { h = await eppHarness(); });
after(async () => { await h.close(); });

const send = async (session: ReturnType<EppHarness['processor']['newSession']>, xml: string) => {
  const r = await h.processor.process(session, xml);
  return parseResponse(r.xml, r.close);
};

test('<hello/> and <hello></hello> give a schema-valid greeting with the services', async () => {
  const s = h.processor.newSession('127.0.0.1');
  for (const hello of [`<epp xmlns="${NS.epp}"><hello/></epp>`, `<?xml version="1.0"?><epp xmlns="${NS.epp}"><hello></hello></epp>`]) {
    const r = await h.processor.process(s, hello);
    const g = parseResponse(r.xml);
    const greeting = g.root.children[0];
    assert.equal(greeting.name, 'greeting');
    const uris = [...g.xml.matchAll(/<(?:objURI|extURI)>([^<]+)</g)].map((m) => m[1]);
    for (const u of [NS.domain, NS.contact, NS.host, NS.rgp, NS.launch, NS.secDNS, NS.op]) assert.ok(uris.includes(u), u);
    assert.ok(find(greeting, NS.epp, 'dcp'));
  }
});

test('commands before login get 2002; clTRID is echoed exactly', async () => {
  const s = h.processor.newSession('127.0.0.1');
  const r = await send(s, eppCommand(`<check><domain:check xmlns:domain="${NS.domain}"><domain:name>a.com</domain:name></domain:check></check>`, 'my-TRID.123'));
  assert.equal(r.code, 2002);
  assert.match(r.xml, /<clTRID>my-TRID\.123<\/clTRID>/);
  assert.match(r.xml, /<svTRID>[^<]+<\/svTRID>/);
});

test('wrong password gives 2200; the third failure gives 2501 and closes', async () => {
  await createReseller(h.core, { username: 'pwtest' });
  const s = h.processor.newSession('127.0.0.1');
  assert.equal((await send(s, loginXml('pwtest', 'wrongpass1'))).code, 2200);
  assert.equal((await send(s, loginXml('pwtest', 'wrongpass2'))).code, 2200);
  const third = await send(s, loginXml('pwtest', 'wrongpass3'));
  assert.equal(third.code, 2501);
  assert.equal(third.close, true);
});

test('schema-invalid and malformed commands get 2001 and the session stays usable', async () => {
  const c = await h.client('syntax');
  assert.equal((await c.send('<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><command><frob/></command></epp>')).code, 2001);
  assert.equal((await c.send('<epp><unclosed>')).code, 2001);
  const bomb = `<?xml version="1.0"?><!DOCTYPE epp [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><epp xmlns="${NS.epp}"><hello/></epp>`;
  assert.equal((await c.send(bomb)).code, 2001);
  const xxe = `<?xml version="1.0"?><!DOCTYPE epp [<!ENTITY x SYSTEM "file:///etc/passwd">]><epp xmlns="${NS.epp}"><command><logout/><clTRID>&x;</clTRID></command></epp>`;
  const r = await c.send(xxe);
  assert.equal(r.code, 2001);
  assert.doesNotMatch(r.xml, /root:/);
  assert.equal((await c.cmd('<logout/>')).code, 1500);
});

test('an extension not named at login is refused with 2103', async () => {
  const { password } = await createReseller(h.core, { username: 'noext' });
  const s = h.processor.newSession('127.0.0.1');
  assert.equal((await send(s, loginXml('noext', password, []))).code, 1000);
  const r = await send(s, eppCommand(`<check><domain:check xmlns:domain="${NS.domain}"><domain:name>a.com</domain:name></domain:check></check>` +
    `<extension><launch:check xmlns:launch="${NS.launch}" type="claims"><launch:phase>claims</launch:phase></launch:check></extension>`));
  assert.equal(r.code, 2103);
});

test('logout gives 1500 and closes', async () => {
  const c = await h.client('bye');
  const r = await c.cmd('<logout/>');
  assert.equal(r.code, 1500);
  assert.equal(r.close, true);
});
