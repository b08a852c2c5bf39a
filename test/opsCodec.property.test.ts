// Property-based tests for the OPS envelope codec.
//
//  1. reflexivity: decode(encode(x)) deep-equals x (incl. class, "__proto__" keys)
//  2. semantic equivalence: an independent, deliberately "noisy" test-side
//     encoder (shuffled item order, dt_scalar/dt_scalarref-wrapped leaves,
//     self-closing empties, either quote style, char refs, CDATA, comments,
//     random inter-element whitespace) decodes to the same model
//  3. robustness: arbitrary or mutated input only ever yields a value or an
//     OpsDecodeError, never some other exception
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  decodeOps,
  encodeOps,
  makeAssoc,
  OpsClassed,
  OpsDecodeError,
  OpsEncodeError,
  type OpsHeader,
  type OpsItem,
  type OpsValue,
} from '../src/protocols/ops/index.ts';

// --- generators --------------------------------------------------------------

const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/;
/** One XML-legal "character" (a code point, possibly a surrogate pair), biased towards troublemakers. */
const legalChar = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('&', '<', '>', '"', "'", '\t', '\n', '\r', ' ', ']', '=', '\u00e9', '\u2028', '\uFFFD', '\u{1F680}', ';', '#') },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => !ILLEGAL.test(c)) },
);
const legalString = fc.string({ unit: legalChar, maxLength: 12 });
const key = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', '0', ' ', 'a b'),
  legalString,
);

const { value: valueArb } = fc.letrec<{ value: OpsValue; item: OpsItem; array: OpsItem[]; assoc: OpsValue }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, legalString, tie('array'), tie('assoc')),
  item: fc.oneof(
    { weight: 4, arbitrary: tie('value') },
    { weight: 1, arbitrary: fc.tuple(legalString, tie('value')).map(([c, v]) => new OpsClassed(c, v)) },
  ),
  array: fc.array(tie('item'), { maxLength: 5 }),
  assoc: fc
    .uniqueArray(fc.tuple(key, tie('item')), { selector: (e) => e[0], maxLength: 5 })
    .map((entries) => makeAssoc(entries)),
}));

const headerArb: fc.Arbitrary<OpsHeader> = fc.record(
  { version: fc.constantFrom('0.9', '1.0'), msgId: legalString, msgType: legalString },
  { requiredKeys: ['version'] },
).map((h) => ({ ...h })); // decodeOps returns an ordinary object; fc.record may not

// --- a noisy, independent encoder --------------------------------------------

/** Small deterministic PRNG (mulberry32) so a failing case replays from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function noisyEncode(data: OpsValue, header: OpsHeader, seed: number): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const ws = () => pick(['', '', ' ', '\n', '\n    ', '\t', '\r\n', '<!-- c -->', ' <?pi x?> ']);
  const shuffle = <T>(xs: T[]): T[] => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  // Per character, choose between named entities and decimal/hex char refs.
  const ref = (c: string) => pick([`&#${c.codePointAt(0)};`, `&#x${c.codePointAt(0)!.toString(16)};`]);
  const textEsc = (s: string): string => {
    if (!s.includes(']]>') && !s.includes('\r') && s !== '' && r() < 0.2) return `<![CDATA[${s}]]>`;
    let out = '';
    for (const c of Array.from(s)) {
      if (c === '&') out += pick(['&amp;', ref(c)]);
      else if (c === '<') out += pick(['&lt;', ref(c)]);
      else if (c === '>') out += pick(['&gt;', ref(c)]);
      else if (c === '\r') out += ref(c);
      else out += r() < 0.05 ? ref(c) : c;
      if (r() < 0.03) out += '<!---->'; // comments inside leaf text are invisible
    }
    return out;
  };
  const attr = (name: string, s: string): string => {
    const quote = pick(["'", '"']);
    let v = '';
    for (const c of Array.from(s)) {
      if (c === '&' || c === '<' || c === "'" || c === '"' || c === '\t' || c === '\n' || c === '\r') v += ref(c);
      else v += c;
    }
    return `${name}${pick(['=', ' = '])}${quote}${v}${quote}`;
  };
  const leafIn = (s: string): string => {
    const tag = pick(['dt_scalar', 'dt_scalarref']);
    return s === '' && r() < 0.5 ? `<${tag}/>` : `<${tag}>${textEsc(s)}</${tag}>`;
  };
  const container = (v: OpsValue): string => {
    if (typeof v === 'string') return leafIn(v);
    const entries: Array<[string, OpsItem]> = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
    const tag = Array.isArray(v) ? 'dt_array' : 'dt_assoc';
    if (entries.length === 0 && r() < 0.5) return `<${tag}/>`;
    let out = `<${tag}>`;
    for (const [k, it] of shuffle(entries)) out += ws() + item(k, it);
    const body = out + ws() + `</${tag}>`;
    // ops.dtd lets a dt_scalar wrap a structure; the decoder treats it as transparent.
    return r() < 0.05 ? `<dt_scalar>${ws()}${body}${ws()}</dt_scalar>` : body;
  };
  const item = (k: string, it: OpsItem): string => {
    const attrs = [attr('key', k)];
    let v: OpsValue = it as OpsValue;
    if (it instanceof OpsClassed) {
      attrs.push(attr('class', it.className));
      v = it.value;
    }
    if (r() < 0.1) attrs.push(attr('x-ignored', 'y'));
    const open = `<item ${shuffle(attrs).join(' ')}`;
    if (typeof v === 'string') {
      if (v === '' && r() < 0.4) return `${open}${pick(['/>', ' />'])}`;
      if (r() < 0.3) return `${open}>${ws()}${leafIn(v)}${ws()}</item>`;
      return `${open}>${textEsc(v)}</item>`;
    }
    return `${open}>${ws()}${container(v)}${ws()}</item>`;
  };
  const prolog = pick([
    "<?xml version='1.0' encoding='UTF-8' standalone='no' ?>\n<!DOCTYPE OPS_envelope SYSTEM 'ops.dtd'>\n",
    '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE OPS_envelope SYSTEM "ops.dtd">',
    '<?xml version="1.0"?>',
    '',
  ]);
  const headerParts = [`<version>${ws()}${header.version}${ws()}</version>`];
  if (header.msgId !== undefined) headerParts.push(`<msg_id>${textEsc(header.msgId)}</msg_id>`);
  if (header.msgType !== undefined) headerParts.push(`<msg_type>${textEsc(header.msgType)}</msg_type>`);
  return (
    `${prolog}${ws()}<OPS_envelope>${ws()}<header>${shuffle(headerParts).map((h) => ws() + h).join('')}${ws()}</header>` +
    `${ws()}<body>${ws()}<data_block>${ws()}${container(data)}${ws()}</data_block>${ws()}</body>${ws()}</OPS_envelope>${ws().replace(/<\?pi x\?>/, '')}`
  );
}

/** Only OpsDecodeError may escape decodeOps. */
function decodeOrError(xml: string | Buffer): void {
  try {
    decodeOps(xml);
  } catch (e) {
    if (!(e instanceof OpsDecodeError)) throw e;
    // The XCP layer echoes the message in response_text: it must be encodable.
    encodeOps(e.message);
  }
}

