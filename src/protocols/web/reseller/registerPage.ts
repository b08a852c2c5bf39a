// Registering a name: /register?name=... shows the name's price for each period the TLD allows and the order form
// (period, nameservers, registrant, options); "Review" checks the input with the core's own validators and shows the
// total; "Confirm" registers through createDomain (the EPP/JSON API registration, into the reseller's own registrant
// profile) with the price shown as the price accepted. The registrant given is also the admin, billing and tech
// contact.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { createDomain, checkPeriod } from '../../../core/commands/createDomain.ts';
import { checkAvailability, parseOfferedDomain } from '../../../core/commands/checkAvailability.ts';
import { priceOfName, type NamePrice } from '../../../core/commands/prices.ts';
import { validateInlineContacts } from '../../../core/inlineContacts.ts';
import { validateDelegation } from '../../../core/delegation.ts';
import { CoreError } from '../../../core/errors.ts';
import type { TldPolicy } from '../../../registry/tldPolicy.ts';
import type { Core } from '../../../core/core.ts';
import type { WebEnv } from '../webEnv.ts';
import { checkbox, csrfInput, field, formLines, formString, select, textarea } from '../forms.ts';
import { contactFieldset, contactFromForm, contactHidden, contactSummary } from './contactFields.ts';
import { acceptedPriceOf, confirmForm, stepOf } from './confirmStep.ts';
import { money, years } from './format.ts';
import { domainPath } from './ownDomain.ts';
import { doneRedirect, resellerPage, signedIn, type WebContext } from './resellerShell.ts';

interface RegisterInput {
  name: string;
  period: string;
  nameservers: string;
  contact: Record<string, string>;
  autoRenew: boolean;
  locked: boolean;
  whoisPrivacy: boolean;
}

function inputOf(form: Record<string, unknown>): RegisterInput {
  return {
    name: formString(form, 'name').toLowerCase(), period: formString(form, 'period') || '1', nameservers: formString(form, 'nameservers'),
    contact: contactFromForm(form, 'c_'), autoRenew: formString(form, 'autoRenew') === '1', locked: formString(form, 'locked') === '1',
    whoisPrivacy: formString(form, 'whoisPrivacy') === '1',
  };
}

/** Each period the TLD allows with this name's price for it (a period without a price is left out). */
async function periodPrices(core: Core, dn: { name: string; tld: string }, policy: TldPolicy): Promise<Array<{ years: number; price: NamePrice }>> {
  const out = [];
  for (const y of policy.periods) {
    const price = await priceOfName(core, dn, 'register', y).catch(() => undefined);
    if (price) out.push({ years: y, price });
  }
  return out;
}

const delegationOf = (nameservers: string) => formLines({ ns: nameservers }, 'ns').map((name) => ({ name, addresses: [], hostAttr: false }));

async function renderForm(c: WebContext, input: RegisterInput, error?: unknown) {
  const core = c.get('core');
  const title = input.name ? `Register ${input.name}` : 'Register a domain';
  if (!input.name) {
    return resellerPage(c, {
      title, current: '/search', error,
      body: html`<form class="box" method="get" action="/register">${field('Domain name', 'name', { required: true, hint: 'e.g. example.com' })}<button type="submit">Continue</button></form>`,
    });
  }
  let availability;
  try {
    availability = await checkAvailability(core, input.name);
  } catch (err) {
    return resellerPage(c, { title, current: '/search', error: err, body: html`<p><a href="/search">Search again</a></p>` });
  }
  if (!availability.available) {
    return resellerPage(c, { title, current: '/search', error: error ?? new CoreError('domain_taken', `${availability.name} is not available: ${availability.reason}`), body: html`<p><a href="/search?q=${encodeURIComponent(availability.name)}">Search for another name</a></p>` });
  }
  const policy = core.registry.policy(availability.tld)!;
  const prices = await periodPrices(core, availability, policy);
  return resellerPage(c, {
    title, current: '/search', error,
    body: html`<table class="narrow"><caption>Price of ${availability.name}</caption>
<thead><tr><th scope="col">Period</th><th scope="col">Price</th></tr></thead>
<tbody>${prices.map((p) => html`<tr><td>${years(p.years)}</td><td>${money(p.price.amountMinor, p.price.currency)}${p.price.premium ? html` <span class="badge premium">Premium</span>` : ''}</td></tr>`)}</tbody></table>
<form class="box wide" method="post" action="/register">${csrfInput(c)}
<input type="hidden" name="name" value="${availability.name}">
${select('Period', 'period', prices.map((p) => ({ value: String(p.years), label: `${years(p.years)}: ${money(p.price.amountMinor, p.price.currency)}` })), input.period)}
${textarea('Nameservers', 'nameservers', input.nameservers, `One host name per line; ${policy.minNameservers} to ${policy.maxNameservers}`)}
${contactFieldset('Registrant (also the admin, billing and tech contact)', 'c_', input.contact)}
<fieldset><legend>Options</legend>
${checkbox('Auto-renew', 'autoRenew', input.autoRenew)}
${policy.supportsLock ? checkbox('Lock against transfer', 'locked', input.locked) : ''}
${policy.supportsWhoisPrivacy ? checkbox('WHOIS privacy', 'whoisPrivacy', input.whoisPrivacy) : ''}
</fieldset>
<button type="submit" name="step" value="review">Review the order</button>
</form>`,
  });
}

