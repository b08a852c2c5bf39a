// The JSON API's writes (register, renew, update, transfer, delete, restore, contacts), each behind an
// Idempotency-Key (idempotency.ts, applied per route), and the contact read that goes with createContact.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from '../apiEnv.ts';
import { addRegisterDomain } from './registerDomain.ts';
import { addTransferDomain } from './transferDomain.ts';
import { addRenewDomain } from './renewDomain.ts';
import { addUpdateDomain } from './updateDomain.ts';
import { addDeleteDomain } from './deleteDomain.ts';
import { addRestoreDomain } from './restoreDomain.ts';
import { addCreateContact } from './createContact.ts';
import { addGetContact } from './getContact.ts';

export function addWriteOperations(app: OpenAPIHono<ApiEnv>): void {
  // /domains/transfers before /domains/{name}/...: a static segment never reads as a domain name.
  addRegisterDomain(app);
  addTransferDomain(app);
  addRenewDomain(app);
  addUpdateDomain(app);
  addDeleteDomain(app);
  addRestoreDomain(app);
  addCreateContact(app);
  addGetContact(app);
}
