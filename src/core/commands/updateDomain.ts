// Changing a domain as one set of additions, removals and changes (the EPP <update> shape): delegation hosts,
// contacts by handle, client status values, the registrant, the auth code, DS records and extension settings.
// Removals apply before additions. Adding something already there or removing something absent is refused
// (policy_violation), so a client never believes a change happened that did not. A domain in redemption or with
// a pending transfer refuses updates; clientUpdateProhibited refuses every update that does not remove it. All
// of it, with one history row, commits in one transaction.
// The JSON API's PATCH states the result instead of the steps: a whole new delegation, a contact per role (by handle
// or as contact data, replacing whatever holds the role), WHOIS privacy. Those are changes like the others here, so
// they obey the same guard and land in the same transaction.
import { changeDomain } from '../orders/changeDomain.ts';
import { assertDomainAllows, type DomainGuard, type DomainState } from '../domainGuard.ts';
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { recordHistory } from '../history.ts';
import { parseHostname } from '../domainName.ts';
import { CLIENT_STATUSES, clientStatusesOf, storeClientStatuses, type ClientStatus } from '../domainStatus.ts';
import { checkDelegationSize, readDelegation, validateDelegation, validateDelegationHost, writeDelegation, type DelegationInput } from '../delegation.ts';
import { readContactHandles, resolveContactHandle, setContactRole, type ContactRef } from '../contactHandles.ts';
import { attachContacts } from '../domainContacts.ts';
import { assertRoleGivenOnce, validateInlineContacts, type InlineContactInput } from '../inlineContacts.ts';
import type { ContactRole } from '../contact.ts';
import { validateAuthCode } from '../domainAuthCode.ts';
import { generateAuthCode } from '../secrets.ts';
import { applyDsChange, readDsRecords, writeDsRecords, dsKey, type DsChange } from './dsRecords.ts';
import type { DomainRow } from './findDomain.ts';

export interface DomainUpdate {
  addNs: DelegationInput[];
  remNs: string[];
  addContacts: ContactRef[];
  remContacts: ContactRef[];
  addStatuses: string[];
  remStatuses: string[];
  /** A contact handle; '' (nullify) is refused: every domain keeps a registrant. */
  registrant?: string;
  authCode?: string;
  resetAuthCode?: boolean;
  ds?: DsChange;
  autoRenew?: boolean;
  locked?: boolean;
  /** Merged into the stored extension data (domains.op_ext): a non-empty value sets a field, '' removes it. */
  extData?: Record<string, string>;
  /** The whole new delegation, replacing the current one (not together with addNs/remNs). */
  nameservers?: DelegationInput[];
  /** The contact to hold each role given, by handle, replacing the current one ('owner' is the registrant). */
  setContacts?: Partial<Record<ContactRole, string>>;
  /** Contact data for roles given this way: each becomes a new contact that replaces the role's current one. */
  contactData?: InlineContactInput;
  whoisPrivacy?: boolean;
}

export const emptyDomainUpdate = (): DomainUpdate => ({ addNs: [], remNs: [], addContacts: [], remContacts: [], addStatuses: [], remStatuses: [] });

/** clientUpdateProhibited blocks every update that does not remove it (the guard's `lifting`). */
const BLOCKED_BY = new Set<DomainState>(['clientUpdateProhibited', 'pendingDelete', 'pendingTransfer']);

export interface DomainUpdateResult {
  changed: string[];
  /** 'submitted': a remote registry has not confirmed yet (EPP 1001); a poll message follows. */
  status?: 'completed' | 'submitted';
  /** The order that carried the change to a remote registry, if one did. */
  orderId?: number;
}

function asClientStatus(s: string): ClientStatus {
  if (!(CLIENT_STATUSES as readonly string[]).includes(s)) throw new CoreError('policy_violation', `Status ${s} cannot be set or removed by a client`, 'status');
  return s as ClientStatus;
}

