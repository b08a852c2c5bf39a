// Reserves the order that takes a contact's new data to the registries that hold it (steps/contactStep.ts), in
// the change's own transaction. A second change waits until the first is settled, since undoing the first from its
// snapshot would otherwise wipe the second.
import type { Selectable } from 'kysely';
import type { Tx } from '../core.ts';
import type { ContactsTable } from '../../store/schema.ts';
import { CoreError } from '../errors.ts';
import { insertInflightOrder } from './inflightOrder.ts';
import type { ContactOrderRequest } from './steps/contactStep.ts';

export async function reserveContactOrder(tx: Tx, o: { resellerId: number; before: Selectable<ContactsTable>; now: Date }): Promise<number> {
  const handle = o.before.handle;
  const open = await tx.selectFrom('orders').select('id').where('domain_name', '=', handle).where('kind', '=', 'contact')
    .where('registry_state', 'in', ['inflight', 'pending']).executeTakeFirst();
  if (open) throw new CoreError('status_prohibits', `Contact ${handle} has a change still waiting for its registry; try again when it is settled`, 'id');
  const request: ContactOrderRequest = { contactId: o.before.id, handle, before: o.before };
  return insertInflightOrder(tx, { resellerId: o.resellerId, profileId: null, domainId: null, name: handle, kind: 'contact', request, now: o.now });
}
