// RFC 5734 framing: the header counts itself, frames survive any split or merge, impossible lengths are errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EppFrameDecoder, EppFrameError, encodeFrame, DEFAULT_MAX_FRAME_BYTES } from '../src/protocols/epp/transport/eppFraming.ts';

test('encodeFrame writes a big-endian length that includes the 4 header bytes', () => {
  const f = encodeFrame('<epp/>');
  assert.equal(f.length, 10);
  assert.deepEqual([...f.subarray(0, 4)], [0, 0, 0, 10]);
  assert.equal(f.subarray(4).toString(), '<epp/>');
  // UTF-8 bytes, not UTF-16 code units.
  assert.equal(encodeFrame('é').readUInt32BE(0), 6);
});

test('a frame delivered byte by byte comes out once, whole', () => {
  const d = new EppFrameDecoder();
  const bytes = encodeFrame('<epp>hello</epp>');
  const out: Buffer[] = [];
  for (const b of bytes) {
    const r = d.push(Buffer.from([b]));
    assert.equal(r.error, undefined);
    out.push(...r.frames);
  }
  assert.deepEqual(out.map(String), ['<epp>hello</epp>']);
  assert.equal(d.bufferedBytes, 0);
});

test('two frames and the start of a third in one read', () => {
  const d = new EppFrameDecoder();
  const third = encodeFrame('<c/>');
  const r = d.push(Buffer.concat([encodeFrame('<a/>'), encodeFrame('<b/>'), third.subarray(0, 6)]));
  assert.deepEqual(r.frames.map(String), ['<a/>', '<b/>']);
  assert.deepEqual(d.push(third.subarray(6)).frames.map(String), ['<c/>']);
});

test('a length above the limit is an error as soon as the header is complete', () => {
  const d = new EppFrameDecoder(100);
  const header = Buffer.alloc(4);
  header.writeUInt32BE(101);
  assert.equal(d.push(header.subarray(0, 3)).error, undefined);
  const r = d.push(header.subarray(3));
  assert.ok(r.error instanceof EppFrameError);
  assert.equal(r.error.kind, 'too_large');
  assert.equal(r.error.announced, 101);
  // The stream is unusable from here on.
  assert.ok(d.push(encodeFrame('<ok/>')).error);
  // Exactly the limit is fine.
  const ok = new EppFrameDecoder(100);
  assert.equal(ok.push(encodeFrame('x'.repeat(96))).frames[0]!.length, 96);
});

test('lengths 0-4 are errors; frames decoded before the bad header are still returned', () => {
  for (const n of [0, 1, 4]) {
    const d = new EppFrameDecoder();
    const bad = Buffer.alloc(4);
    bad.writeUInt32BE(n);
    const r = d.push(Buffer.concat([encodeFrame('<first/>'), bad]));
    assert.deepEqual(r.frames.map(String), ['<first/>']);
    assert.equal(r.error?.kind, 'too_small');
  }
});

test('the default limit is 1 MiB; huge announced lengths are refused without buffering', () => {
  const d = new EppFrameDecoder();
  assert.equal(d.maxFrameBytes, DEFAULT_MAX_FRAME_BYTES);
  assert.equal(d.push(Buffer.from([0xff, 0xff, 0xff, 0xff])).error?.kind, 'too_large');
  assert.throws(() => new EppFrameDecoder(4), RangeError);
});

test('property: any split of a concatenation of frames yields exactly those frames', () => {
  fc.assert(fc.property(
    fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { minLength: 1, maxLength: 12 }),
    fc.array(fc.nat(), { maxLength: 40 }),
    (payloads, cutSeeds) => {
      const stream = Buffer.concat(payloads.map((p) => encodeFrame(Buffer.from(p))));
      const cuts = [...new Set(cutSeeds.map((s) => s % (stream.length + 1)))].sort((a, b) => a - b);
      const d = new EppFrameDecoder();
      const out: Buffer[] = [];
      let from = 0;
      for (const at of [...cuts, stream.length]) {
        const r = d.push(stream.subarray(from, at));
        assert.equal(r.error, undefined);
        out.push(...r.frames);
        from = at;
      }
      assert.deepEqual(out.map((b) => b.toString('hex')), payloads.map((p) => Buffer.from(p).toString('hex')));
      assert.equal(d.bufferedBytes, 0);
    },
  ), { numRuns: 300 });
});

test('property: an oversize announced length is an error however the bytes are split', () => {
  fc.assert(fc.property(fc.integer({ min: 1001, max: 0xffffffff }), fc.integer({ min: 1, max: 3 }), (len, cut) => {
    const header = Buffer.alloc(4);
    header.writeUInt32BE(len);
    const d = new EppFrameDecoder(1000);
    assert.equal(d.push(header.subarray(0, cut)).error, undefined);
    assert.equal(d.push(header.subarray(cut)).error?.kind, 'too_large');
  }));
});
