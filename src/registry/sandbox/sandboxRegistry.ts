// The built-in sandbox registry, standing in for real registries as OpenSRS's test environment does. It keeps
// no state of its own: what regd registered lives in regd's store, and the rest of the world follows the
// deterministic rule in takenElsewhere.ts (whose names transfer in as foreignTransfers.ts says). Every change it is asked for succeeds at once, except a registration
// in an asynchronous TLD (de, eu), which it answers "pending" and completes SANDBOX_ASYNC_COMPLETION_MS of clock time after
// it was sent: reconcile() says so once that time has come. Because it is stateless, reconcile() answers what the
// call would have answered, and results derive from the idempotency key (the ROID), so asking twice is harmless.
import type {
  InFlightOperation, RegistryCall, RegistryCapabilities, RegistryCreateRequest, RegistryCreateResult, RegistryDomainInfo,
  RegistryMessage, RegistryOutcome, RegistryPort, RegistryRenewResult, RegistryTransferRequest, RegistryTransferResult,
} from '../registryPort.ts';
import type { TldPolicy } from '../tldPolicy.ts';
import { SANDBOX_TLDS, SANDBOX_LAUNCH_TLDS } from './sandboxTlds.ts';
import { isTakenElsewhere } from './takenElsewhere.ts';
import { foreignTransfer, reconcileForeignTransfer } from './foreignTransfers.ts';
import { sandboxClaimKey } from './trademarkClaims.ts';
import { sandboxPremiumPrice, type PremiumPrice } from './premiumNames.ts';
import { addYears } from '../../core/dates.ts';
import { repositoryIdOf } from '../repositoryId.ts';
import { SystemClock, type Clock } from '../../core/clock.ts';
import { ASYNC_COMPLETION_MS } from '../../core/commands/asyncRegistrations.ts';

/** Clock time from a registration's submission to an asynchronous TLD's answer (the core holds the name as long). */
export const SANDBOX_ASYNC_COMPLETION_MS = ASYNC_COMPLETION_MS;

const OK = { status: 'ok', value: undefined } as const;

export class SandboxRegistry implements RegistryPort {
  readonly name = 'sandbox';
  private readonly byTld = new Map<string, TldPolicy>();

  constructor(policies: TldPolicy[] = [...SANDBOX_TLDS, ...SANDBOX_LAUNCH_TLDS], private readonly clock: Clock = new SystemClock()) {
    for (const p of policies) this.byTld.set(p.tld, p);
  }

  capabilities(): RegistryCapabilities {
    return { objects: ['domain', 'contact', 'host'], hostModel: 'hostObj', thin: false, lacks: [] };
  }

  policies(): TldPolicy[] { return [...this.byTld.values()]; }

  policy(tld: string): TldPolicy | undefined { return this.byTld.get(tld); }

  async isRegisteredElsewhere(name: string): Promise<boolean> {
    const tld = this.longestTld(name);
    return tld !== undefined && isTakenElsewhere(name, tld);
  }

  async trademarkClaimKey(name: string): Promise<string | undefined> {
    const tld = this.longestTld(name);
    return tld === undefined ? undefined : sandboxClaimKey(name, tld);
  }

  /** The sandbox's premium-name rule (premiumNames.ts). */
  async premiumPrice(name: string): Promise<PremiumPrice | undefined> {
    const tld = this.longestTld(name);
    return tld === undefined ? undefined : sandboxPremiumPrice(name, this.byTld.get(tld)!);
  }

  /** The sandbox knows only the world outside regd: names taken elsewhere. */
  async infoDomain(name: string): Promise<RegistryOutcome<RegistryDomainInfo | undefined>> {
    if (!(await this.isRegisteredElsewhere(name))) return { status: 'ok', value: undefined };
    return { status: 'ok', value: { name, roid: repositoryIdOf(`elsewhere:${name}`), sponsoredByUs: false, sponsor: 'other-registrar', statuses: ['ok'], nameservers: [] } };
  }

