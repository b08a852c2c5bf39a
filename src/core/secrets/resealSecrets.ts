// Bringing every sealed column under the current key: at start (values stored before sealing existed get sealed) and
// by `regd keys rotate` (after a new key is put first in the ring). One transaction per reseller row, so a crash
// leaves every row readable under the ring that holds both keys.
import type { Core } from '../core.ts';
import { SecretBox } from './secretBox.ts';

/** Re-seals every value not sealed under the current key; returns how many rows changed. */
export async function resealSecrets(core: Core): Promise<number> {
  const box = core.secrets;
  const rows = await core.db.selectFrom('resellers').select(['id', 'private_key', 'password_hash']).execute();
  let changed = 0;
  for (const r of rows) {
    const keyStale = SecretBox.keyIdOf(r.private_key) !== box.currentKeyId;
    const hashStale = SecretBox.keyIdOf(r.password_hash) !== box.currentKeyId;
    if (!keyStale && !hashStale) continue;
    await core.db.updateTable('resellers').set({
      private_key: box.seal(box.open(r.private_key, 'reseller.private_key'), 'reseller.private_key'),
      password_hash: box.seal(box.open(r.password_hash, 'reseller.password_hash'), 'reseller.password_hash'),
    }).where('id', '=', r.id).where('private_key', '=', r.private_key).where('password_hash', '=', r.password_hash).execute();
    changed += 1;
  }
  return changed;
}
