// Turns a remote registry's poll messages into core events, each exactly once: the message id is stored in the
// transaction that applies the event (registry_messages), and the registry's message is acknowledged only after that
// transaction committed. A message seen again (a crash between commit and ack) is acknowledged without acting twice.
//   actionCompleted  the answer to a call regd sent (its clTRID names the order): the order is asked about now
//   transfer*        a transfer of a name regd sponsors: the sponsor hears of it; a completed one away ends it here
//   autoRenewed      the registry renewed at expiry: regd's expiry follows and the sponsor is charged the renewal
//   deleted          the registry deleted the name: it leaves regd
//   other            the text is kept in the domain's history and told to the sponsor
import type { Core, Tx } from '../core.ts';
import type { RegistryMessage, RegistryPort } from '../../registry/registryPort.ts';
import { recordHistory } from '../history.ts';
import { enqueuePoll } from '../commands/pollQueue.ts';
import { debit } from '../ledger.ts';
import { CoreError } from '../errors.ts';
import { priceFor } from '../commands/prices.ts';
import { isUniqueViolation } from '../../store/uniqueViolation.ts';
import { orderIdOfKey } from './orderKey.ts';
import { reconcileOrders } from './reconcileOrders.ts';

/** At most this many messages per pass, so one busy registry cannot hold a pass forever. */
const MAX_PER_PASS = 100;

export async function applyRegistryMessages(core: Core, registry: RegistryPort): Promise<number> {
  let applied = 0;
  let askOrders = false;
  for (let i = 0; i < MAX_PER_PASS; i++) {
    const msg = await registry.poll();
    if (!msg) break;
    const now = await core.clock.now();
    try {
      const result = await core.db.transaction().execute(async (trx) => {
        await trx.insertInto('registry_messages').values({ registry: registry.name, message_id: msg.id, received_at: now.toISOString(), summary: `${msg.kind}: ${msg.text}`.slice(0, 500) }).execute();
        return applyOne(trx, core, msg, now);
      });
      if (result === 'order') askOrders = true;
      applied++;
    } catch (err) {
      if (!isUniqueViolation(err)) {
        core.log?.(`registry ${registry.name}: message ${msg.id} not applied (${(err as Error).message}); it stays in the registry's queue`);
        break;
      }
      // Applied before a crash that came before the ack: acknowledge it now.
    }
    await registry.ack(msg.id);
  }
  if (askOrders) await reconcileOrders(core);
  return applied;
}

