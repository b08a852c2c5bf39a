// Fuzz targets for the input-facing modules (issue 14, finding 12): the OPS decoder, EPP parse + schema validation +
// the processor (in-process, against a throwaway core), both XCP-over-TCP framings, the EPP 4-byte framing and the
// XCP TCP cipher layer. Used by bench/fuzz.ts (`npm run fuzz -- --seconds N`) and test/fuzzShort.test.ts (a short
// fixed-seed run inside `npm test`).
//
// Each target is a fast-check property over random inputs and mutations of real messages. The properties:
//   - robustness: the code under test returns, or throws only the module's own typed error (EPP: always answers with
//     a schema-valid reply);
//   - no hang: each input finishes within a per-input time bound (sync code is timed after the fact, async code is
//     raced against a timer);
//   - bounded memory: decoders never buffer more than their limit, and the heap stays under a ceiling for the run.
// Every input is derived from the fast-check seed (and path), so a failure replays exactly from what the runner prints.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { decodeOps, encodeOps, makeAssoc, OpsDecodeError, type OpsItem } from '../src/protocols/ops/index.ts';
import { parseXml, XmlInputError } from '../src/protocols/epp/xmlTree.ts';
import { validateEpp } from '../src/protocols/epp/eppSchemaValidator.ts';
import { EppProcessor } from '../src/protocols/epp/eppProcessor.ts';
import type { EppSession } from '../src/protocols/epp/eppTypes.ts';
import { NS, OBJ_URIS, EXT_URIS } from '../src/protocols/epp/eppNamespaces.ts';
import { EppFrameDecoder, EppFrameError, encodeFrame as encodeEppFrame, FRAME_HEADER_BYTES } from '../src/protocols/epp/transport/eppFraming.ts';
import { encodeFrame as encodeXcpFrame, FrameReader, XcpFramingError, type XcpTcpFraming } from '../src/protocols/xcp/tcp/tcpFraming.ts';
import { CryptCbc, CryptCbcError } from '../src/protocols/xcp/tcp/cryptCbc.ts';
import { HandshakeRefusal, readHandshakeRequest } from '../src/protocols/xcp/tcp/handshakeMessages.ts';
import { openCore } from '../src/app/openCore.ts';
import { createReseller } from '../src/core/commands/resellers.ts';
import type { Core } from '../src/core/core.ts';
import { OP_SEED_EXAMPLES } from '../test/support/opSeedExamples.ts';
import { contact, registerAttributes } from '../test/support/fixtures.ts';

/** A broken property: anything the fuzzer reports as a failure. */
export class FuzzViolation extends Error {
  constructor(message: string, options?: { cause?: unknown }) { super(message, options); this.name = 'FuzzViolation'; }
}

export interface FuzzTarget<T = unknown> {
  name: string;
  arbitrary: fc.Arbitrary<T>;
  /** Throws FuzzViolation when a property does not hold. */
  check(input: T): Promise<void>;
}

export interface TargetOptions {
  /** Per-input time bound for synchronous targets (ms). Generous: the machine may be shared. */
  syncBoundMs?: number;
  /** Per-input time bound for the EPP processor (ms). */
  asyncBoundMs?: number;
}

// --- the mutation corpus -------------------------------------------------------------------------------------------

