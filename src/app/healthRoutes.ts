// Liveness and readiness for load balancers and orchestrators, on the HTTPS port: `/healthz` answers 200 while the
// process serves requests at all; `/readyz` answers 200 only when the store answers a query and every migration this
// build knows has been applied, else 503 with the reason (a node must not take traffic on a store it cannot use).
// Plain text, no authentication, nothing about the store beyond ready or not.
import { sql } from 'kysely';
import type { Core } from '../core/core.ts';
import type { HttpResponse } from '../transport/httpOverTls.ts';
import type { HttpRoute } from '../transport/httpRouter.ts';
import { pendingMigrations } from '../store/migrate.ts';

export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';
const STORE_TIMEOUT_MS = 2_000;

function text(status: number, body: string): HttpResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, body: `${body}\n` };
}

async function readiness(core: Core): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => { timer = setTimeout(() => resolve('the store did not answer in time'), STORE_TIMEOUT_MS); });
  const check = (async () => {
    try {
      await sql`select 1`.execute(core.db);
    } catch {
      return 'the store does not answer';
    }
    const pending = await pendingMigrations(core.db);
    return pending.length > 0 ? `migrations not applied yet: ${pending.join(', ')}` : undefined;
  })();
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(core: Core): HttpRoute[] {
  return [
    { path: HEALTH_PATH, methods: ['GET', 'HEAD'], handler: async () => text(200, 'ok') },
    {
      path: READY_PATH, methods: ['GET', 'HEAD'],
      handler: async () => {
        const notReady = await readiness(core).catch(() => 'the store does not answer');
        return notReady ? text(503, `not ready: ${notReady}`) : text(200, 'ready');
      },
    },
  ];
}
