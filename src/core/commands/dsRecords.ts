// DNSSEC delegation signer records (RFC 5910's dsData interface) on a domain: validation against the DNSSEC
// algorithm and digest registries, and reading/writing the domain_ds rows.
import type { Tx } from '../core.ts';
import { CoreError } from '../errors.ts';

export interface DsRecord { keyTag: number; alg: number; digestType: number; digest: string }

export const MAX_DS_RECORDS = 8;
// IANA DNSSEC algorithm numbers usable for zone signing (RSAMD5, DSA and other deprecated ones excluded).
const ALGORITHMS = new Set([3, 5, 6, 7, 8, 10, 12, 13, 14, 15, 16]);
// Digest types and their digest lengths in hex characters: SHA-1, SHA-256, GOST R 34.11-94, SHA-384.
const DIGEST_HEX_LENGTH: Record<number, number> = { 1: 40, 2: 64, 3: 64, 4: 96 };

export const dsKey = (r: DsRecord): string => `${r.keyTag}/${r.alg}/${r.digestType}/${r.digest}`;

export function validateDsRecord(r: DsRecord): DsRecord {
  const digest = r.digest.trim().toUpperCase();
  if (!Number.isInteger(r.keyTag) || r.keyTag < 0 || r.keyTag > 65535) throw new CoreError('invalid_value', `Invalid DS keyTag ${r.keyTag}`, 'keyTag');
  if (!ALGORITHMS.has(r.alg)) throw new CoreError('policy_violation', `DS algorithm ${r.alg} is not accepted (use one of ${[...ALGORITHMS].join(', ')})`, 'alg');
  const len = DIGEST_HEX_LENGTH[r.digestType];
  if (len === undefined) throw new CoreError('policy_violation', `DS digest type ${r.digestType} is not accepted (use 1, 2, 3 or 4)`, 'digestType');
  if (!/^[0-9A-F]*$/.test(digest) || digest.length !== len) {
    throw new CoreError('policy_violation', `DS digest for digest type ${r.digestType} must be ${len} hex characters`, 'digest');
  }
  return { keyTag: r.keyTag, alg: r.alg, digestType: r.digestType, digest };
}

/** Validates a set of records (no duplicates, at most MAX_DS_RECORDS). */
export function validateDsSet(records: DsRecord[]): DsRecord[] {
  const out: DsRecord[] = [];
  for (const r of records.map(validateDsRecord)) {
    if (out.some((o) => dsKey(o) === dsKey(r))) throw new CoreError('policy_violation', `DS record ${dsKey(r)} is given twice`, 'dsData');
    out.push(r);
  }
  if (out.length > MAX_DS_RECORDS) throw new CoreError('policy_violation', `At most ${MAX_DS_RECORDS} DS records per domain`, 'dsData');
  return out;
}

export interface DsChange { removeAll: boolean; rem: DsRecord[]; add: DsRecord[] }

/** Applies a change to the current set: removing an absent record or adding a present one is a policy error. */
export function applyDsChange(current: DsRecord[], change: DsChange): DsRecord[] {
  let next = change.removeAll ? [] : [...current];
  for (const r of change.rem.map(validateDsRecord)) {
    if (!next.some((n) => dsKey(n) === dsKey(r))) throw new CoreError('policy_violation', `DS record ${dsKey(r)} is not on the domain`, 'rem');
    next = next.filter((n) => dsKey(n) !== dsKey(r));
  }
  for (const r of change.add.map(validateDsRecord)) {
    if (next.some((n) => dsKey(n) === dsKey(r))) throw new CoreError('policy_violation', `DS record ${dsKey(r)} is already on the domain`, 'add');
    next.push(r);
  }
  return validateDsSet(next);
}

export async function readDsRecords(tx: Tx, domainId: number): Promise<DsRecord[]> {
  const rows = await tx.selectFrom('domain_ds').select(['key_tag', 'alg', 'digest_type', 'digest'])
    .where('domain_id', '=', domainId).orderBy('key_tag').orderBy('alg').orderBy('digest_type').orderBy('digest').execute();
  return rows.map((r) => ({ keyTag: r.key_tag, alg: r.alg, digestType: r.digest_type, digest: r.digest }));
}

export async function writeDsRecords(tx: Tx, domainId: number, records: DsRecord[]): Promise<void> {
  await tx.deleteFrom('domain_ds').where('domain_id', '=', domainId).execute();
  for (const r of records) {
    await tx.insertInto('domain_ds').values({ domain_id: domainId, key_tag: r.keyTag, alg: r.alg, digest_type: r.digestType, digest: r.digest }).execute();
  }
}
