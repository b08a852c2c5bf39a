// getContact: one of the reseller's contacts. Another reseller's contact is 404, in the same words as an unknown id.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { contactInfo } from '../../../core/commands/contacts.ts';
import { CoreError } from '../../../core/errors.ts';
import { jsonContent, problemResponses } from '../schemas.ts';
import { contactNotFound } from './ownedObjects.ts';
import { ContactObjectSchema, contactObjectView } from './contactView.ts';
import type { ApiEnv } from '../apiEnv.ts';

export const getContactRoute = createRoute({
  method: 'get', path: '/contacts/{id}', operationId: 'getContact', tags: ['contacts'],
  summary: 'One of the reseller\'s contacts',
  request: { params: z.object({ id: z.string().min(1).max(64).openapi({ example: 'JD123456-RG' }) }) },
  responses: { 200: jsonContent(ContactObjectSchema, 'The contact'), ...problemResponses(404) },
});

export function addGetContact(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(getContactRoute, async (c) => {
    const core = c.get('core');
    const resellerId = c.get('reseller').id;
    const { id } = c.req.valid('param');
    const view = await contactInfo(core, { resellerId, handle: id }).catch((err: unknown) => {
      // No auth code is sent, so another reseller's contact is refused (not_sponsor): it reads as unknown.
      if (err instanceof CoreError && (err.kind === 'not_found' || err.kind === 'not_sponsor')) throw contactNotFound(id, 'id');
      throw err;
    });
    return c.json(contactObjectView(view), 200);
  });
}
