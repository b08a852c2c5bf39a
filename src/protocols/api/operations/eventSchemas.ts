// The shape of an event over the JSON API: one message of the reseller's queue, the very queue EPP <poll> and XCP
// POLL EVENT read (core/commands/pollQueue.ts). `data` is the queue's protocol-neutral payload as it is stored, one
// shape per `data.type`; the other doors render the same payload as EPP resData or OpenSRS object_data.
import { z } from '@hono/zod-openapi';
import type { QueuedEvent } from '../../../core/commands/pollEvents.ts';
import { eventDomainName } from '../../../core/commands/pollEvents.ts';

const TransferViewSchema = z.object({
  name: z.string(),
  status: z.enum(['pending', 'clientApproved', 'clientRejected', 'clientCancelled', 'serverApproved', 'serverCancelled']),
  gainingUsername: z.string(),
  requestedAt: z.string(),
  losingUsername: z.string(),
  actionAt: z.string().openapi({ description: 'When the losing side must act by (pending), or when it was acted on' }),
  expiresAt: z.string().optional(),
});

const EventDataSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('transfer'), side: z.enum(['gaining', 'losing']), transfer: TransferViewSchema, roid: z.string().optional() })
    .openapi({ description: 'A transfer changed state; side says which party this event is for' }),
  z.object({ type: z.literal('pendingAction'), action: z.enum(['delete', 'create', 'update', 'restore']), name: z.string(), ok: z.boolean(), at: z.string(), reference: z.string() })
    .openapi({ description: 'An action reported as pending completed (ok) or failed' }),
  z.object({ type: z.literal('renewal'), name: z.string(), expiresAt: z.string() })
    .openapi({ description: 'The domain was renewed without a command (auto-renewal)' }),
  z.object({ type: z.literal('notice'), action: z.enum(['expire', 'redemption', 'pendingDelete', 'autoRenewFailed', 'restore']), name: z.string() })
    .openapi({ description: 'A life-cycle step: expired into redemption, back in redemption, redemption ended, auto-renewal failed, restored' }),
  z.object({ type: z.literal('objectAction'), object: z.enum(['host', 'contact']), action: z.enum(['create', 'update', 'delete']), name: z.string(), ok: z.boolean(), reference: z.string() })
    .openapi({ description: 'A host or contact change the registry answered' }),
  z.object({ type: z.literal('trade'), name: z.string(), tradeId: z.number().int(), status: z.string(), requestedAt: z.string().optional() })
    .openapi({ description: 'A change of registrant moved on' }),
]).openapi('EventData');

export const EventSchema = z.object({
  id: z.number().int().openapi({ description: 'The queue\'s message id: EPP\'s msgID, XCP\'s event_id' }),
  createdAt: z.string().datetime(),
  kind: z.enum(['transfer', 'autoRenew', 'delete', 'registry', 'lifecycle', 'trade']),
  message: z.string(),
  domain: z.string().nullable().openapi({ description: 'The domain the event is about (null for a host or contact)' }),
  data: EventDataSchema,
}).openapi('Event');

export function eventView(e: QueuedEvent): z.infer<typeof EventSchema> {
  return { id: e.id, createdAt: e.createdAt, kind: e.kind, message: e.message, domain: eventDomainName(e.payload) ?? null, data: e.payload };
}
