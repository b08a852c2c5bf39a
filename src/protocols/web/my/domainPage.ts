// /my/domains/:name: one of the registrant's domains: its status and dates, nameservers, transfer lock, WHOIS
// privacy, auth code and contacts, each section with the form that changes it (domainActions.ts). After a change
// the browser is sent back here with `done` naming what happened (a fixed message, never text from the URL); after
// a refusal the page is drawn again with the core's message in the section concerned and the values that were sent.
import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { CONTACT_ROLES, type ContactRole } from '../../../core/contact.ts';
import type { DomainRow } from '../../../core/commands/findDomain.ts';
import { readRegistrantDomainView, type RegistrantDomainView } from '../../../core/commands/registrantDomainView.ts';
import { registrantDomain } from '../../../core/access/registrantDomainAccess.ts';
import { CoreError } from '../../../core/errors.ts';
import { csrfInput, textarea } from '../forms.ts';
import { alertBox, type Fragment } from '../layout.ts';
import type { WebEnv } from '../webEnv.ts';
import { contactForm, contactSummary, ROLE_NAMES } from './contactForm.ts';
import { day, domainLabel, statusWords, yesNo } from './display.ts';
import { domainPath, MY_HOME, myNotFound, myPage, registrantOf } from './registrantShell.ts';

export type Section = 'nameservers' | 'lock' | 'privacy' | 'authcode' | 'contacts';

export interface DomainPageState {
  notice?: { section: Section; text: string };
  error?: { section: Section; text: string };
  /** The nameserver text that was sent, shown again after a refusal. */
  nameserversText?: string;
  /** The contact form that was sent, shown open again after a refusal. */
  contact?: { role: ContactRole; values: Record<string, string> };
  /** The auth code, when the registrant asked to see it. */
  authCode?: string;
}

/** What `?done=` may say; anything else says nothing. */
const DONE: ReadonlyMap<string, { section: Section; text: string }> = new Map(Object.entries({
  nameservers: { section: 'nameservers', text: 'The nameservers were saved.' },
  'nameservers-submitted': { section: 'nameservers', text: 'The new nameservers were sent to the registry; they take effect when it confirms.' },
  'nameservers-unchanged': { section: 'nameservers', text: 'Those are the nameservers already; nothing changed.' },
  locked: { section: 'lock', text: 'The domain is now locked against transfer.' },
  unlocked: { section: 'lock', text: 'The domain is now unlocked: it can be transferred with its auth code.' },
  'privacy-on': { section: 'privacy', text: 'WHOIS privacy is now on.' },
  'privacy-off': { section: 'privacy', text: 'WHOIS privacy is now off.' },
  'auth-code-sent': { section: 'authcode', text: 'The auth code was sent to the e-mail address of the administrative contact.' },
  contacts: { section: 'contacts', text: 'The contact was saved.' },
}) as Array<[string, { section: Section; text: string }]>);

export function doneState(code: string | undefined): DomainPageState {
  const notice = code === undefined ? undefined : DONE.get(code);
  return notice ? { notice } : {};
}

/** The registrant's own domain named in the URL, or undefined (the caller answers 404). */
export async function ownDomain(c: Context<WebEnv>): Promise<DomainRow | undefined> {
  try {
    return await registrantDomain(c.get('core'), registrantOf(c), c.req.param('name') ?? '');
  } catch (err) {
    if (err instanceof CoreError && err.kind === 'not_found') return undefined;
    throw err;
  }
}

function message(state: DomainPageState, section: Section): Fragment | '' {
  if (state.error?.section === section) return alertBox(state.error.text, 'error');
  if (state.notice?.section === section) return alertBox(state.notice.text, 'ok');
  return '';
}

function summary(v: RegistrantDomainView): Fragment {
  return html`<dl class="props">
<dt>Status</dt><dd>${statusWords(v.statuses)}</dd>
<dt>Expires</dt><dd>${day(v.row.expires_at)}</dd>
<dt>Renews automatically</dt><dd>${yesNo(v.autoRenew)}</dd>
<dt>Locked against transfer</dt><dd>${v.lockSupported ? yesNo(v.locked) : 'Not offered for this domain'}</dd>
<dt>WHOIS privacy</dt><dd>${v.whoisPrivacySupported ? (v.whoisPrivacy ? 'On' : 'Off') : 'Not offered for this domain'}</dd>
</dl>`;
}

function nameserverSection(c: Context<WebEnv>, v: RegistrantDomainView, state: DomainPageState): Fragment {
  const current = v.nameservers.map((n) => n.name);
  return html`<section class="my-section" id="nameservers" aria-labelledby="h-nameservers">
<h2 id="h-nameservers">Nameservers</h2>
${message(state, 'nameservers')}
${current.length > 0 ? html`<ul class="my-ns">${current.map((n) => html`<li>${n}</li>`)}</ul>` : html`<p>The domain has no nameservers: it does not resolve.</p>`}
<form class="box" method="post" action="${domainPath(v.row.name)}/nameservers#nameservers">
${csrfInput(c)}
${textarea('New nameserver list', 'nameservers', state.nameserversText ?? current.join('\n'), 'One host name per line; they replace the list above.')}
<button type="submit">Save nameservers</button>
</form>
</section>`;
}

