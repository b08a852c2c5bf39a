// Reseller API tokens: `Authorization: Bearer <token>` on the JSON API. A token is 32 bytes from the CSPRNG, shown
// once; the store keeps only its SHA-256. A slow password hash (scrypt) buys nothing for a 256-bit random secret, and
// a plain digest lets a request be checked with one indexed lookup. Names are per reseller, for listing and revoking.
import crypto from 'node:crypto';
import type { Core } from '../../core/core.ts';
import { CoreError } from '../../core/errors.ts';
import { recordHistory } from '../../core/history.ts';
import { findResellerById, findResellerByUsername, type Reseller } from '../../core/commands/resellers.ts';

/** Lets a leaked token be recognised by secret scanners and tells it apart from an XCP key or a password. */
const TOKEN_PREFIX = 'regd_';
const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const DEFAULT_TOKEN_NAME = 'default';

export interface ApiTokenInfo { name: string; createdAt: string; lastUsedAt: string | null }

function digest(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

async function requireReseller(core: Core, username: string): Promise<Reseller> {
  const r = await findResellerByUsername(core, username);
  if (!r) throw new CoreError('not_found', `Reseller ${username} not found`, 'username');
  return r;
}

export async function createApiToken(core: Core, username: string, name = DEFAULT_TOKEN_NAME): Promise<{ name: string; token: string }> {
  if (!TOKEN_NAME.test(name)) throw new CoreError('invalid_value', 'Token name must be 1-64 characters: letters, digits, _ . and -', 'token-name');
  const r = await requireReseller(core, username);
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
  const now = await core.clock.now();
  await core.db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('api_tokens').select('id').where('reseller_id', '=', r.id).where('name', '=', name).executeTakeFirst();
    if (exists) throw new CoreError('object_exists', `Reseller ${r.username} already has a token named ${name}; revoke it first or choose another --token-name`, 'token-name');
    await trx.insertInto('api_tokens').values({ reseller_id: r.id, name, token_sha256: digest(token), created_at: now.toISOString(), last_used_at: null }).execute();
    await recordHistory(trx, { at: now, resellerId: r.id, domainId: null, objectType: 'reseller', objectId: r.id, action: 'api_token_create', detail: { name } });
  });
  return { name, token };
}

export async function revokeApiToken(core: Core, username: string, name: string): Promise<void> {
  const r = await requireReseller(core, username);
  const now = await core.clock.now();
  await core.db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('api_tokens').where('reseller_id', '=', r.id).where('name', '=', name).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw new CoreError('not_found', `Reseller ${r.username} has no token named ${name}`, 'token-name');
    await recordHistory(trx, { at: now, resellerId: r.id, domainId: null, objectType: 'reseller', objectId: r.id, action: 'api_token_revoke', detail: { name } });
  });
}

export async function listApiTokens(core: Core, username: string): Promise<ApiTokenInfo[]> {
  const r = await requireReseller(core, username);
  const rows = await core.db.selectFrom('api_tokens').select(['name', 'created_at', 'last_used_at']).where('reseller_id', '=', r.id).orderBy('name').execute();
  return rows.map((t) => ({ name: t.name, createdAt: t.created_at, lastUsedAt: t.last_used_at }));
}

/**
 * The reseller a presented token belongs to, or undefined. The row is found by the token's digest; the digests are
 * then compared in constant time as well, so the answer never depends on how a near-miss compares byte by byte.
 * Records the use (last_used_at), which is what `regd reseller token list` shows.
 */
export async function authenticateApiToken(core: Core, token: string): Promise<Reseller | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 128) return undefined;
  const presented = digest(token);
  const row = await core.db.selectFrom('api_tokens').select(['id', 'reseller_id', 'token_sha256']).where('token_sha256', '=', presented).executeTakeFirst();
  if (!row || !crypto.timingSafeEqual(Buffer.from(row.token_sha256, 'hex'), Buffer.from(presented, 'hex'))) return undefined;
  const now = await core.clock.now();
  await core.db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  return findResellerById(core, Number(row.reseller_id));
}
