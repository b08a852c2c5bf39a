// Issue 14 finding 12: `regd serve` SIGKILLed at random moments under mixed writes on every door (XCP over HTTPS and
// TCP, EPP over TLS and HTTPS: registrations, renewals, nameserver and contact changes, deletes) loses no
// acknowledged change, half-applies nothing, keeps money and orders consistent (balance = ledger; each order exactly
// its charge and refund; no domain without its paid registration; each reseller charged exactly the price of what
// it holds) and settles what was in flight when it starts again. The short fixed-seed version of `npm run crash`
// (bench/crashRun.ts; the checks are bench/crashCheck.ts): four kills on SQLite, and two on PostgreSQL when
// REGD_TEST_DATABASE_URL names a server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allViolations, runCrash, type CrashRunReport } from '../bench/crashRun.ts';

const SEED = 20261202;

function summary(r: CrashRunReport): string {
  return r.rounds.map((x) => `round ${x.round}: kill after ${x.killAfterMs} ms, acknowledged ${JSON.stringify(x.load.acked)}, ` +
    `unanswered ${x.load.uncertain}, in flight at the kill ${JSON.stringify(x.atKill.inFlightKinds)}`).join('\n');
}

function assertConsistent(r: CrashRunReport): void {
  assert.deepEqual(allViolations(r), [], `seed ${r.seed}; replay with npm run crash -- --rounds ${r.rounds.length} --seed ${r.seed}\n${summary(r)}`);
  const acked = r.rounds.reduce((sum, x) => sum + Object.values(x.load.acked).reduce((a, b) => a + b, 0), 0);
  assert.ok(acked > 0, `the load acknowledged nothing:\n${summary(r)}`);
  assert.equal(r.gracefulExitCode, 0);
}

// Each round restarts the server (a few seconds of start-up on a quiet machine, much more on a loaded one).
test('SQLite: four SIGKILLs under mixed writes lose and half-apply nothing', { timeout: 600_000 }, async () => {
  assertConsistent(await runCrash({ rounds: 4, seed: SEED, killWindowMs: [300, 1500] }));
});

test('PostgreSQL: two SIGKILLs under mixed writes lose and half-apply nothing', {
  timeout: 600_000, skip: process.env.REGD_TEST_DATABASE_URL ? false : 'REGD_TEST_DATABASE_URL is not set',
}, async () => {
  assertConsistent(await runCrash({ rounds: 2, seed: SEED, killWindowMs: [300, 1500], postgresUrl: process.env.REGD_TEST_DATABASE_URL }));
});
