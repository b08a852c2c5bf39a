// Renewing a domain: the price for each period the TLD allows and the expiry each gives, a review of the one chosen,
// then renewDomain with the expiry date shown as EPP's curExpDate guard (a second click or a renewal through
// another door meanwhile is refused, not charged twice) and the price shown as the price accepted.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { renewDomain } from '../../../core/commands/renewDomain.ts';
import { priceOfName, type NamePrice } from '../../../core/commands/prices.ts';
import type { DomainRow } from '../../../core/commands/findDomain.ts';
import { addYears } from '../../../core/dates.ts';
import { CoreError } from '../../../core/errors.ts';
import type { WebEnv } from '../webEnv.ts';
import { csrfInput, formString, select } from '../forms.ts';
import { acceptedPriceOf, confirmForm, stepOf } from './confirmStep.ts';
import { day, money, years } from './format.ts';
import { domainPath, ownDomain } from './ownDomain.ts';
import { doneRedirect, resellerPage, signedIn, type WebContext } from './resellerShell.ts';

async function periodPrices(c: WebContext, d: DomainRow): Promise<Array<{ years: number; price: NamePrice; expires: Date }>> {
  const core = c.get('core');
  const out = [];
  for (const y of core.registry.policy(d.tld)?.periods ?? []) {
    const price = await priceOfName(core, d, 'renew', y).catch(() => undefined);
    if (price) out.push({ years: y, price, expires: addYears(new Date(d.expires_at), y) });
  }
  return out;
}

async function renderForm(c: WebContext, d: DomainRow, period = '1', error?: unknown) {
  const prices = await periodPrices(c, d);
  return resellerPage(c, {
    title: `Renew ${d.name}`, current: '/domains', error,
    body: html`<p>${d.name} expires on <strong>${day(d.expires_at)}</strong>.</p>
<table class="narrow"><caption>Renewal prices</caption>
<thead><tr><th scope="col">Period</th><th scope="col">Price</th><th scope="col">New expiry</th></tr></thead>
<tbody>${prices.map((p) => html`<tr><td>${years(p.years)}</td><td>${money(p.price.amountMinor, p.price.currency)}</td><td>${day(p.expires)}</td></tr>`)}</tbody></table>
<form class="box" method="post" action="${domainPath(d.name, 'renew')}">${csrfInput(c)}
${select('Period', 'period', prices.map((p) => ({ value: String(p.years), label: `${years(p.years)}: ${money(p.price.amountMinor, p.price.currency)}` })), period)}
<button type="submit" name="step" value="review">Review the renewal</button> <a href="${domainPath(d.name)}">Cancel</a>
</form>`,
  });
}

export function addRenewPage(app: Hono<WebEnv>): void {
  app.get('/domains/:name/renew', async (c) => renderForm(c, await ownDomain(c, c.req.param('name'))));

  app.post('/domains/:name/renew', async (c) => {
    const d = await ownDomain(c, c.req.param('name'));
    const form = await c.req.parseBody();
    const period = formString(form, 'period') || '1';
    const step = stepOf(form);
    try {
      if (step === 'review') {
        const y = Number(period);
        if (!Number.isInteger(y)) throw new CoreError('invalid_value', 'Invalid data: period must be a whole number of years', 'period');
        const price = await priceOfName(c.get('core'), d, 'renew', y);
        return await resellerPage(c, {
          title: `Renew ${d.name}`, current: '/domains',
          body: confirmForm(c, {
            action: domainPath(d.name, 'renew'),
            summary: [['Domain', d.name], ['Period', years(y)], ['Expires now', day(d.expires_at)], ['Expires after renewal', day(addYears(new Date(d.expires_at), y))]],
            price, carry: { period: String(y), currentExpiry: day(d.expires_at) },
            confirmLabel: 'Renew and pay', cancelHref: domainPath(d.name),
          }),
        });
      }
      if (step === 'confirm') {
        const result = await renewDomain(c.get('core'), {
          resellerId: signedIn(c).id, domain: d, period: Number(period), currentExpiryDate: formString(form, 'currentExpiry'),
          acceptedPrice: acceptedPriceOf(form),
        });
        return doneRedirect(c, domainPath(d.name), result.status === 'submitted' ? 'submitted' : 'renewed');
      }
    } catch (err) {
      if (!(err instanceof CoreError)) throw err;
      return renderForm(c, d, period, err);
    }
    return renderForm(c, d, period);
  });
}
