// What became of a command regd sent and never saw answered. EPP cannot look a command up by its clTRID, so each
// operation is judged by the state it leaves behind, read with domain:info, a transfer query or host:info:
//
//   create    the name exists and we sponsor it: ok (regd's ROID for the key, dates); pendingCreate: pending; absent: failed; held by
//             another registrar: failed (2302). (A name we already held before the order would also read as ok;
//             the core never creates a name it holds.)
//   renew     the expiry moved at least the renewed years past detail.currentExpiry (compared by day): ok; a
//             pendingRenew status: pending; else failed. detail: { currentExpiry, years }.
//   transfer  by the transfer query's status against detail.action (request: pending -> pending, approved -> ok,
//             rejected/cancelled -> failed; approve/reject/cancel: ok when the status is the one the action sets);
//             no transfer on record: judged by who sponsors the name now.
//   update    every part of detail that can be read back (nameservers, addStatuses, removeStatuses, authCode)
//             holds: ok; a pendingUpdate status: pending; otherwise failed (resending an update is harmless).
//   delete    gone, or pendingDelete / in redemption: ok; otherwise failed.
//   restore   request: pendingRestore or restored: ok; report: restored: ok; still in redemption: failed.
//   host*     by host:info: created (exists), deleted (absent), updated (detail.newName exists / addresses match).
//   check, info, poll change nothing: ok. Contacts are created by the adapter itself, never as orders: failed.
//
// Lookups that fail (registry down, timeout) throw; the caller answers `unknown` then, never `failed`: a registry we
// cannot ask may well have done it.
import type { EppDomainInfo, EppHostInfo, EppTransferData } from '../../client/epp/types.ts';
import type { InFlightOperation, RegistryOutcome, RegistryTransferResult, TransferAction } from '../registryPort.ts';
import { transferResultOf } from './pollMapping.ts';
import { COMMAND_FAILED } from './outcomes.ts';
import { repositoryIdOf } from '../repositoryId.ts';

export interface ReconcileLookups {
  /** Our login at the registry: a domain whose clID equals it is ours. */
  clID: string;
  hostModel: 'hostObj' | 'hostAttr';
  /** undefined: the registry has no such domain (2303). A domain of another registrar may come back reduced. */
  domainInfo(name: string): Promise<EppDomainInfo | undefined>;
  /** undefined: no transfer on record for the name (2301/2303). */
  transferQuery(name: string): Promise<EppTransferData | undefined>;
  hostInfo(name: string): Promise<EppHostInfo | undefined>;
}

const DAY_MS = 86_400_000;

