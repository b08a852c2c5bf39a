// Raw CBC (no padding) over the two 64-bit block ciphers the legacy OpenSRS TCP protocol allows: Blowfish and DES.
//
// Node 20's OpenSSL 3 default provider disables both 'bf-cbc' and 'des-cbc' (they live in the legacy provider, which
// only a process-wide --openssl-legacy-provider flag or OPENSSL_CONF can load, for the CLI, the tests and every
// embedding alike). So:
//   - DES uses OpenSSL's 'des-ede3-cbc', which the default provider keeps: triple DES with K1 = K2 = K3 = K is
//     encrypt-decrypt-encrypt with one key, i.e. exactly single DES (checked against Crypt::DES vectors in
//     test/xcpTcpCipher.test.ts). Parity bits are ignored by both, as Crypt::DES ignores them.
//   - Blowfish uses egoroof-blowfish, a small, dependency-free, maintained pure-JS implementation. Only its public
//     API is used: CBC mode with NULL padding adds nothing to block-aligned input, and on decryption it strips at most
//     a run of trailing zero bytes, which we put back, so the result is the exact raw CBC plaintext.
// Padding (PKCS#5) and the RandomIV header are Crypt::CBC's business and live in cryptCbc.ts.
import crypto from 'node:crypto';
import { Blowfish } from 'egoroof-blowfish';

export type CryptType = 'blowfish' | 'des';
export const CRYPT_TYPES: readonly CryptType[] = ['blowfish', 'des'];

export const BLOCK_BYTES = 8;
/** The key size Crypt::CBC derives for each cipher: Crypt::Blowfish's max_keysize (56), Crypt::DES's keysize (8). */
export const CIPHER_KEY_BYTES: Record<CryptType, number> = { blowfish: 56, des: 8 };

export interface CbcBlockCipher {
  /** data.length must be a multiple of 8; returns the same number of bytes. */
  encrypt(iv: Buffer, data: Buffer): Buffer;
  decrypt(iv: Buffer, data: Buffer): Buffer;
}

export function isCryptType(value: string): value is CryptType {
  return (CRYPT_TYPES as readonly string[]).includes(value);
}

export function createCbcBlockCipher(type: CryptType, key: Buffer): CbcBlockCipher {
  if (key.length !== CIPHER_KEY_BYTES[type]) throw new Error(`${type} needs a ${CIPHER_KEY_BYTES[type]}-byte key, got ${key.length}`);
  return type === 'des' ? desCbc(key) : blowfishCbc(key);
}

function checkShape(iv: Buffer, data: Buffer): void {
  if (iv.length !== BLOCK_BYTES) throw new Error(`the IV must be ${BLOCK_BYTES} bytes`);
  if (data.length % BLOCK_BYTES !== 0) throw new Error(`CBC data must be a multiple of ${BLOCK_BYTES} bytes`);
}

function desCbc(key: Buffer): CbcBlockCipher {
  const ede3Key = Buffer.concat([key, key, key]);
  const run = (decipher: boolean, iv: Buffer, data: Buffer): Buffer => {
    checkShape(iv, data);
    const c = decipher ? crypto.createDecipheriv('des-ede3-cbc', ede3Key, iv) : crypto.createCipheriv('des-ede3-cbc', ede3Key, iv);
    c.setAutoPadding(false);
    return Buffer.concat([c.update(data), c.final()]);
  };
  return { encrypt: (iv, data) => run(false, iv, data), decrypt: (iv, data) => run(true, iv, data) };
}

function blowfishCbc(key: Buffer): CbcBlockCipher {
  // The key schedule (521 block encryptions) runs once per session; setIv only stores the IV, and calls are
  // synchronous, so one instance serves every message of a connection.
  const bf = new Blowfish(new Uint8Array(key), Blowfish.MODE.CBC, Blowfish.PADDING.NULL);
  return {
    encrypt(iv, data) {
      checkShape(iv, data);
      if (data.length === 0) return Buffer.alloc(0); // NULL padding would add a zero block to empty input
      bf.setIv(new Uint8Array(iv));
      return Buffer.from(bf.encode(new Uint8Array(data)));
    },
    decrypt(iv, data) {
      checkShape(iv, data);
      if (data.length === 0) return Buffer.alloc(0);
      bf.setIv(new Uint8Array(iv));
      const plain = bf.decode(new Uint8Array(data), Blowfish.TYPE.UINT8_ARRAY);
      const out = Buffer.alloc(data.length); // zero-filled: restores the trailing zeros NULL unpadding removed
      out.set(plain);
      return out;
    },
  };
}
