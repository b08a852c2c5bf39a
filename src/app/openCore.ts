// Builds the core on a store: opens (and migrates) the database, picks the clock and registry, seeds prices.
import type { Core } from '../core/core.ts';
import { openStore } from '../store/openStore.ts';
import { StoreClock } from '../core/sandboxClock.ts';
import { SystemClock } from '../core/clock.ts';
import { SandboxRegistry } from '../registry/sandbox/sandboxRegistry.ts';
import { seedPriceList } from '../core/commands/prices.ts';

export interface CoreOptions {
  dataDir: string;
  databaseUrl?: string;
  mode: 'sandbox' | 'live';
}

export async function openCore(opts: CoreOptions): Promise<Core> {
  const db = await openStore({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl });
  // Live mode runs on real time; only the sandbox lets an operator move the clock.
  const clock = opts.mode === 'sandbox' ? new StoreClock(db) : new SystemClock();
  const core: Core = { db, clock, registry: new SandboxRegistry(), mode: opts.mode };
  await seedPriceList(core);
  return core;
}
