// The pure parts of the EPP upstream adapter: error -> outcome, poll message -> RegistryMessage, the domain update
// plan, contact payloads, and reconcile's judgement with canned lookups.
import { repositoryIdOf } from '../src/registry/repositoryId.ts';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EppConnectionError, EppError, EppProtocolError, EppTimeoutError, EppUnsupportedError } from '../src/client/epp/errors.ts';
import type { EppDomainInfo, EppPollMessage } from '../src/client/epp/types.ts';
import { classify, failureOutcome, RegistryUnavailable, successOutcome } from '../src/registry/epp/outcomes.ts';
import { registryMessageOf } from '../src/registry/epp/pollMapping.ts';
import { planDomainUpdate } from '../src/registry/epp/domainUpdatePlan.ts';
import { contactCreateRequest, registryContactId } from '../src/registry/epp/contactPayload.ts';
import { reconcileOperation, type ReconcileLookups } from '../src/registry/epp/reconcileOperation.ts';
import { subKey } from '../src/registry/epp/objectProvisioning.ts';
import type { InFlightOperation } from '../src/registry/registryPort.ts';

const err = (code: number, message = 'msg', reason?: string) => new EppError({ code, message, reason, xml: '' });

describe('outcomes', () => {
  test('refusals keep the registry code; session-ending codes and unsent commands are unavailable; sent ones unknown', () => {
    assert.deepEqual(failureOutcome('r', classify(err(2302, 'Object exists'))), { status: 'failed', reason: 'refused', code: 2302, message: '2302 Object exists' });
    assert.deepEqual(failureOutcome('r', classify(err(2400, 'Command failed', 'database down'))),
      { status: 'failed', reason: 'refused', code: 2400, message: '2400 Command failed (database down)' });
    assert.deepEqual(failureOutcome('r', classify(err(2502, 'Session limit'))), { status: 'failed', reason: 'unavailable', code: 2400, message: 'registry r unavailable: 2502 Session limit' });
    assert.deepEqual(failureOutcome('r', classify(new EppConnectionError('ECONNREFUSED', { sent: false }))),
      { status: 'failed', reason: 'unavailable', code: 2400, message: 'registry r unavailable: ECONNREFUSED' });
    assert.deepEqual(failureOutcome('r', classify(new RegistryUnavailable('circuit open'))).status, 'failed');
    assert.equal(failureOutcome('r', classify(new EppConnectionError('reset', { sent: true }))).status, 'unknown');
    assert.equal(failureOutcome('r', classify(new EppTimeoutError('no reply'))).status, 'unknown');
    assert.match((failureOutcome('r', classify(new EppProtocolError('not XML', '<x'))) as { message: string }).message, /malformed reply: not XML/);
    assert.deepEqual(failureOutcome('r', classify(new EppUnsupportedError('urn:x', 'domain:update'))).status, 'failed');
    assert.equal(failureOutcome('r', classify(new TypeError('bug'))).status, 'unknown');
  });

  test('1000 is ok, 1001 pending', () => {
    assert.deepEqual(successOutcome({ code: 1000, message: 'ok' }, 5), { status: 'ok', value: 5, code: 1000, message: 'ok' });
    assert.deepEqual(successOutcome({ code: 1001, message: 'pending' }, 5), { status: 'pending', code: 1001, message: 'pending' });
  });
});

