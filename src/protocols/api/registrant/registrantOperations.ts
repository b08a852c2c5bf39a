// Registrant operations: a registrant signs in with the profile's username, password and one of its domains, and
// manages that profile's domains with the session token it gets back (registrantAuth.ts), never with a reseller's
// token. Everything under this prefix is outside the reseller bearer auth (apiApp.ts).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from '../apiEnv.ts';
import { REGISTRANT_SCHEME, registrantAuth } from './registrantAuth.ts';
import { addRegistrantSession } from './registrantSession.ts';
import { addRegistrantDomains } from './registrantDomains.ts';
import { addRegistrantAuthCode } from './registrantAuthCode.ts';
import { addRegistrantPassword } from './registrantPassword.ts';

export const REGISTRANT_API_PREFIX = '/api/v1/registrant/';
const SESSION_PATH = `${REGISTRANT_API_PREFIX}session`;

export function addRegistrantOperations(app: OpenAPIHono<ApiEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', REGISTRANT_SCHEME, {
    type: 'http', scheme: 'bearer',
    description: 'A registrant session token: POST /api/v1/registrant/session with the profile\'s username, password and one of its domains',
  });
  // Signing in is the one registrant request without a session.
  app.use('/registrant/*', registrantAuth((method, path) => method === 'POST' && path === SESSION_PATH));
  addRegistrantSession(app);
  addRegistrantDomains(app);
  addRegistrantAuthCode(app);
  addRegistrantPassword(app);
}