function dateOf(v: unknown): Date | undefined {
  if (v instanceof Date) return v;
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const day = (d: Date) => Math.floor(d.getTime() / DAY_MS);

function addYears(d: Date, years: number): Date {
  const out = new Date(d.getTime());
  out.setUTCFullYear(out.getUTCFullYear() + years);
  return out;
}

const didNotHappen = (message: string, code = COMMAND_FAILED): RegistryOutcome<never> => ({ status: 'failed', reason: 'refused', code, message });
const ok = <T>(value: T): RegistryOutcome<T> => ({ status: 'ok', value });
const pending = (message: string): RegistryOutcome<never> => ({ status: 'pending', message });

function ours(info: EppDomainInfo, clID: string): boolean {
  return info.clID !== undefined && info.clID.toLowerCase() === clID.toLowerCase();
}

function inRedemption(info: EppDomainInfo): boolean {
  return info.rgpStatuses.includes('redemptionPeriod') || info.statuses.includes('pendingDelete');
}

async function reconcileCreate(op: InFlightOperation, l: ReconcileLookups): Promise<RegistryOutcome<unknown>> {
  const info = await l.domainInfo(op.name);
  if (!info) return didNotHappen(`${op.name} was not created at the registry`, 2303);
  if (!ours(info, l.clID)) return didNotHappen(`${op.name} is registered by another registrar (${info.clID ?? 'unknown'})`, 2302);
  if (info.statuses.includes('pendingCreate')) return pending(`${op.name} is pendingCreate at the registry`);
  const createdAt = dateOf(info.crDate) ?? op.at;
  const expiresAt = dateOf(info.exDate) ?? addYears(createdAt, Number(op.detail.years ?? 1));
  return ok({ roid: repositoryIdOf(op.key), createdAt, expiresAt });
}

async function reconcileRenew(op: InFlightOperation, l: ReconcileLookups): Promise<RegistryOutcome<unknown>> {
  const before = dateOf(op.detail.currentExpiry);
  const years = Number(op.detail.years ?? 1);
  const info = await l.domainInfo(op.name);
  if (!info || !ours(info, l.clID)) return didNotHappen(`${op.name} is not ours at the registry: not renewed`, 2303);
  const now = dateOf(info.exDate);
  if (before && now && day(now) >= day(addYears(before, years))) return ok({ expiresAt: now });
  if (info.statuses.includes('pendingRenew')) return pending(`${op.name} is pendingRenew at the registry`);
  return didNotHappen(`${op.name} was not renewed at the registry (expires ${info.exDate ?? 'unknown'})`);
}

const DONE_BY: Record<Exclude<TransferAction, 'request' | 'query'>, Array<RegistryTransferResult['status']>> = {
  approve: ['clientApproved', 'serverApproved'],
  reject: ['clientRejected'],
  cancel: ['clientCancelled'],
};

async function reconcileTransfer(op: InFlightOperation, l: ReconcileLookups): Promise<RegistryOutcome<unknown>> {
  const action = (op.detail.action ?? 'request') as TransferAction;
  const t = await l.transferQuery(op.name);
  if (action === 'query') return t ? ok(transferResultOf(t)) : didNotHappen(`no transfer of ${op.name} on record`, 2301);
  if (t) {
    const result = transferResultOf(t);
    if (action === 'request') {
      if (result.status === 'pending') return pending(`the transfer of ${op.name} is pending at the registry`);
      if (result.status === 'clientApproved' || result.status === 'serverApproved') return ok(result);
      return didNotHappen(`the transfer of ${op.name} was ${result.status}`);
    }
    if (DONE_BY[action].includes(result.status)) return ok(result);
    return didNotHappen(`the transfer of ${op.name} is ${result.status}: the ${action} did not take effect`);
  }
  // No transfer on record: who sponsors the name tells what happened.
  const info = await l.domainInfo(op.name);
  const sponsoredByUs = info !== undefined && ours(info, l.clID);
  const wanted = action === 'request' || action === 'reject';
  if (sponsoredByUs === wanted) return ok({ status: action === 'reject' ? 'clientRejected' : action === 'cancel' ? 'clientCancelled' : 'clientApproved' } satisfies RegistryTransferResult);
  return didNotHappen(`no transfer of ${op.name} on record and the ${action} did not take effect`, 2301);
}

function sameSet(a: string[], b: string[]): boolean {
  const x = new Set(a.map((s) => s.toLowerCase()));
  const y = new Set(b.map((s) => s.toLowerCase()));
  return x.size === y.size && [...x].every((s) => y.has(s));
}

async function reconcileUpdate(op: InFlightOperation, l: ReconcileLookups): Promise<RegistryOutcome<unknown>> {
  const info = await l.domainInfo(op.name);
  if (!info || !ours(info, l.clID)) return didNotHappen(`${op.name} is not ours at the registry: not updated`, 2303);
  const d = op.detail;
  const held = l.hostModel === 'hostObj' ? info.nameservers : info.hostAttrs.map((h) => h.name);
  const holds = (!Array.isArray(d.nameservers) || sameSet(held, d.nameservers as string[]))
    && (!Array.isArray(d.addStatuses) || (d.addStatuses as string[]).every((s) => info.statuses.includes(s)))
    && (!Array.isArray(d.removeStatuses) || (d.removeStatuses as string[]).every((s) => !info.statuses.includes(s)))
    && (typeof d.authCode !== 'string' || info.authInfo === undefined || info.authInfo === d.authCode);
  if (holds) return ok(undefined);
  if (info.statuses.includes('pendingUpdate')) return pending(`${op.name} is pendingUpdate at the registry`);
  return didNotHappen(`the update of ${op.name} is not in effect at the registry`);
}

async function reconcileDelete(op: InFlightOperation, l: ReconcileLookups): Promise<RegistryOutcome<unknown>> {
  const info = await l.domainInfo(op.name);
  if (!info || !ours(info, l.clID) || inRedemption(info)) return ok(undefined);
  return didNotHappen(`${op.name} was not deleted at the registry`);
}

async function reconcileRestore(op: InFlightOperation, l: ReconcileLookups): Promise<RegistryOutcome<unknown>> {
  const info = await l.domainInfo(op.name);
  if (!info || !ours(info, l.clID)) return didNotHappen(`${op.name} is not ours at the registry: not restored`, 2303);
  const pendingRestore = info.rgpStatuses.includes('pendingRestore');
  const restored = !pendingRestore && !inRedemption(info);
  if (restored || (op.detail.op !== 'report' && pendingRestore)) return ok(undefined);
  return didNotHappen(`the restore ${op.detail.op ?? 'request'} of ${op.name} is not in effect at the registry`);
}

async function reconcileHost(op: InFlightOperation, l: ReconcileLookups): Promise<RegistryOutcome<unknown>> {
  if (l.hostModel === 'hostAttr') return ok(undefined); // nothing was sent: hosts live inside domains there
  if (op.operation === 'hostDelete') {
    return (await l.hostInfo(op.name)) ? didNotHappen(`host ${op.name} still exists at the registry`) : ok(undefined);
  }
  if (op.operation === 'hostCreate') {
    return (await l.hostInfo(op.name)) ? ok(undefined) : didNotHappen(`host ${op.name} was not created at the registry`, 2303);
  }
  const newName = typeof op.detail.newName === 'string' ? op.detail.newName : undefined;
  const host = await l.hostInfo(newName ?? op.name);
  if (!host) return didNotHappen(`host ${newName ?? op.name} does not exist at the registry: not updated`, 2303);
  const addresses = op.detail.addresses;
  if (Array.isArray(addresses) && !sameSet(host.addresses, addresses as string[])) return didNotHappen(`host ${host.name} does not have the new addresses`);
  return ok(undefined);
}

export async function reconcileOperation(op: InFlightOperation, l: ReconcileLookups): Promise<RegistryOutcome<unknown>> {
  switch (op.operation) {
    case 'create': return reconcileCreate(op, l);
    case 'renew': return reconcileRenew(op, l);
    case 'transfer': return reconcileTransfer(op, l);
    case 'update': return reconcileUpdate(op, l);
    case 'delete': return reconcileDelete(op, l);
    case 'restore': return reconcileRestore(op, l);
    case 'hostCreate': case 'hostUpdate': case 'hostDelete': return reconcileHost(op, l);
    case 'check': case 'info': case 'poll': return ok(undefined);
    case 'contactCreate': case 'contactUpdate': case 'contactDelete':
      return didNotHappen(`contacts are created at the registry by the adapter, not by orders: nothing to reconcile`, 2101);
  }
}
