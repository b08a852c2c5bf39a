// createContact: a contact object (core contacts.ts, as EPP <contact:create>) that domains name by its id. The id is
// the server's (JD123456-RG) unless the reseller's contact id mode is 'client' (regd reseller contact-ids), where
// the `id` sent is used.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { contactInfo, createContact } from '../../../core/commands/contacts.ts';
import { ContactDataSchema, IdempotencyHeaders, replayableJson, writeProblemResponses } from '../schemas.ts';
import { idempotencyKeys } from '../idempotency.ts';
import { coreContactFields } from './contactInput.ts';
import { inApiTerms } from './apiFieldNames.ts';
import { ContactObjectSchema, contactObjectView } from './contactView.ts';
import type { ApiEnv } from '../apiEnv.ts';

const CreateContactRequest = ContactDataSchema.extend({
  id: z.string().min(1).max(64).optional().openapi({ description: 'Used only when the reseller names its contacts itself (contact id mode "client")' }),
  authCode: z.string().min(1).max(32).optional().openapi({ description: 'The contact\'s own auth code, 6-32 characters; left out, the server draws one' }),
}).openapi('CreateContactRequest');

export const createContactRoute = createRoute({
  method: 'post', path: '/contacts', operationId: 'createContact', tags: ['contacts'],
  summary: 'Create a contact',
  middleware: [idempotencyKeys()] as const,
  request: { headers: IdempotencyHeaders, body: { required: true, content: { 'application/json': { schema: CreateContactRequest } } } },
  responses: { 201: replayableJson(ContactObjectSchema, 'Created'), ...writeProblemResponses() },
});

export function addCreateContact(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(createContactRoute, async (c) => {
    const core = c.get('core');
    const resellerId = c.get('reseller').id;
    const body = c.req.valid('json');
    const created = await inApiTerms(() => createContact(core, { resellerId, requestedId: body.id, fields: coreContactFields(body), authCode: body.authCode }));
    return c.json(contactObjectView(await contactInfo(core, { resellerId, handle: created.handle })), 201);
  });
}
