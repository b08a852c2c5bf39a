// Domain search: a name, or a label tried under several TLDs, each checked for availability with its one-year
// price (the core's checkNameWithPrice, the same answer as the JSON API's checkDomains), with a link to register
// the available ones. A GET form: searching changes nothing, and a result page can be bookmarked.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { checkNameWithPrice, type NameCheck } from '../../../core/commands/checkNames.ts';
import { offeredTlds } from '../../../core/commands/checkAvailability.ts';
import { searchLabel } from '../../../core/commands/suggestNames.ts';
import { toAsciiHostname } from '../../../core/domainName.ts';
import type { WebEnv } from '../webEnv.ts';
import { field } from '../forms.ts';
import { money } from './format.ts';
import { resellerPage } from './resellerShell.ts';

/** TLDs ticked when the form is first shown. */
const DEFAULT_TLDS = ['com', 'net', 'org', 'io', 'info'];
const MAX_NAMES = 30;

/** The names to check: the name typed (if it is one), then the label under each TLD ticked. */
function namesToCheck(query: string, tlds: string[]): string[] {
  const names: string[] = [];
  const typed = query.includes('.') ? toAsciiHostname(query) : undefined;
  if (typed) names.push(typed);
  // An IDN label keeps its letters (as its A-label); searchLabel would drop every non-ASCII one.
  const idnLabel = /[^\x00-\x7f]/.test(query) ? toAsciiHostname(`${query.split('.')[0]}.com`)?.split('.')[0] : undefined;
  const label = idnLabel ?? searchLabel(query);
  for (const tld of tlds) {
    const n = `${label}.${tld}`;
    if (!names.includes(n)) names.push(n);
  }
  return names.slice(0, MAX_NAMES);
}

function resultsTable(results: NameCheck[]) {
  return html`<table class="results">
<caption>Results</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Availability</th><th scope="col">Price (1 year)</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
<tbody>${results.map((r) => html`<tr>
<td>${r.name}</td>
<td>${r.available ? html`<span class="badge ok">Available</span>` : html`<span class="badge no">Not available</span> <span class="muted">${r.reason}</span>`}</td>
<td>${r.price ? html`${money(r.price.amountMinor, r.price.currency)}${r.premium ? html` <span class="badge premium">Premium</span>` : ''}` : html`<span class="muted">-</span>`}</td>
<td>${r.available ? html`<a href="/register?name=${encodeURIComponent(r.name)}">Register ${r.name}</a>` : ''}</td>
</tr>`)}</tbody></table>`;
}

export function addSearchPage(app: Hono<WebEnv>): void {
  app.get('/search', async (c) => {
    const core = c.get('core');
    const query = (c.req.query('q') ?? '').trim();
    const all = offeredTlds(core);
    const asked = c.req.queries('tld')?.filter((t) => all.includes(t));
    const tlds = asked && asked.length > 0 ? asked : DEFAULT_TLDS.filter((t) => all.includes(t));
    let results: NameCheck[] | undefined;
    let error: unknown;
    if (query !== '') {
      try {
        results = [];
        for (const name of namesToCheck(query, tlds)) results.push(await checkNameWithPrice(core, name));
      } catch (err) {
        error = err;
        results = undefined;
      }
    }
    return resellerPage(c, {
      title: 'Search domains', current: '/search', error,
      body: html`<form class="box wide" method="get" action="/search" role="search">
${field('Name or word', 'q', { type: 'search', value: query, required: true, hint: 'A name such as example.com, or a word to try under the extensions ticked below' })}
<fieldset class="tlds"><legend>Extensions</legend>
${all.map((t) => html`<span class="tld"><input type="checkbox" id="tld-${t}" name="tld" value="${t}"${tlds.includes(t) ? html` checked` : ''}><label for="tld-${t}">.${t}</label></span>`)}
</fieldset>
<button type="submit">Search</button>
</form>
${results ? resultsTable(results) : ''}`,
    });
  });
}
