// ackEvent: acknowledges one event, the same message EPP <poll op="ack"> and XCP ACK EVENT would (ackEvent.ts in the
// core), so it is gone from every door. Another reseller's event, an unknown one and one already acknowledged are
// all 404.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ackEvent } from '../../../core/commands/ackEvent.ts';
import { CoreError } from '../../../core/errors.ts';
import { jsonContent, problemResponses } from '../schemas.ts';
import type { ApiEnv } from '../apiEnv.ts';

const EventParams = z.object({
  id: z.string().regex(/^[0-9]{1,15}$/).openapi({ param: { name: 'id', in: 'path' }, description: 'The event\'s id', example: '17' }),
});

const AckResponse = z.object({
  id: z.number().int(),
  remaining: z.number().int().openapi({ description: 'Unacknowledged events left in the queue' }),
  nextId: z.number().int().nullable().openapi({ description: 'The id of the oldest event left, if any' }),
}).openapi('EventAck');

export const ackEventRoute = createRoute({
  method: 'post', path: '/events/{id}/ack', operationId: 'ackEvent', tags: ['events'],
  summary: 'Acknowledge one event (removes it from the queue for every door)',
  request: { params: EventParams },
  responses: { 200: jsonContent(AckResponse, 'Acknowledged'), ...problemResponses(404, 429) },
});

export function addAckEvent(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(ackEventRoute, async (c) => {
    const { id } = c.req.valid('param');
    try {
      const { total, nextId } = await ackEvent(c.get('core'), c.get('reseller').id, id);
      return c.json({ id: Number(id), remaining: total, nextId: nextId ?? null }, 200);
    } catch (err) {
      // The core names the XCP field (event_id); here the event is the path's id.
      if (err instanceof CoreError && err.kind === 'not_found') throw new CoreError('not_found', err.message, 'id');
      throw err;
    }
  });
}
