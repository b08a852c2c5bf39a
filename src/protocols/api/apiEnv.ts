// What every JSON API handler can read from its context: the core, and the reseller the bearer token named (set by
// bearerAuth.ts before any operation runs).
import type { Core } from '../../core/core.ts';
import type { Reseller } from '../../core/commands/resellers.ts';

export interface ApiEnv {
  Variables: { core: Core; reseller: Reseller };
  // Passed to app.fetch by the adapter: the client address the transport saw (the allow list needs it).
  Bindings: { remoteAddress: string };
}
