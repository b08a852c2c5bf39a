// Domain name parsing: case folding, trailing dot, IDN -> A-label, LDH label rules, longest-suffix TLD matching.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDomainName, parseHostname, toAsciiHostname } from '../src/core/domainName.ts';
import { CoreError } from '../src/core/errors.ts';
import { SANDBOX_TLDS } from '../src/registry/sandbox/sandboxTlds.ts';
import { coreErrorOf } from './support/coreHarness.ts';

const TLDS = SANDBOX_TLDS.map((p) => p.tld);
const parse = (s: string) => parseDomainName(s, TLDS);

describe('toAsciiHostname', () => {
  test('lower-cases, trims and drops one trailing dot', () => {
    assert.equal(toAsciiHostname('Example.COM'), 'example.com');
    assert.equal(toAsciiHostname('  NS1.Example.Net.  '), 'ns1.example.net');
    assert.equal(toAsciiHostname('example.com..'), undefined);
  });

  test('converts IDNs to their A-label form (UTS-46 mapping)', () => {
    assert.equal(toAsciiHostname('bücher.de'), 'xn--bcher-kva.de');
    assert.equal(toAsciiHostname('BÜCHER.DE.'), 'xn--bcher-kva.de');
    assert.equal(toAsciiHostname('bücher\u3002de'), 'xn--bcher-kva.de'); // ideographic full stop is a dot
    assert.equal(toAsciiHostname('faß.de'), 'xn--fa-hia.de'); // IDNA2008: ß is kept, not mapped to "ss"
    assert.equal(toAsciiHostname('xn--bcher-kva.de'), 'xn--bcher-kva.de'); // A-labels pass through
  });

  test('enforces LDH label rules', () => {
    const ok63 = 'a'.repeat(63);
    assert.equal(toAsciiHostname(`${ok63}.com`), `${ok63}.com`);
    for (const bad of [
      `${'a'.repeat(64)}.com`, // label too long
      '-abc.com', 'abc-.com', 'abc.-com', // leading / trailing hyphen
      'example..com', '.example.com', 'example.com..', // empty label
      'foo_bar.com', '_dmarc.example.com', // underscore
      'ex ample.com', 'exam%70le.com', 'ex!ample.com',
      'ab--cd.com', // "--" in positions 3-4 is reserved for A-labels
      'com', 'localhost', '', '   ', '.',
    ]) {
      assert.equal(toAsciiHostname(bad), undefined, bad);
    }
  });

  test('rejects names longer than 253 characters', () => {
    const label = 'a'.repeat(63);
    const name250 = [label, label, label, 'a'.repeat(57), 'com'].join('.'); // 63*3 + 57 + 3 + 4 dots = 253
    assert.equal(name250.length, 253);
    assert.equal(toAsciiHostname(name250), name250);
    assert.equal(toAsciiHostname(`a${name250}`), undefined);
  });

  test('rejects xn-- labels that are not valid A-labels', () => {
    assert.equal(toAsciiHostname('xn--.com'), undefined);
    assert.equal(toAsciiHostname('xn--a.com'), undefined);
    assert.equal(toAsciiHostname('xn--zz.com'), undefined);
  });
});

