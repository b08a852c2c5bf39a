// Deleting and restoring a domain, each behind a page that says what it costs before the one button that does it.
// Delete is free: within the add grace period the registration is refunded and the name is freed at once; later
// the domain enters its redemption period, restorable for a fee (restorePrice: the restore fee, plus a year when
// it has expired). Restore is the request and its RFC 3915 report in one step (restoreDomainAtOnce, as the JSON API
// does), at the price shown.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { deleteDomain } from '../../../core/commands/deleteDomain.ts';
import { restorePrice } from '../../../core/commands/restoreDomain.ts';
import { restoreDomainAtOnce } from '../../../core/commands/restoreAtOnce.ts';
import type { DomainRow } from '../../../core/commands/findDomain.ts';
import { ADD_GRACE_DAYS, REDEMPTION_DAYS, inAddGrace } from '../../../core/rgpPeriods.ts';
import { CoreError } from '../../../core/errors.ts';
import type { WebEnv } from '../webEnv.ts';
import { csrfInput, field, formString } from '../forms.ts';
import { acceptedPriceOf, confirmForm } from './confirmStep.ts';
import { day, money } from './format.ts';
import { domainPath, ownDomain } from './ownDomain.ts';
import { doneRedirect, resellerPage, signedIn, type WebContext } from './resellerShell.ts';

async function renderDelete(c: WebContext, d: DomainRow, error?: unknown) {
  const core = c.get('core');
  const now = await core.clock.now();
  const grace = inAddGrace(d, now);
  const restore = await restorePrice(core, d, now);
  return resellerPage(c, {
    title: `Delete ${d.name}`, current: '/domains', error,
    body: html`<section class="confirm"><h2>What happens</h2>
<dl class="props"><dt>Domain</dt><dd>${d.name}</dd><dt>Expires</dt><dd>${day(d.expires_at)}</dd><dt>Price</dt><dd data-testid="price">${money(0, restore.currency)} (deleting is free)</dd></dl>
${grace
    ? html`<p>${d.name} was registered less than ${ADD_GRACE_DAYS} days ago: the registration is refunded and the name is free for anyone at once.</p>`
    : html`<p>${d.name} enters its redemption period: it stops working and can be restored for ${REDEMPTION_DAYS} days, for ${money(restore.amountMinor, restore.currency)} today. After that it is purged.</p>`}
<form method="post" action="${domainPath(d.name, 'delete')}" class="confirm-actions">${csrfInput(c)}
<button type="submit" name="step" value="confirm" class="danger">Delete ${d.name}</button> <a href="${domainPath(d.name)}">Cancel</a>
</form></section>`,
  });
}

async function renderRestore(c: WebContext, d: DomainRow, error?: unknown) {
  const core = c.get('core');
  const price = await restorePrice(core, d, await core.clock.now());
  return resellerPage(c, {
    title: `Restore ${d.name}`, current: '/domains', error,
    body: confirmForm(c, {
      action: domainPath(d.name, 'restore'),
      summary: [['Domain', d.name], ['State', d.rgp_status ?? 'live'], ['Expires', price.renewed ? `${day(d.expires_at)} (expired: the restore renews it by a year)` : day(d.expires_at)]],
      price, carry: {},
      extra: field('Reason for the restore', 'reason', { hint: 'Kept in the restore report sent to the registry' }),
      confirmLabel: 'Restore and pay', cancelHref: domainPath(d.name),
    }),
  });
}

export function addDeleteRestorePages(app: Hono<WebEnv>): void {
  app.get('/domains/:name/delete', async (c) => renderDelete(c, await ownDomain(c, c.req.param('name'))));

  app.post('/domains/:name/delete', async (c) => {
    const d = await ownDomain(c, c.req.param('name'));
    const form = await c.req.parseBody();
    if (formString(form, 'step') !== 'confirm') return renderDelete(c, d);
    try {
      const result = await deleteDomain(c.get('core'), { resellerId: signedIn(c).id, name: d.name });
      // A name freed at once has no page any more; a domain in redemption keeps its page (to restore it).
      if (result.outcome === 'submitted') return doneRedirect(c, domainPath(d.name), 'submitted');
      return doneRedirect(c, result.outcome === 'deleted' ? '/domains' : domainPath(d.name), 'deleted');
    } catch (err) {
      if (!(err instanceof CoreError)) throw err;
      return renderDelete(c, d, err);
    }
  });

  app.get('/domains/:name/restore', async (c) => renderRestore(c, await ownDomain(c, c.req.param('name'))));

  app.post('/domains/:name/restore', async (c) => {
    const d = await ownDomain(c, c.req.param('name'));
    const form = await c.req.parseBody();
    if (formString(form, 'step') !== 'confirm') return renderRestore(c, d);
    try {
      const result = await restoreDomainAtOnce(c.get('core'), { resellerId: signedIn(c).id, name: d.name, reason: formString(form, 'reason'), acceptedPrice: acceptedPriceOf(form) });
      return doneRedirect(c, domainPath(d.name), result.status === 'submitted' ? 'submitted' : 'restored');
    } catch (err) {
      if (!(err instanceof CoreError)) throw err;
      return renderRestore(c, d, err);
    }
  });
}