async function applyOne(trx: Tx, core: Core, msg: RegistryMessage, now: Date): Promise<'order' | 'domain' | 'none'> {
  const orderId = orderIdOfKey(msg.key);
  if (msg.kind === 'actionCompleted' && orderId !== undefined) {
    // The reconciler asks the registry for the result (a ROID, dates) and settles the order.
    await trx.updateTable('orders').set({ next_check_at: now.toISOString() }).where('id', '=', orderId)
      .where('registry_state', 'in', ['inflight', 'pending']).execute();
    return 'order';
  }
  if (msg.kind === 'actionCompleted' && msg.name) {
    // The registry did not echo our clTRID (a transfer's outcome reaches the requester as trnData): every order
    // still in flight for the name is asked about now.
    const res = await trx.updateTable('orders').set({ next_check_at: now.toISOString() }).where('domain_name', '=', msg.name)
      .where('registry_state', 'in', ['inflight', 'pending']).executeTakeFirst();
    if (Number(res.numUpdatedRows) > 0) return 'order';
  }
  if (!msg.name) return 'none';
  const d = await trx.selectFrom('domains').selectAll().where('name', '=', msg.name).where('deleted_at', 'is', null).executeTakeFirst();
  if (!d) return 'none';
  const at = msg.at.toISOString();
  // The sponsor's own name for the losing side; the registry's id of the other registrar for the gaining side.
  const sponsor = (await trx.selectFrom('resellers').select('username').where('id', '=', d.reseller_id).executeTakeFirstOrThrow()).username;
  const requester = msg.transfer?.requestingRegistrar || 'unknown';
  const tell = (text: string) => enqueuePoll(trx, { resellerId: d.reseller_id, at: now, kind: 'registry', message: text, payload: { type: 'notice', action: 'pendingDelete', name: d.name } });
  switch (msg.kind) {
    case 'transferCompleted':
      if (msg.transfer && msg.transfer.status !== 'clientApproved' && msg.transfer.status !== 'serverApproved') break;
      await trx.updateTable('domains').set({ deleted_at: now.toISOString(), updated_at: now.toISOString() }).where('id', '=', d.id).execute();
      await trx.deleteFrom('cookies').where('domain_id', '=', d.id).execute();
      await recordHistory(trx, { at: now, resellerId: null, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'transferred_away', detail: { registry: msg.text, to: msg.transfer?.requestingRegistrar ?? null } });
      await enqueuePoll(trx, {
        resellerId: d.reseller_id, at: now, kind: 'transfer', message: `Domain ${d.name} was transferred away at the registry`,
        payload: { type: 'transfer', side: 'losing', transfer: { name: d.name, status: msg.transfer?.status ?? 'serverApproved', gainingUsername: requester, requestedAt: msg.transfer?.requestedAt?.toISOString() ?? at, losingUsername: sponsor, actionAt: at } },
      });
      return 'domain';
    case 'transferRequested':
      await enqueuePoll(trx, {
        resellerId: d.reseller_id, at: now, kind: 'transfer', message: `Transfer of ${d.name} requested at the registry by ${requester}`,
        payload: { type: 'transfer', side: 'losing', transfer: { name: d.name, status: 'pending', gainingUsername: requester, requestedAt: msg.transfer?.requestedAt?.toISOString() ?? at, losingUsername: sponsor, actionAt: msg.transfer?.actionBy?.toISOString() ?? at } },
      });
      break;
    case 'autoRenewed': {
      if (!msg.expiresAt || msg.expiresAt.toISOString() <= d.expires_at) break;
      await trx.updateTable('domains').set({ expires_at: msg.expiresAt.toISOString(), updated_at: now.toISOString() }).where('id', '=', d.id).execute();
      const price = await priceFor(core, d.tld, 'renew', 1).catch(() => undefined);
      let paid = false;
      if (price) {
        try {
          await debit(trx, { resellerId: d.reseller_id, amountMinor: price.amountMinor, orderId: null, description: `auto-renew ${d.name} 1y (registry)`, at: now });
          paid = true;
        } catch (err) {
          if (!(err instanceof CoreError && err.kind === 'insufficient_funds')) throw err;
        }
      }
      await recordHistory(trx, { at: now, resellerId: null, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'auto_renew', detail: { to: msg.expiresAt.toISOString(), registry: true, paid } });
      await enqueuePoll(trx, { resellerId: d.reseller_id, at: now, kind: 'autoRenew', message: `Domain ${d.name} was auto-renewed by the registry until ${msg.expiresAt.toISOString().slice(0, 10)}${paid ? '' : ' (not charged: insufficient funds)'}`, payload: { type: 'renewal', name: d.name, expiresAt: msg.expiresAt.toISOString() } });
      return 'domain';
    }
    case 'deleted':
      await trx.updateTable('domains').set({ deleted_at: now.toISOString(), updated_at: now.toISOString() }).where('id', '=', d.id).execute();
      await trx.deleteFrom('cookies').where('domain_id', '=', d.id).execute();
      await recordHistory(trx, { at: now, resellerId: null, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'registry_deleted', detail: { text: msg.text } });
      await tell(`Domain ${d.name} was deleted at the registry: ${msg.text}`);
      return 'domain';
    default:
      break;
  }
  await recordHistory(trx, { at: now, resellerId: null, domainId: d.id, objectType: 'domain', objectId: d.id, action: 'registry_message', detail: { kind: msg.kind, text: msg.text } });
  return 'domain';
}
