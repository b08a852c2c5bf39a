// Regenerating the reseller's private key (the XCP signing key; regenerateResellerKey, as `regd reseller key NAME
// --regenerate`). The old key stops working at once, so the form asks for an explicit acknowledgement, and the new
// key is shown on the answer to the POST only: it is not on any other page.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { regenerateResellerKey } from '../../../core/commands/resellers.ts';
import { CoreError } from '../../../core/errors.ts';
import type { WebEnv } from '../webEnv.ts';
import { checkbox, csrfInput, formString } from '../forms.ts';
import { renderAccountPage, sectionError, type AccountExtras } from './accountPage.ts';
import { signedIn, type WebContext } from './resellerShell.ts';

export function keySection(c: WebContext, extras: AccountExtras) {
  return html`<section class="account">
<h2 id="key">Private key</h2>
${sectionError(extras, 'key')}
<p>The key signs your XCP requests. It is shown only right after it is generated, at the top of the page.</p>
<form class="box" method="post" action="/account/key">${csrfInput(c)}
${checkbox('I understand that the current key stops working at once', 'understood', false)}
<button type="submit">Regenerate the private key</button>
</form></section>`;
}

export function addKeyRoute(app: Hono<WebEnv>): void {
  app.post('/account/key', async (c) => {
    const form = await c.req.parseBody();
    if (formString(form, 'understood') !== '1') {
      return renderAccountPage(c, { failed: { section: 'key', error: new CoreError('missing_field', 'Tick the box to confirm that the current key may stop working', 'understood') } });
    }
    const key = await regenerateResellerKey(c.get('core'), signedIn(c).username);
    return renderAccountPage(c, { newKey: key });
  });
}
