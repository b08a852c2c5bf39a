// The reseller source-address allow list: in live mode a reseller's requests are served only from the addresses on
// its list (an empty list allows none); sandbox mode skips the check, as OpenSRS's test environment does. One rule
// for every door (XCP over HTTPS and TCP, EPP over TLS and HTTPS, and the JSON API and web UI to come), so no door
// can forget it; each door turns the error into its own refusal (XCP 410/555, EPP 2200).
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';

/** "::ffff:192.0.2.1" (an IPv4 client on a dual-stack socket) is 192.0.2.1 as far as the allow list goes. */
export function canonicalAddress(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

export function isSourceAllowed(core: Pick<Core, 'mode'>, reseller: { allowedIps: readonly string[] }, remoteAddress: string): boolean {
  if (core.mode !== 'live') return true;
  const from = canonicalAddress(remoteAddress);
  // An unknown address (a socket already gone) matches nothing.
  return from !== '' && reseller.allowedIps.some((ip) => canonicalAddress(ip) === from);
}

/** Throws source_not_allowed unless the reseller may be served from remoteAddress. */
export function assertSourceAllowed(core: Pick<Core, 'mode'>, reseller: { allowedIps: readonly string[] }, remoteAddress: string): void {
  if (!isSourceAllowed(core, reseller, remoteAddress)) {
    throw new CoreError('source_not_allowed', `Access denied: source address ${remoteAddress || '(unknown)'} is not allowed for this reseller`);
  }
}
