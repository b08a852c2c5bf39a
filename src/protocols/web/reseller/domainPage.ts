// One domain: its status and dates, settings, nameservers, contacts and history, with a form for each change
// (domainChanges.ts handles them) and links to renew, delete or restore. The auth code is not on the page until the
// reseller asks for it (a POST, so it never lands in a URL, a log or the browser history).
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { readDomainDetails } from '../../../core/commands/domainDetails.ts';
import { readDomainObject } from '../../../core/commands/domainObjectView.ts';
import { listNotes } from '../../../core/commands/domainNotes.ts';
import type { DomainRow } from '../../../core/commands/findDomain.ts';
import { CONTACT_ROLES, type ContactRole } from '../../../core/contact.ts';
import type { WebEnv } from '../webEnv.ts';
import { checkbox, csrfInput, field, textarea } from '../forms.ts';
import { contactFieldset, contactSummary } from './contactFields.ts';
import { day } from './format.ts';
import { domainPath, ownDomain } from './ownDomain.ts';
import { resellerPage, signedIn, type WebContext } from './resellerShell.ts';

const ROLE_LABELS: Record<ContactRole, string> = { owner: 'Registrant', admin: 'Admin', billing: 'Billing', tech: 'Tech' };
const HISTORY_ROWS = 50;

export interface DomainPageExtras {
  error?: unknown;
  /** Set when the reseller asked to see the auth code. */
  authCode?: string;
  /** What the forms held when a change was refused, so nothing typed is lost. */
  nameservers?: string;
  contact?: Record<string, string>;
}

/** A toggle: the setting's state and one button that flips it ("Turn <noun> on/off"). */
function toggle(c: WebContext, d: DomainRow, action: string, label: string, noun: string, on: boolean, onText: string, offText: string) {
  return html`<form class="toggle" method="post" action="${domainPath(d.name, action)}">${csrfInput(c)}
<input type="hidden" name="value" value="${on ? 'off' : 'on'}">
<span>${label}: <strong>${on ? onText : offText}</strong></span>
<button type="submit" class="secondary">Turn ${noun} ${on ? 'off' : 'on'}</button></form>`;
}

