// The sandbox registry (TLD list, "taken elsewhere" rule), availability, the store-backed sandbox clock and
// calendar arithmetic.
import { ManualClock } from '../src/core/clock.ts';
import type { RegistryOutcome } from '../src/registry/registryPort.ts';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { openCore } from '../src/app/openCore.ts';
import type { Core } from '../src/core/core.ts';
import { SandboxRegistry } from '../src/registry/sandbox/sandboxRegistry.ts';
import { SANDBOX_TLDS } from '../src/registry/sandbox/sandboxTlds.ts';
import { isTakenElsewhere } from '../src/registry/sandbox/takenElsewhere.ts';
import { checkAvailability } from '../src/core/commands/checkAvailability.ts';
import { createReseller } from '../src/core/commands/resellers.ts';
import { registerDomain } from '../src/core/commands/registerDomain.ts';
import { priceFor } from '../src/core/commands/prices.ts';
import { advanceSandboxClock, sandboxClockOffset, StoreClock } from '../src/core/sandboxClock.ts';
import { parseDuration } from '../src/core/duration.ts';
import { addYears, DAY_MS, formatOpsDate } from '../src/core/dates.ts';
import { coreErrorOf, registerInput } from './support/coreHarness.ts';

const EXPECTED_TLDS = ['com', 'net', 'org', 'info', 'biz', 'io', 'de', 'nl', 'eu', 'ca', 'uk', 'co.uk', 'au', 'com.au', 'us'];

let core: Core;
let dataDir: string;
before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-core-sandbox-'));
  core = await openCore({ dataDir, mode: 'sandbox' });
});
after(async () => {
  await core.db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('SandboxRegistry', () => {
  const registry = new SandboxRegistry();

  test('offers exactly the 15 sandbox TLDs in general availability, plus the 4 launch-phase TLDs', () => {
    assert.deepEqual(registry.policies().filter((p) => p.launchPhase === 'open').map((p) => p.tld).sort(), [...EXPECTED_TLDS].sort());
    assert.deepEqual(registry.policies().filter((p) => p.launchPhase !== 'open').map((p) => p.tld).sort(), ['app', 'club', 'shop', 'xyz']);
    for (const tld of EXPECTED_TLDS) assert.equal(registry.policy(tld)?.tld, tld);
    assert.equal(registry.policy('zz'), undefined);
    assert.equal(registry.policy('.com'), undefined);
  });

  test('policies are sane and match the README', () => {
    for (const p of SANDBOX_TLDS) {
      assert.ok(p.periods.length > 0 && p.periods.every((y) => Number.isInteger(y) && y >= 1 && y <= 10), p.tld);
      assert.ok(Math.max(...p.periods) <= p.maxYearsAhead, `${p.tld}: a fresh registration must fit the horizon`);
      assert.ok(Number.isInteger(p.prices.register) && p.prices.register > 0, p.tld);
      assert.ok(p.minNameservers <= p.maxNameservers);
    }
    assert.deepEqual(registry.policy('de')!.periods, [1]);
    assert.deepEqual(registry.policy('nl')!.periods, [1]);
    assert.deepEqual(registry.policy('au')!.periods, [1, 2, 3, 4, 5]);
    assert.deepEqual(registry.policy('com.au')!.periods, [1, 2, 3, 4, 5]);
    assert.deepEqual(registry.policy('com')!.periods, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.equal(registry.policy('com')!.maxYearsAhead, 10);
    assert.equal(registry.policy('com')!.prices.register, 1099);
    assert.equal(registry.policy('net')!.prices.register, 1299);
    assert.equal(registry.policy('org')!.prices.register, 1199);
    for (const tld of ['com', 'net', 'org']) assert.equal(registry.policy(tld)!.transferLockDays, 60);
    assert.equal(registry.policy('de')!.asynchronous, true);
    assert.equal(registry.policy('eu')!.asynchronous, true);
    assert.equal(registry.policy('us')!.supportsWhoisPrivacy, false);
  });

  test('names whose registrable label starts with "taken" are registered elsewhere', async () => {
    for (const name of ['taken.com', 'takenfoo.net', 'taken-by-someone.co.uk', 'taken.co.uk', 'taken123.com.au', 'taken.us']) {
      assert.equal(await registry.isRegisteredElsewhere(name), true, name);
    }
    for (const name of ['nottaken.com', 'take.com', 'tak-en.net', 'xtaken.org', 'example.co.uk', 'taken.zz']) {
      assert.equal(await registry.isRegisteredElsewhere(name), false, name);
    }
  });

  test('the "taken" rule looks at the label left of the longest TLD only', () => {
    assert.equal(isTakenElsewhere('taken.co.uk', 'co.uk'), true);
    assert.equal(isTakenElsewhere('example.co.uk', 'co.uk'), false);
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/), fc.constantFrom(...EXPECTED_TLDS), (rest, tld) => {
      assert.equal(isTakenElsewhere(`taken${rest}.${tld}`, tld), true);
      assert.equal(isTakenElsewhere(`${rest}.${tld}`, tld), rest.startsWith('taken'));
    }), { numRuns: 300 });
  });

  test('createDomain / renewDomain compute expiry with addYears; ROIDs derive from the idempotency key', async () => {
    const now = new Date('2024-02-29T10:00:00Z');
    const okValue = <T>(o: RegistryOutcome<T>): T => { assert.equal(o.status, 'ok'); return (o as { value: T }).value; };
    const a = okValue(await registry.createDomain({ key: 'regd-o1', at: now }, { name: 'a.com', years: 1, nameservers: [], authCode: 'abcdef', now }));
    const b = okValue(await registry.createDomain({ key: 'regd-o2', at: now }, { name: 'b.com', years: 1, nameservers: [], authCode: 'abcdef', now }));
    assert.notEqual(a.roid, b.roid);
    assert.match(a.roid, /^D[0-9A-F]{12}-REGD$/);
    assert.equal(a.createdAt.toISOString(), now.toISOString());
    assert.equal(a.expiresAt.toISOString(), '2025-02-28T10:00:00.000Z');
    // The same key again (a retry, or reconcile after a crash) gives the same result.
    const again = okValue(await registry.reconcile({ key: 'regd-o1', at: now, operation: 'create', name: 'a.com', detail: { years: 1 } }) as RegistryOutcome<typeof a>);
    assert.deepEqual(again, a);
    assert.equal(okValue(await registry.renewDomain({ key: 'regd-o3', at: now }, { name: 'a.com', years: 4, currentExpiry: now })).expiresAt.toISOString(), '2028-02-29T10:00:00.000Z');
  });

  test('a name taken elsewhere is refused with 2302; an asynchronous TLD answers pending until its time has come', async () => {
    const now = new Date('2024-02-29T10:00:00Z');
    const taken = await registry.createDomain({ key: 'regd-o4', at: now }, { name: 'taken.com', years: 1, nameservers: [], authCode: 'abcdef', now });
    assert.equal(taken.status, 'failed');
    assert.equal((taken as { code: number }).code, 2302);
    const clock = new ManualClock(now);
    const sandbox = new SandboxRegistry(undefined, clock);
    const de = await sandbox.createDomain({ key: 'regd-o5', at: now }, { name: 'x.de', years: 1, nameservers: [], authCode: 'abcdef', now });
    assert.equal(de.status, 'pending');
    const op = { key: 'regd-o5', at: now, operation: 'create' as const, name: 'x.de', detail: { years: 1 } };
    assert.equal((await sandbox.reconcile(op)).status, 'pending');
    clock.advance(2 * 60_000);
    assert.equal((await sandbox.reconcile(op)).status, 'ok');
  });
});

