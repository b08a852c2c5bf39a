// `npm run crash -- --rounds N [--seed S] [--postgres] [--min-ms A --max-ms B] [--per-door K]`: the long
// crash-consistency run (bench/crashRun.ts). Each round runs mixed writes on every door, SIGKILLs `regd serve` at a
// random moment, checks the store, restarts and checks again. Prints the seed first (a failing run replays with
// --seed) and exits 1 on any violation. --postgres uses REGD_TEST_DATABASE_URL (default the tests' local server)
// and a schema of its own, dropped at the end.
import { parseArgs } from 'node:util';
import { allViolations, runCrash } from './crashRun.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '20' },
    seed: { type: 'string' },
    postgres: { type: 'boolean', default: false },
    'min-ms': { type: 'string', default: '300' },
    'max-ms': { type: 'string', default: '6000' },
    'per-door': { type: 'string', default: '1' },
  },
});

const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const rounds = Number(values.rounds);
if (!Number.isSafeInteger(seed) || !Number.isInteger(rounds) || rounds < 1) {
  console.error('usage: npm run crash -- --rounds N [--seed S] [--postgres] [--min-ms A --max-ms B] [--per-door K]');
  process.exit(2);
}
const postgresUrl = values.postgres ? (process.env.REGD_TEST_DATABASE_URL || 'postgres://postgres:postgres@127.0.0.1:5432/test') : undefined;
console.log(`crash: seed ${seed}, ${rounds} rounds, ${postgresUrl ? 'PostgreSQL' : 'SQLite'}, kill ${values['min-ms']}-${values['max-ms']} ms after the workers logged in ` +
  `(replay: npm run crash -- --rounds ${rounds} --seed ${seed}${values.postgres ? ' --postgres' : ''})`);

const report = await runCrash({
  rounds, seed, postgresUrl, killWindowMs: [Number(values['min-ms']), Number(values['max-ms'])], perDoor: Number(values['per-door']),
  log: (line) => console.log(`crash: ${line}`),
});
const violations = allViolations(report);
const acked = report.rounds.reduce((sum, r) => sum + Object.values(r.load.acked).reduce((a, b) => a + b, 0), 0);
const killedInFlight = report.rounds.filter((r) => r.atKill.inFlight > 0).length;
console.log(`crash: ${report.rounds.length} kills in ${(report.durationMs / 1000).toFixed(0)} s: ${acked} acknowledged changes, ` +
  `${report.rounds.reduce((s, r) => s + r.load.uncertain, 0)} unanswered (applied ${report.rounds.reduce((s, r) => s + r.applied, 0)}, ` +
  `not ${report.rounds.reduce((s, r) => s + r.notApplied, 0)}), ${killedInFlight} kill(s) left orders in flight ` +
  `(${report.rounds.reduce((s, r) => s + r.atKill.inFlight, 0)} orders, reconciled at restart); final store: ${report.final.liveDomains} live domains, ` +
  `${report.final.orders} orders, ${report.final.ledgerEntries} ledger entries; graceful stop exit ${report.gracefulExitCode}`);
if (violations.length > 0) {
  console.log(`crash: ${violations.length} violation(s) (seed ${seed}):`);
  for (const v of violations.slice(0, 50)) console.log(`  ${v}`);
  process.exit(1);
}
console.log('crash: no violations');