export async function updateDomainObject(core: Core, resellerId: number, d: DomainRow, u: DomainUpdate): Promise<DomainUpdateResult> {
  const addStatuses = u.addStatuses.map(asClientStatus);
  const remStatuses = u.remStatuses.map(asClientStatus);
  const guard: DomainGuard = { resellerId, blockedBy: BLOCKED_BY, action: 'update', lifting: remStatuses.filter((s) => s === 'clientUpdateProhibited') };
  // Checked before the input is validated, so a blocked domain answers with the status, whatever was sent.
  await assertDomainAllows(core.db, d, guard);
  const policy = core.registry.policy(d.tld)!;
  const addNs = u.addNs.map((h) => validateDelegationHost(h, d.name));
  const remNs = u.remNs.map(parseHostname);
  const authCode = u.authCode !== undefined && u.authCode.trim() !== '' ? validateAuthCode(u.authCode) : undefined;
  if (u.registrant !== undefined && u.registrant.trim() === '') throw new CoreError('policy_violation', 'A domain must keep a registrant', 'registrant');
  const wantsLock = addStatuses.includes('clientTransferProhibited') || u.locked === true;
  if (wantsLock && !policy.supportsLock) throw new CoreError('not_supported', `Domain locking (clientTransferProhibited) is not available for .${d.tld}`, 'status');
  if (u.nameservers !== undefined && (addNs.length > 0 || remNs.length > 0)) throw new CoreError('policy_violation', 'Give either a whole new delegation or nameservers to add and remove, not both', 'ns');
  const newDelegation = u.nameservers === undefined ? undefined : validateDelegation(u.nameservers, d.name, policy);
  const inlineContacts = validateInlineContacts(u.contactData);
  assertRoleGivenOnce(Object.keys(u.setContacts ?? {}), inlineContacts);
  if (u.whoisPrivacy && !policy.supportsWhoisPrivacy) throw new CoreError('not_supported', `WHOIS privacy is not available for .${d.tld}`, 'whoisPrivacy');
  const now = await core.clock.now();

  // At a remote registry the change goes through the order path (orders/changeDomain.ts); the sandbox's stays local.
  const applied = await changeDomain(core, d, 'EPP update', async (trx) => {
    const row = await trx.selectFrom('domains').selectAll().where('id', '=', d.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row) throw new CoreError('not_found', `Domain ${d.name} not found`, 'domain');
    const changed: string[] = [];
    const set: Record<string, string | number | null> = {};

    // status values
    const statuses = clientStatusesOf(row);
    for (const s of remStatuses) {
      if (!statuses.has(s)) throw new CoreError('policy_violation', `Domain ${d.name} does not have status ${s}`, 'rem');
      statuses.delete(s);
    }
    for (const s of addStatuses) {
      if (statuses.has(s)) throw new CoreError('policy_violation', `Domain ${d.name} already has status ${s}`, 'add');
      statuses.add(s);
    }
    if (u.locked !== undefined) { if (u.locked) statuses.add('clientTransferProhibited'); else statuses.delete('clientTransferProhibited'); }
    const stored = storeClientStatuses(statuses);
    if (stored.client_statuses !== row.client_statuses || stored.locked !== row.locked) {
      Object.assign(set, stored);
      changed.push('status');
    }

    // contacts
    const contacts = await readContactHandles(trx, d.id);
    const roleChanges = new Map<string, number | undefined>();
    for (const c of u.remContacts) {
      const current = roleChanges.has(c.role) ? undefined : contacts.get(c.role);
      if (!current || current.handle !== c.handle) throw new CoreError('policy_violation', `Contact ${c.handle} is not the ${c.role} contact of ${d.name}`, 'rem');
      roleChanges.set(c.role, undefined);
    }
    for (const c of u.addContacts) {
      const occupied = roleChanges.has(c.role) ? roleChanges.get(c.role) !== undefined : contacts.has(c.role);
      if (occupied) throw new CoreError('policy_violation', `${d.name} already has a ${c.role} contact; remove it in the same update to replace it`, 'add');
      roleChanges.set(c.role, await resolveContactHandle(trx, resellerId, c.handle));
    }
    if (u.registrant !== undefined) roleChanges.set('owner', await resolveContactHandle(trx, resellerId, u.registrant.trim()));
    for (const [role, handle] of Object.entries(u.setContacts ?? {})) {
      if (handle !== undefined) roleChanges.set(role, await resolveContactHandle(trx, resellerId, handle));
    }
    for (const [role, id] of roleChanges) {
      if (contacts.get(role)?.id === id) continue;
      await setContactRole(trx, d.id, role, id);
      changed.push(role === 'owner' ? 'registrant' : `contact:${role}`);
    }
    if (Object.keys(inlineContacts).length > 0) {
      await attachContacts(trx, d.id, resellerId, inlineContacts, now);
      for (const role of Object.keys(inlineContacts)) changed.push(role === 'owner' ? 'registrant' : `contact:${role}`);
    }

    // delegation
    if (addNs.length > 0 || remNs.length > 0) {
      let hosts = await readDelegation(trx, d.id);
      for (const name of remNs) {
        if (!hosts.some((h) => h.name === name)) throw new CoreError('policy_violation', `Nameserver ${name} is not on ${d.name}`, 'rem');
        hosts = hosts.filter((h) => h.name !== name);
      }
      for (const h of addNs) {
        if (hosts.some((x) => x.name === h.name)) throw new CoreError('policy_violation', `Nameserver ${h.name} is already on ${d.name}`, 'add');
        hosts.push({ ...h, sortOrder: 0 });
      }
      checkDelegationSize(hosts.length, policy);
      await writeDelegation(trx, d.id, hosts);
      changed.push('ns');
    }
    if (newDelegation !== undefined) {
      const current = await readDelegation(trx, d.id);
      const same = current.length === newDelegation.length && newDelegation.every((h, i) =>
        h.name === current[i].name && h.hostAttr === current[i].hostAttr && JSON.stringify(h.addresses) === JSON.stringify(current[i].addresses));
      if (!same) {
        await writeDelegation(trx, d.id, newDelegation);
        changed.push('ns');
      }
    }

    // DS records
    if (u.ds) {
      const current = await readDsRecords(trx, d.id);
      const next = applyDsChange(current, u.ds);
      const same = next.length === current.length && next.every((r) => current.some((c) => dsKey(c) === dsKey(r)));
      if (!same) {
        await writeDsRecords(trx, d.id, next);
        changed.push('secDNS');
      }
    }

    // auth code, extension settings
    if (u.resetAuthCode) { set.auth_code = generateAuthCode(); changed.push('authInfo'); }
    else if (authCode !== undefined && authCode !== row.auth_code) { set.auth_code = authCode; changed.push('authInfo'); }
    if (u.autoRenew !== undefined && Number(u.autoRenew) !== row.auto_renew) {
      set.auto_renew = u.autoRenew ? 1 : 0;
      if (u.autoRenew) set.let_expire = 0;
      changed.push('autoRenew');
    }
    if (u.whoisPrivacy !== undefined && (row.whois_privacy === 'enabled') !== u.whoisPrivacy) {
      set.whois_privacy = u.whoisPrivacy ? 'enabled' : 'disabled';
      changed.push('whoisPrivacy');
    }
    if (u.extData && Object.keys(u.extData).length > 0) {
      // A non-empty value sets a field, an empty one removes it.
      const next: Record<string, string> = JSON.parse(row.op_ext || '{}');
      for (const [k, v] of Object.entries(u.extData)) { if (v === '') delete next[k]; else next[k] = v; }
      const merged = JSON.stringify(next);
      if (merged !== row.op_ext) { set.op_ext = merged; changed.push('ext'); }
    }

    if (changed.length === 0) return { changed };
    await trx.updateTable('domains').set({ ...set, updated_at: now.toISOString(), up_reseller_id: resellerId }).where('id', '=', d.id).execute();
    await recordHistory(trx, {
      at: now, resellerId, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'update',
      detail: {
        changed, addStatuses, remStatuses, addNs: addNs.map((h) => h.name), remNs, addContacts: u.addContacts, remContacts: u.remContacts,
        registrant: u.registrant ?? null, ds: u.ds ? { removeAll: u.ds.removeAll, rem: u.ds.rem.length, add: u.ds.add.length } : null,
        ...(newDelegation ? { nameservers: newDelegation.map((h) => h.name) } : {}),
        ...(u.setContacts ? { setContacts: u.setContacts } : {}),
        ...(Object.keys(inlineContacts).length > 0 ? { contactData: Object.keys(inlineContacts) } : {}),
      },
    });
    return { changed };
  }, guard);
  return { changed: applied.result.changed, status: applied.status, ...(applied.orderId !== undefined ? { orderId: applied.orderId } : {}) };
}
