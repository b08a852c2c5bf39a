// Signing a registrant in and out. Sign-in takes the profile's username and password and one of its domains,
// exactly as the OpenSRS "set cookie" does (the domain names the reseller; core/commands/registrantSessions.ts),
// under the same password-guessing throttle: a locked sign-in is 429 with Retry-After. Wrong credentials, an
// unknown domain and another profile's domain all read the same (401).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { endRegistrantSession, startRegistrantSession } from '../../../core/commands/registrantSessions.ts';
import { jsonContent, problemResponses } from '../schemas.ts';
import type { ApiEnv } from '../apiEnv.ts';
import { REGISTRANT_SCHEME } from './registrantAuth.ts';

const SignInRequest = z.object({
  username: z.string().min(1).max(64).openapi({ description: 'The registrant profile\'s username', example: 'registrant1' }),
  password: z.string().min(1).max(128).openapi({ description: 'The registrant profile\'s password' }),
  domain: z.string().min(1).max(253).openapi({ description: 'One of the profile\'s domains', example: 'example.com' }),
}).openapi('RegistrantSignIn');

const SessionResponse = z.object({
  token: z.string().openapi({ description: 'The session token: Authorization: Bearer <token> on the registrant operations' }),
  expiresAt: z.string().datetime().openapi({ description: 'When the session ends unless used; every use moves it two hours ahead' }),
  domainCount: z.number().int().openapi({ description: 'How many domains the profile holds' }),
}).openapi('RegistrantSession');

export const createRegistrantSessionRoute = createRoute({
  method: 'post', path: '/registrant/session', operationId: 'createRegistrantSession', tags: ['registrant'],
  summary: 'Sign a registrant in with the profile\'s username, password and one of its domains',
  security: [],
  request: { body: { required: true, content: { 'application/json': { schema: SignInRequest } } } },
  responses: { 201: jsonContent(SessionResponse, 'Signed in'), ...problemResponses(429) },
});

export const deleteRegistrantSessionRoute = createRoute({
  method: 'delete', path: '/registrant/session', operationId: 'deleteRegistrantSession', tags: ['registrant'],
  summary: 'Sign out: the session token stops working',
  security: [{ [REGISTRANT_SCHEME]: [] }],
  responses: { 204: { description: 'Signed out' }, ...problemResponses(429) },
});

export function addRegistrantSession(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(createRegistrantSessionRoute, async (c) => {
    const body = c.req.valid('json');
    const s = await startRegistrantSession(c.get('core'), { ...body, sourceAddress: c.env.remoteAddress });
    return c.json({ token: s.token, expiresAt: s.expiresAt, domainCount: s.cookie.domainCount }, 201);
  });
  app.openapi(deleteRegistrantSessionRoute, async (c) => {
    await endRegistrantSession(c.get('core'), c.get('registrant'));
    return c.body(null, 204);
  });
}