describe('openCore seeds the price list', () => {
  test('register prices per TLD and period are price-per-year times years', async () => {
    assert.deepEqual(await priceFor(core, 'com', 'register', 1), { amountMinor: 1099, currency: 'USD' });
    assert.deepEqual(await priceFor(core, 'com', 'renew', 10), { amountMinor: 10990, currency: 'USD' });
    assert.deepEqual(await priceFor(core, 'com.au', 'register', 5), { amountMinor: 5 * 1999, currency: 'USD' });
    await assert.rejects(priceFor(core, 'de', 'register', 2), coreErrorOf('period_not_allowed'));
    await assert.rejects(priceFor(core, 'zz', 'register', 1), coreErrorOf('unknown_tld'));
  });
});

describe('checkAvailability', () => {
  test('reports names taken elsewhere, names regd holds, and free names', async () => {
    const taken = await checkAvailability(core, 'Taken-By-Someone.CO.UK');
    assert.deepEqual(taken, { name: 'taken-by-someone.co.uk', tld: 'co.uk', available: false, reason: 'In use at another registrar' });

    const name = `sandbox-avail-${process.pid}.com`;
    assert.deepEqual(await checkAvailability(core, name), { name, tld: 'com', available: true, reason: '' });
    const { reseller } = await createReseller(core, { username: 'sandboxer', fundsMinor: 10_000 });
    await registerDomain(core, registerInput(reseller.id, name));
    assert.deepEqual(await checkAvailability(core, `${name.toUpperCase()}.`), { name, tld: 'com', available: false, reason: 'In use' });
    await assert.rejects(registerDomain(core, registerInput(reseller.id, 'takenfoo.net')), coreErrorOf('domain_taken'));
    await assert.rejects(registerDomain(core, registerInput(reseller.id, name)), coreErrorOf('domain_taken'));
  });

  test('IDNs are checked in their A-label form; bad names and TLDs raise CoreErrors', async () => {
    assert.deepEqual(await checkAvailability(core, 'bücher.de'), { name: 'xn--bcher-kva.de', tld: 'de', available: true, reason: '' });
    await assert.rejects(checkAvailability(core, 'example.zz'), coreErrorOf('unknown_tld'));
    await assert.rejects(checkAvailability(core, 'bad_name.com'), coreErrorOf('invalid_domain'));
    await assert.rejects(checkAvailability(core, 'www.example.com'), coreErrorOf('invalid_domain'));
  });
});

