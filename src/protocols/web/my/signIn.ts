// Registrant sign-in and sign-out at /my. A registrant signs in as with the OpenSRS "set cookie": the profile's
// username and password and one of the profile's domains (core/access/registrantSignIn.ts, under the login
// throttle). Every wrong combination reads the same. Success starts a stored web session of kind 'registrant'
// bound to the reseller and the profile; a session the browser already had is ended first (no session fixation).
import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { authenticateRegistrant } from '../../../core/access/registrantSignIn.ts';
import { LoginLockedError } from '../../../core/access/loginThrottle.ts';
import { createSession, endSession } from '../../../core/access/sessions.ts';
import { CoreError } from '../../../core/errors.ts';
import { alertBox, page } from '../layout.ts';
import { csrfInput, field, formString } from '../forms.ts';
import { clearSessionCookie, setSessionCookie } from '../sessionCookie.ts';
import type { WebEnv } from '../webEnv.ts';
import { MY_HOME, MY_SIGN_IN, MY_SIGN_OUT } from './registrantShell.ts';

interface SignInValues { username: string; domain: string }

function signInPage(c: Context<WebEnv>, message?: string, v: SignInValues = { username: '', domain: '' }) {
  return page({
    title: 'Manage your domain',
    body: html`<p class="muted">Sign in with the registrant username and password you were given for your domains.</p>
${alertBox(message)}
<form class="box my-signin" method="post" action="${MY_SIGN_IN}">
${csrfInput(c)}
${field('Username', 'username', { value: v.username, required: true, autocomplete: 'username' })}
${field('Password', 'password', { type: 'password', required: true, autocomplete: 'current-password' })}
${field('Domain name', 'domain', { value: v.domain, required: true, hint: 'Any one of your domains, such as example.com.' })}
<button type="submit">Sign in</button>
</form>
<p class="muted">Resellers sign in at <a href="/signin">the reseller interface</a>.</p>`,
  });
}

export function addRegistrantSignIn(app: Hono<WebEnv>): void {
  app.get(MY_SIGN_IN, (c) => (c.get('session') ? c.redirect(MY_HOME, 303) : c.html(signInPage(c))));

  app.post(MY_SIGN_IN, async (c) => {
    const core = c.get('core');
    const body = await c.req.parseBody();
    // The username is taken as typed (profile usernames are case-sensitive, as over XCP); a password never trimmed.
    const username = formString(body, 'username');
    const password = typeof body.password === 'string' ? body.password : '';
    const domain = formString(body, 'domain');
    const values = { username, domain };
    try {
      const who = await authenticateRegistrant(core, { username, password, domain, sourceAddress: c.env.remoteAddress });
      const previous = c.get('session');
      if (previous) await endSession(core, previous.id);
      const { secret } = await createSession(core, { kind: 'registrant', resellerId: who.resellerId, profileId: who.profileId, remoteAddress: c.env.remoteAddress });
      setSessionCookie(c, 'registrant', secret);
      return c.redirect(MY_HOME, 303);
    } catch (err) {
      if (err instanceof LoginLockedError) return c.html(signInPage(c, err.message, values), 429);
      if (err instanceof CoreError && err.kind === 'auth_failed') return c.html(signInPage(c, err.message, values), 401);
      throw err;
    }
  });

  app.post(MY_SIGN_OUT, async (c) => {
    const s = c.get('session');
    if (s) await endSession(c.get('core'), s.id);
    clearSessionCookie(c, 'registrant');
    return c.redirect(MY_SIGN_IN, 303);
  });
}
