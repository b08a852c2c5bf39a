// Example-based tests for the OPS envelope codec (src/protocols/ops).
// The seed's printed examples are not well-formed as transcribed (Example 1
// lacks an </item>, Example 2 lost its <item key=...> line), so the fixtures
// below are those examples with the evident missing tags restored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeOps,
  encodeOps,
  getString,
  isArray,
  isAssoc,
  makeAssoc,
  OpsClassed,
  OpsDecodeError,
  OpsEncodeError,
  OPS_MAX_DEPTH,
  type OpsValue,
} from '../src/protocols/ops/index.ts';

const PROLOG_SQ = "<?xml version='1.0' encoding='UTF-8' standalone='no' ?>\n<!DOCTYPE OPS_envelope SYSTEM 'ops.dtd'>\n";
const PROLOG_DQ = '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n<!DOCTYPE OPS_envelope SYSTEM "ops.dtd">\n';

/** Wrap a data_block body in an envelope. */
function env(dataBlock: string, opts: { prolog?: string; header?: string } = {}): string {
  const header = opts.header ?? '<version>0.9</version>';
  return `${opts.prolog ?? PROLOG_SQ}<OPS_envelope>\n  <header>${header}</header>\n  <body>\n    <data_block>${dataBlock}</data_block>\n  </body>\n</OPS_envelope>\n`;
}

const A = (...entries: Array<[string, OpsValue | OpsClassed]>) => makeAssoc(entries);

function assertDecodeError(xml: string | Buffer, pattern?: RegExp): OpsDecodeError {
  let caught: unknown;
  try {
    decodeOps(xml);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof OpsDecodeError, `expected OpsDecodeError, got ${String(caught)}`);
  if (pattern) assert.match(caught.message, pattern);
  assert.doesNotMatch(caught.message, /\n\s+at /, 'message must not contain a stack trace');
  return caught;
}

// --- seed examples --------------------------------------------------------

test('seed example 1: assoc containing an array', () => {
  const xml = `${PROLOG_SQ}<OPS_envelope>
  <header>
    <version>1.0</version>
  </header>
  <body>
    <data_block>
      <dt_assoc>
        <item key='domain_list'>
          <dt_array>
            <item key='0'>ns1.example.com</item>
            <item key='1'>ns2.example.com</item>
            <item key='2'>ns3.example.com</item>
          </dt_array>
        </item>
      </dt_assoc>
    </data_block>
  </body>
</OPS_envelope>`;
  const msg = decodeOps(xml);
  assert.deepEqual(msg.header, { version: '1.0' });
  assert.deepEqual(msg.data, A(['domain_list', ['ns1.example.com', 'ns2.example.com', 'ns3.example.com']]));
});

test('seed example 2: nested assocs', () => {
  const xml = env(`
      <dt_assoc>
        <item key='contact_set'>
          <dt_assoc>
            <item key='owner'>
              <dt_assoc>
                <item key='first_name'>Tom</item>
                <item key='last_name'>Jones</item>
              </dt_assoc>
            </item>
            <item key='tech'>
              <dt_assoc>
                <item key='first_name'>Anne</item>
                <item key='last_name'>Smith</item>
              </dt_assoc>
            </item>
          </dt_assoc>
        </item>
      </dt_assoc>`, { header: '<version>1.0</version>' });
  assert.deepEqual(
    decodeOps(xml).data,
    A([
      'contact_set',
      A(['owner', A(['first_name', 'Tom'], ['last_name', 'Jones'])], ['tech', A(['first_name', 'Anne'], ['last_name', 'Smith'])]),
    ]),
  );
});

test('seed example 3: top-level scalar', () => {
  assert.equal(decodeOps(env('<dt_scalar>Tom Jones</dt_scalar>')).data, 'Tom Jones');
  assert.equal(decodeOps(env('<dt_scalarref>Tom Jones</dt_scalarref>')).data, 'Tom Jones');
});

test('class attribute example decodes to OpsClassed', () => {
  const xml = env(`<dt_array><item key='0' class='myClass'>
      <dt_assoc><item key='firstname'>Tom</item><item key='lastname'>Jones</item></dt_assoc>
    </item></dt_array>`);
  const data = decodeOps(xml).data;
  assert.deepEqual(data, [new OpsClassed('myClass', A(['firstname', 'Tom'], ['lastname', 'Jones']))]);
});