// --- properties --------------------------------------------------------------

test('reflexive: decode(encode(x)) deep-equals x', () => {
  fc.assert(
    fc.property(valueArb, headerArb, (data, header) => {
      const xml = encodeOps(data, header);
      assert.deepEqual(decodeOps(xml), { header, data });
      assert.deepEqual(decodeOps(Buffer.from(xml, 'utf8')).data, data);
    }),
    { numRuns: 500 },
  );
});

test('"__proto__" keys round-trip without touching prototypes', () => {
  fc.assert(
    fc.property(valueArb, (inner) => {
      const data = makeAssoc([['__proto__', inner]]);
      const out = decodeOps(encodeOps(data)).data;
      assert.deepEqual(out, data);
      assert.equal(Object.getPrototypeOf(out), null);
      assert.equal(Object.getPrototypeOf({}), Object.prototype);
    }),
    { numRuns: 100 },
  );
});

test('semantic equivalence: noisy, shuffled encodings decode to the same value', () => {
  fc.assert(
    fc.property(valueArb, headerArb, fc.integer(), (data, header, seed) => {
      const xml = noisyEncode(data, header, seed);
      assert.deepEqual(decodeOps(xml), { header, data }, xml);
    }),
    { numRuns: 500 },
  );
});

test('encode rejects, rather than corrupts, strings XML cannot carry', () => {
  const illegal = fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000B', '\u001F', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF');
  fc.assert(
    fc.property(legalString, illegal, legalString, fc.boolean(), (a, bad, b, asKey) => {
      const s = a + bad + b;
      const data = asKey ? makeAssoc([[s, 'v']]) : [s];
      assert.throws(() => encodeOps(data), OpsEncodeError);
    }),
  );
});

test('robustness: arbitrary input only ever throws OpsDecodeError', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => decodeOrError(s)),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => decodeOrError(Buffer.from(bytes))),
    { numRuns: 300 },
  );
});

test('robustness: mutated valid documents only ever throw OpsDecodeError', () => {
  const snippet = fc.constantFrom(
    '<', '>', '&', '&amp;', '&foo;', '&#0;', '<item>', "<item key='0'>", '</item>', '<dt_assoc>', '</dt_array>',
    '<dt_scalar/>', '<!DOCTYPE x [<!ENTITY a "b">]>', '<![CDATA[', ']]>', '<!--', "'", '"', '\u0000', '\uD800', 'x',
  );
  fc.assert(
    fc.property(valueArb, fc.nat(), fc.nat({ max: 20 }), snippet, (data, pos, del, ins) => {
      const xml = encodeOps(data);
      const at = pos % (xml.length + 1);
      decodeOrError(xml.slice(0, at) + ins + xml.slice(at + del));
      decodeOrError(xml.slice(0, at) + xml.slice(at + del));
    }),
    { numRuns: 500 },
  );
});
