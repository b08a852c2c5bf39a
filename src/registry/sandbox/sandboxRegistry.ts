// The built-in sandbox registry, standing in for real registries as OpenSRS's test environment does. It keeps
// no state of its own: what regd registered lives in regd's store, and the rest of the world follows the
// deterministic rule in takenElsewhere.ts. Repository object ids (ROIDs) are unique per call.
import crypto from 'node:crypto';
import type { RegistryCreateRequest, RegistryCreateResult, RegistryPort, RegistryRenewResult } from '../registryPort.ts';
import type { TldPolicy } from '../tldPolicy.ts';
import { SANDBOX_TLDS, SANDBOX_LAUNCH_TLDS } from './sandboxTlds.ts';
import { isTakenElsewhere } from './takenElsewhere.ts';
import { sandboxClaimKey } from './trademarkClaims.ts';
import { addYears } from '../../core/dates.ts';

export class SandboxRegistry implements RegistryPort {
  readonly name = 'sandbox';
  private readonly byTld = new Map<string, TldPolicy>();

  constructor(policies: TldPolicy[] = [...SANDBOX_TLDS, ...SANDBOX_LAUNCH_TLDS]) {
    for (const p of policies) this.byTld.set(p.tld, p);
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

  async createDomain(req: RegistryCreateRequest): Promise<RegistryCreateResult> {
    const roid = `D${crypto.randomBytes(6).toString('hex').toUpperCase()}-REGD`;
    return { roid, createdAt: req.now, expiresAt: addYears(req.now, req.years) };
  }

  async renewDomain(req: { name: string; years: number; currentExpiry: Date }): Promise<RegistryRenewResult> {
    return { expiresAt: addYears(req.currentExpiry, req.years) };
  }

  async updateNameservers(): Promise<void> { /* the sandbox accepts every syntactically valid host */ }

  private longestTld(name: string): string | undefined {
    const labels = name.split('.');
    for (let i = 1; i < labels.length; i++) {
      const candidate = labels.slice(i).join('.');
      if (this.byTld.has(candidate)) return candidate;
    }
    return undefined;
  }
}