async function review(c: WebContext, input: RegisterInput) {
  const core = c.get('core');
  const dn = parseOfferedDomain(core, input.name);
  const policy = core.registry.policy(dn.tld)!;
  const a = await checkAvailability(core, dn.name);
  if (!a.available) throw new CoreError('domain_taken', `${dn.name} is not available: ${a.reason}`, 'domain');
  const period = Number(input.period);
  checkPeriod(policy, period);
  const delegation = validateDelegation(delegationOf(input.nameservers), dn.name, policy);
  validateInlineContacts({ owner: input.contact });
  const price = await priceOfName(core, dn, 'register', period);
  const options = [input.autoRenew && 'auto-renew', input.locked && 'locked', input.whoisPrivacy && 'WHOIS privacy'].filter(Boolean).join(', ');
  return resellerPage(c, {
    title: `Register ${dn.name}`, current: '/search',
    body: confirmForm(c, {
      action: '/register',
      summary: [['Domain', dn.name], ['Period', years(period)], ['Nameservers', delegation.map((h) => h.name).join(', ') || 'none'],
        ['Registrant', contactSummary(input.contact)], ['Options', options || 'none']],
      price,
      carry: {
        name: dn.name, period: String(period), nameservers: input.nameservers,
        ...(input.autoRenew ? { autoRenew: '1' } : {}), ...(input.locked ? { locked: '1' } : {}), ...(input.whoisPrivacy ? { whoisPrivacy: '1' } : {}),
      },
      extra: contactHidden('c_', input.contact),
      confirmLabel: 'Register and pay', allowChange: true, cancelHref: '/search',
    }),
  });
}

async function confirm(c: WebContext, input: RegisterInput, form: Record<string, unknown>) {
  const r = signedIn(c);
  const result = await createDomain(c.get('core'), {
    resellerId: r.id, resellerUsername: r.username, domain: input.name, years: Number(input.period),
    nameservers: delegationOf(input.nameservers), registrant: undefined, contacts: [],
    contactData: { owner: input.contact, admin: input.contact, billing: input.contact, tech: input.contact },
    authCode: undefined, ds: [], autoRenew: input.autoRenew, locked: input.locked, whoisPrivacy: input.whoisPrivacy,
    acceptedPrice: acceptedPriceOf(form),
  });
  return doneRedirect(c, domainPath(result.name), result.status === 'submitted' ? 'submitted' : 'registered');
}

export function addRegisterPage(app: Hono<WebEnv>): void {
  app.get('/register', (c) => renderForm(c, { name: (c.req.query('name') ?? '').trim().toLowerCase(), period: '1', nameservers: '', contact: {}, autoRenew: false, locked: false, whoisPrivacy: false }));

  app.post('/register', async (c) => {
    const form = await c.req.parseBody();
    const input = inputOf(form);
    const step = stepOf(form);
    try {
      if (step === 'review') return await review(c, input);
      if (step === 'confirm') return await confirm(c, input, form);
    } catch (err) {
      if (!(err instanceof CoreError)) throw err;
      return renderForm(c, input, err);
    }
    return renderForm(c, input);
  });
}
