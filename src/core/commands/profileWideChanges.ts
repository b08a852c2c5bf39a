// Applying one change to many domains (UPDATE_CONTACTS, and MODIFY with affect_domains=1): the input is validated
// once before anything is written, then each domain is changed in its own transaction and gets its own outcome,
// as OpenSRS reports per domain. A domain the change cannot apply to (a TLD without locking, an owner change during
// a trade) is reported and skipped; the others are changed.
import type { Core } from '../core.ts';
import { CoreError, type CoreErrorKind } from '../errors.ts';
import { CONTACT_ROLES, validateContact, type ContactRole } from '../contact.ts';
import type { DomainRow } from './findDomain.ts';
import { updateDomainContacts } from './updateDomainContacts.ts';
import { recordMail } from '../outbox.ts';

export type DomainOutcome = { name: string; ok: true } | { name: string; ok: false; kind: CoreErrorKind; message: string };

export async function applyToDomains(domains: DomainRow[], change: (d: DomainRow) => Promise<unknown>): Promise<DomainOutcome[]> {
  const out: DomainOutcome[] = [];
  for (const d of domains) {
    try {
      await change(d);
      out.push({ name: d.name, ok: true });
    } catch (err) {
      if (!(err instanceof CoreError)) throw err;
      out.push({ name: d.name, ok: false, kind: err.kind, message: err.message });
    }
  }
  return out;
}

/** Validates a contact set for the given roles; every role named must be present. */
export function validateRoles(input: Partial<Record<string, Partial<Record<string, string>>>>, types: string[]): ContactRole[] {
  if (types.length === 0) throw new CoreError('missing_field', 'Missing required field: types', 'types');
  const roles: ContactRole[] = [];
  for (const t of types.map((x) => x.trim().toLowerCase())) {
    if (!CONTACT_ROLES.includes(t as ContactRole)) throw new CoreError('invalid_value', `Invalid data: types must be owner, admin, billing or tech, not ${t}`, 'types');
    if (!input[t]) throw new CoreError('missing_field', `Missing required field: contact_set.${t}`, `contact_set.${t}`);
    validateContact(input[t]!, `contact_set.${t}`);
    if (!roles.includes(t as ContactRole)) roles.push(t as ContactRole);
  }
  return roles;
}

/** Replaces the given roles' contacts on every domain; the owner of a domain with a pending trade is left alone. */
export async function updateContactsOn(core: Core, domains: DomainRow[], input: Partial<Record<string, Partial<Record<string, string>>>>, roles: ContactRole[]): Promise<DomainOutcome[]> {
  const subset: Partial<Record<string, Partial<Record<string, string>>>> = {};
  for (const r of roles) subset[r] = input[r];
  return applyToDomains(domains, async (d) => {
    await updateDomainContacts(core, d, subset);
  });
}

/** UPDATE_CONTACTS' report_email: a summary of the outcome per domain, in the outbox. */
export async function mailContactUpdateReport(core: Core, resellerId: number, to: string, outcomes: DomainOutcome[]): Promise<void> {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(to)) throw new CoreError('invalid_value', 'Invalid data: report_email is not an e-mail address', 'report_email');
  const now = await core.clock.now();
  const lines = outcomes.map((o) => `${o.name}: ${o.ok ? 'updated' : `not updated (${o.message})`}`);
  await core.db.transaction().execute(async (trx) => {
    await recordMail(trx, {
      resellerId, domainId: null, domainName: outcomes[0]?.name ?? '', kind: 'update_contacts_report', to, at: now,
      subject: `Contact update: ${outcomes.filter((o) => o.ok).length} of ${outcomes.length} domains updated`,
      body: lines.join('\n'),
    });
  });
}
