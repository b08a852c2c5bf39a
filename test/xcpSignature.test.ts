import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { computeXcpSignature, verifyXcpSignature } from '../src/protocols/xcp/xcpSignature.ts';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

test('md5 known answer used by OpenSRS docs', () => {
  assert.equal(md5('ConnecttoOpenSRSviaSSL'), 'e787cc1d1951dfec4827cede7b1a0933');
});

test('computeXcpSignature = md5(md5(body+key)+key), lowercase hex', () => {
  const body = '<?xml version="1.0"?><OPS_envelope/>';
  const key = 'abc123';
  const sig = computeXcpSignature(body, key);
  assert.equal(sig, md5(md5(body + key) + key));
  assert.match(sig, /^[0-9a-f]{32}$/);
  assert.equal(computeXcpSignature(Buffer.from(body), key), sig);
});

test('computeXcpSignature hashes exact bytes (non-UTF-8 body)', () => {
  const body = Buffer.from([0x3c, 0xff, 0xfe, 0x3e]);
  const key = 'k';
  const inner = createHash('md5').update(Buffer.concat([body, Buffer.from(key)])).digest('hex');
  assert.equal(computeXcpSignature(body, key), md5(inner + key));
});

test('verifyXcpSignature accepts correct (any case), rejects wrong', () => {
  const body = Buffer.from('<body/>');
  const key = 'secret';
  const sig = computeXcpSignature(body, key);
  assert.equal(verifyXcpSignature(body, key, sig), true);
  assert.equal(verifyXcpSignature(body, key, sig.toUpperCase()), true);
  assert.equal(verifyXcpSignature(body, 'other', sig), false);
  assert.equal(verifyXcpSignature(Buffer.from('<body />'), key, sig), false);
  const flipped = (sig[0] === '0' ? '1' : '0') + sig.slice(1);
  assert.equal(verifyXcpSignature(body, key, flipped), false);
});

test('verifyXcpSignature returns false (no throw) on wrong length', () => {
  const body = Buffer.from('<body/>');
  assert.equal(verifyXcpSignature(body, 'k', ''), false);
  assert.equal(verifyXcpSignature(body, 'k', 'abc'), false);
  assert.equal(verifyXcpSignature(body, 'k', computeXcpSignature(body, 'k') + '0'), false);
  assert.equal(verifyXcpSignature(body, 'k', 'é'.repeat(16)), false);
});
