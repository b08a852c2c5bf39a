// Secrets at rest: values the server must read back in clear (a reseller's XCP private key, which signatures are
// checked with) and values that must not be usable from a stolen copy of the store (password hashes, which an offline
// guesser would attack) are sealed with AES-256-GCM under the key ring before they are stored. The purpose (column)
// is bound as associated data, so a sealed value cannot be moved into another column. A value without the prefix is
// a store from before sealing, read as it is until `resealSecrets` converts it.
import crypto from 'node:crypto';
import type { SecretKey } from './keyRing.ts';

const PREFIX = 'sealed:v1:';

export type SecretPurpose = 'reseller.private_key' | 'reseller.password_hash';

export class SecretBox {
  private keys: SecretKey[] = [];
  private byId = new Map<string, Buffer>();

  /**
   * `reload` reads the ring again from where it came from: after `regd keys rotate` in another process, a running
   * server meets a value sealed under a key it has not seen, reloads, and from then on seals under the new key too.
   */
  constructor(keys: SecretKey[], private readonly reload?: () => SecretKey[]) {
    this.use(keys);
  }

  private use(keys: SecretKey[]): void {
    if (keys.length === 0) throw new Error('SecretBox needs at least one key');
    this.keys = keys;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  get keyIds(): string[] { return this.keys.map((k) => k.id); }

  get currentKeyId(): string { return this.keys[0].id; }

  static isSealed(stored: string): boolean { return stored.startsWith(PREFIX); }

  /** The key id a sealed value was sealed under (undefined for a legacy plain value). */
  static keyIdOf(stored: string): string | undefined {
    return stored.startsWith(PREFIX) ? stored.slice(PREFIX.length).split(':')[0] : undefined;
  }

  seal(value: string, purpose: SecretPurpose): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.keys[0].key, iv);
    cipher.setAAD(Buffer.from(purpose));
    const ct = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return `${PREFIX}${this.keys[0].id}:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
  }

  /** The clear value; throws when the key is not in the ring or the value was tampered with. */
  open(stored: string, purpose: SecretPurpose): string {
    if (!stored.startsWith(PREFIX)) return stored;
    const [id, b64] = stored.slice(PREFIX.length).split(':');
    if (!this.byId.has(id) && this.reload) this.use(this.reload());
    const key = this.byId.get(id);
    if (!key) throw new Error(`a secret (${purpose}) is sealed under key ${id}, which is not in the key ring (REGD_SECRET_KEY or secret.key)`);
    const raw = Buffer.from(b64 ?? '', 'base64');
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

/** The box of a store's data folder (its secret.key, or REGD_SECRET_KEY): for tools that open a store themselves. */
export async function secretBoxFor(dataDir: string): Promise<SecretBox> {
  const { loadKeyRing } = await import('./keyRing.ts');
  return new SecretBox(loadKeyRing(dataDir).keys, () => loadKeyRing(dataDir).keys);
}
