// XCP/TCP framing: both framings survive any split of the byte stream, the server detects the client's framing from
// its first bytes, and malformed or oversized frames fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { detectFraming, encodeFrame, FrameReader, XcpFramingError, type XcpTcpFraming } from '../src/protocols/xcp/tcp/tcpFraming.ts';

function feed(reader: FrameReader, bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let at = 0;
  for (const p of [...points, bytes.length]) {
    out.push(...reader.push(bytes.subarray(at, p)));
    at = p;
  }
  return out;
}

const framings: XcpTcpFraming[] = ['content-length', 'length-prefix'];

test('property: any split of a stream of frames yields the same messages, fixed or detected framing', () => {
  fc.assert(fc.property(
    fc.constantFrom(...framings),
    fc.boolean(),
    fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 6 }),
    fc.array(fc.nat(), { maxLength: 12 }),
    (framing, detect, messages, cuts) => {
      // A detected stream must start like a real first message (XML or ciphertext), not with arbitrary bytes.
      const msgs = messages.map((m, i) => (i === 0 && detect ? Buffer.concat([Buffer.from('<?xml'), m]) : Buffer.from(m)));
      const stream = Buffer.concat(msgs.map((m) => encodeFrame(framing, m)));
      const reader = new FrameReader({ framing: detect ? undefined : framing, maxMessageBytes: 1 << 20 });
      assert.deepEqual(feed(reader, stream, cuts), msgs);
      assert.equal(reader.framing, framing);
    },
  ));
});

test('Content-Length: leading blank lines, any case, optional space, LF or CRLF, zero length', () => {
  const r = new FrameReader({ maxMessageBytes: 100 });
  const got = r.push(Buffer.from('\r\n\r\n\ncontent-length:3\n\nabcCONTENT-LENGTH:   2 \r\n\r\nxyContent-Length: 0\r\n\r\n'));
  assert.deepEqual(got.map(String), ['abc', 'xy', '']);
  assert.equal(r.framing, 'content-length');
  // A missing blank line after the header is tolerated.
  assert.deepEqual(new FrameReader({ maxMessageBytes: 100 }).push(Buffer.from('Content-Length: 4\r\nRand')).map(String), ['Rand']);
});

test('detection waits for enough bytes, and a 2-byte prefix is never taken for a header', () => {
  assert.equal(detectFraming(Buffer.from('\r\n')), 'undecided');
  assert.equal(detectFraming(Buffer.from('Conte')), 'undecided');
  assert.equal(detectFraming(Buffer.from('Content-Length:')), 'content-length');
  assert.equal(detectFraming(Buffer.from([0x01, 0x2c, 0x3c])), 'length-prefix');
  // 0x436f ("Co") as a length followed by XML is a prefix, not a header.
  assert.equal(detectFraming(Buffer.from('Co<?xml')), 'length-prefix');
  assert.equal(detectFraming(Buffer.from([0x0d, 0x0a, 0x3c, 0x3f])), 'length-prefix');
  const r = new FrameReader({ maxMessageBytes: 100 });
  assert.deepEqual(r.push(Buffer.from([0x00])), []);
  assert.deepEqual(r.push(Buffer.from([0x02, 0x68, 0x69])).map(String), ['hi']);
  assert.equal(r.framing, 'length-prefix');
});

test('malformed headers, oversized lengths and long header lines fail, and the reader stays failed', () => {
  const bad = [
    'Content-Type: text/xml\r\n\r\n',
    'Content-Length: 12x\r\n\r\n',
    'Content-Length: -1\r\n\r\n',
    'Content-Length: 101\r\n\r\n',
    `Content-Length: ${'1'.repeat(80)}`,
  ];
  for (const b of bad) {
    const r = new FrameReader({ framing: 'content-length', maxMessageBytes: 100 });
    assert.throws(() => r.push(Buffer.from(b)), XcpFramingError, JSON.stringify(b));
    assert.throws(() => r.push(Buffer.from('Content-Length: 1\r\n\r\nx')), XcpFramingError);
  }
  const p = new FrameReader({ framing: 'length-prefix', maxMessageBytes: 100 });
  assert.throws(() => p.push(Buffer.from([0x00, 0x65])), XcpFramingError);
});

test('encodeFrame: Content-Length header, and the 2-byte prefix refuses more than 65535 bytes', () => {
  assert.equal(encodeFrame('content-length', Buffer.from('abc')).toString(), 'Content-Length: 3\r\n\r\nabc');
  assert.deepEqual([...encodeFrame('length-prefix', Buffer.from('abc'))], [0, 3, 97, 98, 99]);
  assert.equal(encodeFrame('length-prefix', Buffer.alloc(65535)).length, 65537);
  assert.throws(() => encodeFrame('length-prefix', Buffer.alloc(65536)), XcpFramingError);
});

test('a body arriving one byte at a time costs linear time', () => {
  const r = new FrameReader({ framing: 'content-length', maxMessageBytes: 1 << 20 });
  const body = Buffer.alloc(200_000, 0x41);
  const stream = encodeFrame('content-length', body);
  const t0 = performance.now();
  let frames: Buffer[] = [];
  for (let i = 0; i < stream.length; i++) frames = frames.concat(r.push(stream.subarray(i, i + 1)));
  assert.equal(frames.length, 1);
  assert.ok(frames[0]!.equals(body));
  assert.ok(performance.now() - t0 < 2_000, 'no quadratic re-copying');
});
