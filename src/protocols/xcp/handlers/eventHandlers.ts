// POLL EVENT and ACK EVENT: OpenSRS's event queue, for resellers that speak only XCP. It is the EPP poll queue seen
// through OpenSRS's shapes (pollEvents.ts, ackEvent.ts): event_id is the queue's message id (EPP's msgID), so an
// event acknowledged here is gone from EPP <poll> and the other way round.
//
// POLL: attributes limit (1..50, default 1). Reply: total (events queued, acknowledged ones excluded) and events,
// oldest first, each { event_id, event_date (ISO 8601 UTC), object, event, message, object_data }. Polling again
// without acknowledging returns the same events. ACK: attributes event_id; reply: total left (and next_event_id).
//
// Queue message -> OpenSRS object / event:
//   transfer (in or away, any step)          TRANSFER STATUS_CHANGE   direction in|away, transfer_status (EPP),
//                                                                     new_status pending_registry|completed|cancelled
//   registration completed at the registry   DOMAIN   REGISTERED
//   delete completed (the purge)              DOMAIN   DELETED
//   other registry answers (update, restore,  ORDER    STATUS_CHANGE    order_status completed|declined, order_reg_type
//     a failed registration or delete)
//   renewal (auto-renewal, or a renewal the   DOMAIN   RENEWED          auto_renew 1|0, expiration_date
//     registry completed later)
//   expiry into redemption                   DOMAIN   EXPIRED          expiration_date
//   redemption ended                          DOMAIN   PENDING_DELETE
//   restore report missing, back in           DOMAIN   REDEMPTION
//     redemption
//   auto-renewal not possible                 DOMAIN   AUTO_RENEW_FAILED
//   restored                                  DOMAIN   RESTORED
//   change of registrant moved on             DOMAIN   ICANN_TRADE_STATUS_CHANGE  trade_status (OpenSRS's values)
//   host change answered by the registry      NAMESERVER CREATED|UPDATED|DELETED, or CREATE_FAILED|...  name
// PENDING_DELETE, REDEMPTION, AUTO_RENEW_FAILED, RESTORED and the NAMESERVER events have no OpenSRS counterpart;
// they keep OpenSRS's naming style. object_data has domain_name (not for nameservers), and domain_id /
// expiration_date when the domain is the caller's.
import { makeAssoc, type OpsAssoc } from '../../ops/index.ts';
import type { XcpHandler } from '../xcpContext.ts';
import type { XcpResult } from '../xcpReply.ts';
import { xcpMissing } from '../xcpError.ts';
import { pollEvents, eventDomainName, DEFAULT_EVENT_BATCH, type QueuedEvent } from '../../../core/commands/pollEvents.ts';
import { ackEvent } from '../../../core/commands/ackEvent.ts';
import type { PollPayload, TransferStatus } from '../../../core/commands/pollQueue.ts';

/** OpenSRS's dates in events: ISO 8601 UTC to the second. */
const eventDate = (iso: string): string => iso.replace(/\.\d+Z$/, 'Z');

const TRANSFER_STATUS: Record<TransferStatus, string> = {
  pending: 'pending_registry', clientApproved: 'completed', serverApproved: 'completed',
  clientRejected: 'cancelled', clientCancelled: 'cancelled', serverCancelled: 'cancelled',
};

const REG_TYPE: Record<string, string> = { create: 'new', delete: 'delete', update: 'update', restore: 'restore' };

const NOTICE_EVENT: Record<string, string> = {
  expire: 'EXPIRED', pendingDelete: 'PENDING_DELETE', redemption: 'REDEMPTION', autoRenewFailed: 'AUTO_RENEW_FAILED', restore: 'RESTORED',
};

interface EventShape { object: string; event: string; data: Record<string, string | undefined> }

function orderIdOf(reference: string): string | undefined {
  return /^ORDER-(\d+)$/.exec(reference)?.[1];
}

