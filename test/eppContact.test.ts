// EPP contacts (RFC 5733) with the Openprovider extension, through the in-process EPP processor.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { eppHarness, find, findAll, type EppHarness, type EppTestClient } from './support/eppHarness.ts';
import { registerInput } from './support/coreHarness.ts';
import { NS } from '../src/protocols/epp/eppNamespaces.ts';
import { registerDomain } from '../src/core/commands/registerDomain.ts';

let h: EppHarness;
let alice: EppTestClient;
let bob: EppTestClient;
before(async () => {
  h = await eppHarness();
  alice = await h.client('alice');
  bob = await h.client('bob');
});
after(async () => { await h.close(); });

const C = `xmlns:contact="${NS.contact}"`;
const OP = `xmlns:op="${NS.op}"`;

interface NewContact { id?: string; name?: string; org?: string; voice?: string; email?: string; cc?: string; pw?: string; ext?: string; type?: string }

function createXml(c: NewContact = {}): string {
  return `<create><contact:create ${C}><contact:id>${c.id ?? 'IGNORED'}</contact:id>` +
    `<contact:postalInfo type="${c.type ?? 'loc'}"><contact:name>${c.name ?? 'John Doe'}</contact:name>${c.org === undefined ? '<contact:org>Example Inc.</contact:org>' : c.org}` +
    `<contact:addr><contact:street>Main street 15</contact:street><contact:street>2nd floor</contact:street><contact:city>Rotterdam</contact:city>` +
    `<contact:sp>Zuid-Holland</contact:sp><contact:pc>3024 BN</contact:pc><contact:cc>${c.cc ?? 'NL'}</contact:cc></contact:addr></contact:postalInfo>` +
    `${c.voice === '' ? '' : `<contact:voice>${c.voice ?? '+31.104482299'}</contact:voice>`}<contact:fax>+31.102440250</contact:fax>` +
    `<contact:email>${c.email ?? 'jdoe@example.com'}</contact:email><contact:authInfo><contact:pw>${c.pw ?? ''}</contact:pw></contact:authInfo>` +
    `</contact:create></create>${c.ext ?? ''}`;
}

async function createContact(client: EppTestClient, c: NewContact = {}): Promise<string> {
  const r = await client.cmd(createXml(c));
  assert.equal(r.code, 1000, r.xml);
  return find(r.root, NS.contact, 'id')!.text;
}

const infoXml = (id: string, pw?: string) =>
  `<info><contact:info ${C}><contact:id>${id}</contact:id>${pw === undefined ? '' : `<contact:authInfo><contact:pw>${pw}</contact:pw></contact:authInfo>`}</contact:info></info>`;

const statusesOf = (r: { root: Parameters<typeof findAll>[0] }) => findAll(r.root, NS.contact, 'status').map((s) => s.attrs.s);

test('check answers avail per id; create assigns an Openprovider-style handle and ignores the client id', async () => {
  const r0 = await alice.cmd(`<check><contact:check ${C}><contact:id>MYID0001</contact:id><contact:id>JD000001-RG</contact:id></contact:check></check>`);
  assert.equal(r0.code, 1000);
  assert.deepEqual(findAll(r0.root, NS.contact, 'id').map((e) => e.attrs.avail), ['1', '1']);

  const r = await alice.cmd(createXml({ id: 'MYID0001' }));
  assert.equal(r.code, 1000, r.xml);
  const id = find(r.root, NS.contact, 'id')!.text;
  assert.match(id, /^JD\d{6}-RG$/);
  assert.equal(find(r.root, NS.contact, 'crDate')!.text, '2026-01-15T10:00:00.000Z');

  const r2 = await bob.cmd(`<check><contact:check ${C}><contact:id>MYID0001</contact:id><contact:id>${id}</contact:id></contact:check></check>`);
  const cds = findAll(r2.root, NS.contact, 'id');
  assert.deepEqual(cds.map((e) => [e.text, e.attrs.avail]), [['MYID0001', '1'], [id, '0']]);
  assert.equal(find(r2.root, NS.contact, 'reason')!.text, 'In use');
});

