// Helpers for the core unit/property tests: a Core on a fresh SQLite store with a ManualClock and the sandbox
// registry, plus plain (non-OPS) registration inputs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '../../src/core/core.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { openSqliteStore } from '../../src/store/openSqlite.ts';
import { SandboxRegistry } from '../../src/registry/sandbox/sandboxRegistry.ts';
import { seedPriceList } from '../../src/core/commands/prices.ts';
import { CoreError, type CoreErrorKind } from '../../src/core/errors.ts';
import type { RegisterDomainInput } from '../../src/core/commands/registerDomain.ts';
import { secretBoxFor } from '../../src/core/secrets/secretBox.ts';

export interface TestCore extends Core { clock: ManualClock; dataDir: string }

export const START = new Date('2025-03-10T12:00:00.000Z');

export async function makeTestCore(start: Date = START): Promise<TestCore> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regd-core-test-'));
  const db = await openSqliteStore(dataDir);
  const clock = new ManualClock(start);
  const core: TestCore = { db, clock, registry: new SandboxRegistry(undefined, clock), mode: 'sandbox', dataDir, secrets: await secretBoxFor(dataDir) };
  await seedPriceList(core);
  return core;
}

export async function closeTestCore(core: Core & { dataDir?: string }): Promise<void> {
  await core.db.destroy();
  if (core.dataDir) fs.rmSync(core.dataDir, { recursive: true, force: true });
}

export function plainContact(first: string): Record<string, string> {
  return {
    first_name: first, last_name: 'Tester', org_name: 'Example Inc.', address1: '32 Oak Street', city: 'Toronto',
    state: 'ON', country: 'CA', postal_code: 'M1M1M1', phone: '+1.4165551212', email: `${first.toLowerCase()}@example.com`,
  };
}

export const REG_USERNAME = 'registrant1';
export const REG_PASSWORD = 'secret123';

export function registerInput(resellerId: number, domain: string, extra: Partial<RegisterDomainInput> = {}): RegisterDomainInput {
  return {
    resellerId, domain, period: 1,
    contactSet: { owner: plainContact('Owner'), admin: plainContact('Admin'), billing: plainContact('Billing'), tech: plainContact('Tech') },
    nameservers: [{ name: 'ns1.example.net', sortOrder: 1 }, { name: 'ns2.example.net', sortOrder: 2 }],
    regUsername: REG_USERNAME, regPassword: REG_PASSWORD,
    autoRenew: false, lock: false, whoisPrivacy: false, handle: 'process',
    ...extra,
  };
}

/** assert.rejects / assert.throws validator: a CoreError of the given kind. */
export function coreErrorOf(kind: CoreErrorKind): (err: unknown) => boolean {
  return (err: unknown) => {
    if (!(err instanceof CoreError)) throw new Error(`expected CoreError(${kind}), got ${String(err)}`);
    if (err.kind !== kind) throw new Error(`expected CoreError kind ${kind}, got ${err.kind}: ${err.message}`);
    return true;
  };
}

export async function tableCount(core: Core, table: 'domains' | 'orders' | 'domain_contacts' | 'domain_nameservers' | 'ledger_entries' | 'contacts' | 'history'): Promise<number> {
  const row = await core.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
