// changeRegistrantPassword: the signed-in registrant sets a new password for its profile (the core's rules, as XCP
// CHANGE PASSWORD: 3-20 characters, no spaces, not the username, not one character repeated). The session used stays
// signed in; the profile's other sessions (and XCP cookies) are signed out.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { changeProfilePassword } from '../../../core/commands/changeProfilePassword.ts';
import { CoreError } from '../../../core/errors.ts';
import { jsonContent, problemResponses } from '../schemas.ts';
import type { ApiEnv } from '../apiEnv.ts';
import { REGISTRANT_SCHEME } from './registrantAuth.ts';

const PasswordRequest = z.object({
  password: z.string().max(128).openapi({ description: 'The new password: 3-20 characters without spaces' }),
}).openapi('RegistrantPasswordChange');

const PasswordResponse = z.object({
  username: z.string(),
  otherSessionsSignedOut: z.number().int(),
}).openapi('RegistrantPasswordChanged');

export const changeRegistrantPasswordRoute = createRoute({
  method: 'post', path: '/registrant/password', operationId: 'changeRegistrantPassword', tags: ['registrant'],
  summary: 'Set a new password for the registrant\'s profile', security: [{ [REGISTRANT_SCHEME]: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: PasswordRequest } } } },
  responses: { 200: jsonContent(PasswordResponse, 'Changed'), ...problemResponses(429) },
});

export function addRegistrantPassword(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(changeRegistrantPasswordRoute, async (c) => {
    const s = c.get('registrant');
    try {
      const r = await changeProfilePassword(c.get('core'), { resellerId: s.resellerId, cookie: s.token, newPassword: c.req.valid('json').password, ip: c.env.remoteAddress });
      return c.json({ username: r.username, otherSessionsSignedOut: r.signedOut }, 200);
    } catch (err) {
      // The core names XCP's field; here it is `password`.
      if (err instanceof CoreError && err.field === 'reg_password') throw new CoreError(err.kind, err.message.replace('reg_password', 'password'), 'password');
      throw err;
    }
  });
}
