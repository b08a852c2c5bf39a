// The reseller web interface: sign-in, then every page behind a reseller session. Each page or feature is its own
// module; this file only decides the order: sign-in first (open), then the session, the source-address allow list
// and the no-caching rule that every signed-in page shares, then the pages.
import type { Hono } from 'hono';
import { requireSession } from '../sessionCookie.ts';
import type { WebEnv } from '../webEnv.ts';
import { addResellerSignIn, RESELLER_SIGN_IN_PATH } from './signIn.ts';
import { signedInGuards } from './signedInGuards.ts';
import { addDashboardPage } from './dashboardPage.ts';
import { addSearchPage } from './searchPage.ts';
import { addDomainListPage } from './domainListPage.ts';
import { addRegisterPage } from './registerPage.ts';
import { addDomainPage } from './domainPage.ts';
import { addDomainChanges } from './domainChanges.ts';
import { addRenewPage } from './renewPage.ts';
import { addDeleteRestorePages } from './deleteRestorePages.ts';
import { addTransfersPage } from './transfersPage.ts';
import { addTransferInPage } from './transferInPage.ts';
import { addLedgerPage } from './ledgerPage.ts';
import { addOutboxPage } from './outboxPage.ts';
import { addAccountPage } from './accountPage.ts';
import { addKeyRoute } from './accountKey.ts';
import { addAllowedIpsRoute } from './accountAllowedIps.ts';
import { addPasswordRoute } from './accountPassword.ts';
import { addTokenRoutes } from './accountTokens.ts';
import { addEppCertRoute } from './accountEppCert.ts';
import { addContactIdsRoute } from './accountContactIds.ts';

export function addResellerPages(app: Hono<WebEnv>): void {
  addResellerSignIn(app);
  app.use('*', requireSession('reseller', RESELLER_SIGN_IN_PATH));
  app.use('*', ...signedInGuards());
  addDashboardPage(app);
  addSearchPage(app);
  addDomainListPage(app);
  addRegisterPage(app);
  // /transfers/new before any pattern that could take "new" as a parameter.
  addTransferInPage(app);
  addTransfersPage(app);
  addDomainPage(app);
  addDomainChanges(app);
  addRenewPage(app);
  addDeleteRestorePages(app);
  addLedgerPage(app);
  addOutboxPage(app);
  addAccountPage(app);
  addKeyRoute(app);
  addAllowedIpsRoute(app);
  addPasswordRoute(app);
  addTokenRoutes(app);
  addEppCertRoute(app);
  addContactIdsRoute(app);
}
