// Everything secret comes from the CSPRNG (node:crypto randomBytes / randomInt).
import crypto from 'node:crypto';

/** OpenSRS private keys: 56 random bytes as 112 lowercase hex characters (the Blowfish key size). */
export function generatePrivateKey(): string {
  return crypto.randomBytes(56).toString('hex');
}

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export function randomString(length: number, alphabet = PASSWORD_ALPHABET): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[crypto.randomInt(alphabet.length)];
  return out;
}

/** A reseller's EPP/web password: 16 characters (RFC 5730 caps EPP passwords at 16), ~93 bits. */
export function generatePassword(): string {
  return randomString(16);
}

/** Domain auth codes mix letters, digits and a symbol because several registries insist on all three. */
export function generateAuthCode(): string {
  return `${randomString(6)}-${randomString(6)}-${randomString(4, '23456789')}`;
}

export function generateToken(bytes = 24): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
