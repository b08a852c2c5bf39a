// The caller's own domains and contacts. Another reseller's object is answered exactly like one nobody holds (404,
// the same words), so the API cannot be used to learn who sponsors what; the core still checks sponsorship itself.
import type { Core } from '../../../core/core.ts';
import { CoreError } from '../../../core/errors.ts';
import { findLiveDomain, type DomainRow } from '../../../core/commands/findDomain.ts';
import { findContactByHandle } from '../../../core/commands/contacts.ts';

/** A live domain of the caller's (one in redemption included: it can still be restored). */
export async function ownDomain(core: Core, resellerId: number, name: string, field = 'name'): Promise<DomainRow> {
  let row: DomainRow | undefined;
  try {
    row = await findLiveDomain(core, name);
  } catch (err) {
    if (err instanceof CoreError) throw new CoreError(err.kind, err.message, field);
    throw err;
  }
  if (!row || Number(row.reseller_id) !== resellerId) throw new CoreError('not_found', `Domain ${name} not found`, field);
  return row;
}

export const contactNotFound = (id: string, field: string): CoreError => new CoreError('not_found', `Contact ${id} not found`, field);

/** Each contact id given (by role) is the caller's; `path` names the roles' parent field (contacts). */
export async function assertOwnContacts(core: Core, resellerId: number, handles: Partial<Record<string, string>>, path = 'contacts'): Promise<void> {
  for (const [role, handle] of Object.entries(handles)) {
    if (handle === undefined) continue;
    const row = await findContactByHandle(core.db, handle);
    if (!row || Number(row.reseller_id) !== resellerId) throw contactNotFound(handle, `${path}.${role}`);
  }
}
