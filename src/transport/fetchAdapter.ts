// Between regd's own HTTPS layer (httpOverTls.ts) and a fetch-style app (Hono): each parsed request becomes a WHATWG
// Request, and the Response is written back as the transport's reply. The transport keeps its framing, limits and
// connection caps; the app never sees a socket. Used by the JSON API and the web interface.
import type { HttpRequest, HttpResponse } from './httpOverTls.ts';

export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
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
  // Answers are per caller and may carry account data: never cached by an intermediary or a browser, unless the app
  // said otherwise (static assets).
  headers['cache-control'] ??= 'no-store';
  // A redirect or an empty answer names no type; the transport's default (XML, for EPP) would mislabel it.
  headers['content-type'] ??= 'text/plain; charset=utf-8';
  headers['x-content-type-options'] = 'nosniff';
  return { status: res.status, headers, body: Buffer.from(await res.arrayBuffer()) };
}

