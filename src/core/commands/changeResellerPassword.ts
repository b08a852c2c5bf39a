// A reseller changes its own password (the EPP and web password) knowing the current one: the web's form for what
// EPP login's <newPW> does. The new password obeys the same rules (resellers.ts validateResellerPassword: 6-16
// characters, no spaces, not the username, not one character repeated, not the current one) and is stored the same
// way (scrypt). A wrong current password is auth_failed and changes nothing; the door counts it as a failed login.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { authenticateReseller, findResellerById, prepareResellerPassword, storeResellerPassword } from './resellers.ts';

export async function changeResellerPassword(core: Core, input: { resellerId: number; currentPassword: string; newPassword: string }): Promise<void> {
  const r = await findResellerById(core, input.resellerId);
  if (!r) throw new CoreError('not_found', 'Reseller not found', 'username');
  const verified = await authenticateReseller(core, r.username, input.currentPassword);
  if (!verified || verified.id !== r.id) throw new CoreError('auth_failed', 'The current password is wrong', 'currentPassword');
  // Hashing takes tens of milliseconds; the rules are checked first, so a refused password costs none.
  const prepared = await prepareResellerPassword(input.newPassword, r.username, input.currentPassword);
  await storeResellerPassword(core, r.id, prepared);
}
