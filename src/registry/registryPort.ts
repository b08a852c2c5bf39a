// The port the core calls to talk to a registry. The sandbox implements it in-process; a real EPP upstream
// implements it later over the network. The core keeps its own record of what regd has registered; the port
// answers for the rest of the world (names held at other registrars) and carries out the registry side.
import type { TldPolicy } from './tldPolicy.ts';

export interface RegistryCreateRequest {
  name: string;
  years: number;
  nameservers: string[];
  authCode: string;
  now: Date;
}

export interface RegistryCreateResult {
  roid: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface RegistryRenewResult { expiresAt: Date }

export interface RegistryPort {
  readonly name: string;
  /** The TLDs this registry offers, most specific first is not required: callers match longest suffix. */
  policies(): TldPolicy[];
  policy(tld: string): TldPolicy | undefined;
  /** Whether the name is held by someone outside regd. */
  isRegisteredElsewhere(name: string): Promise<boolean>;
  /** The trademark-claims key (RFC 8334 claimKey) when a trademark claim covers the name, else undefined. */
  trademarkClaimKey(name: string): Promise<string | undefined>;
  createDomain(req: RegistryCreateRequest): Promise<RegistryCreateResult>;
  renewDomain(req: { name: string; years: number; currentExpiry: Date }): Promise<RegistryRenewResult>;
  updateNameservers(req: { name: string; nameservers: string[] }): Promise<void>;
}
