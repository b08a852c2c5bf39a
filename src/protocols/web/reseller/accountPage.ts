// The account page: one section per account setting (accountKey.ts, accountAllowedIps.ts, accountPassword.ts,
// accountTokens.ts, accountEppCert.ts, accountContactIds.ts), each with its own form and POST route. A refused
// change re-renders the page with the message in its section; a secret made by a POST (a private key, an API
// token) is shown on the page that answers that POST and never again.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import type { WebEnv } from '../webEnv.ts';
import { alertBox, type Fragment } from '../layout.ts';
import { messageForError, statusForError } from '../errorPage.ts';
import { resellerPage, type WebContext } from './resellerShell.ts';
import { keySection } from './accountKey.ts';
import { allowedIpsSection } from './accountAllowedIps.ts';
import { passwordSection } from './accountPassword.ts';
import { tokensSection } from './accountTokens.ts';
import { eppCertSection } from './accountEppCert.ts';
import { contactIdsSection } from './accountContactIds.ts';

export type AccountSection = 'key' | 'ips' | 'password' | 'tokens' | 'cert' | 'contactIds';

export interface AccountExtras {
  /** The section a refused change belongs to, and why it was refused. */
  failed?: { section: AccountSection; error: unknown; status?: number };
  /** A private key just generated: shown once. */
  newKey?: string;
  /** An API token just created: shown once. */
  newToken?: { name: string; token: string };
  /** What the forms held when a change was refused. */
  ipsText?: string;
  certText?: string;
}

/** The refusal message inside its section (announced by screen readers). */
export function sectionError(extras: AccountExtras, section: AccountSection): Fragment | '' {
  return extras.failed?.section === section ? alertBox(messageForError(extras.failed.error)) : '';
}

/** A secret just made, at the top of the page where it cannot be missed; it is on no other page. */
function secretBox(what: string, secret: string, testId: string): Fragment {
  return html`<div class="msg-ok secret-box" role="status"><p><strong>${what}.</strong> Copy it now: it is not shown again.</p>
<p class="secret" data-testid="${testId}">${secret}</p></div>`;
}

export async function renderAccountPage(c: WebContext, extras: AccountExtras = {}) {
  // Secrets must not be cached anywhere on the way back; harmless for the page without one.
  c.header('Cache-Control', 'no-store');
  return resellerPage(c, {
    title: 'Account', current: '/account',
    status: extras.failed ? extras.failed.status ?? statusForError(extras.failed.error) : 200,
    body: html`${extras.newKey ? secretBox('Your new private key', extras.newKey, 'new-key') : ''}
${extras.newToken ? secretBox(`Your new API token "${extras.newToken.name}"`, extras.newToken.token, 'new-token') : ''}
<nav aria-label="Account sections" class="toc"><ul>
<li><a href="#key">Private key</a></li><li><a href="#ips">Allowed IP addresses</a></li><li><a href="#password">Password</a></li>
<li><a href="#tokens">API tokens</a></li><li><a href="#cert">EPP client certificate</a></li><li><a href="#contact-ids">Contact ids</a></li></ul></nav>
${keySection(c, extras)}
${allowedIpsSection(c, extras)}
${passwordSection(c, extras)}
${await tokensSection(c, extras)}
${await eppCertSection(c, extras)}
${await contactIdsSection(c, extras)}`,
  });
}

export function addAccountPage(app: Hono<WebEnv>): void {
  app.get('/account', (c) => renderAccountPage(c));
}
