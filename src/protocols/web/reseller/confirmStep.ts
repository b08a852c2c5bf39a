// The two-step pattern every paid action follows (register, renew, transfer, restore): a first POST (step=review)
// checks the input and shows what it will cost; nothing changes yet. The confirmation form carries everything
// back as hidden fields plus the price shown, and the second POST (step=confirm) passes that price to the core as
// the price accepted, so the core refuses if the price went up meanwhile (assertPriceAccepted) instead of charging
// more than the reseller saw.
import { html } from 'hono/html';
import { formatAmount, parseAmount } from '../../../core/money.ts';
import { CoreError } from '../../../core/errors.ts';
import type { AcceptedPrice, NamePrice } from '../../../core/commands/prices.ts';
import type { Fragment } from '../layout.ts';
import { csrfInput, formString } from '../forms.ts';
import { money } from './format.ts';
import type { WebContext } from './resellerShell.ts';

export type Step = 'form' | 'review' | 'confirm';

export function stepOf(form: Record<string, unknown>): Step {
  const s = formString(form, 'step');
  return s === 'review' || s === 'confirm' ? s : 'form';
}

/** The price the confirmation form carried, as the core's AcceptedPrice. */
export function acceptedPriceOf(form: Record<string, unknown>): AcceptedPrice {
  const amount = formString(form, 'acceptedAmount');
  const currency = formString(form, 'acceptedCurrency');
  let amountMinor: number;
  try {
    amountMinor = parseAmount(amount);
  } catch {
    throw new CoreError('missing_field', 'The confirmation did not carry the price shown; review the order again', 'acceptedAmount');
  }
  return { amountMinor, currency: currency || undefined };
}

export function hiddenFields(values: Record<string, string>): Fragment {
  return html`${Object.entries(values).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}`;
}

export interface ConfirmOptions {
  action: string;
  /** What the action does, as a list of label/value rows. */
  summary: Array<[string, string]>;
  price: NamePrice;
  /** Everything the confirm POST needs besides the price. */
  carry: Record<string, string>;
  /** Extra hidden fields (e.g. a contact). */
  extra?: Fragment;
  confirmLabel: string;
  /** Offer "Change": a POST with step=form re-renders the form with the same values. */
  allowChange?: boolean;
  cancelHref: string;
  note?: Fragment;
}

export function confirmForm(c: WebContext, o: ConfirmOptions): Fragment {
  const price = money(o.price.amountMinor, o.price.currency);
  return html`<section class="confirm" aria-labelledby="confirm-title">
<h2 id="confirm-title">Check and confirm</h2>
<dl class="props">${o.summary.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}
<dt>Price</dt><dd class="price" data-testid="price">${price}${o.price.premium ? html` <span class="badge premium">Premium</span>` : ''}</dd></dl>
${o.note ?? ''}
<form method="post" action="${o.action}" class="confirm-actions">${csrfInput(c)}
${hiddenFields(o.carry)}${o.extra ?? ''}
<input type="hidden" name="acceptedAmount" value="${formatAmount(o.price.amountMinor)}">
<input type="hidden" name="acceptedCurrency" value="${o.price.currency}">
<button type="submit" name="step" value="confirm">${o.confirmLabel} (${price})</button>
${o.allowChange ? html`<button type="submit" name="step" value="form" class="secondary" formnovalidate>Change</button>` : ''}
<a href="${o.cancelHref}">Cancel</a>
</form>
</section>`;
}
