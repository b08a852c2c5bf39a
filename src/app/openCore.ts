// Builds the core on a store: opens (and migrates) the database, picks the clock and registry, seeds prices.
import type { Core } from '../core/core.ts';
import { openStore } from '../store/openStore.ts';
import { StoreClock } from '../core/sandboxClock.ts';
import { SystemClock } from '../core/clock.ts';
import { SandboxRegistry } from '../registry/sandbox/sandboxRegistry.ts';
import { RegistryRouter } from '../registry/registryRouter.ts';
import type { UpstreamConfig } from './upstreamConfig.ts';
import { seedPriceList } from '../core/commands/prices.ts';
import { loadKeyRing } from '../core/secrets/keyRing.ts';
import { SecretBox } from '../core/secrets/secretBox.ts';
import { resealSecrets } from '../core/secrets/resealSecrets.ts';

export interface CoreOptions {
  dataDir: string;
  databaseUrl?: string;
  mode: 'sandbox' | 'live';
  /** Remote registries (EPP upstreams) and the TLDs they serve; every other TLD stays with the sandbox. */
  upstream?: UpstreamConfig;
  /** How long a command waits for the registry before answering "pending". */
  registryDeadlineMs?: number;
  log?: (line: string) => void;
}

export async function openCore(opts: CoreOptions): Promise<Core> {
  const db = await openStore({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl });
  // Live mode runs on real time; only the sandbox lets an operator move the clock.
  const clock = opts.mode === 'sandbox' ? new StoreClock(db) : new SystemClock();
  // Each TLD's registry: the sandbox, or a remote registry (an EPP upstream) where the operator configured one.
  // The EPP adapter (and the EPP client under it) loads only when a remote registry is configured.
  const upstreams = opts.upstream
    ? (await import('../registry/epp/createUpstreamRegistries.ts')).createUpstreamRegistries(opts.upstream, { db, log: opts.log })
    : new Map();
  const registry = new RegistryRouter(new SandboxRegistry(undefined, clock), upstreams);
  // The key ring first: a store whose secrets cannot be opened must not start serving.
  const ring = loadKeyRing(opts.dataDir);
  const secrets = new SecretBox(ring.keys, () => loadKeyRing(opts.dataDir).keys);
  const core: Core = { db, clock, registry, mode: opts.mode, registryDeadlineMs: opts.registryDeadlineMs, log: opts.log, secrets };
  await seedPriceList(core);
  // Values stored before sealing existed (or under a retired key) are sealed under the current key.
  await resealSecrets(core);
  return core;
}
