// A registrant's auth code (transfer password): shown (as XCP GET DOMAIN type=domain_auth_info shows it to a
// registrant cookie) or mailed to the domain's admin contact (XCP SEND_AUTHCODE; regd records mail in its outbox).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { sendAuthCode } from '../../../core/commands/registrantMail.ts';
import { DomainNameParam, jsonContent, problemResponses } from '../schemas.ts';
import type { ApiEnv } from '../apiEnv.ts';
import { REGISTRANT_SCHEME } from './registrantAuth.ts';
import { registrantDomain } from './registrantDomainAccess.ts';

const security = [{ [REGISTRANT_SCHEME]: [] }];
const NameParams = z.object({ name: DomainNameParam });

const AuthCodeResponse = z.object({ authCode: z.string() }).openapi('RegistrantAuthCode');
const SentResponse = z.object({ sentTo: z.string().openapi({ description: 'The address the mail went to (the admin contact\'s)' }) }).openapi('RegistrantAuthCodeSent');

export const getRegistrantAuthCodeRoute = createRoute({
  method: 'get', path: '/registrant/domains/{name}/authCode', operationId: 'getRegistrantAuthCode', tags: ['registrant'],
  summary: 'The domain\'s auth code (to transfer it to another registrar)', security,
  request: { params: NameParams },
  responses: { 200: jsonContent(AuthCodeResponse, 'The auth code'), ...problemResponses(404, 429) },
});

export const sendRegistrantAuthCodeRoute = createRoute({
  method: 'post', path: '/registrant/domains/{name}/authCode/send', operationId: 'sendRegistrantAuthCode', tags: ['registrant'],
  summary: 'Mail the domain\'s auth code to its admin contact', security,
  request: { params: NameParams },
  responses: { 200: jsonContent(SentResponse, 'Sent'), ...problemResponses(404, 422, 429) },
});

export function addRegistrantAuthCode(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(getRegistrantAuthCodeRoute, async (c) => {
    const d = await registrantDomain(c, c.req.valid('param').name);
    return c.json({ authCode: d.auth_code }, 200);
  });
  app.openapi(sendRegistrantAuthCodeRoute, async (c) => {
    const d = await registrantDomain(c, c.req.valid('param').name);
    const { to } = await sendAuthCode(c.get('core'), d);
    return c.json({ sentTo: to }, 200);
  });
}
