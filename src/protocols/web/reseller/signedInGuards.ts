// What every signed-in reseller page shares, as middleware:
// - the source-address allow list on every request, not only at sign-in, as XCP and the JSON API check it on each
//   request (a list edited meanwhile, or a session cookie carried elsewhere, stops working at once);
// - no caching: the pages show balances, auth codes and freshly made secrets;
// - a failure the page did not handle itself (an unknown domain in the URL, say) shown inside the reseller's page
//   shell, with the status it deserves, instead of the bare error page.
import type { MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import { assertSourceAllowed } from '../../../core/access/sourceAddressAllowed.ts';
import { CoreError } from '../../../core/errors.ts';
import { statusForError } from '../errorPage.ts';
import type { WebEnv } from '../webEnv.ts';
import { resellerPage, signedIn } from './resellerShell.ts';

export function signedInGuards(): MiddlewareHandler<WebEnv>[] {
  const allowList: MiddlewareHandler<WebEnv> = async (c, next) => {
    try {
      assertSourceAllowed(c.get('core'), signedIn(c), c.env.remoteAddress);
    } catch (err) {
      if (!(err instanceof CoreError)) throw err;
      return resellerPage(c, { title: 'Not allowed', error: err, body: html`` });
    }
    await next();
  };
  const noStore: MiddlewareHandler<WebEnv> = async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  };
  const errorsInShell: MiddlewareHandler<WebEnv> = async (c, next) => {
    await next();
    // Only the core's refusals: anything else was logged by the app's error handler and keeps its generic page.
    if (!(c.error instanceof CoreError)) return;
    const status = statusForError(c.error);
    c.res = await resellerPage(c, {
      title: status === 404 ? 'Not found' : 'Could not do that', error: c.error,
      body: html`<p><a href="/">Back to the dashboard</a></p>`,
    });
  };
  return [allowList, noStore, errorsInShell];
}