  async createDomain(call: RegistryCall, req: RegistryCreateRequest): Promise<RegistryOutcome<RegistryCreateResult>> {
    if (await this.isRegisteredElsewhere(req.name)) return { status: 'failed', reason: 'refused', code: 2302, message: `${req.name} is registered at another registrar` };
    if (this.isAsynchronous(req.name)) {
      return { status: 'pending', code: 1001, message: 'Registration submitted to an asynchronous registry', retryAt: new Date(call.at.getTime() + SANDBOX_ASYNC_COMPLETION_MS) };
    }
    return { status: 'ok', value: createdBy(call, req.years) };
  }

  async renewDomain(_call: RegistryCall, req: { name: string; years: number; currentExpiry: Date }): Promise<RegistryOutcome<RegistryRenewResult>> {
    return { status: 'ok', value: { expiresAt: addYears(req.currentExpiry, req.years) } };
  }

  async transferDomain(call: RegistryCall, req: RegistryTransferRequest): Promise<RegistryOutcome<RegistryTransferResult>> {
    // A name held by the sandbox's other registrar: foreignTransfers.ts (documented auth code, approved after the window).
    if (await this.isRegisteredElsewhere(req.name)) return foreignTransfer(call, req, this.byTld.get(this.longestTld(req.name)!)!);
    return { status: 'ok', value: { status: req.action === 'request' || req.action === 'query' ? 'pending' : req.action === 'approve' ? 'clientApproved' : req.action === 'reject' ? 'clientRejected' : 'clientCancelled', requestedAt: call.at } };
  }

  async updateDomain(): Promise<RegistryOutcome> { return OK; }
  async deleteDomain(): Promise<RegistryOutcome> { return OK; }
  async restoreDomain(): Promise<RegistryOutcome> { return OK; }
  async createHost(): Promise<RegistryOutcome> { return OK; }
  async updateHost(): Promise<RegistryOutcome> { return OK; }
  async deleteHost(): Promise<RegistryOutcome> { return OK; }
  async updateContact(): Promise<RegistryOutcome> { return OK; }

  async reconcile(op: InFlightOperation): Promise<RegistryOutcome<unknown>> {
    const years = Number(op.detail.years ?? 1);
    switch (op.operation) {
      case 'create': {
        const doneAt = op.at.getTime() + (this.isAsynchronous(op.name) ? SANDBOX_ASYNC_COMPLETION_MS : 0);
        const now = await this.clock.now();
        if (now.getTime() < doneAt) return { status: 'pending', retryAt: new Date(doneAt) };
        return { status: 'ok', value: createdBy(op, years) };
      }
      case 'renew':
        return { status: 'ok', value: { expiresAt: addYears(new Date(String(op.detail.currentExpiry)), years) } };
      case 'transfer':
        if (op.detail.action === 'request' && await this.isRegisteredElsewhere(op.name)) {
          return reconcileForeignTransfer(op, await this.clock.now(), this.byTld.get(this.longestTld(op.name)!)!);
        }
        return OK;
      default:
        return OK;
    }
  }

  /** The sandbox's own events (transfers between regd's resellers, auto-renewals) are regd's: nothing to poll. */
  async poll(): Promise<RegistryMessage | undefined> { return undefined; }
  async ack(): Promise<void> { /* nothing is ever queued */ }
  async close(): Promise<void> { /* nothing to close */ }

  private isAsynchronous(name: string): boolean {
    const tld = this.longestTld(name);
    return tld !== undefined && this.byTld.get(tld)!.asynchronous;
  }

  private longestTld(name: string): string | undefined {
    const labels = name.split('.');
    for (let i = 1; i < labels.length; i++) {
      const candidate = labels.slice(i).join('.');
      if (this.byTld.has(candidate)) return candidate;
    }
    return undefined;
  }
}

function createdBy(call: { key: string; at: Date }, years: number): RegistryCreateResult {
  return { roid: repositoryIdOf(call.key), createdAt: call.at, expiresAt: addYears(call.at, years) };
}
