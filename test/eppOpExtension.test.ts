// The Openprovider extension: opprov-1.0.xsd against the guide's examples, the parsers and the info renderers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OP_SEED_EXAMPLES } from './support/opSeedExamples.ts';
import { validateEpp } from '../src/protocols/epp/eppSchemaValidator.ts';
import { parseXml, child, type XmlElement } from '../src/protocols/epp/xmlTree.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import { renderResponse } from '../src/protocols/epp/eppResponse.ts';
import {
  mergeOpExt, parseOpContactExt, parseOpDomainExt, parseOpDomainTransfer, renderOpContactInfo, renderOpDomainInfo,
} from '../src/protocols/epp/extensions/opExtension.ts';

function extensionsOf(xml: string): XmlElement[] {
  const command = child(parseXml(xml), NS.epp, 'command')!;
  return child(command, NS.epp, 'extension')?.children ?? [];
}

const example = (title: string) => OP_SEED_EXAMPLES.find((e) => e.title.startsWith(title))!.xml;

for (const ex of OP_SEED_EXAMPLES) {
  test(`seed example validates: ${ex.title}`, () => {
    assert.equal(validateEpp(ex.xml), undefined);
  });
}

test('the schema refuses what the guide does not allow', () => {
  const domainCreate = example('domain create');
  assert.match(validateEpp(domainCreate.replace('<op:autorenew>default</op:autorenew>', '<op:autorenew>maybe</op:autorenew>')) ?? '', /autorenew/);
  assert.ok(validateEpp(domainCreate.replace('<op:promoCode>', '<op:frobnicate/><op:promoCode>')));
  assert.ok(validateEpp(domainCreate.replace('<op:useDomicile>false</op:useDomicile>', '<op:useDomicile>perhaps</op:useDomicile>')));
  const contactCreate = example('contact create');
  assert.ok(validateEpp(contactCreate.replace('<op:vat>', '<op:gender>female</op:gender><op:vat>')), 'a repeated field');
  assert.ok(validateEpp(contactCreate.replace('<op:birthDate>1982-10-23</op:birthDate>', '<op:birthDate>23-10-1982</op:birthDate>')));
  assert.ok(validateEpp(contactCreate.replace('<op:birthCountry>NL</op:birthCountry>', '<op:birthCountry>NLD</op:birthCountry>')));
  assert.ok(validateEpp(contactCreate.replace(/<op:create>[\s\S]*<\/op:create>/, '')), 'an empty op:ext');
});

test('parseOpDomainExt reads create, update and transfer', () => {
  assert.deepEqual(parseOpDomainExt(extensionsOf(example('domain create'))), {
    autorenew: 'default', promoCode: 'PROMO2', useDomicile: 'false', nsGroup: '', nsTemplateName: '', comments: 'any comment here',
  });
  assert.deepEqual(parseOpDomainExt(extensionsOf(example('domain update'))), {
    autorenew: 'on', useDomicile: 'false', nsGroup: '', comments: 'Custom comment', resetAuthCode: 'true',
  });
  assert.deepEqual(parseOpDomainExt(extensionsOf(example('domain transfer'))), {
    autorenew: 'on', promoCode: 'PROMOCODE', useDomicile: 'true', nsGroup: '', nsTemplateName: '', comments: 'ANY COMMENT  HERE',
  });
  assert.equal(parseOpDomainExt(extensionsOf(example('contact create'))), undefined);
  assert.equal(parseOpDomainExt([]), undefined);
  const t = parseOpDomainTransfer(extensionsOf(example('domain transfer')))!;
  assert.equal(t.registrant, 'FL902042-US');
  assert.deepEqual(t.contacts, [{ type: 'admin', id: 'FL902042-US' }, { type: 'tech', id: 'FL902042-US' }]);
  assert.deepEqual(t.nameservers, [
    { name: 'ns1.example.de', addresses: [{ ip: 'v6', address: '2607:f0d0:1002:51::4' }] },
    { name: 'ns2.example.de', addresses: [{ ip: 'v4', address: '123.123.123.123' }] },
  ]);
  assert.equal(parseOpDomainTransfer(extensionsOf(example('domain create'))), undefined);
});

test('parseOpContactExt reads create and update (empty values mean "clear")', () => {
  const created = parseOpContactExt(extensionsOf(example('contact create')))!;
  assert.equal(created.vat, 'NL09507882B01');
  assert.equal(created.birthState, 'Nood-Holland');
  assert.equal(created.companyRegistrationSubscriptionDate, '2011-10-10');
  assert.equal(created.passportNumber, '');
  assert.equal(Object.keys(created).length, 19);
  const changed = parseOpContactExt(extensionsOf(example('contact update')))!;
  assert.equal(changed.vat, 'NL123245443B01');
  assert.equal(changed.gender, undefined);
  assert.equal(parseOpContactExt(extensionsOf(example('domain create'))), undefined);
  assert.deepEqual(mergeOpExt({ vat: 'A', comments: 'x', gender: 'male' }, { vat: 'B', comments: '', resetAuthCode: 'true' }), { vat: 'B', gender: 'male' });
});

test('the info fragments validate inside a response', () => {
  const domainInf = `<domain:infData xmlns:domain="${NS.domain}"><domain:name>example.com</domain:name><domain:roid>D1-REGD</domain:roid><domain:clID>alice</domain:clID></domain:infData>`;
  const frag = renderOpDomainInfo({ autorenew: 'default', useDomicile: 'true', comments: 'a <b> & c', promoCode: 'P1' },
    { autoRenew: false, locked: true, expiresAt: '2027-01-15T10:00:00.000Z', createdAt: '2026-01-15T10:00:00.000Z' })!;
  const xml = renderResponse({ code: 1000, resData: domainInf, extension: frag }, { svTRID: 'T-1' });
  assert.equal(validateEpp(xml), undefined, xml);
  assert.match(frag, /<op:isLocked>true<\/op:isLocked>/);
  assert.match(frag, /<op:autorenew>default<\/op:autorenew>/);
  assert.match(frag, /<op:renewalDate>2027-01-15T10:00:00.000Z<\/op:renewalDate>/);
  assert.match(frag, /<op:useDomicile>true<\/op:useDomicile>/);
  assert.match(renderOpDomainInfo({ autorenew: 'default' }, { autoRenew: true, locked: false, expiresAt: '2027-01-15T10:00:00.000Z' })!, /<op:autorenew>on</);
  assert.match(renderOpDomainInfo({}, { autoRenew: false, locked: false, expiresAt: '2027-01-15T10:00:00.000Z' })!, /<op:autorenew>off</);

  const contactInf = `<contact:infData xmlns:contact="${NS.contact}"><contact:id>JD000001-RG</contact:id><contact:roid>C1-REGD</contact:roid>` +
    '<contact:status s="ok"/><contact:postalInfo type="loc"><contact:name>J D</contact:name><contact:addr><contact:city>X</contact:city><contact:cc>NL</contact:cc></contact:addr></contact:postalInfo>' +
    '<contact:email>a@example.com</contact:email><contact:clID>alice</contact:clID><contact:crID>alice</contact:crID><contact:crDate>2026-01-15T10:00:00.000Z</contact:crDate></contact:infData>';
  const cfrag = renderOpContactInfo({ vat: 'NL1', birthDate: '1982-10-23', gender: 'female' })!;
  const cxml = renderResponse({ code: 1000, resData: contactInf, extension: cfrag }, { svTRID: 'T-2' });
  assert.equal(validateEpp(cxml), undefined, cxml);
  assert.equal(renderOpContactInfo({}), undefined);
});
