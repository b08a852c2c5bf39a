// Which step carries each kind of order through the registry (orderStep.ts). Kinds without a registry step
// (a saved order not yet processed) never reach carryOrder or the reconciler.
import type { OrderStep } from './orderStep.ts';
import { deleteStep } from './steps/deleteStep.ts';
import { restoreReportStep, restoreRequestStep } from './steps/restoreStep.ts';
import { contactStep } from './steps/contactStep.ts';
import { hostStep } from './steps/hostStep.ts';
import { registerStep } from './steps/registerStep.ts';
import { renewStep } from './steps/renewStep.ts';
import { syncStep } from './steps/syncStep.ts';
import { transferInStep } from './steps/transferInStep.ts';

const STEPS = new Map<string, OrderStep<any>>([
  ['register', registerStep],
  ['renew', renewStep],
  ['update', syncStep],
  ['transfer_in', transferInStep],
  ['delete', deleteStep],
  ['host', hostStep],
  ['contact', contactStep],
  ['restore', restoreRequestStep],
  ['restore_report', restoreReportStep],
]);

export function orderStepOf<V = unknown>(kind: string): OrderStep<V> {
  const step = STEPS.get(kind);
  if (!step) throw new Error(`no registry step for orders of kind ${kind}`);
  return step as OrderStep<V>;
}
