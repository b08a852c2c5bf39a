// Reseller accounts: creation (credentials from the CSPRNG), key regeneration, funding, lookup.
import type { Core, Tx } from '../core.ts';
import { CoreError } from '../errors.ts';
import { generatePassword, generatePrivateKey } from '../secrets.ts';
import { hashPassword, verifyPassword, verifyPasswordOrDummy } from '../passwordHash.ts';
import { recordHistory } from '../history.ts';
import { credit } from '../ledger.ts';
import { DEFAULT_CURRENCY } from '../money.ts';
import { isIP } from 'node:net';

export interface Reseller {
  id: number;
  username: string;
  privateKey: string;
  balanceMinor: number;
  currency: string;
  allowedIps: string[];
}

// Reseller usernames double as EPP clIDs, which RFC 5730 limits to 16 characters.
const USERNAME = /^[a-z0-9][a-z0-9_-]{2,15}$/;

export async function createReseller(core: Core, input: { username: string; fundsMinor?: number; allowedIps?: string[] }):
  Promise<{ reseller: Reseller; password: string }> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    throw new CoreError('invalid_value', 'Reseller name must be 3-16 characters: a-z, 0-9, _ and -, starting with a letter or digit', 'username');
  }
  const ips = input.allowedIps ?? [];
  for (const ip of ips) if (!isIP(ip)) throw new CoreError('invalid_value', `Invalid IP address: ${ip}`, 'allow-ip');
  const funds = input.fundsMinor ?? 0;
  if (!Number.isSafeInteger(funds) || funds < 0) throw new CoreError('invalid_value', 'Funds must be a non-negative amount', 'funds');
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const privateKey = generatePrivateKey();
  const now = await core.clock.now();
  const id = await core.db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('resellers').select('id').where('username', '=', username).executeTakeFirst();
    if (exists) throw new CoreError('invalid_value', `Reseller ${username} already exists`, 'username');
    const row = await trx.insertInto('resellers').values({
      username, private_key: core.secrets.seal(privateKey, 'reseller.private_key'), password_hash: core.secrets.seal(passwordHash, 'reseller.password_hash'), balance_minor: 0, currency: DEFAULT_CURRENCY,
      allowed_ips: JSON.stringify(ips), created_at: now.toISOString(), updated_at: now.toISOString(),
    }).returning('id').executeTakeFirstOrThrow();
    await recordHistory(trx, { at: now, resellerId: row.id, domainId: null, objectType: 'reseller', objectId: row.id, action: 'create', detail: { username } });
    if (funds > 0) await credit(trx, { resellerId: row.id, amountMinor: funds, orderId: null, description: 'initial funds', at: now });
    return row.id;
  });
  return { reseller: (await findResellerById(core, id))!, password };
}

export async function findResellerByUsername(core: Core, username: string): Promise<Reseller | undefined> {
  const row = await core.db.selectFrom('resellers').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
  return row && toReseller(core, row);
}

export async function findResellerById(core: Core, id: number): Promise<Reseller | undefined> {
  const row = await core.db.selectFrom('resellers').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toReseller(core, row);
}

function toReseller(core: Core, row: { id: number; username: string; private_key: string; balance_minor: number; currency: string; allowed_ips: string }): Reseller {
  return {
    id: row.id, username: row.username, privateKey: core.secrets.open(row.private_key, 'reseller.private_key'), balanceMinor: row.balance_minor,
    currency: row.currency, allowedIps: JSON.parse(row.allowed_ips) as string[],
  };
}

async function requireReseller(core: Core, username: string): Promise<Reseller> {
  const r = await findResellerByUsername(core, username);
  if (!r) throw new CoreError('not_found', `Reseller ${username} not found`, 'username');
  return r;
}

export async function regenerateResellerKey(core: Core, username: string): Promise<string> {
  const r = await requireReseller(core, username);
  const key = generatePrivateKey();
  const now = await core.clock.now();
  await core.db.transaction().execute(async (trx) => {
    await trx.updateTable('resellers').set({ private_key: core.secrets.seal(key, 'reseller.private_key'), updated_at: now.toISOString() }).where('id', '=', r.id).execute();
    await recordHistory(trx, { at: now, resellerId: r.id, domainId: null, objectType: 'reseller', objectId: r.id, action: 'regenerate_key' });
  });
  return key;
}

export async function addResellerFunds(core: Core, username: string, amountMinor: number): Promise<number> {
  const r = await requireReseller(core, username);
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw new CoreError('invalid_value', 'Amount must be positive', 'amount');
  const now = await core.clock.now();
  return core.db.transaction().execute(async (trx) => {
    const balance = await credit(trx, { resellerId: r.id, amountMinor, orderId: null, description: 'funds added', at: now });
    await recordHistory(trx, { at: now, resellerId: r.id, domainId: null, objectType: 'reseller', objectId: r.id, action: 'add_funds', detail: { amountMinor } });
    return balance;
  });
}