test('info shows the contact to its sponsor with authInfo; the name splits at the last space', async () => {
  const id = await createContact(alice, { name: 'Mary Ann Smith', pw: 'Secret-123' });
  const r = await alice.cmd(infoXml(id));
  assert.equal(r.code, 1000, r.xml);
  assert.equal(find(r.root, NS.contact, 'name')!.text, 'Mary Ann Smith');
  assert.equal(find(r.root, NS.contact, 'org')!.text, 'Example Inc.');
  assert.deepEqual(findAll(r.root, NS.contact, 'street').map((s) => s.text), ['Main street 15', '2nd floor']);
  assert.equal(find(r.root, NS.contact, 'sp')!.text, 'Zuid-Holland');
  assert.equal(find(r.root, NS.contact, 'pc')!.text, '3024 BN');
  assert.equal(find(r.root, NS.contact, 'cc')!.text, 'NL');
  assert.equal(find(r.root, NS.contact, 'voice')!.text, '+31.104482299');
  assert.equal(find(r.root, NS.contact, 'fax')!.text, '+31.102440250');
  assert.equal(find(r.root, NS.contact, 'email')!.text, 'jdoe@example.com');
  assert.equal(find(r.root, NS.contact, 'clID')!.text, 'alice');
  assert.equal(find(r.root, NS.contact, 'crID')!.text, 'alice');
  assert.match(find(r.root, NS.contact, 'roid')!.text, /^C\d+-REGD$/);
  assert.deepEqual(statusesOf(r), ['ok']);
  assert.equal(find(r.root, NS.contact, 'pw')!.text, 'Secret-123');
  assert.equal(find(r.root, NS.contact, 'upID'), undefined);
  const row = await h.core.db.selectFrom('contacts').selectAll().where('handle', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.first_name, 'Mary Ann');
  assert.equal(row.last_name, 'Smith');
  assert.equal(row.address2, '2nd floor');
  assert.equal(row.state, 'Zuid-Holland');
  assert.equal(row.postal_code, '3024 BN');
});

test('a blank authInfo gets a generated one; int postal info is accepted and kept', async () => {
  const id = await createContact(alice, { type: 'int', name: 'Jan Jansen' });
  assert.match(id, /^JJ\d{6}-RG$/);
  const r = await alice.cmd(infoXml(id));
  assert.ok(find(r.root, NS.contact, 'pw')!.text.length >= 6);
  assert.equal(find(r.root, NS.contact, 'postalInfo')!.attrs.type, 'loc');
});

test('bad voice (schema-valid, too short), email or country give 2005; a missing voice gives 2003', async () => {
  const bad = await alice.cmd(createXml({ voice: '+31.12' }));
  assert.equal(bad.code, 2005, bad.xml);
  assert.match(bad.msg, /contact:voice/);
  assert.equal((await alice.cmd(createXml({ email: 'not-an-email' }))).code, 2005);
  assert.equal((await alice.cmd(createXml({ cc: 'N1' }))).code, 2005);
  const missing = await alice.cmd(createXml({ voice: '' }));
  assert.equal(missing.code, 2003, missing.xml);
  assert.match(missing.msg, /contact:voice/);
  assert.equal((await alice.cmd(createXml({ pw: 'abc' }))).code, 2005);
});

test('another reseller: info needs the auth code and never sees it; update and delete are refused', async () => {
  const id = await createContact(alice, { pw: 'Alice-pw-42', ext: `<extension><op:ext ${OP}><op:create><op:contact><op:vat>NL09507882B01</op:vat></op:contact></op:create></op:ext></extension>` });
  assert.equal((await bob.cmd(infoXml(id))).code, 2201);
  assert.equal((await bob.cmd(infoXml(id, 'wrong-pw-1'))).code, 2202);
  const ok = await bob.cmd(infoXml(id, 'Alice-pw-42'));
  assert.equal(ok.code, 1000, ok.xml);
  assert.equal(find(ok.root, NS.contact, 'authInfo'), undefined);
  assert.equal(find(ok.root, NS.op, 'ext'), undefined);
  assert.equal(find(ok.root, NS.contact, 'clID')!.text, 'alice');
  assert.equal((await bob.cmd(`<update><contact:update ${C}><contact:id>${id}</contact:id><contact:chg><contact:email>x@example.com</contact:email></contact:chg></contact:update></update>`)).code, 2201);
  assert.equal((await bob.cmd(`<delete><contact:delete ${C}><contact:id>${id}</contact:id></contact:delete></delete>`)).code, 2201);
  assert.equal((await alice.cmd(infoXml('NO000000-RG'))).code, 2303);
  assert.equal((await alice.cmd(`<delete><contact:delete ${C}><contact:id>NO000000-RG</contact:id></contact:delete></delete>`)).code, 2303);
});

