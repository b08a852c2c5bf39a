// Changes to a live domain's settings. Each is one transaction with its history row; a change to what a remote
// registry holds (contacts, lock, auth code) goes there through the order path (orders/changeDomain.ts).
import type { Core, Tx } from '../core.ts';
import { CoreError } from '../errors.ts';
import { validateContact, CONTACT_ROLES, type ContactSet } from '../contact.ts';
import { attachContacts } from '../domainContacts.ts';
import { recordHistory } from '../history.ts';
import type { DomainRow } from './findDomain.ts';
import { changeDomain } from '../orders/changeDomain.ts';
import type { DomainState } from '../domainGuard.ts';
import type { DomainsTable } from '../../store/schema.ts';
import type { Updateable } from 'kysely';

/** What the registry holds (contacts, the lock, the auth code, WHOIS privacy's contact data): an update there. */
const REGISTRY_DATA_BLOCKED_BY = new Set<DomainState>(['clientUpdateProhibited', 'pendingDelete', 'pendingTransfer']);
/** regd's own settings (auto-renew, let-expire): only a domain pending deletion refuses them. */
const SETTING_BLOCKED_BY = new Set<DomainState>(['pendingDelete']);

async function updateDomain(core: Core, d: DomainRow, action: string, detail: Record<string, unknown>,
  change: (trx: Tx, now: Date) => Promise<Updateable<DomainsTable>>, blockedBy: ReadonlySet<DomainState> = REGISTRY_DATA_BLOCKED_BY): Promise<void> {
  const now = await core.clock.now();
  await changeDomain(core, d, action, async (trx) => {
    const set = await change(trx, now);
    await trx.updateTable('domains').set({ ...set, updated_at: now.toISOString() }).where('id', '=', d.id).where('deleted_at', 'is', null).execute();
    await recordHistory(trx, { at: now, resellerId: d.reseller_id, domainId: d.id, objectType: 'domain', objectId: d.id, action, detail });
  }, { blockedBy, action: 'change' });
}

/** Replaces the given roles of the contact set; roles not given keep their contact. */
export async function modifyContacts(core: Core, d: DomainRow, input: Partial<Record<string, Partial<Record<string, string>>>>): Promise<string[]> {
  const set: Partial<ContactSet> = {};
  for (const role of CONTACT_ROLES) {
    const c = input[role];
    if (c) set[role] = validateContact(c, `contact_set.${role}`);
  }
  const roles = Object.keys(set);
  if (roles.length === 0) throw new CoreError('missing_field', 'Missing required field: contact_set (owner, admin, billing or tech)', 'contact_set');
  await updateDomain(core, d, 'modify_contacts', { roles }, async (trx, now) => {
    await attachContacts(trx, d.id, d.reseller_id, set, now);
    return {};
  });
  return roles;
}

export async function setExpireAction(core: Core, d: DomainRow, autoRenew: boolean | undefined, letExpire: boolean | undefined): Promise<void> {
  if (autoRenew === undefined && letExpire === undefined) throw new CoreError('missing_field', 'Missing required field: auto_renew or let_expire', 'auto_renew');
  const next = { auto_renew: autoRenew === undefined ? d.auto_renew : Number(autoRenew), let_expire: letExpire === undefined ? d.let_expire : Number(letExpire) };
  // The two flags contradict each other; auto-renew wins only if let_expire is off.
  if (next.auto_renew === 1 && next.let_expire === 1) throw new CoreError('invalid_value', 'Invalid data: auto_renew and let_expire cannot both be set', 'let_expire');
  await updateDomain(core, d, 'expire_action', next, async () => next, SETTING_BLOCKED_BY);
}

export async function setLockState(core: Core, d: DomainRow, locked: boolean): Promise<void> {
  if (!core.registry.policy(d.tld)?.supportsLock) throw new CoreError('not_supported', `Domain locking is not supported for .${d.tld}`, 'lock_state');
  await updateDomain(core, d, locked ? 'lock' : 'unlock', {}, async () => ({ locked: locked ? 1 : 0 }));
}

export async function setAuthCode(core: Core, d: DomainRow, code: string): Promise<void> {
  const trimmed = code.trim();
  if (trimmed.length < 6 || trimmed.length > 32 || /[\s\x00-\x1f]/.test(trimmed)) {
    throw new CoreError('invalid_value', 'Invalid data: domain_auth_info must be 6-32 printable characters without spaces', 'domain_auth_info');
  }
  await updateDomain(core, d, 'auth_code', {}, async () => ({ auth_code: trimmed }));
}

export async function setWhoisPrivacy(core: Core, d: DomainRow, enabled: boolean): Promise<void> {
  if (!core.registry.policy(d.tld)?.supportsWhoisPrivacy) throw new CoreError('not_supported', `WHOIS privacy is not available for .${d.tld}`, 'state');
  await updateDomain(core, d, enabled ? 'whois_privacy_enable' : 'whois_privacy_disable', {}, async () => ({ whois_privacy: enabled ? 'enabled' : 'disabled' }));
}
