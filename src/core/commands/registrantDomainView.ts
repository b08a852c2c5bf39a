// A registrant's view of one of its domains: what a self-service page shows and which of its changes the domain's
// registry offers at all. Contacts are the ones in force now (during a trade the pending new owner is named
// separately), so a form built from them edits what WHOIS shows. The auth code is not here: it is shown only when
// asked for.
import type { Core } from '../core.ts';
import type { Contact, ContactRole } from '../contact.ts';
import { readContactSet } from '../domainContacts.ts';
import { domainStatuses } from '../domainStatus.ts';
import type { NameserverEntry } from '../nameserverList.ts';
import { readNameservers } from './domainDetails.ts';
import { NO_AUTH_CODE_TLDS } from './registrantMail.ts';
import type { DomainRow } from './findDomain.ts';
import { pendingTrade, type TradeStatus } from './trades.ts';
import { hasPendingTransfer } from './transfers/transferRecords.ts';

export interface RegistrantDomainView {
  row: DomainRow;
  statuses: string[];
  contacts: Partial<Record<ContactRole, Contact>>;
  nameservers: NameserverEntry[];
  locked: boolean;
  lockSupported: boolean;
  whoisPrivacy: boolean;
  whoisPrivacySupported: boolean;
  autoRenew: boolean;
  /** A change of registrant waiting for answers: the owner cannot be edited meanwhile. */
  pendingTrade?: { status: TradeStatus; newOwnerName: string };
  /** TLDs whose domains move by IPS tag (.uk) have no auth code to send. */
  hasAuthCode: boolean;
}

export async function readRegistrantDomainView(core: Core, row: DomainRow): Promise<RegistrantDomainView> {
  const policy = core.registry.policy(row.tld);
  const trade = await pendingTrade(core.db, row.id);
  return {
    row,
    statuses: domainStatuses(row, { pendingTransfer: await hasPendingTransfer(core, row.id) }),
    contacts: await readContactSet(core.db, row.id),
    nameservers: await readNameservers(core, row.id),
    locked: row.locked === 1,
    lockSupported: policy?.supportsLock ?? false,
    whoisPrivacy: row.whois_privacy === 'enabled',
    whoisPrivacySupported: policy?.supportsWhoisPrivacy ?? false,
    autoRenew: row.auto_renew === 1,
    pendingTrade: trade && { status: trade.status, newOwnerName: `${trade.newOwner.first_name} ${trade.newOwner.last_name}`.trim() },
    hasAuthCode: !NO_AUTH_CODE_TLDS.includes(row.tld),
  };
}