describe('sandbox clock', () => {
  test('advanceSandboxClock moves the StoreClock forward by the duration, cumulatively', async () => {
    const clock = new StoreClock(core.db);
    const offset0 = await sandboxClockOffset(core.db);
    const t0 = Date.now();
    const reported = await advanceSandboxClock(core.db, 'sandbox', parseDuration('61d'));
    assert.equal(await sandboxClockOffset(core.db), offset0 + 61 * DAY_MS);
    const now1 = (await clock.now()).getTime();
    const drift = now1 - (Date.now() + offset0 + 61 * DAY_MS);
    assert.ok(Math.abs(drift) < 5_000, `drift ${drift}`);
    assert.ok(now1 >= t0 + offset0 + 61 * DAY_MS);
    assert.ok(Math.abs(reported.getTime() - now1) < 5_000);

    await advanceSandboxClock(core.db, 'sandbox', parseDuration('6h'));
    assert.equal(await sandboxClockOffset(core.db), offset0 + 61 * DAY_MS + 6 * 3_600_000);
    // The core built by openCore in sandbox mode runs on this clock.
    const coreNow = (await core.clock.now()).getTime();
    assert.ok(Math.abs(coreNow - (Date.now() + offset0 + 61 * DAY_MS + 6 * 3_600_000)) < 5_000);
  });

  test('refuses live mode and leaves the offset alone', async () => {
    const before = await sandboxClockOffset(core.db);
    await assert.rejects(advanceSandboxClock(core.db, 'live', DAY_MS), coreErrorOf('live_mode_refused'));
    assert.equal(await sandboxClockOffset(core.db), before);
  });

  test('refuses non-positive and non-numeric durations', async () => {
    const before = await sandboxClockOffset(core.db);
    for (const ms of [0, -1, -DAY_MS, Number.NaN]) {
      await assert.rejects(advanceSandboxClock(core.db, 'sandbox', ms), coreErrorOf('invalid_value'), String(ms));
    }
    assert.equal(await sandboxClockOffset(core.db), before);
  });

  test('refuses to move the clock past the representable date range', async () => {
    const before = await sandboxClockOffset(core.db);
    for (const ms of [Number.POSITIVE_INFINITY, parseDuration('300000y'), 8.64e15, parseDuration('8000y')]) {
      await assert.rejects(advanceSandboxClock(core.db, 'sandbox', ms), coreErrorOf('invalid_value'), String(ms));
    }
    assert.equal(await sandboxClockOffset(core.db), before);
    assert.ok(Number.isFinite((await core.clock.now()).getTime()));
  });

  test('live-mode cores run on the system clock', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-core-live-'));
    const live = await openCore({ dataDir: dir, mode: 'live' });
    try {
      await assert.rejects(advanceSandboxClock(live.db, live.mode, DAY_MS), coreErrorOf('live_mode_refused'));
      assert.ok(Math.abs((await live.clock.now()).getTime() - Date.now()) < 5_000);
    } finally {
      await live.db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('dates', () => {
  test('addYears keeps the day, except 29 February which lands on 28 February', () => {
    assert.equal(addYears(new Date('2024-02-29T12:34:56.789Z'), 1).toISOString(), '2025-02-28T12:34:56.789Z');
    assert.equal(addYears(new Date('2024-02-29T00:00:00Z'), 3).toISOString(), '2027-02-28T00:00:00.000Z');
    assert.equal(addYears(new Date('2024-02-29T00:00:00Z'), 4).toISOString(), '2028-02-29T00:00:00.000Z');
    assert.equal(addYears(new Date('2023-02-28T00:00:00Z'), 1).toISOString(), '2024-02-28T00:00:00.000Z');
    assert.equal(addYears(new Date('2025-03-01T00:00:00Z'), 10).toISOString(), '2035-03-01T00:00:00.000Z');
    assert.equal(addYears(new Date('2025-12-31T23:59:59Z'), 1).toISOString(), '2026-12-31T23:59:59.000Z');
    assert.equal(addYears(new Date('2025-06-15T00:00:00Z'), 0).toISOString(), '2025-06-15T00:00:00.000Z');
  });

  test('property: addYears moves the year only, and keeps month, day (or clamps 29 Feb) and time', () => {
    const day = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(fc.property(day, fc.integer({ min: 0, max: 10 }), (d, years) => {
      const out = addYears(d, years);
      assert.equal(out.getUTCFullYear(), d.getUTCFullYear() + years);
      assert.equal(out.getUTCMonth(), d.getUTCMonth());
      const leapDayLost = d.getUTCMonth() === 1 && d.getUTCDate() === 29 && out.getUTCDate() !== 29;
      assert.equal(out.getUTCDate(), leapDayLost ? 28 : d.getUTCDate());
      assert.equal(out.getTime() % DAY_MS, d.getTime() % DAY_MS);
    }), { numRuns: 1000 });
  });

  test('formatOpsDate is "YYYY-MM-DD HH:MM:SS" in UTC', () => {
    assert.equal(formatOpsDate('2025-02-28T10:00:00.123Z'), '2025-02-28 10:00:00');
    assert.equal(formatOpsDate(new Date(Date.UTC(2030, 0, 2, 3, 4, 5))), '2030-01-02 03:04:05');
  });
});
