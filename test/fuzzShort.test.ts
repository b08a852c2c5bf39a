// A short, fixed-seed run of every fuzz target of bench/fuzzTargets.ts (the long run is `npm run fuzz -- --seconds N`):
// the OPS decoder, EPP parse + schema validation, the EPP processor against a throwaway core, both XCP-over-TCP
// framings, the EPP framing and the TCP cipher layer. Each must only ever return or throw its own typed error (EPP:
// answer with a schema-valid reply), within a per-input time bound, with bounded buffers and heap. On a failure the
// message names the replay command.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { allTargets, runTarget } from '../bench/fuzzTargets.ts';

const SEED = 20261202;
const RUNS: Record<string, number> = {
  'ops-decode': 400, 'epp-parse-validate': 300, 'epp-processor': 250, 'xcp-tcp-framing': 800, 'epp-framing': 800, 'xcp-cipher': 800,
};

const { targets, close } = await allTargets();
after(close);

test('every fuzz target has a short-run budget', () => {
  assert.deepEqual(targets.map((t) => t.name).sort(), Object.keys(RUNS).sort());
});

for (const target of targets) {
  test(`fuzz (fixed seed ${SEED}): ${target.name}`, async () => {
    const r = await runTarget(target, { seed: SEED, numRuns: RUNS[target.name] ?? 100 });
    assert.equal(r.runs, RUNS[target.name] ?? 100);
    assert.ok(!r.failed, `${r.error}\ninput: ${r.counterexample}\nreplay: npm run fuzz -- --target ${r.name} --seed ${r.seed}${r.path ? ` --path ${r.path}` : ''} --runs 1`);
  });
}
