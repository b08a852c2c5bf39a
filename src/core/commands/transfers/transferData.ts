// What a transfer request carries for the domain to take on when the transfer completes, whichever door sent it:
// XCP's contact_set and nameserver_list, EPP's Openprovider op:transfer block (registrant and contacts by handle,
// op:ns, autorenew and the other op fields), the JSON API's contacts (by handle or as data, per role). It is validated when the request is made, kept on the order
// (orders.request_json) until then, and applied by completeTransfer.ts in the completing transaction.
import type { Tx } from '../../core.ts';
import { validateContactSet, type ContactSet } from '../../contact.ts';
import { assertRoleGivenOnce, validateInlineContacts, type InlineContactInput } from '../../inlineContacts.ts';
import { attachContacts } from '../../domainContacts.ts';
import { resolveContactHandle, setContactRole } from '../../contactHandles.ts';
import { validateDelegation, writeDelegation, type DelegationHost, type DelegationInput } from '../../delegation.ts';
import { validateNameservers } from '../../nameserverList.ts';
import type { TldPolicy } from '../../../registry/tldPolicy.ts';

/** The request's data, as the doors give it. */
export interface TransferDataInput {
  /** XCP's contact_set: full contact data per role. */
  contactSet?: Partial<Record<string, Partial<Record<string, string>>>>;
  /** EPP op:registrant / op:contact type=admin|tech|billing: contacts of the gaining reseller, by handle. */
  contactHandles?: Partial<Record<'owner' | 'admin' | 'billing' | 'tech', string>>;
  /** The JSON API's inline contacts: data for the roles given (each becomes a new contact on completion). */
  contactData?: InlineContactInput;
  /** XCP's nameserver_list (host names with a sort order). */
  nameservers?: Array<{ name: string; sortOrder?: number }>;
  /** EPP op:ns (hostObj names or hostAttr with addresses). */
  delegation?: DelegationInput[];
  /** EPP op:autorenew on/off (default: off, as on create). */
  autoRenew?: boolean;
  /** The other Openprovider domain fields (comments, promoCode, useDomicile, nsGroup, nsTemplateName, autorenew). */
  extData?: Record<string, string>;
}

/** The validated data, as kept on the order (JSON) until the transfer completes. */
export interface TransferCarry {
  contactSet?: ContactSet;
  contactIds?: Partial<Record<'owner' | 'admin' | 'billing' | 'tech', number>>;
  contactData?: Partial<ContactSet>;
  nameservers?: DelegationHost[];
  autoRenew?: boolean;
  opExt?: Record<string, string>;
}

/** Checks what can be checked without the store (contacts' fields, the delegation against the TLD's limits). */
export function validateTransferData(input: TransferDataInput, domain: string, policy: TldPolicy): Omit<TransferCarry, 'contactIds'> {
  const out: Omit<TransferCarry, 'contactIds'> = {};
  if (input.contactSet) out.contactSet = validateContactSet(input.contactSet);
  if (input.contactData) {
    const inline = validateInlineContacts(input.contactData);
    assertRoleGivenOnce(Object.keys(input.contactHandles ?? {}), inline);
    if (Object.keys(inline).length > 0) out.contactData = inline;
  }
  if (input.nameservers && input.nameservers.length > 0) {
    out.nameservers = validateNameservers(input.nameservers, { min: Math.max(1, policy.minNameservers), max: policy.maxNameservers })
      .map((n) => ({ name: n.name, addresses: [], hostAttr: false }));
  } else if (input.delegation && input.delegation.length > 0) {
    out.nameservers = validateDelegation(input.delegation, domain, policy);
  }
  if (input.autoRenew !== undefined) out.autoRenew = input.autoRenew;
  if (input.extData) {
    const ext = Object.fromEntries(Object.entries(input.extData).filter(([, v]) => v !== ''));
    if (Object.keys(ext).length > 0) out.opExt = ext;
  }
  return out;
}

/** Resolves contact handles (they must exist and belong to the gaining reseller); run inside the request's transaction. */
export async function resolveTransferContacts(tx: Tx, resellerId: number, handles: TransferDataInput['contactHandles']): Promise<TransferCarry['contactIds']> {
  if (!handles) return undefined;
  const ids: NonNullable<TransferCarry['contactIds']> = {};
  for (const [role, handle] of Object.entries(handles) as Array<[keyof typeof ids, string | undefined]>) {
    if (handle) ids[role] = await resolveContactHandle(tx, resellerId, handle);
  }
  return Object.keys(ids).length > 0 ? ids : undefined;
}

/** Applies what the request carried to the domain that just changed hands (inside the completing transaction). */
export async function applyTransferData(trx: Tx, domainId: number, resellerId: number, carry: TransferCarry, at: Date): Promise<void> {
  if (carry.contactSet) await attachContacts(trx, domainId, resellerId, carry.contactSet, at);
  if (carry.contactData) await attachContacts(trx, domainId, resellerId, carry.contactData, at);
  for (const [role, id] of Object.entries(carry.contactIds ?? {}) as Array<[string, number]>) {
    // A contact deleted since the request no longer exists: the role keeps what it had.
    const still = await trx.selectFrom('contacts').select('id').where('id', '=', id).where('reseller_id', '=', resellerId).executeTakeFirst();
    if (still) await setContactRole(trx, domainId, role, id);
  }
  if (carry.nameservers) await writeDelegation(trx, domainId, carry.nameservers);
  if (carry.autoRenew !== undefined || carry.opExt) {
    await trx.updateTable('domains').set({
      ...(carry.autoRenew !== undefined ? { auto_renew: carry.autoRenew ? 1 : 0 } : {}),
      // The losing reseller's Openprovider settings (comments, promo code ...) do not go along with the domain.
      ...(carry.opExt ? { op_ext: JSON.stringify(carry.opExt) } : {}),
    }).where('id', '=', domainId).execute();
  }
}
