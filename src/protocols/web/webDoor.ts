// Mounts the web interface on the shared HTTPS listener, after EPP (/epp) and the JSON API (/api/v1/*), which the
// router tries first: everything else on the port is a web page.
import type { Core } from '../../core/core.ts';
import type { HttpRequest, HttpResponse } from '../../transport/httpOverTls.ts';
import { fromFetchResponse, toFetchRequest } from '../../transport/fetchAdapter.ts';
import { requestPath, type HttpRoute } from '../../transport/httpRouter.ts';
import { createWebApps, isRegistrantPath } from './webApp.ts';
import { runAudited } from '../../core/audit/auditContext.ts';

export function createWebDoor(core: Core): { routes: HttpRoute[] } {
  const apps = createWebApps(core);
  const handler = async (req: HttpRequest): Promise<HttpResponse> => {
    let request: Request;
    try {
      request = toFetchRequest(req);
    } catch {
      return { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Bad request target\n' };
    }
    const registrant = isRegistrantPath(requestPath(req.target));
    const app = registrant ? apps.registrant : apps.reseller;
    const response = await runAudited({ door: registrant ? 'web-registrant' : 'web', sourceAddress: req.remoteAddress },
      async () => app.fetch(request, { remoteAddress: req.remoteAddress }));
    return fromFetchResponse(response);
  };
  return { routes: [{ path: '/*', methods: ['GET', 'HEAD', 'POST'], handler }] };
}
