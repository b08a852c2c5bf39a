// What every transfer action shares: the transfer rows of a domain, the view both parties see, the auth-code check
// and the domain lock that makes concurrent actions on one domain queue up.
import crypto from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Core, Tx } from '../../core.ts';
import { CoreError } from '../../errors.ts';
import { findLiveDomain, type DomainRow } from '../findDomain.ts';
import { isRemoteRegistry } from '../../orders/registryReach.ts';
import type { TransferStatus, TransferView } from '../pollQueue.ts';
import type { TransfersTable } from '../../../store/schema.ts';

export type { TransferStatus, TransferView } from '../pollQueue.ts';
export type TransferRow = Selectable<TransfersTable>;
export type TransferOutcome = Exclude<TransferStatus, 'pending'>;

/** Transfers add this many years; other periods are refused (the price list holds a one-year transfer price). */
export const TRANSFER_YEARS = 1;

export async function hasPendingTransfer(core: Core, domainId: number): Promise<boolean> {
  // Only whether one exists: one column, and the LIMIT written as a literal. A bound `limit ?` makes SQLite (3.47+)
  // mark the statement to be compiled again whenever that parameter is bound, so a cached statement with `limit ?`
  // is re-prepared on every run (sqlite3Reprepare was 4 % of a domain:info in a perf profile).
  const row = await core.db.selectFrom('transfers').select('id').where('domain_id', '=', domainId).where('status', '=', 'pending')
    .limit(sql.lit(1)).executeTakeFirst();
  return row !== undefined;
}

export async function pendingTransferOf(tx: Tx, domainId: number): Promise<TransferRow | undefined> {
  return tx.selectFrom('transfers').selectAll().where('domain_id', '=', domainId).where('status', '=', 'pending')
    .orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function lastTransferOf(tx: Tx, domainId: number): Promise<TransferRow | undefined> {
  return tx.selectFrom('transfers').selectAll().where('domain_id', '=', domainId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function usernameOf(tx: Tx, resellerId: number): Promise<string> {
  const r = await tx.selectFrom('resellers').select('username').where('id', '=', resellerId).executeTakeFirstOrThrow();
  return r.username;
}

export async function transferView(tx: Tx, t: TransferRow): Promise<TransferView> {
  return {
    name: t.domain_name,
    status: t.status as TransferStatus,
    gainingUsername: await usernameOf(tx, t.gaining_reseller_id),
    requestedAt: t.requested_at,
    losingUsername: await usernameOf(tx, t.losing_reseller_id),
    actionAt: t.acted_at ?? t.action_deadline,
    expiresAt: t.expires_at_after ?? undefined,
  };
}

/** Compares auth codes in constant time (hashes first, so different lengths do not leak either). */
export function authMatches(given: string | undefined, stored: string): boolean {
  if (given === undefined) return false;
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(stored).digest();
  return crypto.timingSafeEqual(a, b);
}

export async function liveDomain(core: Core, name: string): Promise<DomainRow> {
  const d = await findLiveDomain(core, name);
  if (!d) throw new CoreError('not_found', `Domain ${name} not found`, 'domain');
  return d;
}

/** Takes the domain row's write lock for the rest of the transaction, so concurrent changes to it queue up. */
export async function lockDomain(tx: Tx, domainId: number, now: Date): Promise<DomainRow> {
  await tx.updateTable('domains').set({ updated_at: now.toISOString() }).where('id', '=', domainId).execute();
  return tx.selectFrom('domains').selectAll().where('id', '=', domainId).executeTakeFirstOrThrow();
}

/** Claims a pending transfer for one outcome: of concurrent actions on it exactly one succeeds. */
export async function claimTransfer(trx: Tx, transferId: number, status: TransferOutcome, at: Date): Promise<TransferRow> {
  const res = await trx.updateTable('transfers').set({ status, acted_at: at.toISOString() })
    .where('id', '=', transferId).where('status', '=', 'pending').executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new CoreError('not_pending_transfer', 'The transfer is no longer pending', 'domain');
  return trx.selectFrom('transfers').selectAll().where('id', '=', transferId).executeTakeFirstOrThrow();
}

/** Finds the pending transfer for an action by `resellerId` as `role`; checks order: exists, authorised, pending. */
export async function pendingFor(core: Core, input: { resellerId: number; name: string }, role: 'losing' | 'gaining'): Promise<{ d: DomainRow; t: TransferRow }> {
  const d = await liveDomain(core, input.name);
  const t = await pendingTransferOf(core.db, d.id);
  if (role === 'losing') {
    if (d.reseller_id !== input.resellerId) {
      throw new CoreError('not_sponsor', `Authorization error: only the sponsoring client can ${t ? 'approve or reject' : 'act on'} a transfer of ${d.name}`, 'domain');
    }
    if (!t) throw new CoreError('not_pending_transfer', `No transfer of ${d.name} is pending`, 'domain');
  } else {
    if (!t) throw new CoreError('not_pending_transfer', `No transfer of ${d.name} is pending`, 'domain');
    if (t.gaining_reseller_id !== input.resellerId) throw new CoreError('not_sponsor', `Authorization error: only the requesting client can cancel the transfer of ${d.name}`, 'domain');
  }
  return { d, t };
}

/**
 * The sponsor's domain when a transfer of it can only be pending at its remote registry (another registrar asked
 * there): served remotely, sponsored by `resellerId`, no transfer on regd's own record. Else undefined.
 */
export async function remoteLosingSide(core: Core, input: { resellerId: number; name: string }): Promise<DomainRow | undefined> {
  const d = await findLiveDomain(core, input.name);
  if (!d || d.reseller_id !== input.resellerId || !isRemoteRegistry(core, d.tld)) return undefined;
  return (await pendingTransferOf(core.db, d.id)) ? undefined : d;
}
