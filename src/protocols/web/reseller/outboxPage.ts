// The outbox: messages regd sent (recorded, not mailed) to the reseller's registrants, newest first, a page at a
// time, optionally for one domain. Bodies can carry auth codes, so they are folded away until opened.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { listOutboxPage } from '../../../core/commands/outboxPage.ts';
import type { WebEnv } from '../webEnv.ts';
import { field } from '../forms.ts';
import { dateTime } from './format.ts';
import { positiveId } from './ledgerPage.ts';
import { resellerPage, signedIn } from './resellerShell.ts';

const PAGE = 25;

export function addOutboxPage(app: Hono<WebEnv>): void {
  app.get('/outbox', async (c) => {
    const domain = (c.req.query('domain') ?? '').trim();
    const before = positiveId(c.req.query('before'));
    const page = await listOutboxPage(c.get('core'), { resellerId: signedIn(c).id, domain: domain || undefined, before, limit: PAGE });
    const last = page.items[page.items.length - 1];
    const more = new URLSearchParams({ ...(domain ? { domain } : {}), ...(last ? { before: String(last.id) } : {}) });
    c.header('Cache-Control', 'no-store');
    return resellerPage(c, {
      title: 'Outbox', current: '/outbox',
      body: html`<form class="box" method="get" action="/outbox"><div class="inline">${field('Domain', 'domain', { type: 'search', value: domain })}<button type="submit">Show</button></div></form>
${page.items.length === 0 ? html`<p class="muted">No messages.</p>` : html`<ul class="messages">${page.items.map((m) => html`<li class="card">
<details><summary><strong>${m.subject}</strong> <span class="muted">to ${m.to} · ${m.domain} · ${dateTime(m.createdAt)}</span></summary>
<pre class="mail">${m.body}</pre></details></li>`)}</ul>`}
<nav class="pager" aria-label="Pages">
${before ? html`<a href="/outbox${domain ? `?domain=${encodeURIComponent(domain)}` : ''}">Newest messages</a>` : ''}
${page.more && last ? html`<a href="/outbox?${more.toString()}" rel="next">Older messages</a>` : ''}
</nav>`,
    });
  });
}
