// Launch phases (RFC 8334) as registry policy: each TLD has one phase open for new registrations, and a create
// must name that phase and carry what it requires: a signed mark in sunrise, an acknowledged claims notice for a
// name with a trademark claim where the TLD requires one. General-availability TLDs take creates without a launch
// phase (or with phase "open"). Protocol syntax (XML, base64) is the front door's job; the checks here are on
// typed values.
import type { Core } from './core.ts';
import { CoreError } from './errors.ts';
import type { DomainName } from './domainName.ts';
import type { LaunchPhaseName, TldPolicy } from '../registry/tldPolicy.ts';

/** What a signed mark (SMD) asserts, as far as the sandbox checks it. The signature itself is not verified. */
export interface SignedMarkInfo {
  id: string;
  notBefore?: Date;
  notAfter?: Date;
  /** The mark's labels (mark:label); the domain's label must be one of them when any are given. */
  labels: string[];
}

export interface ClaimsNotice { noticeId: string; notAfter: Date; acceptedDate: Date }

export interface LaunchCreateRequest {
  phase: LaunchPhaseName;
  signedMarks: SignedMarkInfo[];
  notices: ClaimsNotice[];
}

export interface LaunchDecision {
  /** The phase to record on the domain; undefined for a general-availability registration. */
  phase?: LaunchPhaseName;
  claimKey?: string;
  notice?: ClaimsNotice;
  markId?: string;
}

export function describePhase(p: LaunchPhaseName): string {
  return p.startsWith('custom:') ? `custom phase "${p.slice(7)}"` : p === 'open' ? 'general availability' : `${p} phase`;
}

/**
 * Checks a registration against the TLD's launch phase. `req` is undefined when the client sent no launch data
 * (XCP never does). Throws policy_violation (phase not open), missing_field (signed mark or claims notice absent).
 */
export async function checkLaunchCreate(core: Core, policy: TldPolicy, dn: DomainName, req: LaunchCreateRequest | undefined, now: Date): Promise<LaunchDecision> {
  const open = policy.launchPhase;
  const claimKey = await core.registry.trademarkClaimKey(dn.name);
  const needsNotice = claimKey !== undefined && policy.claimsNoticeRequired;
  if (!req) {
    if (open !== 'open' && open !== 'claims') {
      throw new CoreError('policy_violation', `.${dn.tld} is in its ${describePhase(open)}: a registration must name that launch phase`, 'launch');
    }
    if (needsNotice) throw noticeMissing(dn, claimKey);
    return {};
  }
  if (req.phase !== open) {
    throw new CoreError('policy_violation', open === 'open'
      ? `.${dn.tld} is in general availability: launch phase ${describePhase(req.phase)} is not open`
      : `Launch phase ${describePhase(req.phase)} is not open for .${dn.tld} (current: ${describePhase(open)})`, 'launch');
  }
  const decision: LaunchDecision = { phase: open === 'open' ? undefined : open, claimKey };
  if (open === 'sunrise') {
    if (req.signedMarks.length === 0) throw new CoreError('missing_field', `A signed mark (SMD) is required to register ${dn.name} in the sunrise phase`, 'launch');
    decision.markId = checkSignedMarks(req.signedMarks, dn, now);
  }
  for (const n of req.notices) checkNotice(n, now);
  if (needsNotice) {
    if (req.notices.length === 0) throw noticeMissing(dn, claimKey);
    decision.notice = req.notices[0];
  }
  return decision;
}

function noticeMissing(dn: DomainName, claimKey: string): CoreError {
  return new CoreError('missing_field', `${dn.name} has a trademark claim (claimKey ${claimKey}): an acknowledged claims notice is required`, 'launch');
}

function checkSignedMarks(marks: SignedMarkInfo[], dn: DomainName, now: Date): string {
  let reason = '';
  for (const m of marks) {
    if (m.notBefore && m.notBefore > now) { reason = `signed mark ${m.id} is not valid before ${m.notBefore.toISOString()}`; continue; }
    if (m.notAfter && m.notAfter < now) { reason = `signed mark ${m.id} expired on ${m.notAfter.toISOString()}`; continue; }
    if (m.labels.length > 0 && !m.labels.includes(dn.label)) { reason = `signed mark ${m.id} does not cover the label "${dn.label}" (labels: ${m.labels.join(', ')})`; continue; }
    return m.id;
  }
  throw new CoreError('policy_violation', `Invalid signed mark: ${reason}`, 'launch');
}

function checkNotice(n: ClaimsNotice, now: Date): void {
  if (n.notAfter < now) throw new CoreError('policy_violation', `Claims notice ${n.noticeId} expired on ${n.notAfter.toISOString()}`, 'launch');
  if (n.acceptedDate > now) throw new CoreError('policy_violation', `Claims notice ${n.noticeId}: acceptedDate is in the future`, 'launch');
  if (n.acceptedDate > n.notAfter) throw new CoreError('policy_violation', `Claims notice ${n.noticeId} was accepted after it expired`, 'launch');
}
