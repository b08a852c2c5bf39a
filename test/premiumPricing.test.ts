// Unit and property tests for premium pricing, fee amounts and IDN language tags: the sandbox's premium rule
// (premiumNames.ts), the core's price of a name and its acknowledgement rule (prices.ts), the router's delegation of
// premiumPrice, fee-1.0 decimals (feeExtension.ts), registration/saved orders/auto-renew charging premium prices,
// and encoding_type normalisation (domainName.ts).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { closeTestCore, coreErrorOf, makeTestCore, registerInput, type TestCore } from './support/coreHarness.ts';
import { FIXED_PREMIUM_LABELS, PREMIUM_MULTIPLIER, sandboxPremiumPrice } from '../src/registry/sandbox/premiumNames.ts';
import { SANDBOX_TLDS } from '../src/registry/sandbox/sandboxTlds.ts';
import { SandboxRegistry } from '../src/registry/sandbox/sandboxRegistry.ts';
import { RegistryRouter } from '../src/registry/registryRouter.ts';
import type { RegistryPort } from '../src/registry/registryPort.ts';
import { assertPriceAccepted, priceOfName, type NamePrice } from '../src/core/commands/prices.ts';
import { registerDomain } from '../src/core/commands/registerDomain.ts';
import { processPendingOrder } from '../src/core/commands/processPendingOrder.ts';
import { createReseller } from '../src/core/commands/resellers.ts';
import { runLifecycle } from '../src/core/lifecycle.ts';
import { decimalToMinor } from '../src/protocols/epp/extensions/feeExtension.ts';
import { formatAmount } from '../src/core/money.ts';
import { normaliseIdnLanguage, parseDomainName, toUnicodeName, isIdn } from '../src/core/domainName.ts';

let core: TestCore;
before(async () => { core = await makeTestCore(); });
after(async () => { await closeTestCore(core); });

const com = SANDBOX_TLDS.find((p) => p.tld === 'com')!;
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);

test('sandbox rule: labels starting with "premium" cost ten times the TLD price; fixed labels their own; others are standard', () => {
  assert.deepEqual(sandboxPremiumPrice('premium.com', com), { currency: 'USD', register: 10_990, renew: 10_990, transfer: 10_990 });
  assert.deepEqual(sandboxPremiumPrice('casino.com', com), { currency: 'USD', register: 250_000, renew: 25_000, transfer: 25_000 });
  assert.equal(sandboxPremiumPrice('mypremium.com', com), undefined);
  assert.equal(sandboxPremiumPrice('www.premium.com', com), undefined, 'only the registrable label counts');
  fc.assert(fc.property(label, (l) => {
    const p = sandboxPremiumPrice(`${l}.com`, com);
    if (l.startsWith('premium')) assert.deepEqual(p, { currency: 'USD', register: com.prices.register * PREMIUM_MULTIPLIER, renew: com.prices.renew * PREMIUM_MULTIPLIER, transfer: com.prices.transfer * PREMIUM_MULTIPLIER });
    else if (FIXED_PREMIUM_LABELS.has(l)) assert.equal(p?.register, FIXED_PREMIUM_LABELS.get(l));
    else assert.equal(p, undefined);
  }));
});

test('priceOfName: premium per year from the registry, standard from the price list; transfer is one year', async () => {
  const dn = parseDomainName('premiumcar.net', ['net']);
  assert.deepEqual(await priceOfName(core, dn, 'register', 3), { amountMinor: 3 * 12_990, currency: 'USD', premium: true });
  assert.deepEqual(await priceOfName(core, dn, 'transfer', 1), { amountMinor: 12_990, currency: 'USD', premium: true });
  assert.deepEqual(await priceOfName(core, { name: 'plain.net', tld: 'net' }, 'renew', 2), { amountMinor: 2 * 1299, currency: 'USD', premium: false });
  // The period is still checked against the TLD.
  await assert.rejects(priceOfName(core, { name: 'premiumx.de', tld: 'de' }, 'register', 2), coreErrorOf('period_not_allowed'));
});

test('the router asks the name\'s registry; a registry without premiumPrice prices every name standard', async () => {
  const sandbox = new SandboxRegistry([com]);
  const plainRemote = { ...Object.fromEntries(Object.getOwnPropertyNames(SandboxRegistry.prototype).map((k) => [k, () => undefined])),
    name: 'remote', policy: (t: string) => ({ ...com, tld: t }), policies: () => [] } as unknown as RegistryPort;
  delete (plainRemote as { premiumPrice?: unknown }).premiumPrice;
  const router = new RegistryRouter(sandbox, new Map([['io', plainRemote]]));
  assert.equal((await router.premiumPrice('premiumx.com'))?.register, 10_990);
  assert.equal(await router.premiumPrice('premiumx.io'), undefined);
  assert.equal(await router.premiumPrice('premiumx.nosuchtld'), undefined);
});