describe('poll messages', () => {
  const now = new Date('2026-02-01T00:00:00Z');
  const base: EppPollMessage = { id: '7', msg: 'x', count: 1, kind: 'other', xml: '' };

  test('transfers of our names by status; pending actions by their clTRID; renewals; free text only when plain', () => {
    const t = registryMessageOf({ ...base, kind: 'transfer', qDate: '2026-01-31T10:00:00Z', msg: 'Transfer requested',
      transfer: { name: 'a.com', trStatus: 'pending', reID: 'gain', reDate: '2026-01-31T10:00:00Z', acID: 'us', acDate: '2026-02-05T10:00:00Z' } }, now, 'us');
    assert.equal(t.kind, 'transferRequested');
    assert.equal(t.name, 'a.com');
    assert.equal(t.at.toISOString(), '2026-01-31T10:00:00.000Z');
    assert.deepEqual(t.transfer, { status: 'pending', requestingRegistrar: 'gain', actingRegistrar: 'us',
      requestedAt: new Date('2026-01-31T10:00:00Z'), actionBy: new Date('2026-02-05T10:00:00Z'), expiresAt: undefined });
    for (const [s, kind] of [['clientApproved', 'transferCompleted'], ['serverApproved', 'transferCompleted'], ['clientRejected', 'transferRejected'], ['clientCancelled', 'transferCancelled'], ['serverCancelled', 'transferCancelled']]) {
      assert.equal(registryMessageOf({ ...base, kind: 'transfer', transfer: { name: 'a.com', trStatus: s, reID: 'gain' } }, now, 'us').kind, kind);
    }
    const pa = registryMessageOf({ ...base, kind: 'pendingAction', name: 'b.com', paClTRID: 'regd-o42', paResult: true }, now, 'us');
    assert.deepEqual({ kind: pa.kind, key: pa.key, ok: pa.ok, at: pa.at }, { kind: 'actionCompleted', key: 'regd-o42', ok: true, at: now });
    assert.equal(registryMessageOf({ ...base, kind: 'pendingAction', name: 'b.com', paResult: true, msg: 'Domain b.com has been purged' }, now, 'us').kind, 'deleted');
    const ren = registryMessageOf({ ...base, kind: 'renewal', name: 'c.com', exDate: '2027-01-01T00:00:00Z' }, now, 'us');
    assert.deepEqual({ kind: ren.kind, expiresAt: ren.expiresAt }, { kind: 'autoRenewed', expiresAt: new Date('2027-01-01T00:00:00Z') });
    assert.equal(registryMessageOf({ ...base, msg: 'Domain d.com has been deleted' }, now, 'us').kind, 'deleted');
    assert.equal(registryMessageOf({ ...base, msg: 'The redemption period of d.com has ended; it will be purged on 2026-03-01' }, now, 'us').kind, 'other');
    assert.equal(registryMessageOf({ ...base, msg: 'Status serverHold set on e.com' }, now, 'us').kind, 'statusChanged');
    assert.equal(registryMessageOf({ ...base, msg: 'Low balance' }, now, 'us').kind, 'other');
  });

  test('to the gaining registrar a transfer outcome answers its request: actionCompleted, ok when approved', () => {
    const msg = (trStatus: string) => registryMessageOf({ ...base, kind: 'transfer', transfer: { name: 'a.com', trStatus, reID: 'US', acID: 'them' } }, now, 'us');
    assert.deepEqual([msg('clientApproved').kind, msg('clientApproved').ok], ['actionCompleted', true]);
    assert.deepEqual([msg('serverApproved').kind, msg('serverApproved').ok], ['actionCompleted', true]);
    assert.deepEqual([msg('clientRejected').kind, msg('clientRejected').ok], ['actionCompleted', false]);
    assert.equal(msg('pending').kind, 'other');
    assert.equal(msg('clientApproved').transfer?.status, 'clientApproved');
    assert.equal(msg('clientApproved').key, undefined);
  });
});

const info = (over: Partial<EppDomainInfo> = {}): EppDomainInfo => ({
  name: 'x.com', roid: 'R1', statuses: ['ok'], contacts: [], nameservers: [], hostAttrs: [], hosts: [], rgpStatuses: [], dsData: [], clID: 'us', ...over,
});

describe('domain update plan', () => {
  test('nameservers and statuses become add/rem against what the registry holds', () => {
    const plan = planDomainUpdate(info({ nameservers: ['ns1.a.net', 'NS2.a.net'], statuses: ['clientHold'] }), {
      name: 'x.com', hostModel: 'hostObj', nameservers: ['ns2.a.net', 'ns3.a.net'], addStatuses: ['clientHold', 'clientUpdateProhibited'], removeStatuses: ['clientHold', 'clientDeleteProhibited'],
    });
    assert.deepEqual(plan, { name: 'x.com', add: { nameservers: ['ns3.a.net'], statuses: ['clientUpdateProhibited'] }, rem: { nameservers: ['ns1.a.net'], statuses: ['clientHold'] }, chg: undefined });
  });

  test('hostAttr registries get host attributes; contacts swap per role; registrant and auth code change', () => {
    const plan = planDomainUpdate(info({ hostAttrs: [{ name: 'ns1.x.com', addresses: ['192.0.2.1'] }], registrant: 'OLD', contacts: [{ type: 'admin', id: 'A1' }, { type: 'tech', id: 'T1' }] }), {
      name: 'x.com', hostModel: 'hostAttr', nameservers: ['ns9.b.net'], registrant: 'NEW', contacts: [{ type: 'admin', id: 'A1' }, { type: 'tech', id: 'T2' }], authCode: 'pw',
    });
    assert.deepEqual(plan, {
      name: 'x.com',
      add: { hostAttrs: [{ name: 'ns9.b.net', addresses: [] }], contacts: [{ type: 'tech', id: 'T2' }] },
      rem: { hostAttrs: [{ name: 'ns1.x.com', addresses: ['192.0.2.1'] }], contacts: [{ type: 'tech', id: 'T1' }] },
      chg: { registrant: 'NEW', authInfo: 'pw' },
    });
  });

  test('nothing to change is no command', () => {
    assert.equal(planDomainUpdate(info({ nameservers: ['ns1.a.net'] }), { name: 'x.com', hostModel: 'hostObj', nameservers: ['NS1.a.net'], removeStatuses: ['clientHold'] }), undefined);
  });
});

