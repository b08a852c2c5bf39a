// Helpers shared by the xcpSurface* end-to-end tests: register a name, read replies, read the outbox and other
// rows straight from the server's store (the server keeps running; SQLite in WAL mode allows the reader).
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { XcpClient, XcpReply } from '../../src/client/xcpClient.ts';
import { isAssoc, type OpsAssoc } from '../../src/protocols/ops/index.ts';
import { openStore } from '../../src/store/openStore.ts';
import type { Database } from '../../src/store/schema.ts';
import { readOutbox, type OutboxMessage } from '../../src/core/commands/readOutbox.ts';
import { registerAttributes } from './fixtures.ts';

export const assoc = (v: unknown): OpsAssoc => { assert.ok(isAssoc(v), `expected a hash, got ${JSON.stringify(v)}`); return v; };

export async function register(c: XcpClient, name: string, extra: Record<string, unknown> = {}): Promise<XcpReply> {
  const r = await c.call('DOMAIN', 'SW_REGISTER', registerAttributes(name, extra));
  assert.equal(r.responseCode, 200, `${name}: ${r.responseText}`);
  return r;
}

export async function cookieFor(c: XcpClient, domain: string, user = 'registrant1', password = 'secret123'): Promise<string> {
  const r = await c.call('COOKIE', 'SET', { domain, reg_username: user, reg_password: password });
  assert.equal(r.responseCode, 200, r.responseText);
  return String(r.attributes.cookie);
}

export function expectCode(r: XcpReply, code: number, text?: RegExp): void {
  assert.equal(r.responseCode, code, `expected ${code}, got ${r.responseCode} ${r.responseText}`);
  assert.equal(r.isSuccess, code >= 200 && code < 300);
  if (text) assert.match(r.responseText, text);
}

const stores = new Map<string, Kysely<Database>>();

/** A connection to a running server's store (its SQLite file, or the PostgreSQL of REGD_DATABASE_URL it inherited). */
export async function storeOf(dataDir: string): Promise<Kysely<Database>> {
  let db = stores.get(dataDir);
  if (!db) {
    db = await openStore({ dataDir, databaseUrl: process.env.REGD_DATABASE_URL });
    stores.set(dataDir, db);
  }
  return db;
}

export async function closeStores(): Promise<void> {
  for (const db of stores.values()) await db.destroy();
  stores.clear();
}

export async function outbox(dataDir: string, filter: { domain?: string; kind?: string; to?: string } = {}): Promise<OutboxMessage[]> {
  return readOutbox(await storeOf(dataDir), filter);
}
