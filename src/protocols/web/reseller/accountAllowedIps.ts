// The allowed source addresses (setResellerAllowedIps; every door checks them in live mode). In live mode a list
// without the address this browser comes from would sign the reseller out of the page it is on, so it is refused
// with that reason; sandbox mode does not check addresses, as the page says.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { normalizeAllowedIps, setResellerAllowedIps } from '../../../core/commands/resellerAllowedIps.ts';
import { isSourceAllowed } from '../../../core/access/sourceAddressAllowed.ts';
import { CoreError } from '../../../core/errors.ts';
import type { WebEnv } from '../webEnv.ts';
import { csrfInput, formLines, formString, textarea } from '../forms.ts';
import { renderAccountPage, sectionError, type AccountExtras } from './accountPage.ts';
import { doneRedirect, orShowError, signedIn, type WebContext } from './resellerShell.ts';

export function allowedIpsSection(c: WebContext, extras: AccountExtras) {
  const r = signedIn(c);
  const live = c.get('core').mode === 'live';
  return html`<section class="account">
<h2 id="ips">Allowed IP addresses</h2>
${sectionError(extras, 'ips')}
<p>${live ? 'Requests to every door (XCP, EPP, the JSON API and these pages) are served only from these addresses.' : 'This server runs in sandbox mode, which does not check addresses; the list applies in live mode.'}
You are connected from <code>${c.env.remoteAddress}</code>.</p>
<form class="box" method="post" action="/account/allowed-ips">${csrfInput(c)}
${textarea('Allowed IP addresses', 'allowedIps', extras.ipsText ?? r.allowedIps.join('\n'), 'One IPv4 or IPv6 address per line')}
<button type="submit">Save the addresses</button>
</form></section>`;
}

export function addAllowedIpsRoute(app: Hono<WebEnv>): void {
  app.post('/account/allowed-ips', async (c) => {
    const form = await c.req.parseBody();
    const core = c.get('core');
    return orShowError(async () => {
      const list = normalizeAllowedIps(formLines(form, 'allowedIps'));
      if (core.mode === 'live' && !isSourceAllowed(core, { allowedIps: list }, c.env.remoteAddress)) {
        throw new CoreError('policy_violation', `The list does not include the address you are connected from (${c.env.remoteAddress}); saving it would lock you out of these pages`, 'allowedIps');
      }
      await setResellerAllowedIps(core, signedIn(c).username, list);
      return doneRedirect(c, '/account#ips', 'allowed-ips');
    }, (error) => renderAccountPage(c, { failed: { section: 'ips', error }, ipsText: formString(form, 'allowedIps') }));
  });
}
