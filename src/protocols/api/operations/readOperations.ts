// The JSON API's reads beyond the first slice: orders, the ledger, events (and acknowledging one).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from '../apiEnv.ts';
import { addListOrders } from './listOrders.ts';
import { addGetOrder } from './getOrder.ts';
import { addListLedger } from './listLedger.ts';
import { addListEvents } from './listEvents.ts';
import { addAckEvent } from './ackEvent.ts';

export function addReadOperations(app: OpenAPIHono<ApiEnv>): void {
  addListOrders(app);
  addGetOrder(app);
  addListLedger(app);
  addListEvents(app);
  addAckEvent(app);
}