test('assertPriceAccepted: refuses exactly a lower amount, another currency, or an unacknowledged premium price', () => {
  fc.assert(fc.property(fc.nat(10_000_000), fc.boolean(), fc.option(fc.nat(10_000_000), { nil: undefined }), (amount, premium, accepted) => {
    const price: NamePrice = { amountMinor: amount, currency: 'USD', premium };
    const refused = (accepted === undefined && premium) || (accepted !== undefined && accepted < amount);
    const run = () => assertPriceAccepted(price, accepted === undefined ? undefined : { amountMinor: accepted }, 'x', 'fee');
    if (refused) assert.throws(run, coreErrorOf('price_not_accepted'));
    else run();
  }));
  assert.throws(() => assertPriceAccepted({ amountMinor: 100, currency: 'USD', premium: false }, { amountMinor: 500, currency: 'EUR' }, 'x', 'fee'), coreErrorOf('price_not_accepted'));
  assertPriceAccepted({ amountMinor: 100, currency: 'USD', premium: false }, { amountMinor: 100, currency: 'usd' }, 'x', 'fee');
});

test('fee decimals: formatted cents read back exactly; more digits round down to the cent', () => {
  fc.assert(fc.property(fc.nat(1_000_000_000), (cents) => { assert.equal(decimalToMinor(formatAmount(cents)), cents); }));
  fc.assert(fc.property(fc.nat(1_000_000), fc.stringMatching(/^[0-9]{1,6}$/), (whole, frac) => {
    const minor = decimalToMinor(`${whole}.${frac}`);
    const exact = whole * 100 + Number(`0.${frac}`) * 100;
    assert.ok(minor <= exact + 1e-6 && exact < minor + 1, `${whole}.${frac} -> ${minor}`);
  }));
  assert.equal(decimalToMinor('.5'), 50);
  assert.equal(decimalToMinor('7'), 700);
  assert.throws(() => decimalToMinor('1,00'), /not a decimal/);
});

test('IDN language tags: OpenSRS three-letter codes upper-cased, BCP 47 tags kept, others refused', () => {
  assert.equal(normaliseIdnLanguage(undefined), '');
  assert.equal(normaliseIdnLanguage('  '), '');
  assert.equal(normaliseIdnLanguage('ger'), 'GER');
  assert.equal(normaliseIdnLanguage('zh-Hant'), 'zh-Hant');
  for (const bad of ['x', 'german!', 'de_DE', 'abcd', '12']) assert.throws(() => normaliseIdnLanguage(bad), coreErrorOf('invalid_value'), bad);
  const dn = parseDomainName('Bücher.COM', ['com']);
  assert.equal(dn.name, 'xn--bcher-kva.com');
  assert.ok(isIdn(dn.name));
  assert.equal(toUnicodeName(dn.name), 'bücher.com');
});

test('registration charges the premium price only when acknowledged; a saved order keeps the acknowledgement; auto-renew charges the premium renewal', async () => {
  const { reseller } = await createReseller(core, { username: 'premiumbuyer', fundsMinor: 1_000_000 });
  await assert.rejects(registerDomain(core, registerInput(reseller.id, 'premiumcore.com')), coreErrorOf('price_not_accepted'));
  await assert.rejects(registerDomain(core, registerInput(reseller.id, 'premiumcore.com', { acceptedPrice: { amountMinor: 10_989 } })), coreErrorOf('price_not_accepted'));
  const r = await registerDomain(core, registerInput(reseller.id, 'premiumcore.com', { acceptedPrice: { amountMinor: 10_990 }, autoRenew: true, encodingType: 'eng' }));
  assert.equal(r.amountMinor, 10_990);
  const row = await core.db.selectFrom('domains').select(['encoding_type']).where('name', '=', 'premiumcore.com').executeTakeFirstOrThrow();
  assert.equal(row.encoding_type, 'ENG');

  const saved = await registerDomain(core, registerInput(reseller.id, 'premiumsaved.com', { handle: 'save', acceptedPrice: { amountMinor: 10_990 }, encodingType: 'fre' }));
  assert.equal(saved.status, 'saved');
  assert.equal(saved.amountMinor, 10_990);
  const processed = await processPendingOrder(core, { resellerId: reseller.id, orderId: saved.orderId });
  assert.equal(processed.amountMinor, 10_990);
  assert.equal((await core.db.selectFrom('domains').select('encoding_type').where('name', '=', 'premiumsaved.com').executeTakeFirstOrThrow()).encoding_type, 'FRE');
  await assert.rejects(registerDomain(core, registerInput(reseller.id, 'premiumnoack.com', { handle: 'save' })), coreErrorOf('price_not_accepted'));

  core.clock.advance(366 * 86_400_000);
  await runLifecycle(core);
  const renewal = await core.db.selectFrom('orders').select(['amount_minor', 'kind']).where('domain_name', '=', 'premiumcore.com').where('kind', '=', 'renew').executeTakeFirstOrThrow();
  assert.equal(renewal.amount_minor, 10_990);
});
