// The dashboard: the balance and the funds held by orders a registry has not answered, the domains expiring in the
// next 90 days (a chart), pending transfers both ways, orders still in flight or saved, and the latest events of the
// queue EPP poll and XCP POLL EVENT read (looking does not acknowledge them).
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { heldFunds } from '../../../core/commands/heldFunds.ts';
import { expiringPerWeek } from '../../../core/commands/expiryForecast.ts';
import { listTransfers } from '../../../core/commands/transferLists.ts';
import { listResellerOrders, type ResellerOrder } from '../../../core/commands/listResellerOrders.ts';
import { recentEvents } from '../../../core/commands/recentEvents.ts';
import type { WebEnv } from '../webEnv.ts';
import { expiryChart } from './expiryChart.ts';
import { dateTime, day, money } from './format.ts';
import { resellerPage, signedIn } from './resellerShell.ts';

const EXPIRY_DAYS = 90;

function ordersTable(caption: string, orders: ResellerOrder[]) {
  if (orders.length === 0) return html`<p class="muted">${caption}: none.</p>`;
  return html`<table><caption>${caption}</caption>
<thead><tr><th scope="col">Order</th><th scope="col">Domain</th><th scope="col">Kind</th><th scope="col">Amount</th><th scope="col">Placed</th></tr></thead>
<tbody>${orders.map((o) => html`<tr><td>${o.id}</td><td>${o.domain}</td><td>${o.kind}</td><td>${money(o.amountMinor, o.currency)}</td><td>${dateTime(o.createdAt)}</td></tr>`)}</tbody></table>`;
}

export function addDashboardPage(app: Hono<WebEnv>): void {
  app.get('/', async (c) => {
    const core = c.get('core');
    const r = signedIn(c);
    const held = await heldFunds(core, r.id);
    const expiry = await expiringPerWeek(core, r.id, EXPIRY_DAYS);
    const transfersIn = await listTransfers(core, { resellerId: r.id, side: 'in', status: 'pending', page: 0, limit: 10 });
    const transfersAway = await listTransfers(core, { resellerId: r.id, side: 'away', status: 'pending', page: 0, limit: 10 });
    const inFlight = await listResellerOrders(core, { resellerId: r.id, state: 'in_progress', limit: 10 });
    const saved = await listResellerOrders(core, { resellerId: r.id, state: 'saved', limit: 10 });
    const events = await recentEvents(core, r.id, 10);
    const transfers = [...transfersIn.transfers.map((t) => ({ ...t, side: 'in' })), ...transfersAway.transfers.map((t) => ({ ...t, side: 'away' }))];
    return resellerPage(c, {
      title: 'Dashboard', current: '/',
      body: html`<div class="cards">
<div class="card"><div class="muted">Balance</div><div class="big" data-testid="balance">${money(r.balanceMinor, r.currency)}</div></div>
<div class="card"><div class="muted">Held for orders in flight</div><div class="big">${money(held, r.currency)}</div></div>
<div class="card"><div class="muted">Expiring in ${EXPIRY_DAYS} days</div><div class="big">${expiry.total}</div><a href="/domains?expiringBefore=${day(expiry.to)}">See them</a></div>
<div class="card"><div class="muted">Unacknowledged events</div><div class="big">${events.unacknowledged}</div></div>
</div>
<h2>Domains expiring in the next ${EXPIRY_DAYS} days</h2>
${expiryChart(expiry.weeks, expiry.total)}
<h2>Pending transfers</h2>
${transfers.length === 0 ? html`<p class="muted">No transfer is pending.</p>` : html`<table>
<thead><tr><th scope="col">Domain</th><th scope="col">Direction</th><th scope="col">Requested</th><th scope="col">Decided by</th></tr></thead>
<tbody>${transfers.map((t) => html`<tr><td>${t.name}</td><td>${t.side === 'in' ? `in, from ${t.losingUsername}` : `away, to ${t.gainingUsername}`}</td><td>${dateTime(t.requestedAt)}</td><td>${dateTime(t.actionAt)}</td></tr>`)}</tbody></table>`}
<p><a href="/transfers">Manage transfers</a></p>
<h2>Orders</h2>
${ordersTable('Orders waiting for a registry', inFlight.items)}
${ordersTable('Orders saved for later', saved.items)}
<h2>Latest events</h2>
${events.events.length === 0 ? html`<p class="muted">No events yet.</p>` : html`<table>
<thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">State</th></tr></thead>
<tbody>${events.events.map((e) => html`<tr><td>${dateTime(e.createdAt)}</td><td>${e.message}</td><td>${e.acknowledged ? 'acknowledged' : html`<strong>new</strong>`}</td></tr>`)}</tbody></table>`}
<p class="muted">Events are the messages EPP poll and XCP POLL EVENT read; they are acknowledged there.</p>`,
    });
  });
}