test('semantic equivalence: shuffled array and assoc order decode identically', () => {
  const a = decodeOps(env(`<dt_assoc><item key='first_name'>Tom</item><item key='last_name'>Jones</item>
    <item key='l'><dt_array><item key='0'>ns1</item><item key='1'>ns2</item><item key='2'>ns3</item></dt_array></item></dt_assoc>`));
  const b = decodeOps(env(`<dt_assoc><item key='l'><dt_array><item key='2'>ns3</item><item key='0'>ns1</item><item key='1'>ns2</item></dt_array></item>
    <item key='last_name'>Jones</item><item key='first_name'>Tom</item></dt_assoc>`));
  assert.deepEqual(a, b);
  assert.deepEqual(b.data, A(['first_name', 'Tom'], ['last_name', 'Jones'], ['l', ['ns1', 'ns2', 'ns3']]));
});

// --- prolog and header variants ----------------------------------------------

test('prolog variants: single/double quotes, with/without DOCTYPE or declaration, BOM', () => {
  const body = `<dt_scalar>x</dt_scalar>`;
  for (const prolog of [
    PROLOG_SQ,
    PROLOG_DQ,
    "<?xml version='1.0' encoding='UTF-8' standalone='no' ?>\n",
    "<?xml version='1.0'?>",
    "<!DOCTYPE OPS_envelope SYSTEM 'ops.dtd'>",
    '',
    '\uFEFF' + PROLOG_SQ,
  ]) {
    assert.equal(decodeOps(env(body, { prolog })).data, 'x', JSON.stringify(prolog));
  }
  // A UTF-8 BOM in a Buffer is also fine.
  const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(env(body), 'utf8')]);
  assert.equal(decodeOps(buf).data, 'x');
});

test('header: version 0.9/1.0, optional msg_id and msg_type (any order)', () => {
  const d = '<dt_scalar>x</dt_scalar>';
  assert.deepEqual(decodeOps(env(d, { header: '<version>0.9</version>' })).header, { version: '0.9' });
  assert.deepEqual(decodeOps(env(d, { header: ' <version> 1.0 </version> ' })).header, { version: '1.0' });
  assert.deepEqual(
    decodeOps(env(d, { header: '<version>0.9</version><msg_id>2.21765911726198</msg_id><msg_type>standard</msg_type>' })).header,
    { version: '0.9', msgId: '2.21765911726198', msgType: 'standard' },
  );
  assert.deepEqual(decodeOps(env(d, { header: '<msg_type>t</msg_type><version>1.0</version>' })).header, {
    version: '1.0',
    msgType: 't',
  });
});

test('Buffer input is UTF-8', () => {
  const xml = env(`<dt_assoc><item key='名前'>Zoë 🚀</item></dt_assoc>`);
  assert.deepEqual(decodeOps(Buffer.from(xml, 'utf8')).data, A(['名前', 'Zoë 🚀']));
  assertDecodeError(Buffer.from([0x3c, 0xff, 0xfe, 0x3e]), /UTF-8/);
});

// --- leaves, empties, whitespace ----------------------------------------------

test('bare leaf text and dt_scalar/dt_scalarref-wrapped leaves decode identically', () => {
  const data = decodeOps(env(`<dt_assoc>
      <item key='a'>v</item>
      <item key='b'><dt_scalar>v</dt_scalar></item>
      <item key='c'>
        <dt_scalarref>v</dt_scalarref>
      </item>
    </dt_assoc>`)).data;
  assert.deepEqual(data, A(['a', 'v'], ['b', 'v'], ['c', 'v']));
});

test('empty items, empty scalars and empty containers', () => {
  const data = decodeOps(env(`<dt_assoc>
      <item key='a'/><item key='b'></item><item key='c'><dt_scalar/></item>
      <item key='d'><dt_array/></item><item key='e'><dt_assoc>  </dt_assoc></item>
    </dt_assoc>`)).data;
  assert.deepEqual(data, A(['a', ''], ['b', ''], ['c', ''], ['d', []], ['e', A()]));
});

