// The one check every command that acts on a domain makes, whichever door it came through: the caller sponsors the
// domain, and none of the statuses that block this command is set. Each command names the statuses that block it
// in one set at the top of its file (the shape of Nomulus's per-flow disallowed statuses); the guard reads the
// domain's states (client statuses, the lock, the redemption states, a registration the registry has not
// confirmed, a pending transfer) and raises one typed error, so no door checks statuses or ownership itself.
import type { Tx } from './core.ts';
import { CoreError } from './errors.ts';
import { clientStatusesOf, type ClientStatus } from './domainStatus.ts';
import type { DomainRow } from './commands/findDomain.ts';

export type DomainState = ClientStatus | 'pendingCreate' | 'pendingDelete' | 'pendingRestore' | 'pendingTransfer';

export interface DomainGuard {
  /** The statuses that refuse this command. */
  blockedBy: ReadonlySet<DomainState>;
  /** What the command does, for the message ("renewal", "update"). */
  action: string;
  /** The caller; omitted where access was already decided by the caller's cookie or the domain's profile. */
  resellerId?: number;
  /** Statuses the command itself removes, which therefore do not block it (an update removing clientUpdateProhibited). */
  lifting?: readonly DomainState[];
}

const REASON: Partial<Record<DomainState, string>> = {
  pendingCreate: 'is still waiting for its registry to confirm the registration (pendingCreate)',
  pendingDelete: 'is pending deletion (pendingDelete); restore it first',
  pendingRestore: 'is pending restore (pendingRestore); send the restore report first',
  pendingTransfer: 'has a pending transfer (pendingTransfer)',
};

/**
 * The states of a domain the guard can name; a pending transfer is only looked up when it matters, and not at all
 * when the caller already knows (`known`, e.g. a view that read it).
 */
export async function domainStatesOf(tx: Tx, d: DomainRow, wanted: ReadonlySet<DomainState>, known: { pendingTransfer?: boolean } = {}): Promise<Set<DomainState>> {
  const states = new Set<DomainState>(clientStatusesOf(d));
  if (d.rgp_status !== null) states.add('pendingDelete');
  if (d.rgp_status === 'pendingRestore') states.add('pendingRestore');
  if (d.registry_pending_until !== null) states.add('pendingCreate');
  if (known.pendingTransfer !== undefined) {
    if (known.pendingTransfer) states.add('pendingTransfer');
  } else if (wanted.has('pendingTransfer')) {
    const t = await tx.selectFrom('transfers').select('id').where('domain_id', '=', d.id).where('status', '=', 'pending').executeTakeFirst();
    if (t) states.add('pendingTransfer');
  }
  return states;
}

export async function assertDomainAllows(tx: Tx, d: DomainRow, g: DomainGuard): Promise<void> {
  if (g.resellerId !== undefined && d.reseller_id !== g.resellerId) {
    throw new CoreError('not_sponsor', `Authorization error: domain ${d.name} does not belong to the client`, 'domain');
  }
  const states = await domainStatesOf(tx, d, g.blockedBy);
  for (const s of g.blockedBy) {
    if (!states.has(s) || g.lifting?.includes(s)) continue;
    throw new CoreError('status_prohibits', `Domain ${d.name} ${REASON[s] ?? `has status ${s}`}: the ${g.action} is not allowed`, 'domain');
  }
}

/** Whether none of `blockedBy` is set (for views that show what a command would allow, e.g. Openprovider's canRenew). */
export async function domainAllows(tx: Tx, d: DomainRow, blockedBy: ReadonlySet<DomainState>, known: { pendingTransfer?: boolean } = {}): Promise<boolean> {
  const states = await domainStatesOf(tx, d, blockedBy, known);
  return ![...blockedBy].some((s) => states.has(s));
}
