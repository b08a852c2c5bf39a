// Issue 14 finding 4: a clTRID the schema refuses (a token of 3 to 64 characters) used to be echoed in the 2001
// reply, so the reply itself failed the EPP schema. What does not validate is never echoed; a valid clTRID still is.
// parseResponse validates every reply against the schemas.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eppCommand, eppHarness, parseResponse, type EppHarness, type EppTestClient } from './support/eppHarness.ts';
import { renderResponse } from '../src/protocols/epp/eppResponse.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';

const CHECK = `<check><domain:check xmlns:domain="${NS.domain}"><domain:name>cltrid.com</domain:name></domain:check></check>`;
/** Schema-invalid for a reason other than the clTRID: domain:check needs at least one name. */
const EMPTY_CHECK = `<check><domain:check xmlns:domain="${NS.domain}"></domain:check></check>`;

let h: EppHarness;
let c: EppTestClient;
before(async () => { h = await eppHarness(); c = await h.client('trid'); });
after(async () => { await h.close(); });

const echoed = (xml: string) => /<clTRID>([^<]*)<\/clTRID>/.exec(xml)?.[1];

for (const [label, clTRID] of [
  ['too short', 'ab'],
  ['too long', 'x'.repeat(65)],
  ['too short once whitespace collapses', '  a  '],
  ['65 characters beyond the BMP', '😀'.repeat(65)],
] as const) {
  test(`a clTRID ${label} gets a schema-valid 2001 that does not echo it`, async () => {
    const r = await c.send(eppCommand(CHECK, clTRID)); // parseResponse asserts the reply validates
    assert.equal(r.code, 2001);
    assert.equal(echoed(r.xml), undefined);
  });
}

test('before login as well', async () => {
  const session = h.processor.newSession('127.0.0.1');
  const r = parseResponse((await h.processor.process(session, eppCommand(CHECK, 'x'.repeat(100)))).xml);
  assert.equal(r.code, 2001);
  assert.equal(echoed(r.xml), undefined);
});

test('valid clTRIDs at both ends of the range are echoed, also in a 2001 for another reason', async () => {
  for (const clTRID of ['abc', 'y'.repeat(64), 'a b', '😀'.repeat(64)]) {
    const ok = await c.send(eppCommand(CHECK, clTRID));
    assert.equal(ok.code, 1000, ok.xml);
    assert.equal(echoed(ok.xml), clTRID);
    const bad = await c.send(eppCommand(EMPTY_CHECK, clTRID));
    assert.equal(bad.code, 2001);
    assert.equal(echoed(bad.xml), clTRID);
  }
});

test('the renderer itself never writes a clTRID the schema refuses', () => {
  for (const clTRID of ['', 'ab', 'z'.repeat(65)]) {
    const xml = renderResponse({ code: 2001 }, { clTRID, svTRID: 'RG-TEST-1' });
    parseResponse(xml);
    assert.equal(echoed(xml), undefined);
  }
});
