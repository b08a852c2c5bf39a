// Per-reseller quotas: the most live domains and nameserver (host) objects a reseller may hold. NULL in the store
// means unlimited. The checks run inside the transaction that adds the object, after the reseller row has been
// updated (the debit), so concurrent registrations of one reseller serialise on that row and count each other.
import type { Tx } from './core.ts';
import { CoreError } from './errors.ts';

export type QuotaKind = 'domains' | 'nameservers' | 'subusers';

/** A quota refusal. Its kind is policy_violation for doors without a quota code; XCP answers 440/445/447. */
export class QuotaExceededError extends CoreError {
  readonly quota: QuotaKind;
  constructor(quota: QuotaKind, message: string) {
    super('policy_violation', message, quota);
    this.name = 'QuotaExceededError';
    this.quota = quota;
  }
}

export async function countLiveDomains(tx: Tx, resellerId: number): Promise<number> {
  const r = await tx.selectFrom('domains').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('reseller_id', '=', resellerId).where('deleted_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Call after the new domain row is written: the count includes it. */
export async function assertWithinDomainQuota(tx: Tx, resellerId: number, adding = 0): Promise<void> {
  const r = await tx.selectFrom('resellers').select('max_domains').where('id', '=', resellerId).executeTakeFirst();
  if (r?.max_domains === null || r?.max_domains === undefined) return;
  const n = (await countLiveDomains(tx, resellerId)) + adding;
  if (n > r.max_domains) {
    throw new QuotaExceededError('domains', `Registration Failed: over quota (the reseller may hold at most ${r.max_domains} domains)`);
  }
}

/** Call after the new host row is written: the count includes it. */
export async function assertWithinNameserverQuota(tx: Tx, resellerId: number, adding = 0): Promise<void> {
  const r = await tx.selectFrom('resellers').select('max_nameservers').where('id', '=', resellerId).executeTakeFirst();
  if (r?.max_nameservers === null || r?.max_nameservers === undefined) return;
  const c = await tx.selectFrom('hosts').select((eb) => eb.fn.countAll<number>().as('n')).where('reseller_id', '=', resellerId).executeTakeFirstOrThrow();
  if (Number(c.n) + adding > r.max_nameservers) {
    throw new QuotaExceededError('nameservers', `Nameserver quota exceeded (the reseller may hold at most ${r.max_nameservers} nameservers)`);
  }
}