const eppDoc = (inner: string, clTRID = 'FUZZ-0001') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="no"?><epp xmlns="${NS.epp}"><command>${inner}<clTRID>${clTRID}</clTRID></command></epp>`;
const dom = `xmlns:domain="${NS.domain}"`;
const con = `xmlns:contact="${NS.contact}"`;
const hst = `xmlns:host="${NS.host}"`;
const postal = '<contact:postalInfo type="int"><contact:name>Jane Doe</contact:name><contact:org>Example Inc.</contact:org>' +
  '<contact:addr><contact:street>32 Oak Street</contact:street><contact:city>Toronto</contact:city><contact:sp>ON</contact:sp>' +
  '<contact:pc>M1M1M1</contact:pc><contact:cc>CA</contact:cc></contact:addr></contact:postalInfo>';

/** The login the processor target's mutations start from names another reseller, so they cannot lock out the fuzzer. */
const OTHER_RESELLER = 'fuzzother';

export const EPP_SEEDS: string[] = [
  `<?xml version="1.0" encoding="UTF-8"?><epp xmlns="${NS.epp}"><hello/></epp>`,
  eppDoc(`<login><clID>${OTHER_RESELLER}</clID><pw>wrong-password</pw><options><version>1.0</version><lang>en</lang></options><svcs>` +
    `${OBJ_URIS.map((u) => `<objURI>${u}</objURI>`).join('')}<svcExtension>${EXT_URIS.map((u) => `<extURI>${u}</extURI>`).join('')}</svcExtension></svcs></login>`),
  eppDoc('<logout/>'),
  eppDoc(`<check><domain:check ${dom}><domain:name>fuzz-a.com</domain:name><domain:name>taken.com</domain:name></domain:check></check>`),
  eppDoc(`<create><domain:create ${dom}><domain:name>fuzz-new.com</domain:name><domain:period unit="y">1</domain:period>` +
    `<domain:ns><domain:hostAttr><domain:hostName>ns1.example.net</domain:hostName></domain:hostAttr></domain:ns>` +
    `<domain:authInfo><domain:pw>Auth-123x</domain:pw></domain:authInfo></domain:create></create>`),
  eppDoc(`<info><domain:info ${dom}><domain:name hosts="all">fuzz-mine.com</domain:name><domain:authInfo><domain:pw>x</domain:pw></domain:authInfo></domain:info></info>`),
  eppDoc(`<update><domain:update ${dom}><domain:name>fuzz-mine.com</domain:name><domain:add><domain:status s="clientHold"/></domain:add>` +
    `<domain:chg><domain:authInfo><domain:pw>New-Auth-9</domain:pw></domain:authInfo></domain:chg></domain:update></update>`),
  eppDoc(`<renew><domain:renew ${dom}><domain:name>fuzz-mine.com</domain:name><domain:curExpDate>2027-01-15</domain:curExpDate><domain:period unit="y">1</domain:period></domain:renew></renew>`),
  eppDoc(`<delete><domain:delete ${dom}><domain:name>fuzz-mine.com</domain:name></domain:delete></delete>`),
  eppDoc(`<transfer op="request"><domain:transfer ${dom}><domain:name>fuzz-other.com</domain:name><domain:authInfo><domain:pw>abc</domain:pw></domain:authInfo></domain:transfer></transfer>`),
  eppDoc(`<transfer op="query"><domain:transfer ${dom}><domain:name>fuzz-mine.com</domain:name></domain:transfer></transfer>`),
  eppDoc(`<create><contact:create ${con}><contact:id>FUZZC1</contact:id>${postal}<contact:voice>+1.4165551212</contact:voice>` +
    `<contact:email>jane@example.com</contact:email><contact:authInfo><contact:pw>Cpw-12345</contact:pw></contact:authInfo></contact:create></create>`),
  eppDoc(`<info><contact:info ${con}><contact:id>FUZZC1</contact:id></contact:info></info>`),
  eppDoc(`<update><contact:update ${con}><contact:id>FUZZC1</contact:id><contact:chg><contact:email>new@example.com</contact:email></contact:chg></contact:update></update>`),
  eppDoc(`<delete><contact:delete ${con}><contact:id>FUZZC1</contact:id></contact:delete></delete>`),
  eppDoc(`<create><host:create ${hst}><host:name>ns1.fuzz-mine.com</host:name><host:addr ip="v4">192.0.2.1</host:addr><host:addr ip="v6">2001:db8::1</host:addr></host:create></create>`),
  eppDoc(`<update><host:update ${hst}><host:name>ns1.fuzz-mine.com</host:name><host:chg><host:name>ns2.fuzz-mine.com</host:name></host:chg></host:update></update>`),
  eppDoc(`<delete><host:delete ${hst}><host:name>ns1.fuzz-mine.com</host:name></host:delete></delete>`),
  eppDoc('<poll op="req"/>'),
  ...OP_SEED_EXAMPLES.map((e) => e.xml),
];

const xcp = (object: string, action: string, attributes: Record<string, OpsItem>, extra: Record<string, string> = {}) =>
  encodeOps(makeAssoc({ protocol: 'XCP', object, action, ...extra, attributes: makeAssoc(attributes) }));

export const OPS_SEEDS: string[] = [
  xcp('DOMAIN', 'LOOKUP', { domain: 'example.com' }),
  xcp('DOMAIN', 'SW_REGISTER', registerAttributes('fuzz-example.com')),
  xcp('DOMAIN', 'GET', { type: 'all_info' }, { domain: 'example.com', cookie: 'abc' }),
  xcp('DOMAIN', 'MODIFY', { data: 'contact_info', domain: 'example.com', contact_set: makeAssoc({ admin: contact('Admin') }) }),
  xcp('DOMAIN', 'GET_DOMAINS_CONTACTS', { domain_list: ['a.com', 'b.net'] }),
  xcp('CHECK', 'VERSION', { sender: 'OpenSRS CLIENT', version: 'XML:0.1', state: 'ready' }),
  xcp('AUTHENTICATE', 'USER', { crypt_type: 'blowfish', username: 'alice', password: 'x' }),
  // A hand-written one with the encoder's less common shapes: DOCTYPE, dt_scalar, dt_scalarref, CDATA, comments.
  "<?xml version='1.0' encoding='UTF-8' standalone='no' ?>\n<!DOCTYPE OPS_envelope SYSTEM 'ops.dtd'>\n<OPS_envelope><header>" +
    '<version>0.9</version><msg_id>2.2</msg_id><msg_type>standard</msg_type></header><body><data_block><dt_assoc>' +
    '<item key="protocol">XCP</item><item key="action"><dt_scalar>SET</dt_scalar></item><item key="object">COOKIE</item>' +
    '<item key="attributes"><dt_assoc><item key="reg_username"><![CDATA[user&1]]></item><!-- c -->' +
    '<item key="reg_password"><dt_scalarref>p&lt;w</dt_scalarref></item><item key="domain">example.com</item>' +
    '<item key="list"><dt_array><item key="0">a</item><item key="1"><dt_assoc/></item></dt_array></item>' +
    '</dt_assoc></item></dt_assoc></data_block></body></OPS_envelope>',
];

/** Fragments that tend to matter to XML parsers, OPS, EPP and the TCP framings. */
const TOKENS: Buffer[] = [
  '<', '>', '</', '/>', '&', '&amp;', '&#0;', '&#x10FFFF;', '&#xD800;', '&lt;', '&unknown;', '<![CDATA[', ']]>', '<!--', '-->',
  '<?xml version="1.0"?>', '<?xml version="1.1" encoding="UTF-16"?>', '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>', '&a;',
  '<!DOCTYPE OPS_envelope SYSTEM "ops.dtd">', 'xmlns="', ' xmlns:x="urn:x"', ' x:op="x"', ' xmlns=""', '"', "'", '=',
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', '<item key="__proto__">', '<item key="constructor">', '<dt_assoc>',
  '</dt_assoc>', '<dt_array>', '</dt_array>', '<item key="a">', '</item>', '<dt_scalar>', '<dt_scalarref>', '<data_block>',
  `<epp xmlns="${NS.epp}">`, '<command>', '</command>', '<clTRID>', '</clTRID>', '<extension>', '<domain:name>',
  '<domain:name>a.com</domain:name>', 'Content-Length: 5\r\n\r\n', 'content-length:99999999\n', 'RandomIV', '\r\n\r\n', '\n',
  '\u0000', '\uFFFE', '\u2028', '\u{1F680}', 'é', 'type', 'data', 'reg_type', '9999999999', '-1', '1e309', ' ', '\t',
].map((s) => Buffer.from(s, 'utf8')).concat([
  Buffer.from([0xc0, 0x80]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xff, 0xfe]), Buffer.from([0x80]), Buffer.from([0xef, 0xbb, 0xbf]),
  Buffer.from([0, 0, 0, 0]), Buffer.from([0xff, 0xff, 0xff, 0xff]), Buffer.from([0, 0, 0, 5]), Buffer.from([0, 0x10, 0, 0]),
]);

const MUTATION_KINDS = 10;
interface Mutation { kind: number; at: number; len: number; count: number; pick: number; bytes: Uint8Array }
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.nat(MUTATION_KINDS - 1),
  at: fc.nat(),
  len: fc.nat(64),
  count: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 8 }) }, { weight: 1, arbitrary: fc.integer({ min: 8, max: 4000 }) }),
  pick: fc.nat(),
  bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
});

/** Largest input a mutation may grow to (the doors accept up to 1 MiB). */
const MAX_MUTATED_BYTES = 512 * 1024;

function mutate(seed: Buffer, corpus: readonly Buffer[], mutations: readonly Mutation[]): Buffer {
  let b = seed;
  for (const m of mutations) {
    const at = b.length ? m.at % (b.length + 1) : 0;
    const end = Math.min(b.length, at + m.len);
    switch (m.kind) {
      case 0: { // flip bits in one byte
        if (!b.length) break;
        const i = Math.min(at, b.length - 1);
        b = Buffer.from(b);
        b[i] = b[i]! ^ (m.bytes[0]! || 1);
        break;
      }
      case 1: b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]); break; // insert random bytes
      case 2: b = Buffer.concat([b.subarray(0, at), b.subarray(end)]); break; // delete a range
      case 3: { // repeat a range (blow-ups: many attributes, deep nesting, long text)
        const range = b.subarray(at, end);
        if (range.length) b = Buffer.concat([b.subarray(0, end), ...Array(Math.min(m.count, Math.floor(MAX_MUTATED_BYTES / range.length))).fill(range), b.subarray(end)]);
        break;
      }
      case 4: b = Buffer.concat([b.subarray(0, at), TOKENS[m.pick % TOKENS.length]!, b.subarray(at)]); break; // insert a token
      case 5: { // splice in a range of another corpus message
        const other = corpus[m.pick % corpus.length]!;
        const from = other.length ? m.at % other.length : 0;
        b = Buffer.concat([b.subarray(0, at), other.subarray(from, from + m.len * 4), b.subarray(end)]);
        break;
      }
      case 6: b = b.subarray(0, at); break; // truncate
      case 7: { // overwrite a range with a token
        b = Buffer.concat([b.subarray(0, at), TOKENS[m.pick % TOKENS.length]!, b.subarray(Math.min(b.length, at + (m.len % 8)))]);
        break;
      }
      case 8: { // a token many times
        const t = TOKENS[m.pick % TOKENS.length]!;
        b = Buffer.concat([b.subarray(0, at), Buffer.alloc(t.length * Math.min(m.count, Math.floor(MAX_MUTATED_BYTES / t.length)), t), b.subarray(at)]);
        break;
      }
      default: { // swap two ranges
        const other = m.pick % (b.length + 1);
        const [x, y] = at <= other ? [at, other] : [other, at];
        const l = Math.min(m.len, y - x);
        if (l > 0 && y + l <= b.length) b = Buffer.concat([b.subarray(0, x), b.subarray(y, y + l), b.subarray(x + l, y), b.subarray(x, x + l), b.subarray(y + l)]);
      }
    }
    if (b.length > MAX_MUTATED_BYTES) b = b.subarray(0, MAX_MUTATED_BYTES);
  }
  return b;
}

/** Mutations of real messages, plus plain random bytes and random strings. */
export function inputArb(seeds: readonly string[]): fc.Arbitrary<Buffer> {
  const corpus = seeds.map((s) => Buffer.from(s, 'utf8'));
  const mutated = fc.tuple(fc.nat(corpus.length - 1), fc.array(mutationArb, { minLength: 0, maxLength: 6 }))
    .map(([i, ms]) => mutate(corpus[i]!, corpus, ms));
  return fc.oneof(
    { weight: 8, arbitrary: mutated },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((u) => Buffer.from(u)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 500 }).map((s) => Buffer.from(s, 'utf8')) },
  );
}

// --- helpers -------------------------------------------------------------------------------------------------------

type ErrorClass = abstract new (...args: never[]) => Error;

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err);
}

/** Runs fn; anything thrown that is not one of `allowed` is a violation, and so is taking longer than boundMs. */
function expectOnly<R>(what: string, allowed: ErrorClass[], boundMs: number, fn: () => R): { value?: R; error?: Error } {
  const t0 = performance.now();
  let out: { value?: R; error?: Error };
  try {
    out = { value: fn() };
  } catch (err) {
    if (!allowed.some((c) => err instanceof c)) throw new FuzzViolation(`${what} threw something other than ${allowed.map((c) => c.name).join('/')}: ${describe(err)}`, { cause: err });
    out = { error: err as Error };
  }
  const ms = performance.now() - t0;
  if (ms > boundMs) throw new FuzzViolation(`${what} took ${ms.toFixed(0)} ms (bound ${boundMs} ms)`);
  return out;
}

/** Arbitrary cut points: the chunks a socket might deliver. */
function split(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => (bytes.length ? c % bytes.length : 0)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of points) { if (p > prev) { out.push(bytes.subarray(prev, p)); prev = p; } }
  out.push(bytes.subarray(prev));
  return out;
}

// --- targets -------------------------------------------------------------------------------------------------------

export function opsDecodeTarget(opts: TargetOptions = {}): FuzzTarget<Buffer> {
  const bound = opts.syncBoundMs ?? 2000;
  return {
    name: 'ops-decode',
    arbitrary: inputArb(OPS_SEEDS),
    async check(input) {
      expectOnly('decodeOps(Buffer)', [OpsDecodeError], bound, () => decodeOps(input));
      expectOnly('decodeOps(string)', [OpsDecodeError], bound, () => decodeOps(input.toString('utf8')));
      // The TCP door's handshake reads the same bytes through the decoder and the XCP request parser.
      expectOnly('readHandshakeRequest', [HandshakeRefusal], bound, () => readHandshakeRequest(input, 'check version'));
    },
  };
}

export function eppParseTarget(opts: TargetOptions = {}): FuzzTarget<Buffer> {
  const bound = opts.syncBoundMs ?? 2000;
  return {
    name: 'epp-parse-validate',
    arbitrary: inputArb(EPP_SEEDS),
    async check(input) {
      expectOnly('parseXml', [XmlInputError], bound, () => parseXml(input));
      expectOnly('parseXml (pre-login limits)', [XmlInputError], bound, () => parseXml(input, { maxDepth: 48, maxElements: 500, maxAttributes: 64 }));
      const r = expectOnly('validateEpp', [], bound, () => validateEpp(input));
      if (r.value !== undefined && typeof r.value !== 'string') throw new FuzzViolation(`validateEpp returned ${typeof r.value}`);
    },
  };
}

export interface ProcessorTarget extends FuzzTarget<{ input: Buffer; loggedIn: boolean }> { close(): Promise<void> }

/** EPP processor against a throwaway sandbox core: every input must get a schema-valid reply within the bound. */
export async function eppProcessorTarget(opts: TargetOptions = {}): Promise<ProcessorTarget> {
  const bound = opts.asyncBoundMs ?? 10_000;
  const syncBound = opts.syncBoundMs ?? 2000;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-fuzz-'));
  const core: Core = await openCore({ dataDir, mode: 'sandbox' });
  const processor = new EppProcessor(core);
  const { password } = await createReseller(core, { username: 'fuzzer', fundsMinor: 1_000_000_000 });
  await createReseller(core, { username: OTHER_RESELLER, fundsMinor: 0 });
  const loginDoc = eppDoc(`<login><clID>fuzzer</clID><pw>${password}</pw><options><version>1.0</version><lang>en</lang></options><svcs>` +
    `${OBJ_URIS.map((u) => `<objURI>${u}</objURI>`).join('')}<svcExtension>${EXT_URIS.map((u) => `<extURI>${u}</extURI>`).join('')}</svcExtension></svcs></login>`);
  let session: EppSession | undefined;
  const loggedInSession = async (): Promise<EppSession> => {
    if (session?.reseller) return session;
    if (session) processor.endSession(session);
    session = processor.newSession('127.0.0.1');
    const r = await processor.process(session, loginDoc);
    if (r.code !== 1000) throw new Error(`fuzz harness: the fuzzer's own login failed: ${r.xml}`);
    return session;
  };
  // A seed domain of the fuzzer's for info/update/renew/delete mutations to hit.
  const s = await loggedInSession();
  await processor.process(s, EPP_SEEDS[4]!.replace('fuzz-new.com', 'fuzz-mine.com'));
  let anon = 0;

  return {
    name: 'epp-processor',
    arbitrary: fc.record({ input: inputArb(EPP_SEEDS), loggedIn: fc.boolean() }),
    async check({ input, loggedIn }) {
      // Anonymous sessions come from other addresses, so mutated logins never throttle the fuzzer's own address.
      const sess = loggedIn ? await loggedInSession() : processor.newSession(`192.0.2.${(anon++ % 250) + 1}`);
      let timer: NodeJS.Timeout | undefined;
      const t0 = performance.now();
      let reply;
      try {
        reply = await Promise.race([
          processor.process(sess, input),
          new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new FuzzViolation(`processor.process did not answer within ${bound} ms`)), bound); }),
        ]);
      } catch (err) {
        if (err instanceof FuzzViolation) throw err;
        throw new FuzzViolation(`processor.process rejected: ${describe(err)}`, { cause: err });
      } finally {
        clearTimeout(timer);
        if (!loggedIn) processor.endSession(sess);
      }
      const ms = performance.now() - t0;
      if (ms > bound) throw new FuzzViolation(`processor.process took ${ms.toFixed(0)} ms (bound ${bound} ms)`);
      if (typeof reply?.xml !== 'string') throw new FuzzViolation('processor.process answered without XML');
      const invalid = expectOnly('validateEpp(reply)', [], syncBound, () => validateEpp(reply.xml)).value;
      if (invalid !== undefined) throw new FuzzViolation(`the reply is not schema-valid: ${invalid}\n${reply.xml}`);
      if (reply.close && loggedIn) session = undefined;
    },
    async close() {
      if (session) processor.endSession(session);
      await core.db.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const payloadArb = fc.oneof(
  fc.constantFrom(...OPS_SEEDS.map((s) => Buffer.from(s, 'utf8'))),
  fc.uint8Array({ maxLength: 600 }).map((u) => Buffer.from(u)),
);

export function xcpTcpFramingTarget(opts: TargetOptions = {}): FuzzTarget {
  const bound = opts.syncBoundMs ?? 2000;
  const maxMessageBytes = 64 * 1024;
  const arb = fc.record({
    framing: fc.constantFrom<XcpTcpFraming>('content-length', 'length-prefix'),
    detect: fc.boolean(),
    payloads: fc.array(payloadArb, { minLength: 0, maxLength: 4 }),
    mutations: fc.oneof(fc.constant<Mutation[]>([]), fc.array(mutationArb, { minLength: 1, maxLength: 4 })),
    cuts: fc.array(fc.nat(), { maxLength: 8 }),
    raw: fc.option(fc.uint8Array({ maxLength: 300 }), { freq: 5 }),
  });
  return {
    name: 'xcp-tcp-framing',
    arbitrary: arb as fc.Arbitrary<unknown>,
    async check(value) {
      const { framing, detect, payloads, mutations, cuts, raw } = value as {
        framing: XcpTcpFraming; detect: boolean; payloads: Buffer[]; mutations: Mutation[]; cuts: number[]; raw: Uint8Array | null;
      };
      // Detection of a length prefix made only of line-break bytes is ambiguous by design; keep exact checks clear of it.
      const clean = payloads.filter((p) => framing === 'content-length' || !detect || p.length < 0x0a00);
      const framed = Buffer.concat(clean.map((p) => encodeXcpFrame(framing, p)));
      const stream = raw ? Buffer.from(raw) : mutate(framed, [framed, ...TOKENS], mutations);
      const reader = new FrameReader({ framing: detect ? undefined : framing, maxMessageBytes });
      const got: Buffer[] = [];
      let failed: Error | undefined;
      const t0 = performance.now();
      for (const chunk of split(stream, cuts)) {
        const r = expectOnly('FrameReader.push', [XcpFramingError], bound, () => reader.push(chunk));
        if (r.error) {
          if (failed && !(r.error instanceof XcpFramingError)) throw new FuzzViolation('a failed reader threw an untyped error');
          failed ??= r.error;
          continue;
        }
        if (failed) throw new FuzzViolation('the reader accepted bytes after failing');
        for (const f of r.value!) {
          if (f.length > maxMessageBytes) throw new FuzzViolation(`a ${f.length}-byte frame passed the ${maxMessageBytes}-byte limit`);
          got.push(f);
        }
      }
      if (performance.now() - t0 > bound) throw new FuzzViolation(`framing the stream took more than ${bound} ms`);
      const total = got.reduce((n, f) => n + f.length, 0);
      if (total > stream.length) throw new FuzzViolation('the reader produced more bytes than it was given');
      if (!raw && mutations.length === 0) {
        if (failed) throw new FuzzViolation(`well-framed input was refused: ${failed.message}`);
        if (got.length !== clean.length || got.some((f, i) => !f.equals(clean[i]!))) throw new FuzzViolation('well-framed input did not round-trip');
      }
    },
  };
}

export function eppFramingTarget(opts: TargetOptions = {}): FuzzTarget {
  const bound = opts.syncBoundMs ?? 2000;
  const arb = fc.record({
    limit: fc.constantFrom(64 * 1024, 1024 * 1024, 5000),
    payloads: fc.array(fc.oneof(fc.constantFrom(...EPP_SEEDS.map((s) => Buffer.from(s, 'utf8'))), fc.uint8Array({ minLength: 1, maxLength: 600 }).map((u) => Buffer.from(u))), { maxLength: 4 }),
    mutations: fc.oneof(fc.constant<Mutation[]>([]), fc.array(mutationArb, { minLength: 1, maxLength: 4 })),
    cuts: fc.array(fc.nat(), { maxLength: 8 }),
    raw: fc.option(fc.uint8Array({ maxLength: 300 }), { freq: 5 }),
  });
  return {
    name: 'epp-framing',
    arbitrary: arb as fc.Arbitrary<unknown>,
    async check(value) {
      const { limit, payloads, mutations, cuts, raw } = value as { limit: number; payloads: Buffer[]; mutations: Mutation[]; cuts: number[]; raw: Uint8Array | null };
      const fitting = payloads.filter((p) => p.length + FRAME_HEADER_BYTES <= limit);
      const framed = Buffer.concat(fitting.map((p) => encodeEppFrame(p)));
      const stream = raw ? Buffer.from(raw) : mutate(framed, [framed, ...TOKENS], mutations);
      const decoder = new EppFrameDecoder(limit);
      const got: Buffer[] = [];
      let error: EppFrameError | undefined;
      for (const chunk of split(stream, cuts)) {
        const r = expectOnly('EppFrameDecoder.push', [], bound, () => decoder.push(chunk)).value!;
        if (r.error !== undefined && !(r.error instanceof EppFrameError)) throw new FuzzViolation(`push reported a ${String(r.error)}`);
        if (error && r.frames.length) throw new FuzzViolation('the decoder produced frames after an error');
        error ??= r.error;
        for (const f of r.frames) {
          if (f.length + FRAME_HEADER_BYTES > limit) throw new FuzzViolation(`a ${f.length}-byte frame passed the ${limit}-byte limit`);
          got.push(f);
        }
        // Bounded memory: never more than one (limit-sized) frame in the buffer.
        if (decoder.bufferedBytes >= Math.max(limit, FRAME_HEADER_BYTES)) throw new FuzzViolation(`the decoder holds ${decoder.bufferedBytes} bytes (limit ${limit})`);
      }
      if (!raw && mutations.length === 0) {
        if (error) throw new FuzzViolation(`well-framed input was refused: ${error.message}`);
        if (got.length !== fitting.length || got.some((f, i) => !f.equals(fitting[i]!))) throw new FuzzViolation('well-framed input did not round-trip');
      }
    },
  };
}

export function cipherTarget(opts: TargetOptions = {}): FuzzTarget {
  const bound = opts.syncBoundMs ?? 2000;
  // Fixed keys so a replay needs only the seed; 56 and 8 bytes (both key sizes the door accepts).
  const key56 = 'a1'.repeat(56);
  const key8 = '0123456789abcdef';
  const ciphers = [new CryptCbc('blowfish', key56), new CryptCbc('des', key56), new CryptCbc('des', key8)];
  const arb = fc.record({
    cipher: fc.nat(ciphers.length - 1),
    plain: fc.oneof(fc.constantFrom(...OPS_SEEDS.map((s) => Buffer.from(s, 'utf8'))), fc.uint8Array({ maxLength: 300 }).map((u) => Buffer.from(u))),
    iv: fc.uint8Array({ minLength: 8, maxLength: 8 }),
    mutations: fc.array(mutationArb, { maxLength: 4 }),
    garbage: fc.option(fc.oneof(
      fc.uint8Array({ maxLength: 400 }).map((u) => Buffer.from(u)),
      fc.uint8Array({ maxLength: 400 }).map((u) => Buffer.concat([Buffer.from('RandomIV'), Buffer.from(u)])),
    ), { freq: 3 }),
  });
  return {
    name: 'xcp-cipher',
    arbitrary: arb as fc.Arbitrary<unknown>,
    async check(value) {
      const { cipher, plain, iv, mutations, garbage } = value as { cipher: number; plain: Buffer; iv: Uint8Array; mutations: Mutation[]; garbage: Buffer | null };
      const c = ciphers[cipher]!;
      const message = c.encrypt(plain, Buffer.from(iv));
      const input = garbage ?? mutate(message, [message, ...TOKENS], mutations);
      const r = expectOnly('CryptCbc.decrypt', [CryptCbcError], bound, () => c.decrypt(input));
      if (!garbage && mutations.length === 0 && (!r.value || !r.value.equals(plain))) throw new FuzzViolation('decrypt(encrypt(x)) != x');
      // What the TCP session does next with a decrypted message: decode it.
      if (r.value) expectOnly('decodeOps(decrypted)', [OpsDecodeError], bound, () => decodeOps(r.value!));
    },
  };
}

/** Every target, in the order the runner reports them. close() frees the processor's core. */
export async function allTargets(opts: TargetOptions = {}): Promise<{ targets: FuzzTarget[]; close(): Promise<void> }> {
  const processor = await eppProcessorTarget(opts);
  return {
    targets: [opsDecodeTarget(opts), eppParseTarget(opts), processor as FuzzTarget, xcpTcpFramingTarget(opts), eppFramingTarget(opts), cipherTarget(opts)] as FuzzTarget[],
    close: () => processor.close(),
  };
}

// --- running -------------------------------------------------------------------------------------------------------

export interface RunOptions {
  seed: number;
  /** Stop after this many inputs (default: unlimited when timeLimitMs is set, else 100). */
  numRuns?: number;
  timeLimitMs?: number;
  /** fast-check replay path of a failure (with the same seed). */
  path?: string;
  /** Heap growth allowed over the start of the run (MiB). */
  maxHeapGrowthMb?: number;
}

export interface TargetResult {
  name: string;
  runs: number;
  failed: boolean;
  seed: number;
  path?: string;
  error?: string;
  counterexample?: string;
  maxMs: number;
  heapPeakMb: number;
}

export async function runTarget(target: FuzzTarget, opts: RunOptions): Promise<TargetResult> {
  const maxHeapGrowth = (opts.maxHeapGrowthMb ?? 768) * 1024 * 1024;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapStart = process.memoryUsage().heapUsed;
  let heapPeak = heapStart;
  let maxMs = 0;
  let runs = 0;
  const property = fc.asyncProperty(target.arbitrary, async (input) => {
    runs += 1;
    const t0 = performance.now();
    await target.check(input);
    maxMs = Math.max(maxMs, performance.now() - t0);
    if (runs % 64 === 0) {
      let used = process.memoryUsage().heapUsed;
      if (used - heapStart > maxHeapGrowth && gc) { gc(); used = process.memoryUsage().heapUsed; }
      heapPeak = Math.max(heapPeak, used);
      if (used - heapStart > maxHeapGrowth) throw new FuzzViolation(`heap grew by ${((used - heapStart) / 1048576).toFixed(0)} MiB (bound ${maxHeapGrowth / 1048576} MiB)`);
    }
  });
  const details = await fc.check(property, {
    seed: opts.seed,
    path: opts.path,
    numRuns: opts.numRuns ?? (opts.timeLimitMs ? 2 ** 31 - 1 : 100),
    interruptAfterTimeLimit: opts.timeLimitMs,
    markInterruptAsFailure: false,
    // Shrinking re-runs the property many times; keep it bounded so a run ends close to its time budget.
    endOnFailure: false,
    maxSkipsPerRun: 0,
  });
  const show = (v: unknown) => {
    const s = fc.stringify(v);
    return s.length > 2000 ? `${s.slice(0, 2000)}… (${s.length} chars)` : s;
  };
  return {
    name: target.name,
    runs: details.numRuns,
    failed: details.failed,
    seed: details.seed,
    path: details.failed ? details.counterexamplePath ?? undefined : undefined,
    error: details.failed ? (details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)).slice(0, 4000) : undefined,
    counterexample: details.failed && details.counterexample ? show(details.counterexample[0]) : undefined,
    maxMs,
    heapPeakMb: Math.round(heapPeak / 1048576),
  };
}
