// How the registrant pages write what they show: days in UTC (the registry's time zone), domain names in their
// Unicode form with the ASCII form beside it for an IDN, and a domain's status values in words.
import { isIdn, toUnicodeName } from '../../../core/domainName.ts';

/** "2026-12-02" */
export function day(iso: string | Date): string {
  return new Date(iso).toISOString().slice(0, 10);
}

/** "bücher.de (xn--bcher-kva.de)" for an IDN, the name itself otherwise. */
export function domainLabel(asciiName: string): string {
  return isIdn(asciiName) ? `${toUnicodeName(asciiName)} (${asciiName})` : asciiName;
}

const STATUS_WORDS: ReadonlyMap<string, string> = new Map([
  ['ok', 'Active'],
  ['inactive', 'Active, no nameservers'],
  ['clientTransferProhibited', 'Locked against transfer'],
  ['clientUpdateProhibited', 'Changes blocked by your provider'],
  ['clientDeleteProhibited', 'Deletion blocked'],
  ['clientRenewProhibited', 'Renewal blocked'],
  ['clientHold', 'On hold (not published)'],
  ['pendingTransfer', 'Transfer pending'],
  ['pendingDelete', 'Pending deletion'],
]);

/** Status values (RFC 5731 names) in words; a value without words is shown as it is. */
export function statusWords(statuses: string[]): string {
  return statuses.map((s) => STATUS_WORDS.get(s) ?? s).join(', ');
}

export const yesNo = (b: boolean): string => (b ? 'Yes' : 'No');
