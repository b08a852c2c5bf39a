// The dashboard's chart of domains expiring per week, drawn on the server as plain SVG markup (no script, no inline
// style: the CSP allows neither, and the chart works with scripts off). Screen readers get the SVG's title and the
// same numbers as a table, which sighted users can open too.
import { html } from 'hono/html';
import type { ExpiryWeek } from '../../../core/commands/expiryForecast.ts';
import type { Fragment } from '../layout.ts';
import { day } from './format.ts';

const BAR = 36;
const GAP = 12;
const PLOT_H = 120;
const TOP = 18;
const BOTTOM = 34;
const LEFT = 8;

/** "Dec 2": short enough to sit under a bar. */
function shortDay(iso: string): string {
  return new Date(iso).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

export function expiryChart(weeks: ExpiryWeek[], total: number): Fragment {
  const max = Math.max(1, ...weeks.map((w) => w.count));
  const width = LEFT * 2 + weeks.length * (BAR + GAP) - GAP;
  const height = TOP + PLOT_H + BOTTOM;
  const summary = `${total} domain${total === 1 ? '' : 's'} expiring in the next ${weeks.length} weeks`;
  const bars = weeks.map((w, i) => {
    const h = w.count === 0 ? 0 : Math.max(2, Math.round((w.count / max) * PLOT_H));
    const x = LEFT + i * (BAR + GAP);
    const y = TOP + PLOT_H - h;
    return html`<g><rect x="${x}" y="${y}" width="${BAR}" height="${h}"><title>${shortDay(w.from)}: ${w.count}</title></rect>
${w.count > 0 ? html`<text class="count" x="${x + BAR / 2}" y="${y - 4}" text-anchor="middle">${w.count}</text>` : ''}
<text x="${x + BAR / 2}" y="${TOP + PLOT_H + 16}" text-anchor="middle">${shortDay(w.from)}</text></g>`;
  });
  return html`<figure class="chart">
<svg role="img" aria-labelledby="expiry-chart-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">
<title id="expiry-chart-title">${summary}, per week</title>
<line class="axis" x1="${LEFT}" y1="${TOP + PLOT_H}" x2="${width - LEFT}" y2="${TOP + PLOT_H}"></line>
${bars}
</svg>
<figcaption>${summary}. Each bar is a week, labelled with its first day.</figcaption>
<details><summary>The same numbers as a table</summary>
<table><caption class="visually-hidden">Domains expiring per week</caption>
<thead><tr><th scope="col">Week from</th><th scope="col">Week to (exclusive)</th><th scope="col">Domains expiring</th></tr></thead>
<tbody>${weeks.map((w) => html`<tr><td>${day(w.from)}</td><td>${day(w.to)}</td><td>${w.count}</td></tr>`)}</tbody></table>
</details>
</figure>`;
}
