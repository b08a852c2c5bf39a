// Who names the reseller's EPP contacts (setResellerContactIdMode, as `regd reseller contact-ids`): the server
// (assigned, Openprovider's way, the default) or the client's <contact:id> (client, RFC 5733's way).
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { resellerContactIdMode, setResellerContactIdMode, type ContactIdMode } from '../../../core/commands/resellers.ts';
import type { WebEnv } from '../webEnv.ts';
import { csrfInput, formString } from '../forms.ts';
import { renderAccountPage, sectionError, type AccountExtras } from './accountPage.ts';
import { doneRedirect, orShowError, signedIn, type WebContext } from './resellerShell.ts';

const MODES: Array<{ mode: ContactIdMode; label: string }> = [
  { mode: 'assigned', label: 'The server assigns every contact id (such as JD123456-RG) and ignores <contact:id>' },
  { mode: 'client', label: 'My EPP client names each contact: the <contact:id> sent is its id' },
];

export async function contactIdsSection(c: WebContext, extras: AccountExtras) {
  const mode = await resellerContactIdMode(c.get('core').db, signedIn(c).id);
  return html`<section class="account">
<h2 id="contact-ids">Contact ids</h2>
${sectionError(extras, 'contactIds')}
<form class="box" method="post" action="/account/contact-ids">${csrfInput(c)}
<fieldset><legend>Who names EPP contacts</legend>
${MODES.map((m) => html`<div class="field check"><input type="radio" id="contact-ids-${m.mode}" name="mode" value="${m.mode}"${m.mode === mode ? html` checked` : ''}><label for="contact-ids-${m.mode}">${m.label}</label></div>`)}
</fieldset>
<button type="submit">Save the contact id policy</button>
</form></section>`;
}

export function addContactIdsRoute(app: Hono<WebEnv>): void {
  app.post('/account/contact-ids', async (c) => {
    const form = await c.req.parseBody();
    return orShowError(async () => {
      await setResellerContactIdMode(c.get('core'), signedIn(c).username, formString(form, 'mode'));
      return doneRedirect(c, '/account#contact-ids', 'contact-ids');
    }, (error) => renderAccountPage(c, { failed: { section: 'contactIds', error } }));
  });
}
