// What every signed-in reseller page shares: the page shell with the reseller navigation and sign-out, the signed-in
// reseller, a form failure shown on the page it came from, and short notices after a redirect (Post/Redirect/Get:
// a change redirects to its page with ?done=<what>, which shows a fixed sentence, never text from the URL).
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Reseller } from '../../../core/commands/resellers.ts';
import { CoreError } from '../../../core/errors.ts';
import { alertBox, page, RESELLER_NAV, type Fragment } from '../layout.ts';
import { messageForError, statusForError } from '../errorPage.ts';
import { sessionOf } from '../sessionCookie.ts';
import type { WebEnv } from '../webEnv.ts';

export type WebContext = Context<WebEnv>;

export function signedIn(c: WebContext): Reseller {
  const r = c.get('reseller');
  if (!r) throw new Error('signedIn called on a page without requireSession');
  return r;
}

export interface ResellerPageOptions {
  title: string;
  /** The navigation entry this page belongs to. */
  current?: string;
  body: Fragment;
  /** A failure to show above the body (a CoreError's message, or a generic one). */
  error?: unknown;
  status?: number;
}

/** Renders a page for the signed-in reseller; with `error`, the status is the one that error deserves. */
export function resellerPage(c: WebContext, o: ResellerPageOptions) {
  const status = o.status ?? (o.error !== undefined ? statusForError(o.error) : 200);
  return c.html(page({
    title: o.title, nav: RESELLER_NAV, current: o.current, who: signedIn(c).username,
    signOut: { action: '/signout', csrf: sessionOf(c).csrfToken },
    body: html`${o.error !== undefined ? alertBox(messageForError(o.error)) : ''}${noticeOf(c)}${o.body}`,
  }), status as 200);
}

/** Runs a form's action; a CoreError becomes the page re-rendered with its message, anything else propagates. */
export async function orShowError<T>(action: () => Promise<T>, onError: (err: CoreError) => Response | Promise<Response>): Promise<T | Response> {
  try {
    return await action();
  } catch (err) {
    if (err instanceof CoreError) return onError(err);
    throw err;
  }
}

const NOTICES: Record<string, string> = {
  registered: 'The domain is registered.',
  submitted: 'The order is with the registry; its answer will appear among the events.',
  renewed: 'The domain is renewed.',
  nameservers: 'The nameservers are saved.',
  'nameservers-unchanged': 'The nameservers were already these; nothing changed.',
  locked: 'The domain is locked against transfer.',
  unlocked: 'The domain is unlocked.',
  'autorenew-on': 'Auto-renew is on.',
  'autorenew-off': 'Auto-renew is off.',
  'privacy-on': 'WHOIS privacy is on.',
  'privacy-off': 'WHOIS privacy is off.',
  contacts: 'The contacts are saved.',
  authcode: 'The auth code is changed.',
  deleted: 'The domain is deleted.',
  restored: 'The domain is restored.',
  'transfer-requested': 'The transfer is requested; the current sponsor has to approve it, or it is approved when its window ends.',
  'transfer-cancelled': 'The transfer request is withdrawn and refunded.',
  'transfer-approved': 'The transfer is approved; the domain has moved.',
  'transfer-rejected': 'The transfer is rejected.',
  'allowed-ips': 'The allowed IP addresses are saved.',
  password: 'The password is changed. Other web sessions are signed out.',
  'token-revoked': 'The token is revoked; it stops working at once.',
  'epp-cert-set': 'EPP logins now need this client certificate.',
  'epp-cert-cleared': 'EPP logins no longer need a client certificate.',
  'contact-ids': 'The contact id policy is saved.',
};

export type NoticeCode = keyof typeof NOTICES;

function noticeOf(c: WebContext): Fragment | '' {
  const code = c.req.query('done');
  return code && Object.hasOwn(NOTICES, code) ? alertBox(NOTICES[code], 'ok') : '';
}

/** Redirects after a change to `path`, which then shows the notice for `code`. */
export function doneRedirect(c: WebContext, target: string, code: string) {
  const [path, fragment] = target.split('#', 2);
  const sep = path.includes('?') ? '&' : '?';
  return c.redirect(`${path}${sep}done=${encodeURIComponent(code)}${fragment ? `#${fragment}` : ''}`, 303);
}
