// What regd needs to know about one registry reached over EPP: where and how to connect, how hard to lean on it,
// and per TLD the registry's policy and prices. Built by src/app/upstreamConfig.ts from flags or regd.toml; the
// adapter (eppRegistry.ts) only reads it.
import type { TldPolicy, TldPrices } from '../tldPolicy.ts';
import type { RegistryOperation } from '../registryPort.ts';

/** Grace periods in days (RFC 3915): how long after an action the registry refunds or restores. */
export interface GracePeriods {
  add: number;
  renew: number;
  autoRenew: number;
  transfer: number;
  redemption: number;
  pendingDelete: number;
}

export interface UpstreamTld {
  /** The reseller-facing policy; its `prices` are the reseller's price per year (they seed the price list). */
  policy: TldPolicy;
  /** What the registry charges regd per year, in the policy's currency (minor units). */
  cost: TldPrices;
  grace: GracePeriods;
  /** A thin registry keeps no contacts: none are created there and domains are sent without them. */
  thin: boolean;
  hostModel: 'hostObj' | 'hostAttr';
  /** Operations this registry does not offer for the TLD. */
  lacks: RegistryOperation[];
  /** Whether the TLD has premium names: each registration asks their price (fee:check) first; false skips it. */
  premiumNames: boolean;
}

export interface UpstreamSettings {
  /** The operator's name for this registry (the TOML table name, or host:port for a flag). Shown in messages. */
  name: string;
  /** 'tls': RFC 5734 framed EPP over TLS; 'https': EPP documents POSTed over HTTPS with a session cookie. */
  transport: 'tls' | 'https';
  host: string;
  port: number;
  /** The HTTPS path (transport 'https' only). */
  path?: string;
  clID: string;
  password: string;
  /** PEM client certificate and key, when the registry authenticates the connection by certificate. */
  cert?: string;
  key?: string;
  /** PEM CA(s) to trust instead of the system store (a registry with a self-signed certificate). */
  ca?: string;
  /** Object and extension namespaces to announce at login (the client logs in with those the greeting also offers). */
  objURIs: string[];
  extURIs: string[];
  /** Sessions held open at most; opened lazily, kept alive with <hello/>. */
  poolSize: number;
  /** How long one command may take before its outcome counts as unknown. */
  commandTimeoutMs: number;
  /** An idle session sends <hello/> this often so the registry does not drop it. */
  keepaliveMs: number;
  /**
   * Check every reply against regd's EPP schemas (IETF + opprov); an invalid reply then counts as malformed (outcome
   * unknown). Off by default: registries send extensions regd has no schema for.
   */
  validateReplies: boolean;
  /** Consecutive connection failures that open the circuit, and how long it stays open before one probe. */
  breakerFailures: number;
  breakerCooldownMs: number;
  tlds: UpstreamTld[];
}
