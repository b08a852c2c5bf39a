// A contact object as the JSON API shows it to its sponsor (the ContactObject component): createContact, getContact.
import { z } from '@hono/zod-openapi';
import type { ContactView } from '../../../core/commands/contacts.ts';
import { ContactSchema } from '../schemas.ts';
import { contactView } from './domainView.ts';

export const ContactObjectSchema = ContactSchema.extend({
  id: z.string().openapi({ description: 'The contact\'s id (handle): what a domain\'s contacts name', example: 'JD123456-RG' }),
  statuses: z.array(z.string()).openapi({ description: 'ok, linked (a domain uses it), client statuses' }),
  authCode: z.string().nullable(),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime().nullable(),
}).openapi('ContactObject');

export function contactObjectView(v: ContactView): z.infer<typeof ContactObjectSchema> {
  return {
    id: v.handle, ...contactView(v.fields), statuses: v.statuses, authCode: v.authCode ?? null, createdAt: v.createdAt, updatedAt: v.updatedAt ?? null,
  };
}
