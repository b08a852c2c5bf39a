// `npm run fuzz -- --seconds N`: runs every fuzz target of bench/fuzzTargets.ts for about N seconds in total (split
// evenly), then prints inputs per target and, for a failure, the command that replays it.
//
//   npm run fuzz -- --seconds 600                 # a long run (default 60 s)
//   npm run fuzz -- --target epp-processor --seconds 120
//   npm run fuzz -- --target ops-decode --seed 123 --path 4:1:0   # replay a failure the summary printed
//   npm run fuzz -- --runs 500 --seed 42         # a fixed number of inputs per target instead of a time budget
//
// Exit status 1 when any property failed. Add --expose-gc to NODE_OPTIONS for tighter heap readings.
import { parseArgs } from 'node:util';
import { allTargets, runTarget, type TargetResult } from './fuzzTargets.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string' },
    target: { type: 'string', multiple: true },
    runs: { type: 'string' },
    path: { type: 'string' },
    'heap-mb': { type: 'string', default: '768' },
  },
});

const seconds = Number(values.seconds);
const seed = values.seed !== undefined ? Number(values.seed) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
const runs = values.runs !== undefined ? Number(values.runs) : undefined;
if (!Number.isFinite(seconds) || seconds <= 0 || !Number.isInteger(seed) || (runs !== undefined && !(runs > 0))) {
  console.error('usage: npm run fuzz -- [--seconds N] [--seed S] [--target NAME]... [--runs N] [--path P] [--heap-mb M]');
  process.exit(2);
}

const { targets: all, close } = await allTargets();
const chosen = values.target?.length ? all.filter((t) => values.target!.includes(t.name)) : all;
if (!chosen.length) {
  console.error(`unknown target; choose from: ${all.map((t) => t.name).join(', ')}`);
  await close();
  process.exit(2);
}

const budgetMs = (seconds * 1000) / chosen.length;
console.log(`fuzzing ${chosen.map((t) => t.name).join(', ')} with seed ${seed}, ${runs !== undefined ? `${runs} inputs` : `${(budgetMs / 1000).toFixed(1)} s`} per target`);
const results: TargetResult[] = [];
for (const target of chosen) {
  const r = await runTarget(target, { seed, numRuns: runs, timeLimitMs: runs === undefined ? budgetMs : undefined, path: values.path, maxHeapGrowthMb: Number(values['heap-mb']) });
  results.push(r);
  console.log(`  ${r.name.padEnd(20)} ${String(r.runs).padStart(8)} inputs  slowest ${r.maxMs.toFixed(1).padStart(7)} ms  heap peak ${r.heapPeakMb} MiB  ${r.failed ? 'FAILED' : 'ok'}`);
}
await close();

const failures = results.filter((r) => r.failed);
console.log(`\n${results.reduce((n, r) => n + r.runs, 0)} inputs, ${failures.length} failing target(s)`);
for (const f of failures) {
  console.log(`\n--- ${f.name} FAILED\n${f.error}\ninput: ${f.counterexample ?? '(none)'}`);
  console.log(`replay: npm run fuzz -- --target ${f.name} --seed ${f.seed}${f.path ? ` --path ${f.path}` : ''} --runs 1`);
}
process.exit(failures.length ? 1 : 0);