test('leaf text is kept verbatim; entities and char refs decode; CDATA and comments are fine', () => {
  const data = decodeOps(env(`<dt_assoc>
      <item key='ws'>  two  spaces\n</item>
      <item key='ent'>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#13;</item>
      <item key='cdata'><![CDATA[<not markup>]]></item>
      <item key='comment'>a<!-- ignored -->b</item>
      <item key='k&#9;&#10;&apos;'>tabbed key</item>
    </dt_assoc>`)).data;
  assert.deepEqual(
    data,
    A(['ws', '  two  spaces\n'], ['ent', `<>&"'AB\r`], ['cdata', '<not markup>'], ['comment', 'ab'], ["k\t\n'", 'tabbed key']),
  );
});

test('__proto__ and Object.prototype names are ordinary keys', () => {
  const data = decodeOps(env(`<dt_assoc><item key='__proto__'><dt_assoc><item key='polluted'>yes</item></dt_assoc></item>
    <item key='constructor'>c</item></dt_assoc>`)).data;
  assert.ok(isAssoc(data));
  assert.equal(Object.getPrototypeOf(data), null);
  assert.deepEqual(Object.keys(data), ['__proto__', 'constructor']);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  assert.equal(getString(data, 'constructor'), 'c');
  assert.equal(getString(data, 'toString'), undefined);
});

// --- encoder ---------------------------------------------------------------

test('encoder produces the canonical documented layout', () => {
  const xml = encodeOps(A(['domain', 'example.com'], ['ns', ['ns1', 'ns2']], ['o', new OpsClassed('C', 'x')]), {
    version: '1.0',
    msgId: 'id<1>',
  });
  assert.equal(
    xml,
    `<?xml version='1.0' encoding='UTF-8' standalone='no' ?>
<!DOCTYPE OPS_envelope SYSTEM 'ops.dtd'>
<OPS_envelope>
  <header>
    <version>1.0</version>
    <msg_id>id&lt;1&gt;</msg_id>
  </header>
  <body>
    <data_block>
      <dt_assoc>
        <item key='domain'>example.com</item>
        <item key='ns'>
          <dt_array>
            <item key='0'>ns1</item>
            <item key='1'>ns2</item>
          </dt_array>
        </item>
        <item key='o' class='C'>x</item>
      </dt_assoc>
    </data_block>
  </body>
</OPS_envelope>
`,
  );
  assert.match(encodeOps('hi'), /<version>0\.9<\/version>[\s\S]*<dt_scalar>hi<\/dt_scalar>/);
});

test('encoder accepts ordinary object literals and round-trips them as null-prototype assocs', () => {
  const msg = decodeOps(encodeOps({ a: 'b', c: ['d'] }));
  assert.deepEqual(msg.data, A(['a', 'b'], ['c', ['d']]));
});

test('encoder rejects unrepresentable values with OpsEncodeError', () => {
  const bad: unknown[] = [
    'a\u0000b',
    A(['k', 'bell\u0007']),
    A(['bad\u0001key', 'v']),
    ['\uD800'],
    ['\uFFFF'],
    [1],
    [null],
    new Array(2),
    A(['d', new Date(0) as unknown as string]),
    new OpsClassed('C', 'x'),
  ];
  bad.forEach((v, i) => assert.throws(() => encodeOps(v as OpsValue), OpsEncodeError, `case ${i}`));
  assert.throws(() => encodeOps('x', { version: '2.0' }), OpsEncodeError);
  assert.throws(() => encodeOps('x', { msgId: 'a\u001fb' }), OpsEncodeError);
  // Cycles hit the depth limit rather than the call stack.
  const cyc: OpsValue[] = [];
  cyc.push(cyc);
  assert.throws(() => encodeOps(cyc), /nesting deeper/);
});

