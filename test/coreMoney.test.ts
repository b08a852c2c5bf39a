// Money (integer minor units <-> decimal strings) and CLI durations.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatAmount, parseAmount } from '../src/core/money.ts';
import { parseDuration } from '../src/core/duration.ts';

describe('parseAmount', () => {
  test('parses whole and decimal amounts into minor units', () => {
    assert.equal(parseAmount('0'), 0);
    assert.equal(parseAmount('12'), 1200);
    assert.equal(parseAmount('12.5'), 1250);
    assert.equal(parseAmount('12.05'), 1205);
    assert.equal(parseAmount('0.05'), 5);
    assert.equal(parseAmount('99.95'), 9995);
    assert.equal(parseAmount(' 1000 '), 100000);
    assert.equal(parseAmount('-3.10'), -310);
    assert.equal(parseAmount('007.70'), 770);
  });

  test('rejects more than two decimals, exponents, signs other than a leading minus, and non-numbers', () => {
    for (const bad of ['1.234', 'abc', '1e3', '', ' ', '.5', '5.', '+5', '--5', '5-', '1,50', '1.2.3', '0x10', 'NaN', 'Infinity', '12 .5', '١٢']) {
      assert.throws(() => parseAmount(bad), /Invalid amount/, JSON.stringify(bad));
    }
  });

  test('rejects amounts beyond safe integer minor units', () => {
    assert.equal(parseAmount('90071992547409.91'), Number.MAX_SAFE_INTEGER);
    assert.throws(() => parseAmount('90071992547409.92'), /too large/);
    assert.throws(() => parseAmount('1' + '0'.repeat(30)), /too large/);
  });
});

describe('formatAmount', () => {
  test('formats minor units with two decimals', () => {
    assert.equal(formatAmount(0), '0.00');
    assert.equal(formatAmount(5), '0.05');
    assert.equal(formatAmount(50), '0.50');
    assert.equal(formatAmount(1099), '10.99');
    assert.equal(formatAmount(100000), '1000.00');
    assert.equal(formatAmount(-5), '-0.05');
    assert.equal(formatAmount(-1099), '-10.99');
  });
});

describe('money properties', () => {
  const minor = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

  test('parseAmount(formatAmount(n)) === n for every safe integer', () => {
    fc.assert(fc.property(fc.oneof(minor, fc.integer({ min: -100_000, max: 100_000 })), (n) => {
      assert.equal(parseAmount(formatAmount(n)), n === 0 ? 0 : n);
    }), { numRuns: 2000 });
  });

  test('formatAmount(parseAmount(x)) round-trips canonical amount strings', () => {
    // Canonical: optional minus, integer part without leading zeros, exactly two decimals; not "-0.00".
    const canonical = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 90_071_992_547_408n }), fc.integer({ min: 0, max: 99 }))
      .filter(([neg, whole, cents]) => !(neg && whole === 0n && cents === 0))
      .map(([neg, whole, cents]) => `${neg ? '-' : ''}${whole}.${String(cents).padStart(2, '0')}`);
    fc.assert(fc.property(canonical, (x) => {
      assert.equal(formatAmount(parseAmount(x)), x);
    }), { numRuns: 2000 });
  });

  test('one-decimal and whole amounts normalise to two decimals with the same value', () => {
    fc.assert(fc.property(fc.nat({ max: 10_000_000 }), fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }), (whole, tenth) => {
      const x = tenth === undefined ? String(whole) : `${whole}.${tenth}`;
      const expected = `${whole}.${tenth === undefined ? '00' : `${tenth}0`}`;
      assert.equal(formatAmount(parseAmount(x)), expected);
    }), { numRuns: 500 });
  });

  test('three or more decimals are always rejected', () => {
    fc.assert(fc.property(fc.nat(), fc.stringMatching(/^\d{3,6}$/), (whole, frac) => {
      assert.throws(() => parseAmount(`${whole}.${frac}`), /Invalid amount/);
    }), { numRuns: 300 });
  });
});

describe('parseDuration', () => {
  const H = 3_600_000, D = 24 * H;

  test('parses single and combined units', () => {
    assert.equal(parseDuration('61d'), 61 * D);
    assert.equal(parseDuration('6h'), 6 * H);
    assert.equal(parseDuration('30m'), 30 * 60_000);
    assert.equal(parseDuration('45s'), 45_000);
    assert.equal(parseDuration('2w'), 14 * D);
    assert.equal(parseDuration('1y'), 365 * D);
    assert.equal(parseDuration('1d12h'), 36 * H);
    assert.equal(parseDuration('1d 12h'), 36 * H);
    assert.equal(parseDuration('6H'), 6 * H);
  });

  test('rejects anything that is not a sequence of <digits><unit>', () => {
    for (const bad of ['abc', '5x', '', ' ', 'd', '61', '1.5d', '-5d', '1d-12h', '1d12', 'd1', '1dd', '5 x']) {
      assert.throws(() => parseDuration(bad), /Invalid duration/, JSON.stringify(bad));
    }
  });

  test('property: the sum of generated parts is what comes back', () => {
    const UNIT = { s: 1000, m: 60_000, h: H, d: D, w: 7 * D, y: 365 * D } as const;
    const part = fc.tuple(fc.nat({ max: 1000 }), fc.constantFrom(...(Object.keys(UNIT) as Array<keyof typeof UNIT>)));
    fc.assert(fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), (parts) => {
      const text = parts.map(([n, u]) => `${n}${u}`).join('');
      assert.equal(parseDuration(text), parts.reduce((ms, [n, u]) => ms + n * UNIT[u], 0));
    }), { numRuns: 500 });
  });
});
