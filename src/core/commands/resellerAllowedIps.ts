// Setting a reseller's source-address allow list (the list `regd reseller create --allow-ip` starts; OpenSRS's RWI
// edits it). The list is what access/sourceAddressAllowed.ts checks on every door in live mode: an empty list
// allows no address. Addresses are stored in canonical form (an IPv4-mapped IPv6 address as plain IPv4, lower case),
// once each; anything that is not an IPv4 or IPv6 address is refused, naming it.
import { isIP } from 'node:net';
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { recordHistory } from '../history.ts';
import { canonicalAddress } from '../access/sourceAddressAllowed.ts';
import { findResellerByUsername } from './resellers.ts';

/** More than enough for a reseller's servers; bounds what one request can store. */
export const MAX_ALLOWED_IPS = 100;

export function normalizeAllowedIps(input: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of input) {
    const ip = canonicalAddress(raw);
    if (ip === '') continue;
    if (!isIP(ip)) throw new CoreError('invalid_value', `Invalid IP address: ${raw.trim()}`, 'allowed_ips');
    if (!out.includes(ip)) out.push(ip);
  }
  if (out.length > MAX_ALLOWED_IPS) throw new CoreError('policy_violation', `At most ${MAX_ALLOWED_IPS} addresses may be allowed`, 'allowed_ips');
  return out;
}

/** Replaces the list; returns it as stored. */
export async function setResellerAllowedIps(core: Core, username: string, ips: readonly string[]): Promise<string[]> {
  const r = await findResellerByUsername(core, username);
  if (!r) throw new CoreError('not_found', `Reseller ${username} not found`, 'username');
  const list = normalizeAllowedIps(ips);
  const now = await core.clock.now();
  await core.db.transaction().execute(async (trx) => {
    await trx.updateTable('resellers').set({ allowed_ips: JSON.stringify(list), updated_at: now.toISOString() }).where('id', '=', r.id).execute();
    await recordHistory(trx, { at: now, resellerId: r.id, domainId: null, objectType: 'reseller', objectId: r.id, action: 'allowed_ips', detail: { ips: list } });
  });
  return list;
}
