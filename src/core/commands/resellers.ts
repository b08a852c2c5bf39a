// Reseller accounts: creation (credentials from the CSPRNG), key regeneration, funding, lookup.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { generatePassword, generatePrivateKey } from '../secrets.ts';
import { hashPassword, verifyPassword } from '../passwordHash.ts';
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
      username, private_key: privateKey, password_hash: passwordHash, balance_minor: 0, currency: DEFAULT_CURRENCY,
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
  return row && toReseller(row);
}

export async function findResellerById(core: Core, id: number): Promise<Reseller | undefined> {
  const row = await core.db.selectFrom('resellers').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toReseller(row);
}

function toReseller(row: { id: number; username: string; private_key: string; balance_minor: number; currency: string; allowed_ips: string }): Reseller {
  return {
    id: row.id, username: row.username, privateKey: row.private_key, balanceMinor: row.balance_minor,
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
    await trx.updateTable('resellers').set({ private_key: key, updated_at: now.toISOString() }).where('id', '=', r.id).execute();
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
  if (!row) return undefined;
  if (!(await verifyPassword(password, row.password_hash))) return undefined;
  return findResellerById(core, row.id);
}

/** EPP login's newPW: passwords of 6-16 characters as RFC 5730's pwType allows. */
export async function changeResellerPassword(core: Core, resellerId: number, newPassword: string): Promise<void> {
  if (newPassword.length < 6 || newPassword.length > 16) throw new CoreError('invalid_value', 'The new password must be 6-16 characters', 'newPW');
  const now = await core.clock.now();
  const hash = await hashPassword(newPassword);
  await core.db.transaction().execute(async (trx) => {
    await trx.updateTable('resellers').set({ password_hash: hash, updated_at: now.toISOString() }).where('id', '=', resellerId).execute();
    await recordHistory(trx, { at: now, resellerId, domainId: null, objectType: 'reseller', objectId: resellerId, action: 'change_password' });
  });
}

export async function resellerCertPin(core: Core, resellerId: number): Promise<string | null> {
  const row = await core.db.selectFrom('resellers').select('epp_cert_sha256').where('id', '=', resellerId).executeTakeFirst();
  return row?.epp_cert_sha256 ?? null;
}
