// The web interface as two Hono apps on the HTTPS port: registrants under /my and resellers everywhere else (/).
// They share the page shell, assets, security headers and CSRF rules, but each has its own session cookie and
// sign-in, so neither audience's middleware ever runs on the other's pages.
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Core } from '../../core/core.ts';
import { addAssets } from './assets.ts';
import { csrfProtection } from './csrf.ts';
import { errorPage } from './errorPage.ts';
import { page } from './layout.ts';
import { securityHeaders } from './securityHeaders.ts';
import { loadSession } from './sessionCookie.ts';
import type { SessionKind } from '../../core/access/sessions.ts';
import { addResellerPages } from './reseller/resellerPages.ts';
import { addRegistrantPages } from './my/registrantPages.ts';
import type { WebEnv } from './webEnv.ts';

export const REGISTRANT_BASE = '/my';

function audienceApp(core: Core, kind: SessionKind): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.use('*', async (c, next) => { c.set('core', core); await next(); });
  app.use('*', securityHeaders());
  app.use('*', loadSession(kind));
  app.use('*', csrfProtection());
  app.notFound((c) => c.html(page({ title: 'Not found', body: html`<p>There is no page at this address.</p><p><a href="${kind === 'registrant' ? REGISTRANT_BASE : '/'}">Back to the start</a></p>` }), 404));
  app.onError((err, c) => errorPage(c, err));
  return app;
}

export function createWebApps(core: Core): { reseller: Hono<WebEnv>; registrant: Hono<WebEnv> } {
  const reseller = audienceApp(core, 'reseller');
  addAssets(reseller);
  addResellerPages(reseller);
  const registrant = audienceApp(core, 'registrant');
  addRegistrantPages(registrant);
  return { reseller, registrant };
}

export function isRegistrantPath(path: string): boolean {
  return path === REGISTRANT_BASE || path.startsWith(`${REGISTRANT_BASE}/`);
}
