// listEvents: the oldest unacknowledged events of the reseller's queue, the same messages EPP <poll> and XCP POLL
// EVENT read (pollEvents.ts runs the life-cycle pass first, as they do). Reading does not consume: the same events
// come back until each is acknowledged (ackEvent), through this door or another.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { MAX_EVENT_BATCH, pollEvents } from '../../../core/commands/pollEvents.ts';
import { jsonContent, problemResponses } from '../schemas.ts';
import type { ApiEnv } from '../apiEnv.ts';
import { EventSchema, eventView } from './eventSchemas.ts';

const DEFAULT_LIMIT = 20;

const EventsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_EVENT_BATCH).optional().openapi({ description: `How many of the oldest events, default ${DEFAULT_LIMIT}` }),
});

const EventsResponse = z.object({
  total: z.number().int().openapi({ description: 'Unacknowledged events in the queue, these included' }),
  items: z.array(EventSchema).openapi({ description: 'The oldest unacknowledged events, oldest first' }),
}).openapi('EventList');

export const listEventsRoute = createRoute({
  method: 'get', path: '/events', operationId: 'listEvents', tags: ['events'],
  summary: 'The oldest unacknowledged events (the EPP poll queue)',
  request: { query: EventsQuery },
  responses: { 200: jsonContent(EventsResponse, 'The oldest events and how many are queued'), ...problemResponses(429) },
});

export function addListEvents(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(listEventsRoute, async (c) => {
    const { total, events } = await pollEvents(c.get('core'), c.get('reseller').id, c.req.valid('query').limit ?? DEFAULT_LIMIT);
    return c.json({ total, items: events.map(eventView) }, 200);
  });
}
