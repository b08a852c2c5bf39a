// The reseller's domains, filtered (part of the name, expiring before a day, life-cycle status) and paged by name
// with a keyset, as the JSON API's listDomains (core listResellerDomains): "Next page" carries the last name shown,
// so a page is one index range however deep the list goes. A GET form, so filters and pages are plain links.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { DOMAIN_LIST_STATUSES, listResellerDomains, type DomainListStatus } from '../../../core/commands/listResellerDomains.ts';
import { parseDay } from '../../../core/commands/domainQueries.ts';
import { toAsciiHostname } from '../../../core/domainName.ts';
import type { WebEnv } from '../webEnv.ts';
import { field, select } from '../forms.ts';
import { day } from './format.ts';
import { domainPath } from './ownDomain.ts';
import { resellerPage, signedIn } from './resellerShell.ts';

const PAGE_SIZES = [10, 25, 50, 100];
const DEFAULT_PAGE_SIZE = 25;

const STATUS_LABELS: Record<DomainListStatus, string> = {
  active: 'Active', expired: 'Expired (grace)', pendingCreate: 'Waiting for the registry', pendingTransfer: 'Transfer pending',
  redemption: 'Deleted (restorable)', pendingDelete: 'Pending deletion',
};

interface Filters { nameContains: string; expiringBefore: string; status: string; limit: number }

function filterQuery(f: Filters, after?: string): string {
  const p = new URLSearchParams();
  if (f.nameContains) p.set('nameContains', f.nameContains);
  if (f.expiringBefore) p.set('expiringBefore', f.expiringBefore);
  if (f.status) p.set('status', f.status);
  if (f.limit !== DEFAULT_PAGE_SIZE) p.set('limit', String(f.limit));
  if (after) p.set('after', after);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function addDomainListPage(app: Hono<WebEnv>): void {
  app.get('/domains', async (c) => {
    const core = c.get('core');
    const limitAsked = Number(c.req.query('limit'));
    const f: Filters = {
      nameContains: (c.req.query('nameContains') ?? '').trim(),
      expiringBefore: (c.req.query('expiringBefore') ?? '').trim(),
      status: (c.req.query('status') ?? '').trim(),
      limit: PAGE_SIZES.includes(limitAsked) ? limitAsked : DEFAULT_PAGE_SIZE,
    };
    const afterAsked = c.req.query('after');
    const after = afterAsked ? toAsciiHostname(afterAsked) : undefined;
    let error: unknown;
    let page: Awaited<ReturnType<typeof listResellerDomains>> = { items: [], more: false };
    try {
      page = await listResellerDomains(core, {
        resellerId: signedIn(c).id,
        nameContains: f.nameContains === '' ? undefined : f.nameContains,
        expiringBefore: f.expiringBefore === '' ? undefined : parseDay(f.expiringBefore, 'expiringBefore'),
        status: f.status === '' ? undefined : f.status as DomainListStatus,
        after, limit: f.limit,
      });
    } catch (err) {
      error = err;
    }
    const last = page.items[page.items.length - 1];
    return resellerPage(c, {
      title: 'Domains', current: '/domains', error,
      body: html`<form class="box wide filters" method="get" action="/domains">
<div class="inline">
${field('Name contains', 'nameContains', { type: 'search', value: f.nameContains })}
${field('Expiring before', 'expiringBefore', { type: 'date', value: f.expiringBefore })}
${select('Status', 'status', [{ value: '', label: 'Any' }, ...DOMAIN_LIST_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))], f.status)}
${select('Per page', 'limit', PAGE_SIZES.map((n) => ({ value: String(n), label: String(n) })), String(f.limit))}
</div>
<button type="submit">Filter</button> <a href="/domains">Clear filters</a>
</form>
${page.items.length === 0 ? html`<p class="muted">${after ? 'No more domains.' : 'No domain matches.'}</p>` : html`<table>
<caption>${after ? `Domains after ${after}` : 'Domains'}</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Expires</th><th scope="col">Auto-renew</th><th scope="col">Locked</th></tr></thead>
<tbody>${page.items.map((d) => html`<tr><td><a href="${domainPath(d.name)}">${d.name}</a></td><td>${STATUS_LABELS[d.status]}</td><td>${day(d.expiresAt)}</td><td>${d.autoRenew ? 'on' : 'off'}</td><td>${d.locked ? 'yes' : 'no'}</td></tr>`)}</tbody></table>`}
<nav class="pager" aria-label="Pages">
${after ? html`<a href="/domains${filterQuery(f)}">First page</a>` : ''}
${page.more && last ? html`<a href="/domains${filterQuery(f, last.name)}" rel="next">Next page</a>` : ''}
</nav>
<p><a href="/search">Find a name to register</a> · <a href="/transfers/new">Transfer a domain in</a></p>`,
    });
  });
}
