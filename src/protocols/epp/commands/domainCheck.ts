// <domain:check>: availability of up to 50 names, each answered on its own (a name with bad syntax or an unknown
// TLD is "not available" with the reason, not an error for the whole command). With <launch:check type="claims">
// (or "trademark") the answer is whether a trademark claim covers each name, in <launch:chkData> and without
// <resData> (RFC 8334 claims check form); type="avail" checks availability in the given launch phase. With
// <fee:check> (RFC 8748) the answer also carries <fee:chkData>: each name's class and the price of each command
// asked about (extensions/feeExtension.ts).
import { NS } from '../eppNamespaces.ts';
import { childrenOf, textOf } from '../xmlTree.ts';
import { el, textEl } from '../xmlWriter.ts';
import { EppError, type EppContext, type EppResult } from '../eppTypes.ts';
import { CoreError } from '../../../core/errors.ts';
import { checkAvailability, parseOfferedDomain } from '../../../core/commands/checkAvailability.ts';
import { DOMAIN_XMLNS } from './domainElements.ts';
import { parseLaunchCheck, renderLaunchChkData } from '../extensions/launchExtension.ts';
import { parseFeeCheck, renderFeeChkData } from '../extensions/feeExtension.ts';

export const MAX_CHECK_NAMES = 50;

export async function domainCheck(ctx: EppContext): Promise<EppResult> {
  const names = childrenOf(ctx.object, NS.domain, 'name').map((n) => textOf(n)!);
  if (names.length > MAX_CHECK_NAMES) throw new EppError(2306, `Parameter value policy error: at most ${MAX_CHECK_NAMES} names per check`);
  const launch = parseLaunchCheck(ctx.extensions);

  if (launch && launch.type !== 'avail') {
    const items = [];
    for (const name of names) {
      let ascii = name;
      let claimKey: string | undefined;
      try {
        ascii = parseOfferedDomain(ctx.core, name).name;
        claimKey = await ctx.core.registry.trademarkClaimKey(ascii);
      } catch (err) {
        if (!(err instanceof CoreError)) throw err;
      }
      items.push({ name: ascii, claimKey });
    }
    return { code: 1000, extension: renderLaunchChkData(launch, items) };
  }

  const cds: string[] = [];
  for (const name of names) {
    let shown = name;
    let avail = false;
    let reason = '';
    try {
      const a = await checkAvailability(ctx.core, name);
      shown = a.name;
      avail = a.available;
      reason = a.reason;
      const open = ctx.core.registry.policy(a.tld)!.launchPhase;
      if (avail && launch?.phase && launch.phase !== open) {
        avail = false;
        reason = 'Launch phase not open';
      }
    } catch (err) {
      if (!(err instanceof CoreError)) throw err;
      // <domain:reason> holds at most 32 characters.
      reason = err.kind === 'unknown_tld' ? 'TLD not offered' : err.kind === 'invalid_domain' ? 'Invalid domain name syntax' : err.message.slice(0, 32);
    }
    cds.push(el('domain:cd', {}, textEl('domain:name', shown, { avail: avail ? '1' : '0' }), avail ? undefined : textEl('domain:reason', reason)));
  }
  const fee = parseFeeCheck(ctx.extensions);
  return { code: 1000, resData: el('domain:chkData', DOMAIN_XMLNS, ...cds), extension: fee ? await renderFeeChkData(ctx, fee, names) : undefined };
}
