// The EPP client-certificate pin (setResellerEppCertPin, as `regd reseller epp-cert`): with a fingerprint set, EPP
// login also needs a TLS client certificate with exactly that SHA-256 fingerprint.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { setResellerEppCertPin } from '../../../core/commands/resellerCertPin.ts';
import { resellerCertPin } from '../../../core/commands/resellers.ts';
import type { WebEnv } from '../webEnv.ts';
import { csrfInput, field, formString } from '../forms.ts';
import { renderAccountPage, sectionError, type AccountExtras } from './accountPage.ts';
import { doneRedirect, orShowError, signedIn, type WebContext } from './resellerShell.ts';

/** "ab12…" as colon-separated upper-case pairs, the way openssl prints it. */
function colonHex(hex: string): string {
  return hex.toUpperCase().match(/.{2}/g)?.join(':') ?? hex;
}

export async function eppCertSection(c: WebContext, extras: AccountExtras) {
  const pin = await resellerCertPin(c.get('core'), signedIn(c).id);
  return html`<section class="account">
<h2 id="cert">EPP client certificate</h2>
${sectionError(extras, 'cert')}
<p>${pin ? html`EPP logins need the client certificate with SHA-256 fingerprint <code class="fingerprint" data-testid="epp-cert">${colonHex(pin)}</code>.` : 'EPP logins need no client certificate.'}</p>
<form class="box" method="post" action="/account/epp-cert">${csrfInput(c)}
${field('SHA-256 fingerprint', 'sha256', { value: extras.certText ?? '', autocomplete: 'off', hint: 'As printed by: openssl x509 -noout -fingerprint -sha256 -in cert.pem' })}
<button type="submit" name="action" value="set">Require this certificate</button>
${pin ? html` <button type="submit" name="action" value="clear" class="secondary" formnovalidate>Stop requiring a certificate</button>` : ''}
</form></section>`;
}

export function addEppCertRoute(app: Hono<WebEnv>): void {
  app.post('/account/epp-cert', async (c) => {
    const form = await c.req.parseBody();
    const clear = formString(form, 'action') === 'clear';
    return orShowError(async () => {
      await setResellerEppCertPin(c.get('core'), signedIn(c).username, clear ? null : formString(form, 'sha256'));
      return doneRedirect(c, '/account#cert', clear ? 'epp-cert-cleared' : 'epp-cert-set');
    }, (error) => renderAccountPage(c, { failed: { section: 'cert', error }, certText: formString(form, 'sha256') }));
  });
}