function toggleSection(c: Context<WebEnv>, o: { id: Section; title: string; supported: boolean; on: boolean; onText: string; offText: string; action: string; field: string; turnOn: string; turnOff: string }, state: DomainPageState): Fragment {
  return html`<section class="my-section card" id="${o.id}" aria-labelledby="h-${o.id}">
<h2 id="h-${o.id}">${o.title}</h2>
${message(state, o.id)}
${o.supported
    ? html`<p>${o.on ? o.onText : o.offText}</p>
<form method="post" action="${o.action}#${o.id}">
${csrfInput(c)}<input type="hidden" name="${o.field}" value="${o.on ? 'off' : 'on'}">
<button type="submit"${o.on ? html` class="secondary"` : ''}>${o.on ? o.turnOff : o.turnOn}</button>
</form>`
    : html`<p class="muted">The registry of this domain does not offer it.</p>`}
</section>`;
}

function authCodeSection(c: Context<WebEnv>, v: RegistrantDomainView, state: DomainPageState): Fragment {
  const base = domainPath(v.row.name);
  const admin = v.contacts.admin?.email ?? v.contacts.owner?.email;
  return html`<section class="my-section card" id="authcode" aria-labelledby="h-authcode">
<h2 id="h-authcode">Auth code</h2>
${message(state, 'authcode')}
${v.hasAuthCode
    ? html`<p>The auth code (transfer password) lets another registrar take the domain over. Give it only to the registrar you move to.</p>
${state.authCode !== undefined ? html`<p class="secret" id="auth-code-value">${state.authCode}</p>` : ''}
<div class="my-actions">
<form method="post" action="${base}/auth-code#authcode">${csrfInput(c)}<button type="submit" class="secondary">Show the auth code</button></form>
${admin ? html`<form method="post" action="${base}/auth-code/send#authcode">${csrfInput(c)}<button type="submit" class="secondary">Send it to ${admin}</button></form>` : ''}
</div>`
    : html`<p class="muted">Domains of this registry have no auth code: they move to another registrar by a tag change, which your provider makes.</p>`}
</section>`;
}

function contactsSection(c: Context<WebEnv>, v: RegistrantDomainView, state: DomainPageState): Fragment {
  const base = domainPath(v.row.name);
  return html`<section class="my-section" id="contacts" aria-labelledby="h-contacts">
<h2 id="h-contacts">Contacts</h2>
${message(state, 'contacts')}
${v.pendingTrade ? html`<p class="msg-ok" role="status">A change of owner to ${v.pendingTrade.newOwnerName} is waiting for answers; the owner contact cannot be changed until it is settled.</p>` : ''}
<div class="my-contacts">
${CONTACT_ROLES.map((role) => {
    const sent = state.contact?.role === role ? state.contact.values : undefined;
    return html`<div class="card my-contact" id="contact-${role}">
<h3>${ROLE_NAMES[role]} contact</h3>
${contactSummary(v.contacts[role])}
<details${sent ? html` open` : ''}><summary>Change the ${ROLE_NAMES[role].toLowerCase()} contact</summary>
${contactForm(c, `${base}/contacts/${role}#contact-${role}`, role, sent ?? { ...v.contacts[role] })}
</details>
</div>`;
  })}
</div>
</section>`;
}

export async function renderDomainPage(c: Context<WebEnv>, d: DomainRow, state: DomainPageState, status: 200 | 400 | 401 | 403 | 404 | 409 | 422 | 429 | 500 | 503 = 200): Promise<Response> {
  const v = await readRegistrantDomainView(c.get('core'), d);
  const body = html`<p class="my-back"><a href="${MY_HOME}">Back to my domains</a></p>
${summary(v)}
${nameserverSection(c, v, state)}
<div class="my-grid">
${toggleSection(c, {
    id: 'lock', title: 'Transfer lock', supported: v.lockSupported, on: v.locked, field: 'lock', action: `${domainPath(d.name)}/lock`,
    onText: 'The domain is locked: no transfer to another registrar can start.', offText: 'The domain is unlocked: it can be transferred with its auth code.',
    turnOn: 'Lock the domain', turnOff: 'Unlock the domain',
  }, state)}
${toggleSection(c, {
    id: 'privacy', title: 'WHOIS privacy', supported: v.whoisPrivacySupported, on: v.whoisPrivacy, field: 'privacy', action: `${domainPath(d.name)}/whois-privacy`,
    onText: 'WHOIS privacy is on: the public WHOIS does not show your contact details.', offText: 'WHOIS privacy is off: the public WHOIS shows your contact details.',
    turnOn: 'Turn WHOIS privacy on', turnOff: 'Turn WHOIS privacy off',
  }, state)}
${authCodeSection(c, v, state)}
</div>
${contactsSection(c, v, state)}`;
  return c.html(await myPage(c, { title: domainLabel(d.name), current: MY_HOME, body }), status);
}

export function addDomainPage(app: Hono<WebEnv>): void {
  app.get(`${MY_HOME}/domains/:name`, async (c) => {
    const d = await ownDomain(c);
    if (!d) return myNotFound(c);
    return renderDomainPage(c, d, doneState(c.req.query('done')));
  });
}
