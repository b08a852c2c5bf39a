// RFC 3915 (RGP): restore requests/reports on domain <update>, and rgp:infData on domain <info>.
import type { EppContext, EppResult } from '../eppTypes.ts';
import { EppError } from '../eppTypes.ts';
import type { DomainRow } from '../../../core/commands/findDomain.ts';

/** Handles a domain <update> that carries <rgp:update><rgp:restore op="request|report">. */
export async function handleRestore(_ctx: EppContext): Promise<EppResult> {
  throw new EppError(2101, 'Unimplemented command: restore');
}

/** The <rgp:infData> fragment for a domain in a grace or redemption period, else undefined. */
export function rgpInfData(_row: DomainRow): string | undefined {
  return undefined;
}
