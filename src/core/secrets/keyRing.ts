// The keys that seal secrets at rest (secretBox.ts): a ring of 256-bit keys, the first one current (it seals), the
// others kept so values sealed before a rotation still open. The ring comes from REGD_SECRET_KEY (for several nodes on
// one store, which must share it: "ID:BASE64[,ID:BASE64...]") or from a key file in the data folder, made on first
// start from the CSPRNG with mode 0600 and never printed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SecretKey { id: string; key: Buffer }
export interface KeyRing { keys: SecretKey[]; source: { kind: 'env' } | { kind: 'file'; path: string } }

export const SECRET_KEY_ENV = 'REGD_SECRET_KEY';
export const KEY_FILE_NAME = 'secret.key';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export function newSecretKey(): SecretKey {
  return { id: `k${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`, key: crypto.randomBytes(32) };
}

/** "ID:BASE64" entries separated by commas or new lines; every key exactly 32 bytes. */
export function parseKeyRing(text: string, where: string): SecretKey[] {
  const entries = text.split('\n').filter((l) => !l.trim().startsWith('#')).join(',').split(',');
  const keys = entries.map((l) => l.trim()).filter((l) => l !== '').map((entry) => {
    const [id, b64] = entry.split(':');
    const key = Buffer.from(b64 ?? '', 'base64');
    if (!id || !KEY_ID.test(id) || key.length !== 32) throw new Error(`${where}: each key is ID:BASE64 with a 32-byte key (id: letters, digits, _ and -)`);
    return { id, key };
  });
  if (keys.length === 0) throw new Error(`${where}: no key`);
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error(`${where}: a key id appears twice`);
  return keys;
}

export function formatKeyRing(keys: SecretKey[]): string {
  return `# regd secret keys: the first seals, all open. Keep this file private (mode 0600) and backed up with the store.\n${keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join('\n')}\n`;
}

/** The ring from the environment, else from DIR/secret.key, created when missing. */
export function loadKeyRing(dataDir: string, env: NodeJS.ProcessEnv = process.env): KeyRing {
  const fromEnv = env[SECRET_KEY_ENV];
  if (fromEnv) return { keys: parseKeyRing(fromEnv, SECRET_KEY_ENV), source: { kind: 'env' } };
  const file = path.join(dataDir, KEY_FILE_NAME);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    // wx: two processes starting at once must not each write a different key; the loser reads the winner's.
    try { fs.writeFileSync(file, formatKeyRing([newSecretKey()]), { mode: 0o600, flag: 'wx' }); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; }
  }
  const mode = fs.statSync(file).mode & 0o077;
  if (mode !== 0) fs.chmodSync(file, 0o600);
  return { keys: parseKeyRing(fs.readFileSync(file, 'utf8'), file), source: { kind: 'file', path: file } };
}

/** Replaces the key file atomically (write, fsync, rename), so a crash leaves the old or the new ring, never half. */
export function writeKeyFile(file: string, keys: SecretKey[]): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try { fs.writeSync(fd, formatKeyRing(keys)); fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
  fs.renameSync(tmp, file);
}
