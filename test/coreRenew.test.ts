// renewDomain: the expiry-year guard, double-renewal detection, the TLD's horizon and periods, and atomic charging.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReseller, findResellerById } from '../src/core/commands/resellers.ts';
import { registerDomain } from '../src/core/commands/registerDomain.ts';
import { renewDomain } from '../src/core/commands/renewDomain.ts';
import { findLiveDomain, type DomainRow } from '../src/core/commands/findDomain.ts';
import { addYears, DAY_MS } from '../src/core/dates.ts';
import { closeTestCore, coreErrorOf, makeTestCore, registerInput, START, type TestCore } from './support/coreHarness.ts';

let core: TestCore;
let resellerId: number;
let n = 0;

before(async () => {
  core = await makeTestCore(START);
  ({ reseller: { id: resellerId } } = await createReseller(core, { username: 'renewer', fundsMinor: 1_000_000 }));
});
after(async () => { await closeTestCore(core); });

async function registered(tld: string, period = 1, forReseller = resellerId): Promise<DomainRow> {
  const name = `renew-${++n}.${tld}`;
  await registerDomain(core, registerInput(forReseller, name, { period }));
  return (await findLiveDomain(core, name))!;
}

const yearOf = (d: DomainRow) => new Date(d.expires_at).getUTCFullYear();
const counts = async (domainId: number) => ({
  orders: (await core.db.selectFrom('orders').select('id').where('domain_id', '=', domainId).where('kind', '=', 'renew').execute()).length,
  renewHistory: (await core.db.selectFrom('history').select('id').where('domain_id', '=', domainId).where('action', '=', 'renew').execute()).length,
});

