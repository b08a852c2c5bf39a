// The message encryption of the legacy OpenSRS TCP protocol, byte-compatible with Perl's Crypt::CBC as the OpenSRS
// Perl client sets it up:
//
//   Crypt::CBC->new(-key => pack('H*', $private_key), -cipher => 'Blowfish' | 'DES', -header => 'randomiv')
//
// (or, before Crypt::CBC 2.17, `Crypt::CBC->new(pack('H*', $key), $cipher)`, whose default header was the same).
//   - The packed private key (56 bytes; 8 for old keys) is a passphrase, not the cipher key: the cipher key is
//     MD5(passphrase), extended by MD5 of everything so far, cut to the cipher's key size (56 bytes for Blowfish,
//     8 for DES). The seed's remark that DES "ignores everything after the first 8 bytes" of the key is not what
//     Crypt::CBC does: the MD5 covers the whole key. test/fixtures/make-crypt-cbc-vectors.pl pins this down.
//   - Every message is "RandomIV" + an 8-byte IV + the CBC ciphertext of the PKCS#5-padded plaintext, with a fresh
//     random IV per message.
// Decryption checks the header, the length and the padding strictly (Crypt::CBC itself does not check padding):
// anything else is garbage or a wrong key, and the caller drops the connection.
import crypto from 'node:crypto';
import { BLOCK_BYTES, CIPHER_KEY_BYTES, createCbcBlockCipher, type CbcBlockCipher, type CryptType } from './cbcBlockCipher.ts';

export const RANDOM_IV_HEADER = Buffer.from('RandomIV', 'latin1');
const HEADER_BYTES = RANDOM_IV_HEADER.length + BLOCK_BYTES;

/** Not a message we can decrypt: no RandomIV header, a ragged length, or bad padding (garbage or a wrong key). */
export class CryptCbcError extends Error {}

/** Perl's pack('H*', $hex) for well-formed hex: the reseller's private key as bytes. */
export function packPrivateKey(hex: string): Buffer {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) throw new Error('a private key must be a non-empty, even-length hex string');
  return Buffer.from(hex, 'hex');
}

/** Crypt::CBC's passphrase-to-key derivation for its randomiv header mode (Crypt::CBC::PBKDF::randomiv). */
export function deriveCipherKey(passphrase: Buffer, keyBytes: number): Buffer {
  let material = md5(passphrase);
  while (material.length < keyBytes) material = Buffer.concat([material, md5(material)]);
  return material.subarray(0, keyBytes);
}

function md5(data: Buffer): Buffer {
  return crypto.createHash('md5').update(data).digest();
}

export function pkcs5Pad(data: Buffer): Buffer {
  const pad = BLOCK_BYTES - (data.length % BLOCK_BYTES);
  return Buffer.concat([data, Buffer.alloc(pad, pad)]);
}

export function pkcs5Unpad(data: Buffer): Buffer {
  const pad = data.length ? data[data.length - 1]! : 0;
  if (pad < 1 || pad > BLOCK_BYTES || pad > data.length) throw new CryptCbcError('bad padding');
  for (let i = data.length - pad; i < data.length; i++) if (data[i] !== pad) throw new CryptCbcError('bad padding');
  return data.subarray(0, data.length - pad);
}

export class CryptCbc {
  private readonly cipher: CbcBlockCipher;

  constructor(readonly cryptType: CryptType, privateKeyHex: string) {
    const key = deriveCipherKey(packPrivateKey(privateKeyHex), CIPHER_KEY_BYTES[cryptType]);
    this.cipher = createCbcBlockCipher(cryptType, key);
  }

  /** "RandomIV" + IV + ciphertext. The IV is random unless given (tests compare against fixed-IV vectors). */
  encrypt(plaintext: Buffer, iv: Buffer = crypto.randomBytes(BLOCK_BYTES)): Buffer {
    if (iv.length !== BLOCK_BYTES) throw new Error(`the IV must be ${BLOCK_BYTES} bytes`);
    return Buffer.concat([RANDOM_IV_HEADER, iv, this.cipher.encrypt(iv, pkcs5Pad(plaintext))]);
  }

  decrypt(message: Buffer): Buffer {
    if (message.length < HEADER_BYTES + BLOCK_BYTES || !message.subarray(0, RANDOM_IV_HEADER.length).equals(RANDOM_IV_HEADER)) {
      throw new CryptCbcError('not a RandomIV message');
    }
    const body = message.subarray(HEADER_BYTES);
    if (body.length % BLOCK_BYTES !== 0) throw new CryptCbcError('ciphertext is not a whole number of blocks');
    const iv = message.subarray(RANDOM_IV_HEADER.length, HEADER_BYTES);
    return pkcs5Unpad(this.cipher.decrypt(Buffer.from(iv), Buffer.from(body)));
  }
}
