// JSON API tokens (the same functions as `regd reseller token create|list|revoke`): a token is shown once, on the
// answer to the POST that created it; the list shows names, when each was created and last used; revoking one
// stops it at once.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { createApiToken, listApiTokens, revokeApiToken } from '../../api/apiTokens.ts';
import type { WebEnv } from '../webEnv.ts';
import { csrfInput, field, formString } from '../forms.ts';
import { dateTime } from './format.ts';
import { renderAccountPage, sectionError, type AccountExtras } from './accountPage.ts';
import { doneRedirect, orShowError, signedIn, type WebContext } from './resellerShell.ts';

export async function tokensSection(c: WebContext, extras: AccountExtras) {
  const tokens = await listApiTokens(c.get('core'), signedIn(c).username);
  return html`<section class="account">
<h2 id="tokens">API tokens</h2>
${sectionError(extras, 'tokens')}
${tokens.length === 0 ? html`<p class="muted">No tokens.</p>` : html`<table><caption>Tokens for the JSON API (Authorization: Bearer …)</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody>${tokens.map((t) => html`<tr><td>${t.name}</td><td>${dateTime(t.createdAt)}</td><td>${t.lastUsedAt ? dateTime(t.lastUsedAt) : 'never'}</td>
<td><form class="button-form" method="post" action="/account/tokens/revoke">${csrfInput(c)}<input type="hidden" name="name" value="${t.name}"><button type="submit" class="danger">Revoke<span class="visually-hidden"> ${t.name}</span></button></form></td></tr>`)}</tbody></table>`}
<form class="box" method="post" action="/account/tokens">${csrfInput(c)}
${field('Token name', 'name', { required: true, autocomplete: 'off', hint: 'Letters, digits, _ . and -; e.g. billing-server' })}
<button type="submit">Create a token</button>
</form></section>`;
}

export function addTokenRoutes(app: Hono<WebEnv>): void {
  app.post('/account/tokens', async (c) => {
    const form = await c.req.parseBody();
    return orShowError(async () => {
      const created = await createApiToken(c.get('core'), signedIn(c).username, formString(form, 'name'));
      return renderAccountPage(c, { newToken: created });
    }, (error) => renderAccountPage(c, { failed: { section: 'tokens', error } }));
  });

  app.post('/account/tokens/revoke', async (c) => {
    const form = await c.req.parseBody();
    return orShowError(async () => {
      await revokeApiToken(c.get('core'), signedIn(c).username, formString(form, 'name'));
      return doneRedirect(c, '/account#tokens', 'token-revoked');
    }, (error) => renderAccountPage(c, { failed: { section: 'tokens', error } }));
  });
}
