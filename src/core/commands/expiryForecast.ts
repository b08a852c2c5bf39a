// How many of a reseller's active domains expire in each week of the coming days (the dashboard's chart). Each week
// is counted by GET_DOMAINS_BY_EXPIREDATE's own query (domainQueries.ts listDomainsByExpiry), which reads only its
// covering index, so a reseller with many domains costs a handful of index range counts, not a scan.
import type { Core } from '../core.ts';
import { DAY_MS } from '../dates.ts';
import { listDomainsByExpiry } from './domainQueries.ts';

export interface ExpiryWeek {
  /** ISO start of the week (inclusive) and end (exclusive); the last week may be shorter. */
  from: string;
  to: string;
  count: number;
}

export async function expiringPerWeek(core: Core, resellerId: number, days = 90): Promise<{ from: string; to: string; total: number; weeks: ExpiryWeek[] }> {
  const start = await core.clock.now();
  const end = new Date(start.getTime() + days * DAY_MS);
  const weeks: ExpiryWeek[] = [];
  for (let from = start; from < end;) {
    const to = new Date(Math.min(from.getTime() + 7 * DAY_MS, end.getTime()));
    // listDomainsByExpiry takes an inclusive range; one millisecond less keeps the weeks from overlapping.
    const page = await listDomainsByExpiry(core, { resellerId, from: from.toISOString(), to: new Date(to.getTime() - 1).toISOString(), page: 0, limit: 1 });
    weeks.push({ from: from.toISOString(), to: to.toISOString(), count: page.total });
    from = to;
  }
  return { from: start.toISOString(), to: end.toISOString(), total: weeks.reduce((n, w) => n + w.count, 0), weeks };
}
