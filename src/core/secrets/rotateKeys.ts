// `regd keys rotate`: a new key goes first in the ring file, every sealed value is sealed again under it, and the old
// keys stay in the ring (retired: they only open) until `--drop-retired` finds no value still sealed under them. A
// running server picks up the new key the first time it opens a value sealed under it (or at restart); until then it
// may still seal under the old one, which is why old keys are only dropped when nothing uses them.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { loadKeyRing, newSecretKey, writeKeyFile, SECRET_KEY_ENV } from './keyRing.ts';
import { SecretBox } from './secretBox.ts';
import { resealSecrets } from './resealSecrets.ts';

export interface RotationReport { currentKeyId: string; resealed: number; retiredKeyIds: string[]; droppedKeyIds: string[] }

async function keyIdsInUse(core: Core): Promise<Set<string>> {
  const rows = await core.db.selectFrom('resellers').select(['private_key', 'password_hash']).execute();
  return new Set(rows.flatMap((r) => [SecretBox.keyIdOf(r.private_key), SecretBox.keyIdOf(r.password_hash)]).filter((id): id is string => id !== undefined));
}

export async function rotateKeys(core: Core, dataDir: string, opts: { dropRetired?: boolean } = {}): Promise<RotationReport> {
  const ring = loadKeyRing(dataDir);
  if (ring.source.kind === 'env') {
    throw new CoreError('not_supported', `The key ring comes from ${SECRET_KEY_ENV}: put a new key first in it (ID:BASE64 of 32 random bytes, then the old ones), restart, and the store is resealed at start`);
  }
  const file = ring.source.path;
  let keys = ring.keys;
  let resealed = 0;
  if (!opts.dropRetired) {
    keys = [newSecretKey(), ...ring.keys];
    writeKeyFile(file, keys);
    core.secrets = new SecretBox(keys);
    resealed = await resealSecrets(core);
  }
  let dropped: string[] = [];
  if (opts.dropRetired) {
    // Anything a running server sealed under an older key since the last rotation is brought forward first.
    core.secrets = new SecretBox(keys);
    resealed = await resealSecrets(core);
    const used = await keyIdsInUse(core);
    dropped = keys.slice(1).map((k) => k.id).filter((id) => !used.has(id));
    keys = keys.filter((k, i) => i === 0 || !dropped.includes(k.id));
    writeKeyFile(file, keys);
  }
  return { currentKeyId: keys[0].id, resealed, retiredKeyIds: keys.slice(1).map((k) => k.id), droppedKeyIds: dropped };
}
