// The core rules behind issue 9 items 9 and 12, without a server: client-chosen contact ids, the reseller password
// rules for EPP's <newPW>, glue only in bailiwick, and the renew / auto-renew grace statuses.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { closeTestCore, coreErrorOf, makeTestCore, type TestCore } from './support/coreHarness.ts';
import { createReseller, resellerContactIdMode, setResellerContactIdMode, validateResellerPassword } from '../src/core/commands/resellers.ts';
import { createContact, validateClientContactId } from '../src/core/commands/contacts.ts';
import { validateDelegationHost } from '../src/core/delegation.ts';
import { renewGraceStatuses } from '../src/core/rgpPeriods.ts';
import { rgpStatuses } from '../src/protocols/epp/extensions/rgpExtension.ts';
import type { DomainRow } from '../src/core/commands/findDomain.ts';

let core: TestCore;
before(async () => { core = await makeTestCore(); });
after(async () => { await closeTestCore(core); });

const DAY = 86_400_000;
const fields = { first_name: 'Ann', last_name: 'Lee', address1: '1 Main Street', city: 'Toronto', country: 'CA', postal_code: 'M1M1M1', phone: '+1.4165551212', email: 'ann@example.com' };

test('client contact ids: clIDType (3-16 characters), no spaces or control characters', () => {
  assert.equal(validateClientContactId('abc'), 'abc');
  assert.equal(validateClientContactId('sixteen-chars-16'), 'sixteen-chars-16');
  assert.throws(() => validateClientContactId(undefined), coreErrorOf('missing_field'));
  assert.throws(() => validateClientContactId('ab'), coreErrorOf('invalid_value'));
  assert.throws(() => validateClientContactId('seventeen-chars-1'), coreErrorOf('invalid_value'));
  assert.throws(() => validateClientContactId('a b c'), coreErrorOf('invalid_value'));
  assert.throws(() => validateClientContactId('ab\tc'), coreErrorOf('invalid_value'));
});

test('contact id mode: assigned by default (migration 009), client uses the id; the rule is createContact\'s', async () => {
  const { reseller } = await createReseller(core, { username: 'modes' });
  assert.equal(await resellerContactIdMode(core.db, reseller.id), 'assigned');
  const assigned = await createContact(core, { resellerId: reseller.id, requestedId: 'mine-1', fields });
  assert.match(assigned.handle, /^AL\d{6}-RG$/);

  assert.equal(await setResellerContactIdMode(core, 'modes', 'client'), 'client');
  assert.equal((await createContact(core, { resellerId: reseller.id, requestedId: 'mine-1', fields })).handle, 'mine-1');
  await assert.rejects(createContact(core, { resellerId: reseller.id, requestedId: 'mine-1', fields }), coreErrorOf('object_exists'));
  await assert.rejects(createContact(core, { resellerId: reseller.id, requestedId: assigned.handle, fields }), coreErrorOf('object_exists'));
  await assert.rejects(createContact(core, { resellerId: reseller.id, requestedId: 'ZZ000001-RG', fields }), coreErrorOf('policy_violation'));
  await assert.rejects(createContact(core, { resellerId: reseller.id, requestedId: 'RG0123456789', fields }), coreErrorOf('policy_violation'));
  await assert.rejects(createContact(core, { resellerId: reseller.id, fields }), coreErrorOf('missing_field'));
  await assert.rejects(setResellerContactIdMode(core, 'modes', 'mine'), coreErrorOf('invalid_value'));
  await assert.rejects(setResellerContactIdMode(core, 'nobody', 'client'), coreErrorOf('not_found'));
  assert.equal(await setResellerContactIdMode(core, 'modes'), 'client', 'no mode: shows the current one');
});