test('op:ext contact fields round-trip through create, info and update', async () => {
  const ext = `<extension><op:ext ${OP}><op:create><op:contact>` +
    '<op:vat>NL09507882B01</op:vat><op:comments>Custom comment</op:comments><op:gender>male</op:gender>' +
    '<op:birthDate>1982-10-23</op:birthDate><op:birthCity>Amsterdam</op:birthCity><op:birthCountry>nl</op:birthCountry>' +
    '<op:companyRegistrationNumber>123456</op:companyRegistrationNumber><op:companyRegistrationSubscriptionDate>2011-10-10</op:companyRegistrationSubscriptionDate>' +
    '<op:passportNumber></op:passportNumber></op:contact></op:create></op:ext></extension>';
  const id = await createContact(alice, { ext });
  const r = await alice.cmd(infoXml(id));
  const op = find(r.root, NS.op, 'contact')!;
  const val = (name: string) => find(op, NS.op, name)?.text;
  assert.equal(val('vat'), 'NL09507882B01');
  assert.equal(val('comments'), 'Custom comment');
  assert.equal(val('gender'), 'male');
  assert.equal(val('birthDate'), '1982-10-23');
  assert.equal(val('birthCity'), 'Amsterdam');
  assert.equal(val('birthCountry'), 'NL');
  assert.equal(val('companyRegistrationNumber'), '123456');
  assert.equal(val('companyRegistrationSubscriptionDate'), '2011-10-10');
  assert.equal(val('passportNumber'), '');
  assert.equal(val('headquartersCity'), '');

  const upd = await alice.cmd(`<update><contact:update ${C}><contact:id>${id}</contact:id></contact:update></update>` +
    `<extension><op:ext ${OP}><op:update><op:contact><op:chg><op:vat>NL123245443B01</op:vat><op:comments></op:comments>` +
    '<op:headquartersCity>Utrecht</op:headquartersCity></op:chg></op:contact></op:update></op:ext></extension>');
  assert.equal(upd.code, 1000, upd.xml);
  const r2 = await alice.cmd(infoXml(id));
  const op2 = find(r2.root, NS.op, 'contact')!;
  assert.equal(find(op2, NS.op, 'vat')!.text, 'NL123245443B01');
  assert.equal(find(op2, NS.op, 'comments')!.text, '');
  assert.equal(find(op2, NS.op, 'headquartersCity')!.text, 'Utrecht');
  assert.equal(find(op2, NS.op, 'gender')!.text, 'male');
  const stored = JSON.parse((await h.core.db.selectFrom('contacts').select('op_ext').where('handle', '=', id).executeTakeFirstOrThrow()).op_ext);
  assert.equal(stored.comments, undefined);
});

test('a bad op:ext value is a schema error (2001)', async () => {
  const r = await alice.cmd(createXml({ ext: `<extension><op:ext ${OP}><op:create><op:contact><op:birthDate>23-10-1982</op:birthDate></op:contact></op:create></op:ext></extension>` }));
  assert.equal(r.code, 2001);
});

test('update changes postal info, voice, fax and authInfo; clientUpdateProhibited blocks updates until removed', async () => {
  const id = await createContact(alice);
  h.clock.advance(60_000);
  const chg = await alice.cmd(`<update><contact:update ${C}><contact:id>${id}</contact:id><contact:chg>` +
    '<contact:postalInfo type="loc"><contact:org/><contact:addr><contact:street>Street 18</contact:street><contact:city>Amsterdam</contact:city>' +
    '<contact:sp>NH</contact:sp><contact:pc>1000 AA</contact:pc><contact:cc>NL</contact:cc></contact:addr></contact:postalInfo>' +
    '<contact:voice x="12">+31.201234567</contact:voice><contact:fax/><contact:authInfo><contact:pw>New-pw-123</contact:pw></contact:authInfo>' +
    '</contact:chg></contact:update></update>');
  assert.equal(chg.code, 1000, chg.xml);
  const r = await alice.cmd(infoXml(id));
  assert.equal(find(r.root, NS.contact, 'name')!.text, 'John Doe');
  assert.equal(find(r.root, NS.contact, 'org'), undefined);
  assert.deepEqual(findAll(r.root, NS.contact, 'street').map((s) => s.text), ['Street 18']);
  assert.equal(find(r.root, NS.contact, 'city')!.text, 'Amsterdam');
  assert.equal(find(r.root, NS.contact, 'voice')!.text, '+31.201234567');
  assert.equal(find(r.root, NS.contact, 'voice')!.attrs.x, '12');
  assert.equal(find(r.root, NS.contact, 'fax'), undefined);
  assert.equal(find(r.root, NS.contact, 'pw')!.text, 'New-pw-123');
  assert.equal(find(r.root, NS.contact, 'upID')!.text, 'alice');
  assert.equal(find(r.root, NS.contact, 'upDate')!.text, '2026-01-15T10:01:00.000Z');

  const lock = await alice.cmd(`<update><contact:update ${C}><contact:id>${id}</contact:id><contact:add><contact:status s="clientUpdateProhibited"/><contact:status s="clientDeleteProhibited"/></contact:add></contact:update></update>`);
  assert.equal(lock.code, 1000, lock.xml);
  assert.deepEqual(statusesOf(await alice.cmd(infoXml(id))), ['clientUpdateProhibited', 'clientDeleteProhibited']);
  assert.equal((await alice.cmd(`<update><contact:update ${C}><contact:id>${id}</contact:id><contact:chg><contact:email>new@example.com</contact:email></contact:chg></contact:update></update>`)).code, 2304);
  assert.equal((await alice.cmd(`<delete><contact:delete ${C}><contact:id>${id}</contact:id></contact:delete></delete>`)).code, 2304);
  const unlock = await alice.cmd(`<update><contact:update ${C}><contact:id>${id}</contact:id><contact:rem><contact:status s="clientUpdateProhibited"/><contact:status s="clientDeleteProhibited"/></contact:rem>` +
    '<contact:chg><contact:email>new@example.com</contact:email></contact:chg></contact:update></update>');
  assert.equal(unlock.code, 1000, unlock.xml);
  const r2 = await alice.cmd(infoXml(id));
  assert.deepEqual(statusesOf(r2), ['ok']);
  assert.equal(find(r2.root, NS.contact, 'email')!.text, 'new@example.com');
  assert.equal((await alice.cmd(`<update><contact:update ${C}><contact:id>${id}</contact:id><contact:add><contact:status s="linked"/></contact:add></contact:update></update>`)).code, 2306);
});

