// A small router for the shared HTTPS listener: paths to handlers, so EPP (/epp), the JSON API and the web UI can
// each add their routes without knowing about the others. Unknown path: 404; known path, other method: 405.
import type { HttpHandler, HttpRequest, HttpResponse } from './httpOverTls.ts';

export interface HttpRoute {
  /** Exact path, without query string (e.g. "/epp"); a trailing "*" matches that prefix ("/api/*"). */
  path: string;
  /** Methods this route answers; HEAD is not implied. */
  methods: string[];
  handler: HttpHandler;
}

/** The path of a request target: origin-form without its query; absolute-form reduced to its path. */
export function requestPath(target: string): string {
  let path = target;
  const scheme = /^https?:\/\/[^/?#]*/i.exec(path);
  if (scheme) path = path.slice(scheme[0].length) || '/';
  const q = path.search(/[?#]/);
  return q === -1 ? path : path.slice(0, q);
}

function matches(route: HttpRoute, path: string): boolean {
  return route.path.endsWith('*') ? path.startsWith(route.path.slice(0, -1)) : path === route.path;
}

function plain(status: number, text: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, body: `${text}\n` };
}

export function createRouter(routes: HttpRoute[]): HttpHandler {
  return async (req: HttpRequest): Promise<HttpResponse> => {
    const path = requestPath(req.target);
    // The first route whose path matches owns that path (exact paths and narrower prefixes are listed first), so a
    // catch-all listed last (the web interface) never answers a method another door refuses at its own path.
    const route = routes.find((r) => matches(r, path));
    if (!route) return plain(404, 'Not Found');
    if (!route.methods.includes(req.method)) return plain(405, 'Method Not Allowed', { Allow: route.methods.join(', ') });
    return route.handler(req);
  };
}