test('reseller passwords chosen with newPW: 6-16 characters, no spaces, not the clID, not one repeated character, not the current one', () => {
  assert.equal(validateResellerPassword('N3w-Pass-9x', 'alice', 'old-password'), 'N3w-Pass-9x');
  assert.throws(() => validateResellerPassword('short', 'alice'), coreErrorOf('invalid_value'));
  assert.throws(() => validateResellerPassword('seventeen-chars-1', 'alice'), coreErrorOf('invalid_value'));
  assert.throws(() => validateResellerPassword('has space', 'alice'), coreErrorOf('invalid_value'));
  assert.throws(() => validateResellerPassword('ALICE-1', 'alice-1'), coreErrorOf('policy_violation'));
  assert.throws(() => validateResellerPassword('zzzzzzzz', 'alice'), coreErrorOf('policy_violation'));
  assert.throws(() => validateResellerPassword('Same-Pass-1', 'alice', 'Same-Pass-1'), coreErrorOf('policy_violation'));
});

test('glue only in bailiwick: addresses for hosts under the domain itself, none for others', () => {
  const v4 = (address: string) => ({ address, version: 'v4' as const });
  assert.deepEqual(validateDelegationHost({ name: 'ns1.example.com', addresses: [v4('192.0.2.1')], hostAttr: true }, 'example.com').addresses, ['192.0.2.1']);
  assert.deepEqual(validateDelegationHost({ name: 'ns1.example.net', addresses: [], hostAttr: true }, 'example.com').addresses, []);
  for (const name of ['ns1.example.net', 'ns1.notexample.com', 'example.com.evil.net']) {
    assert.throws(() => validateDelegationHost({ name, addresses: [v4('192.0.2.1')], hostAttr: true }, 'example.com'), coreErrorOf('policy_violation'), name);
  }
  // In bailiwick without an address is still refused, as before.
  assert.throws(() => validateDelegationHost({ name: 'ns1.example.com', addresses: [], hostAttr: true }, 'example.com'), coreErrorOf('policy_violation'));
});

test('renewGraceStatuses: renew and auto_renew history rows within 5 days, since the last transfer', async () => {
  const { reseller } = await createReseller(core, { username: 'graces' });
  const now = await core.clock.now();
  const row = (at: Date, action: string, domainId: number) => core.db.insertInto('history').values({
    at: at.toISOString(), reseller_id: reseller.id, domain_id: domainId, object_type: 'domain', object_id: String(domainId), action, detail: '{}',
  }).execute();
  await row(new Date(now.getTime() - 4 * DAY), 'renew', 9001);
  await row(new Date(now.getTime() - 6 * DAY), 'auto_renew', 9001);
  await row(new Date(now.getTime() - 1 * DAY), 'renew_failed', 9001);
  assert.deepEqual(await renewGraceStatuses(core.db, { id: 9001, transferred_at: null }, now), ['renewPeriod']);
  assert.deepEqual(await renewGraceStatuses(core.db, { id: 9001, transferred_at: null }, new Date(now.getTime() + 1 * DAY + 1)), []);
  await row(new Date(now.getTime() - 2 * DAY), 'auto_renew', 9002);
  assert.deepEqual(await renewGraceStatuses(core.db, { id: 9002, transferred_at: null }, now), ['autoRenewPeriod']);
  // Renewed by the sponsor before a transfer: not the new sponsor's grace.
  assert.deepEqual(await renewGraceStatuses(core.db, { id: 9002, transferred_at: new Date(now.getTime() - DAY).toISOString() }, now), []);
});

test('rgpStatuses: redemption states win; otherwise add, renew/autoRenew and transfer periods together', () => {
  const now = new Date('2026-05-01T00:00:00.000Z');
  const d = { created_at: new Date(now.getTime() - DAY).toISOString(), transferred_at: null, rgp_status: null } as unknown as DomainRow;
  assert.deepEqual(rgpStatuses(d, now, ['renewPeriod']), ['addPeriod', 'renewPeriod']);
  assert.deepEqual(rgpStatuses(d, now, ['autoRenewPeriod', 'bogus']), ['addPeriod', 'autoRenewPeriod']);
  assert.deepEqual(rgpStatuses({ ...d, rgp_status: 'redemptionPeriod' } as DomainRow, now, ['renewPeriod']), ['redemptionPeriod']);
  assert.deepEqual(rgpStatuses(d, undefined, ['renewPeriod']), []);
});
