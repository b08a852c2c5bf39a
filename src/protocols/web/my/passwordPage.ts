// /my/password: the registrant changes its profile's password (the current one, the new one twice). The core asks
// for the current password under the login throttle and applies CHANGE PASSWORD's rules; every other sign-in of
// the profile (web sessions, OpenSRS cookies, JSON API sessions) ends, this one stays.
import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { changeSignedInProfilePassword } from '../../../core/commands/changeSignedInProfilePassword.ts';
import { CoreError } from '../../../core/errors.ts';
import { LoginLockedError } from '../../../core/access/loginThrottle.ts';
import { statusForError } from '../errorPage.ts';
import { csrfInput, field } from '../forms.ts';
import { alertBox } from '../layout.ts';
import type { WebEnv } from '../webEnv.ts';
import { MY_PASSWORD, myPage, registrantOf } from './registrantShell.ts';

async function passwordPage(c: Context<WebEnv>, message?: { text: string; kind: 'error' | 'ok' }) {
  return myPage(c, {
    title: 'Change your password', current: MY_PASSWORD,
    body: html`${message ? alertBox(message.text, message.kind) : ''}
<p class="muted">Changing the password signs out every other place where your profile is signed in.</p>
<form class="box" method="post" action="${MY_PASSWORD}">
${csrfInput(c)}
${field('Current password', 'current_password', { type: 'password', required: true, autocomplete: 'current-password' })}
${field('New password', 'new_password', { type: 'password', required: true, autocomplete: 'new-password', hint: '3 to 20 characters, without spaces; not your username.' })}
${field('New password again', 'confirm_password', { type: 'password', required: true, autocomplete: 'new-password' })}
<button type="submit">Change password</button>
</form>`,
  });
}

/** A password field as sent: never trimmed, so what is checked is what was typed. */
const rawField = (form: Record<string, unknown>, name: string): string => (typeof form[name] === 'string' ? form[name] : '');

export function addPasswordPage(app: Hono<WebEnv>): void {
  app.get(MY_PASSWORD, async (c) => c.html(await passwordPage(c, c.req.query('done') === '1' ? { text: 'Your password was changed. Other sign-ins of your profile were ended.', kind: 'ok' } : undefined)));

  app.post(MY_PASSWORD, async (c) => {
    const form = await c.req.parseBody();
    const newPassword = rawField(form, 'new_password');
    if (newPassword !== rawField(form, 'confirm_password')) {
      return c.html(await passwordPage(c, { text: 'The new password and the repeated one differ; nothing was changed.', kind: 'error' }), 400);
    }
    const who = registrantOf(c);
    try {
      await changeSignedInProfilePassword(c.get('core'), {
        ...who, currentPassword: rawField(form, 'current_password'), newPassword, sourceAddress: c.env.remoteAddress, webSessionId: who.sessionId,
      });
    } catch (err) {
      if (err instanceof LoginLockedError) return c.html(await passwordPage(c, { text: err.message, kind: 'error' }), 429);
      if (err instanceof CoreError) return c.html(await passwordPage(c, { text: err.message, kind: 'error' }), statusForError(err) as 400);
      throw err;
    }
    return c.redirect(`${MY_PASSWORD}?done=1`, 303);
  });
}