describe('parseDomainName', () => {
  test('returns name, tld and label', () => {
    assert.deepEqual(parse('Example.COM.'), { name: 'example.com', tld: 'com', label: 'example' });
    assert.deepEqual(parse('bücher.de'), { name: 'xn--bcher-kva.de', tld: 'de', label: 'xn--bcher-kva' });
  });

  test('matches the longest offered suffix', () => {
    assert.deepEqual(parse('example.co.uk'), { name: 'example.co.uk', tld: 'co.uk', label: 'example' });
    assert.deepEqual(parse('example.uk'), { name: 'example.uk', tld: 'uk', label: 'example' });
    assert.deepEqual(parse('shop.com.au'), { name: 'shop.com.au', tld: 'com.au', label: 'shop' });
    assert.deepEqual(parse('shop.au'), { name: 'shop.au', tld: 'au', label: 'shop' });
  });

  test('a name under a subdomain of an offered TLD is not registrable (invalid_domain)', () => {
    assert.throws(() => parse('a.b.com'), coreErrorOf('invalid_domain'));
    assert.throws(() => parse('www.example.co.uk'), coreErrorOf('invalid_domain'));
  });

  test('an offered TLD itself is not a registrable name', () => {
    // "co.uk" and "com.au" are registry suffixes (offered TLDs), not second-level names under .uk / .au.
    assert.throws(() => parse('co.uk'), coreErrorOf('invalid_domain'));
    assert.throws(() => parse('COM.AU.'), coreErrorOf('invalid_domain'));
  });

  test('unknown TLDs are unknown_tld; bad syntax is invalid_domain with field "domain"', () => {
    assert.throws(() => parse('example.zz'), coreErrorOf('unknown_tld'));
    assert.throws(() => parse('example.co.zz'), coreErrorOf('unknown_tld'));
    for (const bad of ['foo_bar.com', '-foo.com', 'foo-.com', `${'x'.repeat(64)}.com`, 'foo..com', 'com', '']) {
      assert.throws(() => parse(bad), (err: unknown) => {
        assert.ok(err instanceof CoreError);
        assert.equal(err.kind, 'invalid_domain', bad);
        assert.equal(err.field, 'domain');
        return true;
      });
    }
  });

  test('only the TLDs passed in count as offered', () => {
    // Without co.uk on offer, example.co.uk is a third-level name under .uk.
    assert.throws(() => parseDomainName('example.co.uk', ['uk']), coreErrorOf('invalid_domain'));
    assert.deepEqual(parseDomainName('co.uk', ['uk']), { name: 'co.uk', tld: 'uk', label: 'co' });
    assert.throws(() => parseDomainName('example.com', ['net', 'org']), coreErrorOf('unknown_tld'));
    assert.throws(() => parseDomainName('example.com', []), coreErrorOf('unknown_tld'));
  });
});

describe('parseHostname', () => {
  test('accepts any syntactically valid host of two labels or more', () => {
    assert.equal(parseHostname('NS1.Example.NET.'), 'ns1.example.net');
    assert.equal(parseHostname('a.b.c.d.example.zz'), 'a.b.c.d.example.zz'); // TLD need not be offered
    assert.equal(parseHostname('ns.bücher.de'), 'ns.xn--bcher-kva.de');
  });

  test('rejects bad hosts with invalid_value on field "nameserver"', () => {
    for (const bad of ['localhost', 'ns_1.example.com', '-ns.example.com', 'ns..example.com', '']) {
      assert.throws(() => parseHostname(bad), (err: unknown) => {
        assert.ok(err instanceof CoreError);
        assert.equal(err.kind, 'invalid_value', bad);
        assert.equal(err.field, 'nameserver');
        return true;
      });
    }
  });
});

// --- properties ----------------------------------------------------------------

const LDH = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');
/** A valid LDH label: 1-63 chars of letters/digits/hyphens, no leading/trailing hyphen, no "--" at positions 3-4. */
const ldhLabel = fc
  .tuple(
    fc.constantFrom(...LDH),
    fc.array(fc.constantFrom(...LDH, '-'), { maxLength: 61 }),
    fc.constantFrom(...LDH),
    fc.boolean(),
  )
  .map(([first, middle, last, single]) => (single ? first : first + middle.join('') + last))
  .filter((l) => l.slice(2, 4) !== '--');

describe('properties', () => {
  test('any valid LDH label under an offered TLD parses back to itself, lower-cased', () => {
    fc.assert(
      fc.property(ldhLabel, fc.constantFrom(...TLDS), fc.boolean(), (label, tld, trailingDot) => {
        const input = `${label}.${tld.toUpperCase()}${trailingDot ? '.' : ''}`;
        const dn = parse(input);
        assert.equal(dn.label, label.toLowerCase());
        assert.equal(dn.tld, tld);
        assert.equal(dn.name, `${label.toLowerCase()}.${tld}`);
      }),
      { numRuns: 500 },
    );
  });

  test('a label with a character outside LDH is rejected', () => {
    const bad = fc.constantFrom('_', '!', '*', '/', '%', '@', '+', '=', ',');
    fc.assert(
      fc.property(ldhLabel, bad, fc.nat(), fc.constantFrom(...TLDS), (label, ch, pos, tld) => {
        const i = pos % (label.length + 1);
        const input = `${label.slice(0, i)}${ch}${label.slice(i)}.${tld}`;
        assert.throws(() => parse(input), coreErrorOf('invalid_domain'));
      }),
      { numRuns: 300 },
    );
  });
});