/** Checks a reseller's EPP/web password; returns the reseller, or undefined on any mismatch. */
export async function authenticateReseller(core: Core, username: string, password: string): Promise<Reseller | undefined> {
  const row = await core.db.selectFrom('resellers').select(['id', 'password_hash']).where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
  // An unknown clID costs the same scrypt time as a wrong password, so timing does not tell which clIDs exist.
  const hash = row ? core.secrets.open(row.password_hash, 'reseller.password_hash') : undefined;
  if (!(await verifyPasswordOrDummy(password, hash)) || !row) return undefined;
  return findResellerById(core, row.id);
}

/**
 * The rules for a reseller password a client chooses (EPP login's <newPW>, RFC 5730): 6-16 characters (pwType), no
 * white space or control characters, not the username, not one character repeated, not the current password.
 * Returns the password, or throws invalid_value (syntax) / policy_violation (too weak).
 */
export function validateResellerPassword(password: string, username: string, currentPassword?: string): string {
  const field = 'newPW';
  if (password.length < 6 || password.length > 16) throw new CoreError('invalid_value', 'The new password must be 6-16 characters', field);
  if (/[\s\x00-\x1f\x7f]/.test(password)) throw new CoreError('invalid_value', 'The new password must not contain spaces or control characters', field);
  if (password.toLowerCase() === username.toLowerCase()) throw new CoreError('policy_violation', 'The new password is too weak: it must not be the clID', field);
  if (/^(.)\1*$/su.test(password)) throw new CoreError('policy_violation', 'The new password is too weak: it must not be one character repeated', field);
  if (currentPassword !== undefined && password === currentPassword) throw new CoreError('policy_violation', 'The new password must differ from the current one', field);
  return password;
}

/** A new password checked and hashed, ready to store (hashing takes tens of milliseconds: do it before claiming anything). */
export interface PreparedResellerPassword { hash: string }

export async function prepareResellerPassword(password: string, username: string, currentPassword?: string): Promise<PreparedResellerPassword> {
  return { hash: await hashPassword(validateResellerPassword(password, username, currentPassword)) };
}

/** Stores a prepared password (scrypt hash, as at creation): the next login needs it; live sessions stay. */
export async function storeResellerPassword(core: Core, resellerId: number, prepared: PreparedResellerPassword): Promise<void> {
  const now = await core.clock.now();
  await core.db.transaction().execute(async (trx) => {
    await trx.updateTable('resellers').set({ password_hash: core.secrets.seal(prepared.hash, 'reseller.password_hash'), updated_at: now.toISOString() }).where('id', '=', resellerId).execute();
    await recordHistory(trx, { at: now, resellerId, domainId: null, objectType: 'reseller', objectId: resellerId, action: 'change_password' });
  });
}

/**
 * Who names a reseller's EPP contacts: 'assigned' (the server assigns every handle and ignores the client's id, as
 * Openprovider does; the default) or 'client' (the client's id is the handle, RFC 5733).
 */
export const CONTACT_ID_MODES = ['assigned', 'client'] as const;
export type ContactIdMode = typeof CONTACT_ID_MODES[number];

export function parseContactIdMode(value: string): ContactIdMode {
  const v = value.trim().toLowerCase();
  if (!(CONTACT_ID_MODES as readonly string[]).includes(v)) throw new CoreError('invalid_value', `Contact id mode must be assigned or client, not ${value}`, 'contact-ids');
  return v as ContactIdMode;
}

/** Read per use (not cached in a session), so a change made with the CLI applies at once under a running server. */
export async function resellerContactIdMode(db: Tx, resellerId: number): Promise<ContactIdMode> {
  const row = await db.selectFrom('resellers').select('contact_id_mode').where('id', '=', resellerId).executeTakeFirst();
  return row?.contact_id_mode === 'client' ? 'client' : 'assigned';
}

/** `regd reseller contact-ids NAME [assigned|client]`: sets the mode when given; returns the mode in force. */
export async function setResellerContactIdMode(core: Core, username: string, mode?: string): Promise<ContactIdMode> {
  const r = await requireReseller(core, username);
  if (mode === undefined) return resellerContactIdMode(core.db, r.id);
  const m = parseContactIdMode(mode);
  const now = await core.clock.now();
  await core.db.transaction().execute(async (trx) => {
    await trx.updateTable('resellers').set({ contact_id_mode: m, updated_at: now.toISOString() }).where('id', '=', r.id).execute();
    await recordHistory(trx, { at: now, resellerId: r.id, domainId: null, objectType: 'reseller', objectId: r.id, action: 'contact_id_mode', detail: { mode: m } });
  });
  return m;
}

export async function resellerCertPin(core: Core, resellerId: number): Promise<string | null> {
  const row = await core.db.selectFrom('resellers').select('epp_cert_sha256').where('id', '=', resellerId).executeTakeFirst();
  return row?.epp_cert_sha256 ?? null;
}
