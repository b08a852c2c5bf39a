// One RegistryPort over several: each TLD is served by the sandbox or by a remote registry (an EPP upstream), and
// every call goes to the registry of the name's TLD (longest suffix wins, so co.uk can be served apart from uk).
// The core sees one port; which registry answers is configuration.
import type {
  InFlightOperation, RegistryCall, RegistryCapabilities, RegistryContact, RegistryCreateRequest, RegistryHostRequest, RegistryMessage,
  RegistryOutcome, RegistryPort, RegistryTransferRequest, RegistryUpdateRequest, RegistryFee } from './registryPort.ts';
import type { TldPolicy } from './tldPolicy.ts';

export class RegistryRouter implements RegistryPort {
  readonly name = 'router';
  private readonly byTld = new Map<string, RegistryPort>();
  private readonly remote = new Set<string>();

  /** `upstreams`: TLD -> remote registry; every other TLD the sandbox offers stays with the sandbox. */
  constructor(private readonly sandbox: RegistryPort, upstreams: Map<string, RegistryPort> = new Map()) {
    for (const p of sandbox.policies()) this.byTld.set(p.tld, sandbox);
    for (const [tld, port] of upstreams) {
      this.byTld.set(tld, port);
      this.remote.add(tld);
    }
  }

  /** The distinct remote registries, for the poll loop and for closing. */
  remotes(): RegistryPort[] { return [...new Set([...this.remote].map((t) => this.byTld.get(t)!))]; }

  isRemote(tld: string): boolean { return this.remote.has(tld); }

  capabilities(tld: string): RegistryCapabilities { return this.forTld(tld).capabilities(tld); }

  policies(): TldPolicy[] {
    return [...this.byTld.entries()].map(([tld, port]) => port.policy(tld)).filter((p): p is TldPolicy => p !== undefined);
  }

  policy(tld: string): TldPolicy | undefined { return this.byTld.get(tld)?.policy(tld); }

  isRegisteredElsewhere(name: string): Promise<boolean> { return this.forName(name).isRegisteredElsewhere(name); }
  trademarkClaimKey(name: string): Promise<string | undefined> { return this.forName(name).trademarkClaimKey(name); }
  /** The premium price from the name's registry; one that offers no premium lookup prices every name standard. */
  async premiumPrice(name: string): Promise<{ currency: string; register: number; renew: number; transfer: number } | undefined> {
    const port = this.forName(name);
    return port.premiumPrice ? port.premiumPrice(name) : undefined;
  }
  infoDomain(name: string) { return this.forName(name).infoDomain(name); }
  createDomain(call: RegistryCall, req: RegistryCreateRequest) { return this.forName(req.name).createDomain(call, req); }
  renewDomain(call: RegistryCall, req: { name: string; years: number; currentExpiry: Date; fee?: RegistryFee }) { return this.forName(req.name).renewDomain(call, req); }
  transferDomain(call: RegistryCall, req: RegistryTransferRequest) { return this.forName(req.name).transferDomain(call, req); }
  updateDomain(call: RegistryCall, req: RegistryUpdateRequest) { return this.forName(req.name).updateDomain(call, req); }
  deleteDomain(call: RegistryCall, req: { name: string }) { return this.forName(req.name).deleteDomain(call, req); }
  restoreDomain(call: RegistryCall, req: { name: string; op: 'request' | 'report'; report?: Record<string, string> }) { return this.forName(req.name).restoreDomain(call, req); }
  /** Hosts go to the registry of the TLD they are named under, else the sandbox. */
  createHost(call: RegistryCall, req: RegistryHostRequest) { return this.forHost(req.name).createHost(call, req); }
  updateHost(call: RegistryCall, req: { name: string; newName?: string; addresses?: string[] }) { return this.forHost(req.name).updateHost(call, req); }
  deleteHost(call: RegistryCall, req: { name: string }) { return this.forHost(req.name).deleteHost(call, req); }
  /** Every remote registry that holds the contact gets the change; the first that does not take it answers. */
  async updateContact(call: RegistryCall, contact: RegistryContact): Promise<RegistryOutcome> {
    for (const port of this.remotes()) {
      const out = await port.updateContact(call, contact);
      if (out.status !== 'ok') return out;
    }
    return { status: 'ok', value: undefined };
  }
  reconcile(op: InFlightOperation): Promise<RegistryOutcome<unknown>> { return this.forName(op.name).reconcile(op); }

  /** The router has no queue of its own: the poll loop reads each remote registry (remotes()). */
  async poll(): Promise<RegistryMessage | undefined> { return undefined; }
  async ack(): Promise<void> { /* see poll */ }

  async close(): Promise<void> {
    for (const port of [this.sandbox, ...this.remotes()]) await port.close();
  }

  private tldOf(name: string): string | undefined {
    const labels = name.toLowerCase().split('.');
    for (let i = 1; i < labels.length; i++) {
      const candidate = labels.slice(i).join('.');
      if (this.byTld.has(candidate)) return candidate;
    }
    return undefined;
  }

  private forTld(tld: string): RegistryPort { return this.byTld.get(tld) ?? this.sandbox; }
  private forName(name: string): RegistryPort { const t = this.tldOf(name); return t === undefined ? this.sandbox : this.forTld(t); }
  private forHost(name: string): RegistryPort { return this.forName(name); }
}
