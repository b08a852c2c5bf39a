// The part of the shared EPP client (src/client/epp/) the upstream adapter uses. Kept as its own narrow type so the
// pool and the adapter read as what they need, and tests can stand in a fake session.
import type { EppClient } from '../../client/epp/index.ts';

export type UpstreamSession = Pick<EppClient,
  | 'domainCheck' | 'domainClaimsCheck' | 'domainInfo' | 'domainCreate' | 'domainRenew' | 'domainTransfer' | 'domainUpdate' | 'domainDelete'
  | 'domainRestore' | 'domainRestoreReport'
  | 'contactCreate' | 'contactUpdate'
  | 'hostCreate' | 'hostUpdate' | 'hostDelete' | 'hostInfo'
  | 'poll' | 'pollAck' | 'hello' | 'logout' | 'close'>;

/** Opens and logs in one session (EppClient.connect with the upstream's settings). */
export type SessionConnector = () => Promise<UpstreamSession>;