export async function renderDomainPage(c: WebContext, d: DomainRow, extras: DomainPageExtras = {}) {
  const core = c.get('core');
  const policy = core.registry.policy(d.tld);
  const details = await readDomainDetails(core, d);
  const view = await readDomainObject(core, d);
  const history = await listNotes(core, { type: 'domain', resellerId: signedIn(c).id, domainName: d.name, page: 0, limit: HISTORY_ROWS });
  const deleted = d.rgp_status !== null;
  const pendingTransfer = view.statuses.includes('pendingTransfer');
  const owner = details.contacts.owner;
  const nsText = extras.nameservers ?? details.nameservers.map((n) => n.name).join('\n');
  return resellerPage(c, {
    title: d.name, current: '/domains', error: extras.error,
    body: html`<p><a href="/domains">All domains</a></p>
<dl class="props">
<dt>Status</dt><dd>${view.statuses.join(', ')}${d.rgp_status ? html` <span class="badge no">${d.rgp_status}</span>` : ''}${d.registry_pending_until ? html` <span class="badge">waiting for the registry</span>` : ''}</dd>
<dt>Registered</dt><dd>${day(d.created_at)}</dd>
<dt>Expires</dt><dd>${day(d.expires_at)}</dd>
<dt>Auto-renew</dt><dd>${d.auto_renew ? 'on' : 'off'}</dd>
<dt>Locked</dt><dd>${d.locked ? 'yes' : 'no'}</dd>
<dt>WHOIS privacy</dt><dd>${d.whois_privacy === 'enabled' ? 'on' : 'off'}</dd>
<dt>ROID</dt><dd>${d.roid}</dd>
<dt>Registrant</dt><dd>${owner ? contactSummary(owner) : '-'}</dd>
</dl>
<div class="actions">
${deleted
    ? (d.rgp_status === 'redemptionPeriod' || d.rgp_status === 'pendingRestore' ? html`<a class="button" href="${domainPath(d.name, 'restore')}">Restore…</a>` : html`<span class="muted">The domain waits to be purged; it can no longer be restored.</span>`)
    : html`<a class="button" href="${domainPath(d.name, 'renew')}">Renew…</a> <a class="button danger" href="${domainPath(d.name, 'delete')}">Delete…</a>`}
${pendingTransfer ? html` <a href="/transfers">A transfer is pending: see transfers</a>` : ''}
</div>
${deleted ? html`<p class="muted">This domain is deleted; settings cannot change until it is restored.</p>` : html`
<h2 id="settings">Settings</h2>
<div class="toggles">
${policy?.supportsLock ? toggle(c, d, 'lock', 'Lock', 'the lock', d.locked === 1, 'on (transfers refused)', 'off') : html`<p class="muted">.${d.tld} has no transfer lock.</p>`}
${toggle(c, d, 'autorenew', 'Auto-renew', 'auto-renew', d.auto_renew === 1, 'on', 'off')}
${policy?.supportsWhoisPrivacy ? toggle(c, d, 'privacy', 'WHOIS privacy', 'WHOIS privacy', d.whois_privacy === 'enabled', 'on', 'off') : html`<p class="muted">.${d.tld} offers no WHOIS privacy.</p>`}
</div>

<h2 id="nameservers">Nameservers</h2>
<form class="box" method="post" action="${domainPath(d.name, 'nameservers')}">${csrfInput(c)}
${textarea('Nameservers', 'nameservers', nsText, `One host name per line${policy ? `; ${Math.max(1, policy.minNameservers)} to ${policy.maxNameservers}` : ''}`)}
<button type="submit">Save nameservers</button>
</form>

<h2 id="authcode">Auth code</h2>
${extras.authCode ? html`<p>The auth code of ${d.name}: <code class="secret" data-testid="auth-code">${extras.authCode}</code></p>` : html`
<form class="button-form" method="post" action="${domainPath(d.name, 'authcode/show')}">${csrfInput(c)}<button type="submit" class="secondary">Show the auth code</button></form>`}
<form class="box" method="post" action="${domainPath(d.name, 'authcode')}">${csrfInput(c)}
${field('New auth code', 'authCode', { autocomplete: 'off', hint: 'Leave empty to have a new one generated. 6-32 characters, no spaces.' })}
<button type="submit">Change the auth code</button>
</form>

<h2 id="contacts">Contacts</h2>
<table><thead><tr><th scope="col">Role</th><th scope="col">Contact</th><th scope="col">Phone</th><th scope="col">Address</th></tr></thead>
<tbody>${CONTACT_ROLES.map((role) => {
      const ct = details.contacts[role];
      return html`<tr><th scope="row">${ROLE_LABELS[role]}</th><td>${ct ? contactSummary(ct) : '-'}</td><td>${ct?.phone ?? ''}</td><td>${ct ? [ct.address1, ct.city, ct.postal_code, ct.country].filter(Boolean).join(', ') : ''}</td></tr>`;
    })}</tbody></table>
<h3>Change contacts</h3>
<form class="box wide" method="post" action="${domainPath(d.name, 'contacts')}">${csrfInput(c)}
<fieldset><legend>Roles to change</legend>
${CONTACT_ROLES.map((role) => checkbox(ROLE_LABELS[role], `role_${role}`, false))}
</fieldset>
${contactFieldset('New contact details', 'c_', extras.contact ?? owner ?? {})}
<button type="submit">Save contacts</button>
</form>`}

<h2 id="history">History</h2>
${history.notes.length === 0 ? html`<p class="muted">No history.</p>` : html`<table>
<thead><tr><th scope="col">When</th><th scope="col">What</th></tr></thead>
<tbody>${history.notes.map((n) => html`<tr><td>${n.timestamp}</td><td>${n.note}</td></tr>`)}</tbody></table>
${history.remainder ? html`<p class="muted">Showing the latest ${HISTORY_ROWS} of ${history.total}.</p>` : ''}`}`,
  });
}

export function addDomainPage(app: Hono<WebEnv>): void {
  app.get('/domains/:name', async (c) => renderDomainPage(c, await ownDomain(c, c.req.param('name'))));
}
