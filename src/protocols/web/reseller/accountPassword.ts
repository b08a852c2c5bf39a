// Changing the reseller's password (the EPP and web password) with the current one: changeResellerPassword, with
// the rules of EPP login's <newPW>. Checking the current password is a password guess like a sign-in, so the same
// login throttle counts it. Other web sessions of the reseller end (this one stays); open EPP sessions stay, as
// after <newPW>.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { changeResellerPassword } from '../../../core/commands/changeResellerPassword.ts';
import { LoginLockedError, resellerLoginAttempt, throttledCheck } from '../../../core/access/loginThrottle.ts';
import { endOtherSessions } from '../../../core/access/sessions.ts';
import { CoreError } from '../../../core/errors.ts';
import type { WebEnv } from '../webEnv.ts';
import { csrfInput, field } from '../forms.ts';
import { sessionOf } from '../sessionCookie.ts';
import { renderAccountPage, sectionError, type AccountExtras } from './accountPage.ts';
import { doneRedirect, signedIn, type WebContext } from './resellerShell.ts';

export function passwordSection(c: WebContext, extras: AccountExtras) {
  return html`<section class="account">
<h2 id="password">Password</h2>
${sectionError(extras, 'password')}
<p>The password for these pages and for EPP login.</p>
<form class="box" method="post" action="/account/password">${csrfInput(c)}
${field('Current password', 'currentPassword', { type: 'password', required: true, autocomplete: 'current-password' })}
${field('New password', 'newPassword', { type: 'password', required: true, autocomplete: 'new-password', hint: '6-16 characters, no spaces; not your username, not one character repeated' })}
${field('New password again', 'newPasswordAgain', { type: 'password', required: true, autocomplete: 'new-password' })}
<button type="submit">Change the password</button>
</form></section>`;
}

const plain = (form: Record<string, unknown>, name: string) => (typeof form[name] === 'string' ? form[name] as string : '');

export function addPasswordRoute(app: Hono<WebEnv>): void {
  app.post('/account/password', async (c) => {
    const core = c.get('core');
    const r = signedIn(c);
    const form = await c.req.parseBody();
    // Passwords are taken as typed: spaces are the core's to refuse, not the form's to trim away.
    const currentPassword = plain(form, 'currentPassword');
    const newPassword = plain(form, 'newPassword');
    const failed = (error: unknown, status?: number) => renderAccountPage(c, { failed: { section: 'password', error, status } });
    if (newPassword !== plain(form, 'newPasswordAgain')) return failed(new CoreError('invalid_value', 'The two new passwords differ'));
    try {
      const changed = await throttledCheck(core, resellerLoginAttempt(c.env.remoteAddress, r.username), async () => {
        try {
          await changeResellerPassword(core, { resellerId: r.id, currentPassword, newPassword });
          return true;
        } catch (err) {
          // Only a wrong current password is a failed guess; a refused new password is not.
          if (err instanceof CoreError && err.kind === 'auth_failed') return undefined;
          throw err;
        }
      });
      if (!changed) return failed(new CoreError('auth_failed', 'The current password is wrong'));
    } catch (err) {
      if (err instanceof LoginLockedError) return failed(err, 429);
      if (err instanceof CoreError) return failed(err);
      throw err;
    }
    await endOtherSessions(core, { resellerId: r.id }, sessionOf(c).id);
    return doneRedirect(c, '/account#password', 'password');
  });
}
