// Reseller sign-in and sign-out. The password is the reseller's EPP password; the same login throttle and the same
// source-address allow list as every other door apply.
import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { throttledCheck, resellerLoginAttempt, LoginLockedError } from '../../../core/access/loginThrottle.ts';
import { assertSourceAllowed } from '../../../core/access/sourceAddressAllowed.ts';
import { authenticateReseller } from '../../../core/commands/resellers.ts';
import { createSession, endSession } from '../../../core/access/sessions.ts';
import { CoreError } from '../../../core/errors.ts';
import { alertBox, page } from '../layout.ts';
import { csrfInput, field, formString } from '../forms.ts';
import { clearSessionCookie, setSessionCookie } from '../sessionCookie.ts';
import type { WebEnv } from '../webEnv.ts';

export const RESELLER_SIGN_IN_PATH = '/signin';

export function addResellerSignIn(app: Hono<WebEnv>): void {
  const form = (c: Context<WebEnv>, message?: string, username = '') => page({
    title: 'Sign in',
    body: html`${alertBox(message)}
<form class="box" method="post" action="${RESELLER_SIGN_IN_PATH}">
${csrfInput(c)}
${field('Username', 'username', { value: username, required: true, autocomplete: 'username' })}
${field('Password', 'password', { type: 'password', required: true, autocomplete: 'current-password' })}
<button type="submit">Sign in</button>
</form>
<p class="muted">Registrants manage their domains at <a href="/my/signin">/my</a>.</p>`,
  });

  app.get(RESELLER_SIGN_IN_PATH, (c) => (c.get('session') ? c.redirect('/', 303) : c.html(form(c))));

  app.post(RESELLER_SIGN_IN_PATH, async (c) => {
    const core = c.get('core');
    const body = await c.req.parseBody();
    const username = formString(body, 'username').toLowerCase();
    const password = typeof body.password === 'string' ? body.password : '';
    const address = c.env.remoteAddress;
    try {
      const reseller = await throttledCheck(core, resellerLoginAttempt(address, username), () => authenticateReseller(core, username, password));
      if (!reseller) return c.html(form(c, 'Wrong username or password.', username), 401);
      assertSourceAllowed(core, reseller, address);
      const { secret } = await createSession(core, { kind: 'reseller', resellerId: reseller.id, remoteAddress: address });
      setSessionCookie(c, 'reseller', secret);
      return c.redirect('/', 303);
    } catch (err) {
      if (err instanceof LoginLockedError) return c.html(form(c, err.message, username), 429);
      if (err instanceof CoreError) return c.html(form(c, err.message, username), 403);
      throw err;
    }
  });

  app.post('/signout', async (c) => {
    const s = c.get('session');
    if (s) await endSession(c.get('core'), s.id);
    clearSessionCookie(c, 'reseller');
    return c.redirect(RESELLER_SIGN_IN_PATH, 303);
  });
}