describe('renewDomain', () => {
  test('the caller must sponsor the domain: another reseller is refused (not_sponsor) and not charged', async () => {
    const d = await registered('com');
    const { reseller: other } = await createReseller(core, { username: 'not-the-sponsor', fundsMinor: 100_000 });
    await assert.rejects(renewDomain(core, { resellerId: other.id, domain: d, period: 1, currentExpirationYear: yearOf(d) }), coreErrorOf('not_sponsor'));
    assert.equal((await findResellerById(core, other.id))!.balanceMinor, 100_000);
    assert.equal((await findLiveDomain(core, d.name))!.expires_at, d.expires_at);
    assert.equal((await counts(d.id)).orders, 0);
  });

  test('the correct year extends the expiry by the period and charges the renew price', async () => {
    const d = await registered('com');
    const before = (await findResellerById(core, resellerId))!.balanceMinor;
    const oldExpiry = new Date(d.expires_at);
    assert.equal(oldExpiry.toISOString(), addYears(START, 1).toISOString());
    const res = await renewDomain(core, { resellerId, domain: d, period: 3, currentExpirationYear: yearOf(d) });
    assert.equal(res.expiresAt.toISOString(), addYears(oldExpiry, 3).toISOString());
    assert.equal(res.amountMinor, 3 * 1099);
    const after = (await findLiveDomain(core, d.name))!;
    assert.equal(after.expires_at, res.expiresAt.toISOString());
    assert.equal(yearOf(after), yearOf(d) + 3);
    assert.equal((await findResellerById(core, resellerId))!.balanceMinor, before - 3 * 1099);
    const order = await core.db.selectFrom('orders').selectAll().where('id', '=', res.orderId).executeTakeFirstOrThrow();
    assert.deepEqual([order.kind, order.status, order.period, order.amount_minor, order.domain_id], ['renew', 'completed', 3, 3 * 1099, d.id]);
    const entry = await core.db.selectFrom('ledger_entries').selectAll().where('order_id', '=', res.orderId).executeTakeFirstOrThrow();
    assert.equal(entry.amount_minor, -3 * 1099);
  });

  test('autoRenew is updated only when given', async () => {
    const d = await registered('net');
    assert.equal(d.auto_renew, 0);
    await renewDomain(core, { resellerId, domain: d, period: 1, currentExpirationYear: yearOf(d), autoRenew: true });
    const d2 = (await findLiveDomain(core, d.name))!;
    assert.equal(d2.auto_renew, 1);
    await renewDomain(core, { resellerId, domain: d2, period: 1, currentExpirationYear: yearOf(d2) });
    assert.equal((await findLiveDomain(core, d.name))!.auto_renew, 1);
  });

  test('a wrong year is expiry_year_mismatch and changes nothing', async () => {
    const d = await registered('org');
    for (const year of [yearOf(d) - 1, yearOf(d) + 1, 0]) {
      await assert.rejects(renewDomain(core, { resellerId, domain: d, period: 1, currentExpirationYear: year }), coreErrorOf('expiry_year_mismatch'));
    }
    assert.equal((await findLiveDomain(core, d.name))!.expires_at, d.expires_at);
    assert.deepEqual(await counts(d.id), { orders: 0, renewHistory: 0 });
  });

  test('repeating a renewal with the old year is already_renewed, and is not charged twice', async () => {
    const d = await registered('info');
    const oldYear = yearOf(d);
    await renewDomain(core, { resellerId, domain: d, period: 1, currentExpirationYear: oldYear });
    const balance = (await findResellerById(core, resellerId))!.balanceMinor;
    const fresh = (await findLiveDomain(core, d.name))!;
    // Re-sent request, as read before (stale row) or after (fresh row) the first renewal.
    await assert.rejects(renewDomain(core, { resellerId, domain: fresh, period: 1, currentExpirationYear: oldYear }), coreErrorOf('already_renewed'));
    await assert.rejects(renewDomain(core, { resellerId, domain: d, period: 1, currentExpirationYear: oldYear }), coreErrorOf('already_renewed'));
    assert.equal((await findResellerById(core, resellerId))!.balanceMinor, balance);
    assert.equal((await findLiveDomain(core, d.name))!.expires_at, fresh.expires_at);
    assert.deepEqual(await counts(d.id), { orders: 1, renewHistory: 1 });
    // A year the domain never had is still a mismatch.
    await assert.rejects(renewDomain(core, { resellerId, domain: fresh, period: 1, currentExpirationYear: oldYear - 1 }), coreErrorOf('expiry_year_mismatch'));
  });

  test('two concurrent renewals of the same state: one applies, the other is already_renewed', async () => {
    const d = await registered('biz');
    const results = await Promise.allSettled([1, 2].map(() => renewDomain(core, { resellerId, domain: d, period: 1, currentExpirationYear: yearOf(d) })));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    coreErrorOf('already_renewed')(rejected.reason);
    assert.equal(yearOf((await findLiveDomain(core, d.name))!), yearOf(d) + 1);
    assert.deepEqual(await counts(d.id), { orders: 1, renewHistory: 1 });
  });

  test('renewing beyond maxYearsAhead (10 years for com) is period_not_allowed; exactly 10 is fine', async () => {
    const d = await registered('com'); // expires now + 1y
    await assert.rejects(renewDomain(core, { resellerId, domain: d, period: 10, currentExpirationYear: yearOf(d) }), coreErrorOf('period_not_allowed'));
    assert.equal((await findLiveDomain(core, d.name))!.expires_at, d.expires_at);
    assert.deepEqual(await counts(d.id), { orders: 0, renewHistory: 0 });
    const res = await renewDomain(core, { resellerId, domain: d, period: 9, currentExpirationYear: yearOf(d) });
    assert.equal(res.expiresAt.toISOString(), addYears(await core.clock.now(), 10).toISOString());
    const d2 = (await findLiveDomain(core, d.name))!;
    await assert.rejects(renewDomain(core, { resellerId, domain: d2, period: 1, currentExpirationYear: yearOf(d2) }), coreErrorOf('period_not_allowed'));
  });

  test('the horizon moves with the clock', async () => {
    const d = await registered('com', 10); // already 10 years ahead
    await assert.rejects(renewDomain(core, { resellerId, domain: d, period: 1, currentExpirationYear: yearOf(d) }), coreErrorOf('period_not_allowed'));
    core.clock.advance(366 * DAY_MS);
    const res = await renewDomain(core, { resellerId, domain: d, period: 1, currentExpirationYear: yearOf(d) });
    assert.equal(res.expiresAt.toISOString(), addYears(new Date(d.expires_at), 1).toISOString());
  });

  test('a period the TLD does not offer is period_not_allowed (2 years for .nl, 6 for .au, 0, 11)', async () => {
    const de = await registered('nl'); // nl, like de, renews one year at a time (de is asynchronous: still pending here)
    await assert.rejects(renewDomain(core, { resellerId, domain: de, period: 2, currentExpirationYear: yearOf(de) }), coreErrorOf('period_not_allowed'));
    const au = await registered('com.au');
    for (const period of [6, 0, 11, 1.5]) {
      await assert.rejects(renewDomain(core, { resellerId, domain: au, period, currentExpirationYear: yearOf(au) }), coreErrorOf('period_not_allowed'));
    }
    const com = await registered('com');
    await assert.rejects(renewDomain(core, { resellerId, domain: com, period: 11, currentExpirationYear: yearOf(com) }), coreErrorOf('period_not_allowed'));
    for (const d of [de, au, com]) assert.deepEqual(await counts(d.id), { orders: 0, renewHistory: 0 });
  });

  test('insufficient funds leaves the expiry unchanged and writes no order, ledger or history row', async () => {
    const { reseller: poor } = await createReseller(core, { username: 'poor-renewer', fundsMinor: 1099 });
    const d = await registered('com', 1, poor.id);
    assert.equal((await findResellerById(core, poor.id))!.balanceMinor, 0);
    const ledgerBefore = await core.db.selectFrom('ledger_entries').select('id').where('reseller_id', '=', poor.id).execute();
    await assert.rejects(renewDomain(core, { resellerId: poor.id, domain: d, period: 1, currentExpirationYear: yearOf(d) }), coreErrorOf('insufficient_funds'));
    assert.equal((await findLiveDomain(core, d.name))!.expires_at, d.expires_at);
    assert.deepEqual(await counts(d.id), { orders: 0, renewHistory: 0 });
    const ledgerAfter = await core.db.selectFrom('ledger_entries').select('id').where('reseller_id', '=', poor.id).execute();
    assert.equal(ledgerAfter.length, ledgerBefore.length);
    assert.equal((await findResellerById(core, poor.id))!.balanceMinor, 0);
  });
});
