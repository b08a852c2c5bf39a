// Reads each remote registry's poll queue on a timer and applies its messages (core/orders/registryMessages.ts).
// One registry's failure does not stop the others'.
import type { Core } from '../core/core.ts';
import type { RegistryPort } from '../registry/registryPort.ts';
import { applyRegistryMessages } from '../core/orders/registryMessages.ts';
import { startPassTimer } from './passTimer.ts';

export function startRegistryPollTimer(core: Core, registries: RegistryPort[], intervalMs: number): { close(): Promise<void> } {
  return startPassTimer('registry poll', intervalMs, async () => {
    for (const r of registries) {
      try {
        await applyRegistryMessages(core, r);
      } catch (err) {
        core.log?.(`registry ${r.name}: poll pass failed: ${(err as Error).message}`);
      }
    }
  });
}
