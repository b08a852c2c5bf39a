// Replacing some of a domain's contacts (XCP MODIFY data=contact_info, UPDATE_CONTACTS, the registrant web pages):
// modifyContacts plus the rule that the owner cannot be replaced while a change of registrant (trade) waits for the
// registrants' answers, because the trade will set the owner itself. The trade is checked first, so a domain in a
// trade answers with that whatever contact data was sent (as XCP always has).
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { CONTACT_ROLES } from '../contact.ts';
import type { DomainRow } from './findDomain.ts';
import { modifyContacts } from './modifyDomain.ts';
import { pendingTrade } from './trades.ts';

export type ContactInput = Partial<Record<string, Partial<Record<string, string>>>>;

export async function refuseOwnerChangeDuringTrade(core: Core, d: DomainRow, roles: readonly string[]): Promise<void> {
  if (roles.includes('owner') && await pendingTrade(core.db, d.id)) {
    throw new CoreError('status_prohibits', `Cannot change the owner of ${d.name}: a change of registrant (trade) is pending`, 'contact_set.owner');
  }
}

/** Replaces the roles given in `input` (owner, admin, billing, tech); returns the roles changed. */
export async function updateDomainContacts(core: Core, d: DomainRow, input: ContactInput): Promise<string[]> {
  await refuseOwnerChangeDuringTrade(core, d, CONTACT_ROLES.filter((r) => input[r] !== undefined));
  return modifyContacts(core, d, input);
}
