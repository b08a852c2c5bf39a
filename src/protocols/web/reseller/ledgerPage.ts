// The reseller's ledger: every debit and credit with the balance it left, newest first, a page at a time ("Older
// entries" continues before the last entry shown; core listLedgerEntries).
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { listLedgerEntries } from '../../../core/commands/ledgerEntries.ts';
import type { WebEnv } from '../webEnv.ts';
import { dateTime, money } from './format.ts';
import { resellerPage, signedIn } from './resellerShell.ts';

const PAGE = 50;

/** A positive whole number from the query, or undefined. */
export function positiveId(text: string | undefined): number | undefined {
  const n = Number(text);
  return text && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export function addLedgerPage(app: Hono<WebEnv>): void {
  app.get('/ledger', async (c) => {
    const r = signedIn(c);
    const before = positiveId(c.req.query('before'));
    const page = await listLedgerEntries(c.get('core'), { resellerId: r.id, before, limit: PAGE });
    const last = page.items[page.items.length - 1];
    return resellerPage(c, {
      title: 'Ledger', current: '/ledger',
      body: html`<p>Balance now: <strong>${money(r.balanceMinor, r.currency)}</strong></p>
${page.items.length === 0 ? html`<p class="muted">No entries.</p>` : html`<table class="ledger">
<thead><tr><th scope="col">When</th><th scope="col">Description</th><th scope="col">Order</th><th scope="col" class="num">Amount</th><th scope="col" class="num">Balance after</th></tr></thead>
<tbody>${page.items.map((e) => html`<tr><td>${dateTime(e.createdAt)}</td><td>${e.description}</td><td>${e.orderId ?? ''}</td><td class="num ${e.amountMinor < 0 ? 'debit' : 'credit'}">${money(e.amountMinor, e.currency)}</td><td class="num">${money(e.balanceAfterMinor, e.currency)}</td></tr>`)}</tbody></table>`}
<nav class="pager" aria-label="Pages">
${before ? html`<a href="/ledger">Newest entries</a>` : ''}
${page.more && last ? html`<a href="/ledger?before=${last.id}" rel="next">Older entries</a>` : ''}
</nav>`,
    });
  });
}
