// /my: the domains of the signed-in registrant's profile (the same list as XCP GET DOMAIN type=list), fifty to a
// page, each linking to its own page. A domain pending deletion is listed but has no page: it can no longer be
// managed by its registrant.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { listProfileDomains } from '../../../core/commands/listProfileDomains.ts';
import { domainStatuses } from '../../../core/domainStatus.ts';
import type { WebEnv } from '../webEnv.ts';
import { day, domainLabel, statusWords, yesNo } from './display.ts';
import { domainPath, MY_HOME, myPage, registrantOf } from './registrantShell.ts';

const PAGE_SIZE = 50;

export function addDomainListPage(app: Hono<WebEnv>): void {
  app.get(MY_HOME, async (c) => {
    const who = registrantOf(c);
    const requested = Number.parseInt(c.req.query('page') ?? '1', 10);
    const pageNo = Number.isFinite(requested) && requested >= 1 && requested <= 1_000_000 ? requested : 1;
    const { domains, total, remainder } = await listProfileDomains(c.get('core'), { profileId: who.profileId, page: pageNo - 1, limit: PAGE_SIZE });
    const rows = domains.map((d) => html`<tr>
<td>${d.rgp_status === null ? html`<a href="${domainPath(d.name)}">${domainLabel(d.name)}</a>` : domainLabel(d.name)}</td>
<td>${day(d.expires_at)}</td>
<td>${statusWords(domainStatuses(d))}</td>
<td>${yesNo(d.locked === 1)}</td>
<td>${yesNo(d.whois_privacy === 'enabled')}</td>
</tr>`);
    const body = total === 0
      ? html`<p>Your profile holds no domains at the moment.</p>`
      : html`<p class="muted">${total === 1 ? 'One domain' : `${total} domains`}. Choose one to change its contacts, nameservers, lock or WHOIS privacy, or to get its auth code.</p>
<table class="my-domains">
<caption class="my-caption">Your domains${total > PAGE_SIZE ? `, page ${pageNo}` : ''}</caption>
<thead><tr><th scope="col">Domain</th><th scope="col">Expires</th><th scope="col">Status</th><th scope="col">Locked</th><th scope="col">WHOIS privacy</th></tr></thead>
<tbody>${rows}</tbody>
</table>
${total > PAGE_SIZE ? html`<nav class="pager" aria-label="Pages">${pageNo > 1 ? html`<a href="${MY_HOME}?page=${String(pageNo - 1)}">Previous page</a>` : ''}${remainder ? html`<a href="${MY_HOME}?page=${String(pageNo + 1)}">Next page</a>` : ''}</nav>` : ''}`;
    return c.html(await myPage(c, { title: 'My domains', current: MY_HOME, body }));
  });
}
