// Mounts the JSON API on regd's own HTTPS layer (transport/httpOverTls.ts) through the fetch adapter.
import type { Core } from '../../core/core.ts';
import type { HttpRequest, HttpResponse } from '../../transport/httpOverTls.ts';
import { fromFetchResponse, METHODS, toFetchRequest } from '../../transport/fetchAdapter.ts';
import type { HttpRoute } from '../../transport/httpRouter.ts';
import { API_BASE_PATH, createApiApp, type ApiAppOptions } from './apiApp.ts';
import { problemOf, problemResponse } from './problem.ts';
import { API_RATE_LIMIT_ENV, parseApiRateLimit } from './rateLimit.ts';
import { runAudited } from '../../core/audit/auditContext.ts';

/**
 * `options.rateLimit` as createApiApp takes it; when the caller passes none, REGD_API_RATE_LIMIT ("RATE[:BURST]",
 * 0 for none) may set it for this server process, else the default applies.
 */
export function createApiHttpsDoor(core: Core, options: ApiAppOptions = {}): { routes: HttpRoute[] } {
  const app = createApiApp(core, { ...options, rateLimit: options.rateLimit ?? parseApiRateLimit(process.env[API_RATE_LIMIT_ENV]) });
  const handler = async (req: HttpRequest): Promise<HttpResponse> => {
    let request: Request;
    try {
      request = toFetchRequest(req);
    } catch {
      return fromFetchResponse(problemResponse(problemOf('invalid_value', 'The request target is not a valid URL')));
    }
    // The audit log names this door and the address; the token or registrant session names the actor.
    const response = await runAudited({ door: 'api', sourceAddress: req.remoteAddress }, async () => app.fetch(request, { remoteAddress: req.remoteAddress }));
    return fromFetchResponse(response);
  };
  return { routes: [{ path: `${API_BASE_PATH}/*`, methods: METHODS, handler }] };
}
