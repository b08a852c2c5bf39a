// SEND_PASSWORD and SEND_AUTHCODE: mails to a domain's contacts, recorded in the outbox (regd sends no mail).
// Registrant passwords are stored hashed, so the reminder names the profile's username and says how to get a new
// password; the auth code mail carries the code itself, to the admin contact as at OpenSRS.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { readContactSet } from '../domainContacts.ts';
import { recordMail } from '../outbox.ts';
import { recordHistory } from '../history.ts';
import type { DomainRow } from './findDomain.ts';

/** TLDs whose registry uses no auth codes (.UK moves by IPS tag). */
export const NO_AUTH_CODE_TLDS: readonly string[] = ['uk', 'co.uk'];

export async function sendPasswordReminder(core: Core, d: DomainRow, input: { sendTo: 'owner' | 'admin'; subUser: boolean }): Promise<{ to: string; outboxId: number }> {
  if (input.subUser) throw new CoreError('not_found', `Sub-user not found: ${d.name} has no sub-user (regd profiles have none)`, 'sub_user');
  const contacts = await readContactSet(core.db, d.id);
  const to = contacts[input.sendTo]?.email;
  if (!to) throw new CoreError('not_found', `${d.name} has no ${input.sendTo} contact e-mail`, 'send_to');
  const profile = await core.db.selectFrom('profiles').select('reg_username').where('id', '=', d.profile_id).executeTakeFirstOrThrow();
  const now = await core.clock.now();
  return core.db.transaction().execute(async (trx) => {
    const id = await recordMail(trx, {
      resellerId: d.reseller_id, domainId: d.id, domainName: d.name, kind: 'send_password', to, at: now,
      subject: `Your registrant login for ${d.name}`,
      body: `The registrant profile that manages ${d.name} signs in with the username "${profile.reg_username}". `
        + 'Passwords are stored in a form nobody can read back; if you no longer know yours, ask your provider to set a new one.',
    });
    await recordHistory(trx, { at: now, resellerId: d.reseller_id, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'send_password', detail: { sendTo: input.sendTo } });
    return { to, outboxId: id };
  });
}

export async function sendAuthCode(core: Core, d: DomainRow): Promise<{ to: string; outboxId: number }> {
  if (NO_AUTH_CODE_TLDS.includes(d.tld)) {
    throw new CoreError('not_supported', `.${d.tld.toUpperCase()} domains have no auth code (they move by IPS tag: MODIFY data=change_ips_tag)`, 'domain_name');
  }
  const contacts = await readContactSet(core.db, d.id);
  const to = contacts.admin?.email ?? contacts.owner?.email;
  if (!to) throw new CoreError('not_found', `${d.name} has no admin contact e-mail`, 'domain_name');
  const now = await core.clock.now();
  return core.db.transaction().execute(async (trx) => {
    const id = await recordMail(trx, {
      resellerId: d.reseller_id, domainId: d.id, domainName: d.name, kind: 'send_authcode', to, at: now,
      subject: `The auth code of ${d.name}`,
      body: `The auth code (transfer password) of ${d.name} is: ${d.auth_code}\nGive it only to the registrar you want to transfer the domain to.`,
    });
    await recordHistory(trx, { at: now, resellerId: d.reseller_id, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'send_authcode', detail: {} });
    return { to, outboxId: id };
  });
}