test('depth limit: OPS_MAX_DEPTH nested containers are fine, one more is not', () => {
  let v: OpsValue = [];
  for (let i = 1; i < OPS_MAX_DEPTH; i++) v = [v];
  assert.deepEqual(decodeOps(encodeOps(v)).data, v);
  assert.throws(() => encodeOps([v]), OpsEncodeError);
  const deep = '<dt_array><item key="0">'.repeat(OPS_MAX_DEPTH + 1) + '</item></dt_array>'.repeat(OPS_MAX_DEPTH + 1);
  assertDecodeError(env(deep), /nested deeper than 64/);
  // Very deep hostile input fails on the limit, not with a stack overflow.
  assertDecodeError(env('<dt_scalar>'.repeat(100_000)), /nested deeper/);
});

// --- hostile and malformed input ---------------------------------------------

test('internal DTD subset is rejected', () => {
  assertDecodeError(
    `<?xml version='1.0'?><!DOCTYPE OPS_envelope SYSTEM 'ops.dtd' [<!ELEMENT x ANY>]>${env('<dt_scalar>x</dt_scalar>', { prolog: '' })}`,
    /internal subset/,
  );
});

test('external entity (XXE) is rejected', () => {
  assertDecodeError(
    `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><OPS_envelope>&e;</OPS_envelope>`,
    /internal subset/,
  );
  // Even with the right root name.
  assertDecodeError(
    `<!DOCTYPE OPS_envelope [<!ENTITY e SYSTEM "http://127.0.0.1/">]>${env("<dt_assoc><item key='a'>&e;</item></dt_assoc>", { prolog: '' })}`,
  );
});

