// Mounts the JSON API on regd's own HTTPS layer (transport/httpOverTls.ts): each parsed request becomes a WHATWG
// Request for Hono's app.fetch, and the Response is written back as the transport's reply. The transport keeps its
// framing, limits and connection caps; Hono never sees a socket.
import type { Core } from '../../core/core.ts';
import type { HttpRequest, HttpResponse } from '../../transport/httpOverTls.ts';
import type { HttpRoute } from '../../transport/httpRouter.ts';
import { API_BASE_PATH, createApiApp } from './apiApp.ts';
import { problemOf, problemResponse } from './problem.ts';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/** Headers the transport frames itself; a copy from the Response would contradict it. */
const TRANSPORT_OWNED = new Set(['content-length', 'connection', 'transfer-encoding', 'keep-alive']);

export function toFetchRequest(req: HttpRequest): Request {
  const headers = new Headers();
  for (const [name, value] of req.headers) {
    try { headers.set(name, value); } catch { /* a value Headers refuses carries nothing the API reads */ }
  }
  // The URL's authority is never used for routing or links; a missing or odd Host must not make the URL invalid.
  const target = req.target.startsWith('/') ? req.target : new URL(req.target, 'https://localhost').pathname;
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(target, 'https://localhost'), { method: req.method, headers, body: hasBody ? new Uint8Array(req.body) : undefined });
}

export async function fromFetchResponse(res: Response): Promise<HttpResponse> {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => { if (!TRANSPORT_OWNED.has(name)) headers[name] = value; });
  // API answers are per caller and may carry account data: never cached by an intermediary or a browser.
  headers['cache-control'] = 'no-store';
  headers['x-content-type-options'] = 'nosniff';
  return { status: res.status, headers, body: Buffer.from(await res.arrayBuffer()) };
}

export function createApiHttpsDoor(core: Core): { routes: HttpRoute[] } {
  const app = createApiApp(core);
  const handler = async (req: HttpRequest): Promise<HttpResponse> => {
    let request: Request;
    try {
      request = toFetchRequest(req);
    } catch {
      return fromFetchResponse(problemResponse(problemOf('invalid_value', 'The request target is not a valid URL')));
    }
    return fromFetchResponse(await app.fetch(request, { remoteAddress: req.remoteAddress }));
  };
  return { routes: [{ path: `${API_BASE_PATH}/*`, methods: METHODS, handler }] };
}
