// Restoring a deleted domain in one step, for a door that has no separate restore report (the JSON API): the
// restore request (restoreDomain.ts, charged as on EPP), then at once the report RFC 3915 asks for, written from what
// regd holds. regd keeps the registration whole through redemption, so the data before the delete and now are the
// same; the report carries them, the deletion and restore times, the caller's reason and the two statements RFC 3915
// (section 4.1) requires the registrar to make. A domain already in pendingRestore (a request whose registry answered
// late) only gets its report, so calling again finishes a restore that was left half done.
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { DAY_MS } from '../dates.ts';
import { PENDING_DELETE_DAYS, REDEMPTION_DAYS } from '../rgpPeriods.ts';
import { readContactHandles } from '../contactHandles.ts';
import { readNameservers } from './domainDetails.ts';
import { findLiveDomain, type DomainRow } from './findDomain.ts';
import { reportRestore, requestRestore } from './restoreDomain.ts';
import type { AcceptedPrice } from './prices.ts';

export const DEFAULT_RESTORE_REASON = 'Restored at the registrant\'s request';

/** RFC 3915 section 4.1: the registrar's two statements in every restore report. */
const STATEMENTS = [
  'The information in this report is true to best of this registrar\'s knowledge, and this registrar acknowledges that intentionally supplying false information in this report shall constitute an incurable material breach of the Registry-Registrar Agreement.',
  'Registrant\'s request to restore the domain was made in accordance with this registrar\'s policies.',
];

export interface RestoreAtOnceResult {
  name: string;
  /** 'submitted': the registry has not confirmed the request or the report yet; orderId says which. */
  status: 'completed' | 'submitted';
  orderId: number;
  /** What the request charged (0 when only the report was sent). */
  amountMinor: number;
  currency: string;
}

async function registrationText(core: Core, d: DomainRow): Promise<string> {
  const ns = (await readNameservers(core, d.id)).map((n) => n.name);
  const owner = (await readContactHandles(core.db, d.id)).get('owner')?.handle ?? '';
  return `Domain: ${d.name}; expires: ${d.expires_at}; registrant: ${owner}; nameservers: ${ns.join(', ') || 'none'}`;
}

export async function restoreDomainAtOnce(core: Core, input: { resellerId: number; name: string; reason?: string; acceptedPrice?: AcceptedPrice }): Promise<RestoreAtOnceResult> {
  const reason = input.reason?.trim() || DEFAULT_RESTORE_REASON;
  if (reason.length > 1000) throw new CoreError('invalid_value', 'Invalid data: reason is longer than 1000 characters', 'reason');
  let d = await findLiveDomain(core, input.name);
  let charged = { amountMinor: 0, currency: d ? core.registry.policy(d.tld)?.currency ?? 'USD' : 'USD' };
  if (d?.rgp_status !== 'pendingRestore') {
    // Sponsorship and the redemption state are the request's own checks.
    const req = await requestRestore(core, { resellerId: input.resellerId, name: input.name, acceptedPrice: input.acceptedPrice });
    if (req.status === 'submitted') return { name: req.name, status: 'submitted', orderId: req.orderId, amountMinor: req.amountMinor, currency: req.currency };
    charged = { amountMinor: req.amountMinor, currency: req.currency };
    d = await findLiveDomain(core, input.name);
  }
  if (!d) throw new CoreError('not_found', `Domain ${input.name} not found`, 'domain');
  // purge_at keeps the original purge time through pendingRestore; the delete was that long before it.
  const deletedAt = d.purge_at ? new Date(new Date(d.purge_at).getTime() - (REDEMPTION_DAYS + PENDING_DELETE_DAYS) * DAY_MS).toISOString() : d.updated_at;
  const data = await registrationText(core, d);
  const report = await reportRestore(core, {
    resellerId: input.resellerId, name: d.name,
    report: { preData: data, postData: data, delTime: deletedAt, resTime: (await core.clock.now()).toISOString(), resReason: reason, statements: STATEMENTS },
  });
  return { name: d.name, status: report.status, orderId: report.orderId, ...charged };
}