test('billion laughs entity bomb is rejected', () => {
  const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<OPS_envelope><header><version>0.9</version></header><body><data_block><dt_scalar>&lol9;</dt_scalar></data_block></body></OPS_envelope>`;
  assertDecodeError(bomb, /internal subset/);
  assertDecodeError(Buffer.from(bomb), /internal subset/);
});

test('entity references without a DTD and other DOCTYPEs are rejected', () => {
  assertDecodeError(env('<dt_scalar>&nbsp;</dt_scalar>'), /undefined entity/);
  assertDecodeError(env('<dt_scalar>&__proto__;</dt_scalar>'), /undefined entity/);
  assertDecodeError(env('<dt_scalar>x</dt_scalar>', { prolog: '<!DOCTYPE OPS_envelope SYSTEM "http://evil/ops.dtd">' }), /DOCTYPE/);
  assertDecodeError(env('<dt_scalar>x</dt_scalar>', { prolog: "<!DOCTYPE OPS_envelope PUBLIC 'x' 'ops.dtd'>" }), /DOCTYPE/);
  assertDecodeError(env('<dt_scalar>x</dt_scalar>', { prolog: '<!DOCTYPE html>' }), /DOCTYPE/);
});

test('malformed XML is rejected', () => {
  const ok = env('<dt_scalar>x</dt_scalar>');
  const cases: Array<[string, RegExp?]> = [
    ['', /malformed XML/],
    ['not xml at all', /malformed XML/],
    [ok.slice(0, -20), /malformed XML/], // truncated
    [ok.replace('</data_block>', ''), /malformed XML/], // unbalanced
    [ok + '<OPS_envelope/>', /malformed XML/], // two roots
    ['junk' + ok.replace(PROLOG_SQ, ''), /malformed XML/], // text before the root
    [ok + 'trailing', /malformed XML/],
    [env("<dt_assoc><item key='a' key='b'>x</item></dt_assoc>"), /duplicate attribute/],
    [env('<dt_scalar>a & b</dt_scalar>'), /malformed XML/],
    [env('<dt_scalar>\u0001</dt_scalar>'), /malformed XML|not allowed/],
    [env('<dt_scalar>&#1;</dt_scalar>'), /malformed XML/],
    [env('<dt_scalar>\uD800</dt_scalar>'), /not allowed/],
    ["<?xml version='1.1'?>" + ok.replace(PROLOG_SQ, ''), /XML version/],
    ["<?xml version='1.0' encoding='ISO-8859-1'?>" + ok.replace(PROLOG_SQ, ''), /encoding/],
  ];
  for (const [xml, re] of cases) assertDecodeError(xml, re);
});

test('structural errors are rejected with clear messages', () => {
  const cases: Array<[string, RegExp]> = [
    ['<foo/>', /root element must be <OPS_envelope>, found <foo>/],
    ['<OPS_envelope><header><version>0.9</version></header></OPS_envelope>', /must contain <header> and <body>/],
    ['<OPS_envelope><body/></OPS_envelope>', /unexpected element <body>/],
    ['<OPS_envelope><header/><body/></OPS_envelope>', /must contain a <version>/],
    [env('<dt_scalar>x</dt_scalar>', { header: '<version>2.0</version>' }), /unsupported OPS version/],
    [env('<dt_scalar>x</dt_scalar>', { header: '<version>0.9</version><version>1.0</version>' }), /unexpected element <version>/],
    [env('<dt_scalar>x</dt_scalar>', { header: '<version>0.9</version><extra/>' }), /unexpected element <extra>/],
    ['<OPS_envelope><header><version>0.9</version></header><body></body></OPS_envelope>', /must contain a <data_block>/],
    [env(''), /<data_block> must contain/],
    [env('bare text'), /<data_block> must contain/],
    [env('<dt_scalar>a</dt_scalar><dt_scalar>b</dt_scalar>'), /must contain a single value/],
    [env('<dt_hash/>'), /unexpected element <dt_hash>/],
    [env("<dt_assoc><entry key='a'/></dt_assoc>"), /unexpected element <entry> in <dt_assoc>/],
    [env('<dt_assoc><item>x</item></dt_assoc>'), /has no key attribute/],
    [env("<dt_assoc><item key='a'>1</item><item key='a'>2</item></dt_assoc>"), /duplicate key "a" in <dt_assoc>/],
    [env("<dt_array><item key='0'>1</item><item key='0'>2</item></dt_array>"), /duplicate key "0" in <dt_array>/],
    [env("<dt_array><item key='x'>1</item></dt_array>"), /non-negative integer, got "x"/],
    [env("<dt_array><item key='-1'>1</item></dt_array>"), /non-negative integer/],
    [env("<dt_array><item key='01'>1</item></dt_array>"), /non-negative integer/],
    [env("<dt_array><item key=' 0'>1</item></dt_array>"), /non-negative integer/],
    [env("<dt_array><item key='0'>a</item><item key='2'>c</item></dt_array>"), /without gaps; found key 2/],
    [env("<dt_array><item key='999999999'>a</item></dt_array>"), /without gaps/],
    [env('<dt_assoc>stray</dt_assoc>'), /unexpected text "stray" in <dt_assoc>/],
    [env("<dt_assoc><item key='a'>text<dt_assoc/></item></dt_assoc>"), /mixes text with a nested element/],
    [env("<dt_assoc><item key='a'><dt_scalar>x</dt_scalar>tail</item></dt_assoc>"), /mixes text/],
    [env("<dt_assoc><item key='a'><b>x</b></item></dt_assoc>"), /unexpected element <b> in <item>/],
    [env("<dt_assoc><dt_assoc/></dt_assoc>"), /must be wrapped in an <item/],
  ];
  for (const [xml, re] of cases) assertDecodeError(xml, re);
});

test('a dt_scalar may wrap a structure (allowed by ops.dtd) and is transparent', () => {
  const data = decodeOps(env("<dt_scalar> <dt_array><item key='0'>x</item></dt_array> </dt_scalar>")).data;
  assert.deepEqual(data, ['x']);
});

test('helpers', () => {
  const a = A(['s', 's'], ['c', new OpsClassed('K', 'cs')], ['l', ['x']]);
  assert.equal(getString(a, 's'), 's');
  assert.equal(getString(a, 'c'), 'cs');
  assert.equal(getString(a, 'l'), undefined);
  assert.equal(getString(a, 'missing'), undefined);
  assert.ok(isArray(a['l']));
  assert.ok(isAssoc(a) && isAssoc({}) && !isAssoc([]) && !isAssoc(a['c']) && !isAssoc('s'));
});

test('error messages truncate long user data without splitting surrogate pairs', () => {
  const longKey = 'a'.repeat(56) + '\u{1F680}'.repeat(10);
  const err = assertDecodeError(env(`<dt_assoc><item key='${longKey}'/><item key='${longKey}'/></dt_assoc>`), /duplicate key/);
  assert.ok(err.message.length < 200);
  assert.doesNotThrow(() => encodeOps(err.message));
});
