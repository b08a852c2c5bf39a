// The page shell every web page shares: one stylesheet from this site, a skip link, the audience's navigation and a
// main landmark. Content is built with hono/html's html`` template, which escapes every interpolated value; raw HTML
// goes in only through html`` fragments, never from a string.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { ASSET_PATH } from './assets.ts';

export type Fragment = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface NavItem { href: string; label: string }

export const RESELLER_NAV: NavItem[] = [
  { href: '/', label: 'Dashboard' },
  { href: '/domains', label: 'Domains' },
  { href: '/search', label: 'Search' },
  { href: '/transfers', label: 'Transfers' },
  { href: '/ledger', label: 'Ledger' },
  { href: '/outbox', label: 'Outbox' },
  { href: '/account', label: 'Account' },
];

export const REGISTRANT_NAV: NavItem[] = [
  { href: '/my', label: 'My domains' },
  { href: '/my/password', label: 'Password' },
];

export interface PageOptions {
  title: string;
  /** Navigation for a signed-in user; absent on sign-in pages. */
  nav?: NavItem[];
  /** Who is signed in, shown beside the sign-out button. */
  who?: string;
  /** Where the sign-out form posts, with the CSRF token it needs. */
  signOut?: { action: string; csrf: string };
  /** The current path, marked in the navigation. */
  current?: string;
  body: Fragment;
}

export function page(o: PageOptions): Fragment {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · regd</title>
<link rel="stylesheet" href="${ASSET_PATH}/app.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <span class="brand">regd</span>
  ${o.nav ? html`<nav aria-label="Main"><ul>${o.nav.map((n) => html`<li><a href="${n.href}"${n.href === o.current ? html` aria-current="page"` : ''}>${n.label}</a></li>`)}</ul></nav>` : ''}
  ${o.signOut ? html`<form class="signout" method="post" action="${o.signOut.action}"><input type="hidden" name="_csrf" value="${o.signOut.csrf}"><span>${o.who ?? ''}</span> <button type="submit">Sign out</button></form>` : ''}
</header>
<main id="main">
<h1>${o.title}</h1>
${o.body}
</main>
</body>
</html>`;
}

/** A message above a form: role=alert so a screen reader announces it. */
export function alertBox(message: string | undefined, kind: 'error' | 'ok' = 'error'): Fragment | '' {
  if (!message) return '';
  return html`<p class="${kind === 'error' ? 'msg-error' : 'msg-ok'}" role="${kind === 'error' ? 'alert' : 'status'}">${message}</p>`;
}
