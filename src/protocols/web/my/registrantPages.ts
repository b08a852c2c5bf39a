// The registrant self-service pages under /my: sign-in with the profile's username, password and one of its
// domains; then the profile's domains, each with its contacts, nameservers, lock, WHOIS privacy and auth code; and
// the password. Everything past sign-in needs a registrant session, and nothing here is cached: the pages carry
// personal data and, once asked for, an auth code.
import type { Hono } from 'hono';
import { requireSession } from '../sessionCookie.ts';
import type { WebEnv } from '../webEnv.ts';
import { addDomainActions } from './domainActions.ts';
import { addDomainListPage } from './domainListPage.ts';
import { addDomainPage } from './domainPage.ts';
import { addPasswordPage } from './passwordPage.ts';
import { MY_SIGN_IN } from './registrantShell.ts';
import { addRegistrantSignIn } from './signIn.ts';

export function addRegistrantPages(app: Hono<WebEnv>): void {
  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  });
  // Registered before the guard below, so they answer without a session.
  addRegistrantSignIn(app);
  app.use('*', requireSession('registrant', MY_SIGN_IN));
  addDomainListPage(app);
  addDomainPage(app);
  addDomainActions(app);
  addPasswordPage(app);
}
