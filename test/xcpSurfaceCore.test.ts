// Unit tests for the pieces behind the XCP surface: the command-rate limiter, quotas and their XCP codes, tld_data
// validation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter, parseRate } from '../src/protocols/xcp/rateLimiter.ts';
import { errorResult } from '../src/protocols/xcp/xcpService.ts';
import { QuotaExceededError, assertWithinDomainQuota, assertWithinNameserverQuota } from '../src/core/quotas.ts';
import { setResellerQuotas } from '../src/core/commands/resellerQuotas.ts';
import { createReseller } from '../src/core/commands/resellers.ts';
import { validateTldData, caIndividual } from '../src/core/tldData.ts';
import { CoreError } from '../src/core/errors.ts';
import { closeTestCore, coreErrorOf, makeTestCore } from './support/coreHarness.ts';

test('RateLimiter: a burst of one second, then the rate; per reseller', () => {
  let now = 0;
  const rl = new RateLimiter(4, () => now);
  const burst = Array.from({ length: 6 }, () => rl.take(1));
  assert.deepEqual(burst, [true, true, true, true, false, false]);
  assert.equal(rl.take(2), true);
  now += 250;
  assert.equal(rl.take(1), true);
  assert.equal(rl.take(1), false);
  now += 10_000;
  assert.deepEqual(Array.from({ length: 5 }, () => rl.take(1)), [true, true, true, true, false]);
  assert.equal(parseRate('0'), undefined);
  assert.equal(parseRate(''), undefined);
  assert.equal(parseRate('2.5'), 2.5);
  assert.throws(() => parseRate('-1'), /Invalid XCP rate/);
  assert.throws(() => new RateLimiter(0), /positive/);
});

test('quota errors read as 440, 445 and 447 over XCP', () => {
  assert.equal(errorResult(new QuotaExceededError('domains', 'Registration Failed: over quota')).code, 440);
  assert.equal(errorResult(new QuotaExceededError('nameservers', 'Nameserver quota exceeded')).code, 445);
  assert.equal(errorResult(new QuotaExceededError('subusers', 'Sub-user limit exceeded')).code, 447);
  assert.equal(errorResult(new CoreError('policy_violation', 'x')).code, 465);
});

test('domain and nameserver quotas count what the reseller holds; NULL is unlimited', async () => {
  const core = await makeTestCore();
  try {
    const { reseller } = await createReseller(core, { username: 'quota', fundsMinor: 0 });
    await assertWithinDomainQuota(core.db, reseller.id, 100);
    await assertWithinNameserverQuota(core.db, reseller.id, 100);
    const q = await setResellerQuotas(core, 'quota', { maxDomains: 0, maxNameservers: 1 });
    assert.deepEqual(q, { maxDomains: 0, maxNameservers: 1 });
    await assertWithinDomainQuota(core.db, reseller.id);
    await assert.rejects(assertWithinDomainQuota(core.db, reseller.id, 1), (e: unknown) => e instanceof QuotaExceededError && e.quota === 'domains');
    const now = new Date().toISOString();
    await core.db.insertInto('hosts').values({ name: 'ns1.quota.example', reseller_id: reseller.id, cr_reseller_id: reseller.id, up_reseller_id: null, domain_id: null, created_at: now, updated_at: now, transferred_at: null }).execute();
    await assertWithinNameserverQuota(core.db, reseller.id);
    await assert.rejects(assertWithinNameserverQuota(core.db, reseller.id, 1), /Nameserver quota exceeded/);
    await setResellerQuotas(core, 'quota', { maxNameservers: null });
    await assertWithinNameserverQuota(core.db, reseller.id, 50);
    await assert.rejects(setResellerQuotas(core, 'quota', { maxDomains: -1 }), coreErrorOf('invalid_value'));
  } finally {
    await closeTestCore(core);
  }
});

test('tld_data: per-TLD keys, required fields, normalised values, merged over what is stored', () => {
  const au = validateTldData('com.au', { au_registrant_info: { registrant_name: 'X Pty', registrant_id: '1', registrant_id_type: 'abn', eligibility_type: 'Company' } });
  assert.deepEqual(au.au_registrant_info, {
    registrant_name: 'X Pty', registrant_id: '1', registrant_id_type: 'ABN', eligibility_type: 'Company', eligibility_name: '',
    eligibility_id: '', eligibility_id_type: '', policy_reason: '1',
  });
  assert.throws(() => validateTldData('au', { au_registrant_info: { registrant_name: 'X' } }), coreErrorOf('missing_field'));
  assert.throws(() => validateTldData('au', { au_registrant_info: { registrant_name: 'X', registrant_id: '1', registrant_id_type: 'ABN', eligibility_type: 'C', extra: 'y' } }), /unknown field/);
  assert.throws(() => validateTldData('com', { nexus: {} }), /take no tld_data/);
  assert.throws(() => validateTldData('us', {}), coreErrorOf('missing_field'));
  assert.throws(() => validateTldData('us', { nexus: { app_purpose: 'P1', category: 'C11', validator: 'CA' } }), /only to categories C31 and C32/);
  assert.throws(() => validateTldData('us', { nexus: 'C11' }), /must be a hash/);
  const ca = validateTldData('ca', { legal_type: 'cco' }, { lang_pref: 'FR' });
  assert.deepEqual(ca, { lang_pref: 'FR', legal_type: 'CCO' });
  assert.equal(caIndividual(ca), false);
  assert.equal(caIndividual({}), true);
  assert.throws(() => validateTldData('ca', { legal_type: 'XYZ' }), coreErrorOf('invalid_value'));
});