function shapeOf(p: PollPayload, e: QueuedEvent): EventShape {
  switch (p.type) {
    case 'transfer':
      return {
        object: 'TRANSFER', event: 'STATUS_CHANGE',
        data: {
          direction: p.side === 'gaining' ? 'in' : 'away', new_status: TRANSFER_STATUS[p.transfer.status] ?? 'pending_registry',
          transfer_status: p.transfer.status, gaining_reseller: p.transfer.gainingUsername, losing_reseller: p.transfer.losingUsername,
          request_date: eventDate(p.transfer.requestedAt), action_date: eventDate(p.transfer.actionAt),
          expiration_date: p.transfer.expiresAt ? eventDate(p.transfer.expiresAt) : undefined,
        },
      };
    case 'pendingAction':
      if (p.ok && p.action === 'create') return { object: 'DOMAIN', event: 'REGISTERED', data: { order_id: orderIdOf(p.reference) } };
      if (p.ok && p.action === 'delete') return { object: 'DOMAIN', event: 'DELETED', data: { deletion_date: eventDate(p.at), order_id: orderIdOf(p.reference) } };
      return {
        object: 'ORDER', event: 'STATUS_CHANGE',
        data: { order_id: orderIdOf(p.reference), order_reg_type: REG_TYPE[p.action] ?? p.action, order_status: p.ok ? 'completed' : 'declined' },
      };
    case 'renewal':
      return { object: 'DOMAIN', event: 'RENEWED', data: { expiration_date: eventDate(p.expiresAt), auto_renew: e.kind === 'autoRenew' ? '1' : '0' } };
    case 'notice':
      return { object: 'DOMAIN', event: NOTICE_EVENT[p.action] ?? p.action.toUpperCase(), data: {} };
    case 'trade':
      return { object: 'DOMAIN', event: 'ICANN_TRADE_STATUS_CHANGE', data: { trade_id: String(p.tradeId), trade_status: p.status } };
    case 'objectAction':
      return {
        object: p.object === 'host' ? 'NAMESERVER' : 'CONTACT', event: `${p.action.toUpperCase()}${p.ok ? 'D' : '_FAILED'}`,
        data: { name: p.name, order_id: orderIdOf(p.reference), status: p.ok ? 'completed' : 'declined' },
      };
  }
}

function eventView(e: QueuedEvent): OpsAssoc {
  const { object, event, data } = shapeOf(e.payload, e);
  const name = eventDomainName(e.payload);
  const domainData: Record<string, string> = name === undefined ? {} : { domain_name: name };
  if (e.domain) {
    domainData.domain_id = String(e.domain.id);
    // A renewal or transfer says which expiry it gave; otherwise the domain's current one.
    if (object !== 'TRANSFER' && data.expiration_date === undefined) domainData.expiration_date = eventDate(e.domain.expiresAt);
  }
  const objectData = Object.fromEntries(Object.entries({ ...domainData, ...data }).filter((kv): kv is [string, string] => kv[1] !== undefined));
  return makeAssoc({
    event_id: String(e.id), event_date: eventDate(e.createdAt), object, event, message: e.message, object_data: makeAssoc(objectData),
  });
}

export const pollEventHandler: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const limit = req.attributes.optInt('limit') ?? DEFAULT_EVENT_BATCH;
  const { total, events } = await pollEvents(ctx.core, ctx.reseller.id, limit);
  return {
    code: 200, text: events.length === 0 ? 'Command successful: no events' : 'Command successful',
    attributes: { total: String(total), events: events.map(eventView) },
  };
};

export const ackEventHandler: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const id = req.attributes.optString('event_id');
  if (id === undefined) throw xcpMissing('event_id');
  const { total, nextId } = await ackEvent(ctx.core, ctx.reseller.id, id);
  return {
    code: 200, text: 'Command successful',
    attributes: { event_id: id, total: String(total), next_event_id: nextId === undefined ? undefined : String(nextId) },
  };
};
