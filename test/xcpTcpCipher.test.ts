// The XCP-over-TCP cipher layer against Perl's Crypt::CBC (vectors made by test/fixtures/make-crypt-cbc-vectors.pl,
// stored so this test needs no Perl), plus round-trip properties and the strict decryption checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fc from 'fast-check';
import { Blowfish } from 'egoroof-blowfish';
import { CryptCbc, CryptCbcError, deriveCipherKey, packPrivateKey, pkcs5Pad, pkcs5Unpad } from '../src/protocols/xcp/tcp/cryptCbc.ts';
import { CIPHER_KEY_BYTES, createCbcBlockCipher, type CryptType } from '../src/protocols/xcp/tcp/cbcBlockCipher.ts';

interface Vector {
  cipher: CryptType;
  label: string;
  privateKeyHex: string;
  derivedKeyHex: string;
  ivHex: string;
  ivFromPerl: boolean;
  plaintextHex: string;
  messageHex: string;
}

const fixture = JSON.parse(fs.readFileSync(new URL('./fixtures/crypt-cbc-vectors.json', import.meta.url), 'utf8')) as { vectors: Vector[] };
const hex = (s: string) => Buffer.from(s, 'hex');

test('the fixture covers Blowfish with a 56-byte key and DES with 56- and 8-byte keys', () => {
  const kinds = new Set(fixture.vectors.map((v) => `${v.cipher}/${v.privateKeyHex.length / 2}`));
  assert.deepEqual([...kinds].sort(), ['blowfish/56', 'des/56', 'des/8']);
  assert.ok(fixture.vectors.some((v) => v.ivFromPerl), 'some vectors keep the IV Perl chose');
});

for (const v of fixture.vectors) {
  const name = `${v.cipher} ${v.privateKeyHex.length / 2}-byte key, ${v.label}`;
  test(`Crypt::CBC vector: ${name}`, () => {
    assert.equal(deriveCipherKey(packPrivateKey(v.privateKeyHex), CIPHER_KEY_BYTES[v.cipher]).toString('hex'), v.derivedKeyHex);
    const c = new CryptCbc(v.cipher, v.privateKeyHex);
    assert.equal(c.decrypt(hex(v.messageHex)).toString('hex'), v.plaintextHex, 'we decrypt what Perl encrypted');
    assert.equal(c.encrypt(hex(v.plaintextHex), hex(v.ivHex)).toString('hex'), v.messageHex, 'same IV, same bytes as Perl');
  });
}

test('standard single-block known answers: DES (FIPS 81) and Blowfish (Schneier/Eric Young)', () => {
  const des = createCbcBlockCipher('des', hex('0123456789abcdef'));
  assert.equal(des.encrypt(Buffer.alloc(8), hex('4e6f772069732074')).toString('hex'), '3fa40e8a984d4815');
  // Blowfish vectors are ECB; CBC with a zero IV on one block is the same thing.
  const bfKeyed = (key: string) => createCbcBlockCipherUnchecked(hex(key));
  assert.equal(bfKeyed('0000000000000000').encrypt(Buffer.alloc(8), hex('0000000000000000')).toString('hex'), '4ef997456198dd78');
  assert.equal(bfKeyed('ffffffffffffffff').encrypt(Buffer.alloc(8), hex('ffffffffffffffff')).toString('hex'), '51866fd5b85ecb8a');
});

// Blowfish's reference vectors use 8-byte keys; reach the raw cipher with one through the same library.
function createCbcBlockCipherUnchecked(key: Buffer) {
  const bf = new Blowfish(new Uint8Array(key), Blowfish.MODE.CBC, Blowfish.PADDING.NULL);
  return {
    encrypt(iv: Buffer, data: Buffer) {
      bf.setIv(new Uint8Array(iv));
      return Buffer.from(bf.encode(new Uint8Array(data)));
    },
  };
}

const key56 = crypto.randomBytes(56).toString('hex');
const key8 = crypto.randomBytes(8).toString('hex');

test('property: decrypt(encrypt(x)) = x for both ciphers and key sizes, with a fresh IV every time', () => {
  const ciphers = [new CryptCbc('blowfish', key56), new CryptCbc('des', key56), new CryptCbc('des', key8)];
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 2 }), (bytes, i) => {
    const c = ciphers[i]!;
    const plain = Buffer.from(bytes);
    const a = c.encrypt(plain);
    const b = c.encrypt(plain);
    assert.notDeepEqual(a.subarray(8, 16), b.subarray(8, 16), 'a fresh IV per message');
    assert.equal(a.length, 16 + plain.length + (8 - (plain.length % 8)));
    assert.deepEqual(c.decrypt(a), plain);
    assert.deepEqual(c.decrypt(b), plain);
  }), { numRuns: 300 });
});

test('property: blowfish raw CBC restores plaintexts that end in zero bytes', () => {
  const bf = createCbcBlockCipher('blowfish', crypto.randomBytes(56));
  fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 16 }), (blocks, zeros) => {
    const data = crypto.randomBytes(blocks * 8);
    data.fill(0, Math.max(0, data.length - zeros));
    const iv = crypto.randomBytes(8);
    assert.deepEqual(bf.decrypt(iv, bf.encrypt(iv, data)), data);
  }));
});

test('PKCS#5: pad then unpad is the identity; malformed padding is refused', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
    const padded = pkcs5Pad(Buffer.from(bytes));
    assert.equal(padded.length % 8, 0);
    assert.deepEqual(pkcs5Unpad(padded), Buffer.from(bytes));
  }));
  for (const bad of ['0000000000000000', '0102030405060709', '0102030405060302', '']) {
    assert.throws(() => pkcs5Unpad(hex(bad)), CryptCbcError, bad);
  }
});

test('decrypt refuses garbage, a missing header, a ragged length and the wrong key', () => {
  const c = new CryptCbc('blowfish', key56);
  const msg = c.encrypt(Buffer.from('<OPS_envelope/>'));
  assert.throws(() => c.decrypt(Buffer.from('not encrypted at all, just text')), CryptCbcError);
  assert.throws(() => c.decrypt(msg.subarray(0, msg.length - 3)), CryptCbcError);
  assert.throws(() => c.decrypt(Buffer.concat([Buffer.from('RandomIX'), msg.subarray(8)])), CryptCbcError);
  assert.throws(() => c.decrypt(msg.subarray(0, 16)), CryptCbcError);
  // A wrong key yields valid-looking padding now and then; over many messages it must fail almost always, and never
  // give back the plaintext.
  const other = new CryptCbc('blowfish', crypto.randomBytes(56).toString('hex'));
  let refused = 0;
  for (let i = 0; i < 200; i++) {
    const m = c.encrypt(crypto.randomBytes(16));
    try {
      assert.notDeepEqual(other.decrypt(m), c.decrypt(m));
    } catch (err) {
      if (!(err instanceof CryptCbcError)) throw err;
      refused++;
    }
  }
  assert.ok(refused > 150, `wrong key refused ${refused}/200`);
});

test('the private key must be hex; cipher keys have the sizes Crypt::CBC derives', () => {
  assert.throws(() => new CryptCbc('des', 'xyz'));
  assert.throws(() => new CryptCbc('des', 'abc'));
  assert.throws(() => createCbcBlockCipher('blowfish', Buffer.alloc(8)));
  assert.throws(() => createCbcBlockCipher('des', Buffer.alloc(56)));
});