test('contacts a domain uses are linked and cannot be deleted (2305); XCP-created contacts answer over EPP', async () => {
  const reg = await registerDomain(h.core, registerInput(alice.session.reseller!.id, 'contact-link-test.com'));
  const domainId = reg.domainId!;
  const owner = await h.core.db.selectFrom('domain_contacts').innerJoin('contacts', 'contacts.id', 'domain_contacts.contact_id')
    .select(['contacts.handle', 'contacts.id']).where('domain_contacts.domain_id', '=', domainId).where('role', '=', 'owner').executeTakeFirstOrThrow();
  assert.match(owner.handle, /^RG/);
  const info = await alice.cmd(infoXml(owner.handle));
  assert.equal(info.code, 1000, info.xml);
  assert.deepEqual(statusesOf(info), ['ok', 'linked']);
  assert.equal(find(info.root, NS.contact, 'name')!.text, 'Owner Tester');
  assert.equal((await bob.cmd(infoXml(owner.handle))).code, 2201);
  assert.equal((await alice.cmd(`<delete><contact:delete ${C}><contact:id>${owner.handle}</contact:id></contact:delete></delete>`)).code, 2305);

  // An EPP-created contact put on the domain directly.
  const id = await createContact(alice);
  const row = await h.core.db.selectFrom('contacts').select('id').where('handle', '=', id).executeTakeFirstOrThrow();
  await h.core.db.updateTable('domain_contacts').set({ contact_id: row.id }).where('domain_id', '=', domainId).where('role', '=', 'tech').execute();
  assert.deepEqual(statusesOf(await alice.cmd(infoXml(id))), ['ok', 'linked']);
  const del = await alice.cmd(`<delete><contact:delete ${C}><contact:id>${id}</contact:id></contact:delete></delete>`);
  assert.equal(del.code, 2305, del.xml);
  await h.core.db.updateTable('domain_contacts').set({ contact_id: owner.id }).where('domain_id', '=', domainId).where('role', '=', 'tech').execute();
  assert.equal((await alice.cmd(`<delete><contact:delete ${C}><contact:id>${id}</contact:id></contact:delete></delete>`)).code, 1000);
  assert.equal((await alice.cmd(infoXml(id))).code, 2303);
  const check = await alice.cmd(`<check><contact:check ${C}><contact:id>${id}</contact:id></contact:check></check>`);
  assert.equal(find(check.root, NS.contact, 'id')!.attrs.avail, '1');
});

test('contact transfer is not offered (2101)', async () => {
  const id = await createContact(alice);
  const r = await bob.cmd(`<transfer op="request"><contact:transfer ${C}><contact:id>${id}</contact:id></contact:transfer></transfer>`);
  assert.equal(r.code, 2101);
});

test('disclose preferences are stored and shown back', async () => {
  const xml = createXml().replace('</contact:authInfo>', '</contact:authInfo><contact:disclose flag="0"><contact:voice/><contact:email/></contact:disclose>');
  const r = await alice.cmd(xml);
  assert.equal(r.code, 1000, r.xml);
  const id = find(r.root, NS.contact, 'id')!.text;
  const info = await alice.cmd(infoXml(id));
  const d = find(info.root, NS.contact, 'disclose')!;
  assert.equal(d.attrs.flag, '0');
  assert.deepEqual(d.children.map((c) => c.name), ['voice', 'email']);
});
