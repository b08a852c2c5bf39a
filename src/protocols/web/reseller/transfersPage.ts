// Transfers the reseller is party to: requests it made (in; a pending one can be withdrawn, refunded) and requests
// for its domains (away; a pending one can be approved or rejected before its window ends, when the server decides).
// The actions are the core's approveTransfer, rejectTransfer and cancelTransfer, which check the caller's side
// themselves: naming a transfer the reseller is not party to is refused like an unknown one.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { approveTransfer, cancelTransfer, rejectTransfer } from '../../../core/commands/transfers.ts';
import { listTransfers } from '../../../core/commands/transferLists.ts';
import type { TransferView } from '../../../core/commands/pollQueue.ts';
import { CoreError } from '../../../core/errors.ts';
import type { WebEnv } from '../webEnv.ts';
import { csrfInput, formString } from '../forms.ts';
import { dateTime } from './format.ts';
import { doneRedirect, resellerPage, signedIn, type WebContext } from './resellerShell.ts';

const ROWS = 25;

const STATUS: Record<string, string> = {
  pending: 'pending', clientApproved: 'approved', clientRejected: 'rejected', clientCancelled: 'withdrawn',
  serverApproved: 'approved by the server', serverCancelled: 'cancelled by the server',
};

function actionButton(c: WebContext, action: string, name: string, label: string, danger = false) {
  return html`<form class="button-form" method="post" action="/transfers/${action}">${csrfInput(c)}<input type="hidden" name="name" value="${name}"><button type="submit"${danger ? html` class="danger"` : html` class="secondary"`}>${label}<span class="visually-hidden"> ${name}</span></button></form>`;
}

function table(c: WebContext, caption: string, rows: TransferView[], side: 'in' | 'away') {
  if (rows.length === 0) return html`<p class="muted">${caption}: none.</p>`;
  return html`<table><caption>${caption}</caption>
<thead><tr><th scope="col">Domain</th><th scope="col">${side === 'in' ? 'From' : 'To'}</th><th scope="col">Status</th><th scope="col">Requested</th><th scope="col">Decided (or due)</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody>${rows.map((t) => html`<tr><td>${t.name}</td><td>${side === 'in' ? t.losingUsername : t.gainingUsername}</td><td>${STATUS[t.status] ?? t.status}</td><td>${dateTime(t.requestedAt)}</td><td>${dateTime(t.actionAt)}</td>
<td>${t.status !== 'pending' ? '' : side === 'in' ? actionButton(c, 'cancel', t.name, 'Withdraw') : html`${actionButton(c, 'approve', t.name, 'Approve')} ${actionButton(c, 'reject', t.name, 'Reject', true)}`}</td></tr>`)}</tbody></table>`;
}

async function renderTransfers(c: WebContext, error?: unknown) {
  const core = c.get('core');
  const r = signedIn(c);
  const incoming = await listTransfers(core, { resellerId: r.id, side: 'in', page: 0, limit: ROWS });
  const away = await listTransfers(core, { resellerId: r.id, side: 'away', page: 0, limit: ROWS });
  return resellerPage(c, {
    title: 'Transfers', current: '/transfers', error,
    body: html`<p><a class="button" href="/transfers/new">Transfer a domain in…</a></p>
<h2>Transfers in</h2>${table(c, 'Domains you asked to transfer in', incoming.transfers, 'in')}
<h2>Transfers away</h2>${table(c, 'Your domains others asked to transfer', away.transfers, 'away')}`,
  });
}

const ACTIONS = {
  cancel: { run: cancelTransfer, done: 'transfer-cancelled' },
  approve: { run: approveTransfer, done: 'transfer-approved' },
  reject: { run: rejectTransfer, done: 'transfer-rejected' },
} as const;

export function addTransfersPage(app: Hono<WebEnv>): void {
  app.get('/transfers', (c) => renderTransfers(c));

  for (const [action, { run, done }] of Object.entries(ACTIONS)) {
    app.post(`/transfers/${action}`, async (c) => {
      const form = await c.req.parseBody();
      try {
        await run(c.get('core'), { resellerId: signedIn(c).id, name: formString(form, 'name') });
        return doneRedirect(c, '/transfers', done);
      } catch (err) {
        if (!(err instanceof CoreError)) throw err;
        return renderTransfers(c, err);
      }
    });
  }
}
