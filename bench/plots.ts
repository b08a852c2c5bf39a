// Plots for BENCHMARKS.md, drawn from the tables the suites wrote there, so a plot never disagrees with its table:
// each section's main table becomes one SVG in bench/plots/ (Vega-Lite, rendered in Node without a browser or a
// canvas), linked under the table. Run by `npm run bench` after the suites; alone: `node --import tsx bench/plots.ts`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vega from 'vega';
import * as vl from 'vega-lite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPORT = path.join(ROOT, 'BENCHMARKS.md');
const PLOT_DIR = path.join(ROOT, 'bench', 'plots');

interface Point { group: string; series: string; value: number }

/** The first markdown table after `heading` (up to the next heading of the same level): header cells and rows. */
function tableAfter(text: string, heading: string): { header: string[]; rows: string[][]; end: number } | undefined {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) return undefined;
  const next = text.indexOf('\n## ', start + heading.length + 2);
  const section = text.slice(start, next < 0 ? undefined : next);
  const lines = section.split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  if (first < 0) return undefined;
  let last = first;
  while (last + 1 < lines.length && lines[last + 1]!.startsWith('|')) last++;
  const cells = (l: string) => l.split('|').slice(1, -1).map((c) => c.trim());
  const endOffset = start + lines.slice(0, last + 1).join('\n').length;
  return { header: cells(lines[first]!), rows: lines.slice(first + 2, last + 1).map(cells), end: endOffset };
}

const num = (cell: string | undefined): number => Number(String(cell ?? '').replace(/[^0-9.]/g, ''));

async function renderBars(file: string, title: string, points: Point[], yTitle: string): Promise<void> {
  const spec: vl.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title, width: { step: 28 }, height: 240, background: 'white',
    data: { values: points },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'group', type: 'nominal', title: null, sort: null, axis: { labelAngle: -30 } },
      xOffset: { field: 'series', sort: null },
      y: { field: 'value', type: 'quantitative', title: yTitle, scale: { type: 'log' } },
      color: { field: 'series', type: 'nominal', title: null, sort: null },
    },
  };
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  fs.writeFileSync(file, await view.toSVG());
}

interface PlotDef {
  heading: string;
  file: string;
  title: string;
  /** The table's series: [column header, legend name]. */
  series: Array<[string, string]>;
}

const PLOTS: PlotDef[] = [
  { heading: '## Results', file: 'xcp.svg', title: 'XCP over HTTPS: regd beside a canned reply (req/s, log scale)', series: [['regd req/s', 'regd'], ['canned req/s', 'canned reply']] },
  { heading: '## EPP over TLS', file: 'epp.svg', title: 'EPP over TLS: regd beside a canned reply (req/s, log scale)', series: [['regd req/s', 'regd'], ['canned req/s', 'canned reply']] },
  { heading: '## Gateway: regd in front of regd', file: 'gateway.svg', title: 'Gateway: straight at U, and through D (req/s, log scale)', series: [['U req/s', 'U (the registry)'], ['D, pool 2 req/s', 'D, pool 2'], ['D, pool 16 req/s', 'D, pool 16']] },
];

async function main(): Promise<void> {
  let text = fs.readFileSync(REPORT, 'utf8');
  fs.mkdirSync(PLOT_DIR, { recursive: true });
  for (const def of PLOTS) {
    const table = tableAfter(text, def.heading);
    if (!table) { console.log(`bench/plots: no table under "${def.heading}", skipped`); continue; }
    const col = (name: string) => table.header.indexOf(name);
    const points: Point[] = [];
    for (const row of table.rows) {
      const group = `${row[0]} N=${row[1]}`;
      for (const [header, series] of def.series) {
        const i = col(header);
        const value = i < 0 ? NaN : num(row[i]);
        if (Number.isFinite(value) && value > 0) points.push({ group, series, value });
      }
    }
    if (points.length === 0) continue;
    await renderBars(path.join(PLOT_DIR, def.file), def.title, points, 'requests per second');
    // The link goes right under the table, once.
    const link = `![${def.title}](bench/plots/${def.file})`;
    if (!text.includes(link)) {
      text = text.replace(new RegExp(`\\n!\\[[^\\]]*\\]\\(bench/plots/${def.file.replace('.', '\\.')}\\)\\n`), '\n');
      const again = tableAfter(text, def.heading)!;
      text = `${text.slice(0, again.end)}\n\n${link}${text.slice(again.end)}`;
    }
    console.log(`bench/plots: wrote bench/plots/${def.file}`);
  }
  fs.writeFileSync(REPORT, text);
}

await main();
