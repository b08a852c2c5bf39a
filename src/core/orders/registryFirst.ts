// For a command whose store change cannot be undone cleanly once made (a delete refunds, a restore charges), a
// remote registry is asked first, outside any transaction, and the store changes only after it has accepted:
// ok, or pending (1001: a registry's delete and restore report end in its own pendingDelete/pendingRestore). A
// refusal or an unreachable registry raises the error every door already answers; an answer that never came
// changes nothing here and asks the reseller to look before retrying. The sandbox has nothing to be asked.
import type { Core } from '../core.ts';
import type { RegistryCall, RegistryOutcome } from '../../registry/registryPort.ts';
import { isRemoteRegistry } from './registryReach.ts';
import { unsuccessfulAnswerError } from './registryFailureError.ts';

export async function askRegistryFirst(core: Core, d: { id: number; name: string; tld: string }, action: string,
  send: (call: RegistryCall) => Promise<RegistryOutcome<unknown>>): Promise<void> {
  if (!isRemoteRegistry(core, d.tld)) return;
  const now = await core.clock.now();
  const outcome = await send({ key: `regd-d${d.id}-${action}-${now.getTime().toString(36)}`, at: now });
  const error = unsuccessfulAnswerError(outcome, `the ${action} of ${d.name}`);
  if (!error) return;
  if (outcome.status === 'unknown') core.log?.(`${action} of ${d.name}: no answer from the registry (${outcome.message}); nothing changed at regd`);
  throw error;
}
