// `regd serve`: starts every front door that exists on one core and stops them cleanly.
import type { Core } from '../core/core.ts';
import { openCore } from './openCore.ts';
import { recordServerMode } from '../core/sandboxClock.ts';
import { loadOrCreateTlsMaterial } from '../transport/tlsMaterial.ts';
import { startXcpHttps } from '../protocols/xcp/xcpHttpsDoor.ts';

export interface ServeOptions {
  dataDir: string;
  databaseUrl?: string;
  host: string;
  xcpPort: number;
  xcpTcpPort: number;
  eppPort: number;
  httpPort: number;
  mode: 'sandbox' | 'live';
  tlsCert?: string;
  tlsKey?: string;
}

export interface RunningServer {
  core: Core;
  listeners: Array<{ name: string; url: string }>;
  stop(): Promise<void>;
}

export async function serve(opts: ServeOptions, log: (line: string) => void = console.log): Promise<RunningServer> {
  const core = await openCore({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl, mode: opts.mode });
  await recordServerMode(core.db, opts.mode);
  const tls = await loadOrCreateTlsMaterial({ dataDir: opts.dataDir, certPath: opts.tlsCert, keyPath: opts.tlsKey });
  const xcp = await startXcpHttps(core, { cert: tls.cert, key: tls.key, host: opts.host, port: opts.xcpPort });
  const listeners = [{ name: 'XCP over HTTPS', url: `https://${displayHost(opts.host)}:${xcp.port}/` }];
  log(`regd ${opts.mode} mode, data in ${opts.databaseUrl ? 'PostgreSQL' : opts.dataDir}${tls.selfSigned ? `, self-signed certificate ${tls.certPath}` : ''}`);
  for (const l of listeners) log(`listening: ${l.name} on ${l.url}`);
  const resellers = await core.db.selectFrom('resellers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(resellers.n) === 0) {
    log(`no resellers yet: create the first one with  regd reseller create NAME --funds 1000 --data ${opts.dataDir}`);
    log('  (from this folder: npx regd reseller create NAME --funds 1000)');
  }
  let stopped = false;
  return {
    core,
    listeners,
    async stop() {
      if (stopped) return;
      stopped = true;
      await xcp.close();
      await core.db.destroy();
    },
  };
}

function displayHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
