// What the domain commands take from the Openprovider extension (op:ext, parsed by opExtension.ts): autorenew
// (on/off/default; "default" means the reseller's default, which regd keeps as off) sets auto-renewal, isLocked
// sets the transfer lock, resetAuthCode=true draws a new auth code. The rest is kept as the domain's op_ext data.
import type { OpDomainExt } from '../extensions/opExtension.ts';

export interface OpDomainSettings {
  autoRenew?: boolean;
  locked?: boolean;
  resetAuthCode?: boolean;
  /** The fields to store (without one-shot commands and state kept in columns). */
  data: Record<string, string>;
}

const truthy = (v: string | undefined): boolean | undefined =>
  v === undefined ? undefined : ['true', '1', 'yes', 'on'].includes(v.trim().toLowerCase()) ? true
    : ['false', '0', 'no', 'off'].includes(v.trim().toLowerCase()) ? false : undefined;

export function opDomainSettings(ext: OpDomainExt | undefined): OpDomainSettings | undefined {
  if (!ext) return undefined;
  const { isLocked, resetAuthCode, ...data } = ext;
  const autorenew = ext.autorenew?.trim().toLowerCase();
  return {
    autoRenew: autorenew === 'on' ? true : autorenew === 'off' || autorenew === 'default' ? false : undefined,
    locked: truthy(isLocked),
    resetAuthCode: truthy(resetAuthCode) === true,
    data,
  };
}
