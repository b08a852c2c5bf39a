// Asking to transfer a domain in: the name and its auth code, then a review with the transfer price (a transfer
// adds one year) and whether the name can move now (transferEligibility, XCP CHECK_TRANSFER's answer), then
// requestTransfer with the price shown as the price accepted. It is paid at the request and refunded if the
// transfer is rejected or withdrawn.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { requestTransfer } from '../../../core/commands/transfers.ts';
import { transferEligibility } from '../../../core/commands/transferEligibility.ts';
import { parseOfferedDomain } from '../../../core/commands/checkAvailability.ts';
import { priceOfName } from '../../../core/commands/prices.ts';
import { TRANSFER_YEARS } from '../../../core/commands/transfers/transferRecords.ts';
import { CoreError } from '../../../core/errors.ts';
import type { WebEnv } from '../webEnv.ts';
import { csrfInput, field, formString } from '../forms.ts';
import { acceptedPriceOf, confirmForm, stepOf } from './confirmStep.ts';
import { years } from './format.ts';
import { doneRedirect, resellerPage, signedIn, type WebContext } from './resellerShell.ts';

function renderForm(c: WebContext, name = '', error?: unknown) {
  return resellerPage(c, {
    title: 'Transfer a domain in', current: '/transfers', error,
    body: html`<form class="box" method="post" action="/transfers/new">${csrfInput(c)}
${field('Domain name', 'name', { value: name, required: true })}
${field('Auth code', 'authCode', { required: true, autocomplete: 'off', hint: 'The transfer code the current registrar or sponsor gave the registrant' })}
<button type="submit" name="step" value="review">Review the transfer</button> <a href="/transfers">Cancel</a>
</form>`,
  });
}

export function addTransferInPage(app: Hono<WebEnv>): void {
  app.get('/transfers/new', (c) => renderForm(c, c.req.query('name') ?? ''));

  app.post('/transfers/new', async (c) => {
    const core = c.get('core');
    const form = await c.req.parseBody();
    const name = formString(form, 'name').toLowerCase();
    const authCode = formString(form, 'authCode');
    const step = stepOf(form);
    try {
      if (step === 'review') {
        const dn = parseOfferedDomain(core, name);
        if (authCode === '') throw new CoreError('missing_field', 'Missing required field: auth code', 'authCode');
        const eligible = await transferEligibility(core, signedIn(c).id, dn.name);
        if (!eligible.transferrable) throw new CoreError('not_eligible_transfer', `${dn.name} cannot be transferred now: ${eligible.reason}`, 'domain');
        const price = await priceOfName(core, dn, 'transfer', TRANSFER_YEARS);
        return await resellerPage(c, {
          title: `Transfer ${dn.name} in`, current: '/transfers',
          body: confirmForm(c, {
            action: '/transfers/new', summary: [['Domain', dn.name], ['Adds', years(TRANSFER_YEARS)]],
            price, carry: { name: dn.name, authCode },
            note: html`<p class="muted">Paid now; refunded if the transfer is rejected or you withdraw it.</p>`,
            confirmLabel: 'Request the transfer and pay', allowChange: true, cancelHref: '/transfers',
          }),
        });
      }
      if (step === 'confirm') {
        await requestTransfer(core, { resellerId: signedIn(c).id, name, authCode, acceptedPrice: acceptedPriceOf(form) });
        return doneRedirect(c, '/transfers', 'transfer-requested');
      }
    } catch (err) {
      if (!(err instanceof CoreError)) throw err;
      return renderForm(c, name, err);
    }
    return renderForm(c, name);
  });
}
