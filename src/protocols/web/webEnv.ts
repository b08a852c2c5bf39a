// What every web handler can read from its context: the core, the signed-in session (set by sessionCookie.ts) and
// the reseller or profile it belongs to.
import type { Core } from '../../core/core.ts';
import type { Reseller } from '../../core/commands/resellers.ts';
import type { Session } from '../../core/access/sessions.ts';

export interface WebEnv {
  Variables: { core: Core; session?: Session; reseller?: Reseller };
  // Passed to app.fetch by the adapter: the client address the transport saw (allow list, login throttle).
  Bindings: { remoteAddress: string };
}
