// One EppRegistry per configured upstream, looked up by TLD: what the registry router needs to send each name to the
// registry that serves it. Several TLDs of one upstream share its registry object (one login, one session pool).
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { RegistryPort } from '../registryPort.ts';
import { eppConnector } from './eppConnector.ts';
import { EppRegistry } from './eppRegistry.ts';
import type { UpstreamSettings } from './upstreamSettings.ts';

export interface UpstreamRegistryDeps {
  db: Kysely<Database>;
  log?: (line: string) => void;
  /** How long a domain:check answer is reused (default 30 s). */
  checkCacheMs?: number;
}

export function createUpstreamRegistries(config: { upstreams: UpstreamSettings[] }, deps: UpstreamRegistryDeps): Map<string, RegistryPort> {
  const byTld = new Map<string, RegistryPort>();
  for (const settings of config.upstreams) {
    const registry = new EppRegistry(settings, { db: deps.db, log: deps.log, checkCacheMs: deps.checkCacheMs, connect: eppConnector(settings, deps.log) });
    for (const t of settings.tlds) byTld.set(t.policy.tld, registry);
  }
  return byTld;
}
