// What every core command needs: the store, the clock, the registry port and the key ring for secrets at rest.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { Clock } from './clock.ts';
import type { RegistryPort } from '../registry/registryPort.ts';
import type { SecretBox } from './secrets/secretBox.ts';

export interface Core {
  db: Kysely<Database>;
  clock: Clock;
  registry: RegistryPort;
  mode: 'sandbox' | 'live';
  /** Seals secrets at rest (reseller keys, password hashes) under the operator's key ring. */
  secrets: SecretBox;
  /** How long a command waits for the registry before answering "pending" (orders/carryOrder.ts). */
  registryDeadlineMs?: number;
  /** Operator log lines (registry trouble, reconciliation); silent when absent. */
  log?: (line: string) => void;
}

export type Tx = Transaction<Database> | Kysely<Database>;
