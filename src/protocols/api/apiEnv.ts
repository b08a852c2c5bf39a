// What every JSON API handler can read from its context: the core, the request-rate buckets, and who is calling:
// the reseller a bearer token named (set by bearerAuth.ts before any reseller operation runs) or, on the registrant
// operations, the registrant session (registrant/registrantAuth.ts).
import type { Core } from '../../core/core.ts';
import type { Reseller } from '../../core/commands/resellers.ts';
import type { RegistrantSession } from '../../core/commands/registrantSessions.ts';
import type { TokenBuckets } from './rateLimit.ts';

export interface ApiEnv {
  Variables: { core: Core; rateLimit: TokenBuckets | undefined; reseller: Reseller; registrant: RegistrantSession };
  // Passed to app.fetch by the adapter: the client address the transport saw (the allow list needs it).
  Bindings: { remoteAddress: string };
}
