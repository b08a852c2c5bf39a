// The EPP command table: "verb objectNamespace" -> handler, merged from one file per object family.
// <poll> has no object element and is keyed "poll". A Map, so a key built from client input can only find a handler
// listed here, never an Object.prototype member.
import type { EppHandler } from './eppTypes.ts';
import { domainCommands } from './commands/domainCommands.ts';
import { contactCommands } from './commands/contactCommands.ts';
import { hostCommands } from './commands/hostCommands.ts';
import { transferCommands } from './commands/transferCommands.ts';
import { pollCommands } from './commands/pollCommands.ts';
import { domainDeleteCommands } from './commands/domainDeleteCommands.ts';

export const EPP_COMMANDS: ReadonlyMap<string, EppHandler> = new Map(Object.entries({
  ...domainCommands,
  ...contactCommands,
  ...hostCommands,
  ...transferCommands,
  ...pollCommands,
  ...domainDeleteCommands,
}));

export const commandKey = (verb: string, ns: string): string => `${verb} ${ns}`;
