// What every core command needs: the store, the clock and the registry port.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { Clock } from './clock.ts';
import type { RegistryPort } from '../registry/registryPort.ts';

export interface Core {
  db: Kysely<Database>;
  clock: Clock;
  registry: RegistryPort;
  mode: 'sandbox' | 'live';
}

export type Tx = Transaction<Database> | Kysely<Database>;