describe('contacts and keys', () => {
  test('registry contact ids are 3-16 characters of RD, base 36 and a random tail', () => {
    for (const id of [1, 42, 123_456_789, Number.MAX_SAFE_INTEGER]) {
      const rid = registryContactId(id);
      assert.match(rid, /^RD[0-9A-Z]{1,14}$/);
      assert.ok(rid.length <= 16 && rid.startsWith(`RD${id.toString(36).toUpperCase()}`), rid);
    }
    assert.notEqual(registryContactId(1), registryContactId(1));
  });

  test('the contact payload: int postal info for ASCII, loc otherwise; phone extensions dropped', () => {
    const c = { localId: 1, handle: 'h', firstName: 'Zoë', lastName: 'Example', orgName: '', address1: 'Rue 1', address2: '', address3: '', city: 'Paris', state: '', country: 'fr', postalCode: '75001', phone: '+33.123456789x12', fax: '', email: 'z@example.fr' };
    const r = contactCreateRequest('RD1ABC', c);
    assert.deepEqual(r.postalInfo, { type: 'loc', name: 'Zoë Example', org: undefined, street: ['Rue 1'], city: 'Paris', sp: undefined, pc: '75001', cc: 'FR' });
    assert.equal(r.voice, '+33.123456789');
    assert.equal(r.fax, undefined);
    assert.match(r.authInfo, /^.{16,}$/);
    assert.equal((contactCreateRequest('RD1', { ...c, firstName: 'Zoe' }).postalInfo as { type: string }).type, 'int');
  });

  test('sub-command clTRIDs stay within 64 characters', () => {
    assert.equal(subKey('regd-o5', 'c1'), 'regd-o5-c1');
    assert.equal(subKey('k'.repeat(64), 'h12').length, 64);
  });
});

describe('reconcile judgement', () => {
  const op = (operation: InFlightOperation['operation'], detail: Record<string, unknown> = {}): InFlightOperation =>
    ({ key: 'regd-o1', at: new Date('2026-01-01T00:00:00Z'), operation, name: 'x.com', detail });
  const lookups = (over: Partial<ReconcileLookups>): ReconcileLookups => ({
    clID: 'US', hostModel: 'hostObj',
    domainInfo: async () => undefined, transferQuery: async () => undefined, hostInfo: async () => undefined, ...over,
  });

  test('create: ours ok, absent failed 2303, someone else failed 2302, pendingCreate pending', async () => {
    const ok = await reconcileOperation(op('create'), lookups({ domainInfo: async () => info({ crDate: '2026-01-01T00:00:01Z', exDate: '2027-01-01T00:00:01Z' }) }));
    assert.deepEqual(ok, { status: 'ok', value: { roid: repositoryIdOf('regd-o1'), createdAt: new Date('2026-01-01T00:00:01Z'), expiresAt: new Date('2027-01-01T00:00:01Z') } });
    assert.equal((await reconcileOperation(op('create'), lookups({}))).status, 'failed');
    const theirs = await reconcileOperation(op('create'), lookups({ domainInfo: async () => info({ clID: 'them' }) }));
    assert.ok(theirs.status === 'failed' && theirs.code === 2302);
    assert.equal((await reconcileOperation(op('create'), lookups({ domainInfo: async () => info({ statuses: ['pendingCreate'] }) }))).status, 'pending');
  });

  test('renew by the expiry, delete by redemption, transfer by the query or the sponsor', async () => {
    const renewed = lookups({ domainInfo: async () => info({ exDate: '2028-01-01T05:00:00Z' }) });
    assert.equal((await reconcileOperation(op('renew', { currentExpiry: '2027-01-01T00:00:00Z', years: 1 }), renewed)).status, 'ok');
    assert.equal((await reconcileOperation(op('renew', { currentExpiry: '2027-01-01T00:00:00Z', years: 2 }), renewed)).status, 'failed');
    assert.equal((await reconcileOperation(op('delete'), lookups({ domainInfo: async () => info({ rgpStatuses: ['redemptionPeriod'] }) }))).status, 'ok');
    assert.equal((await reconcileOperation(op('delete'), lookups({}))).status, 'ok');
    assert.equal((await reconcileOperation(op('delete'), lookups({ domainInfo: async () => info() }))).status, 'failed');
    const pendingT = lookups({ transferQuery: async () => ({ name: 'x.com', trStatus: 'pending' }) });
    assert.equal((await reconcileOperation(op('transfer', { action: 'request' }), pendingT)).status, 'pending');
    assert.equal((await reconcileOperation(op('transfer', { action: 'approve' }), pendingT)).status, 'failed');
    const approved = lookups({ transferQuery: async () => ({ name: 'x.com', trStatus: 'clientApproved' }) });
    assert.equal((await reconcileOperation(op('transfer', { action: 'approve' }), approved)).status, 'ok');
    assert.equal((await reconcileOperation(op('transfer', { action: 'request' }), lookups({ domainInfo: async () => info() }))).status, 'ok');
    assert.equal((await reconcileOperation(op('transfer', { action: 'cancel' }), lookups({ domainInfo: async () => info() }))).status, 'failed');
  });

  test('a lookup that throws propagates (the adapter answers unknown)', async () => {
    await assert.rejects(reconcileOperation(op('create'), lookups({ domainInfo: async () => { throw new EppTimeoutError('t'); } })), EppTimeoutError);
  });
});
