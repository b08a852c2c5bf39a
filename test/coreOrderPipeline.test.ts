// The order path around the registry call (src/core/orders/): a registry slower than the deadline gets "pending"
// and the late answer completes the order; an answer that never came (a crash, a lost connection) is settled by the
// reconciler asking the registry; a registry that cannot be reached fails the order with nothing charged and the
// name free again. The registry is the real sandbox; only its timing is changed, by a wrapper that delays or drops
// its answers the way a slow or dead network would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestCore, closeTestCore, registerInput, coreErrorOf, type TestCore } from './support/coreHarness.ts';
import { createReseller } from '../src/core/commands/resellers.ts';
import { registerDomain } from '../src/core/commands/registerDomain.ts';
import { reconcileOrders } from '../src/core/orders/reconcileOrders.ts';
import { SandboxRegistry } from '../src/registry/sandbox/sandboxRegistry.ts';
import { RegistryRouter } from '../src/registry/registryRouter.ts';
import { updateNameservers } from '../src/core/commands/updateNameservers.ts';
import { findLiveDomain } from '../src/core/commands/findDomain.ts';
import type { RegistryCall, RegistryCreateRequest, RegistryOutcome, RegistryCreateResult } from '../src/registry/registryPort.ts';

type CreateBehaviour = (sandbox: SandboxRegistry, call: RegistryCall, req: RegistryCreateRequest) => Promise<RegistryOutcome<RegistryCreateResult>>;

class TimedSandbox extends SandboxRegistry {
  behaviour: CreateBehaviour | undefined;
  override createDomain(call: RegistryCall, req: RegistryCreateRequest) {
    return this.behaviour ? this.behaviour(this, call, req) : super.createDomain(call, req);
  }
  plainCreate(call: RegistryCall, req: RegistryCreateRequest) { return super.createDomain(call, req); }
}

let core: TestCore;
let registry: TimedSandbox;
let resellerId: number;

before(async () => {
  core = await makeTestCore();
  registry = new TimedSandbox(undefined, core.clock);
  core.registry = registry;
  core.registryDeadlineMs = 100;
  resellerId = (await createReseller(core, { username: 'pipeline', fundsMinor: 100_000 })).reseller.id;
});
after(async () => { await closeTestCore(core); });

const balance = async () => (await core.db.selectFrom('resellers').select('balance_minor').where('id', '=', resellerId).executeTakeFirstOrThrow()).balance_minor;
const orderOf = (id: number) => core.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('an answer later than the deadline: "submitted" at once, completed when the answer comes, with a poll message', async () => {
  registry.behaviour = async (s, call, req) => { await sleep(400); return (s as TimedSandbox).plainCreate(call, req); };
  const before = await balance();
  const r = await registerDomain(core, registerInput(resellerId, 'slow-registry.com'));
  assert.equal(r.status, 'submitted');
  assert.equal(await balance(), before - 1099, 'the price is held at once');
  assert.equal((await orderOf(r.orderId)).registry_state, 'inflight');
  await sleep(600);
  const order = await orderOf(r.orderId);
  assert.equal(order.status, 'completed');
  assert.equal(order.registry_state, 'done');
  const d = await core.db.selectFrom('domains').selectAll().where('name', '=', 'slow-registry.com').executeTakeFirstOrThrow();
  assert.equal(d.registry_pending_until, null);
  assert.match(d.roid, /^D[0-9A-F]{12}-REGD$/);
  const polls = await core.db.selectFrom('poll_messages').selectAll().where('reseller_id', '=', resellerId).execute();
  assert.ok(polls.some((p) => p.message.includes('slow-registry.com')), 'the reseller is told');
  assert.equal(await balance(), before - 1099, 'charged once');
  registry.behaviour = undefined;
});

test('no answer at all (the connection died after sending): the reconciler asks the registry and completes the order once', async () => {
  registry.behaviour = async () => ({ status: 'unknown', message: 'connection lost after sending' });
  const before = await balance();
  const r = await registerDomain(core, registerInput(resellerId, 'lost-answer.com'));
  assert.equal(r.status, 'submitted');
  registry.behaviour = undefined;
  assert.equal((await reconcileOrders(core)).asked, 0, 'not asked before its time');
  core.clock.advance(31_000);
  const report = await reconcileOrders(core);
  assert.equal(report.completed, 1);
  assert.equal((await orderOf(r.orderId)).status, 'completed');
  assert.equal((await reconcileOrders(core)).asked, 0, 'settled orders are not asked again');
  assert.equal(await balance(), before - 1099);
});

test('an unreachable registry fails the order: refunded, the name free, a clear error', async () => {
  registry.behaviour = async () => ({ status: 'failed', reason: 'unavailable', code: 2400, message: 'registry sandbox unavailable: connection refused' });
  const before = await balance();
  await assert.rejects(registerDomain(core, registerInput(resellerId, 'down-registry.com')), coreErrorOf('registry_unavailable'));
  assert.equal(await balance(), before, 'nothing charged');
  const failed = await core.db.selectFrom('orders').selectAll().where('domain_name', '=', 'down-registry.com').executeTakeFirstOrThrow();
  assert.equal(failed.status, 'failed');
  registry.behaviour = undefined;
  const again = await registerDomain(core, registerInput(resellerId, 'down-registry.com'));
  assert.equal(again.status, 'completed', 'the name was released');
});

test('a registry refusal (2302 taken elsewhere) becomes domain_taken and charges nothing', async () => {
  const before = await balance();
  registry.behaviour = async () => ({ status: 'failed', reason: 'refused', code: 2302, message: 'Object exists' });
  await assert.rejects(registerDomain(core, registerInput(resellerId, 'refused-here.com')), coreErrorOf('domain_taken'));
  registry.behaviour = undefined;
  assert.equal(await balance(), before);
});

test('a remote registry refusing a change: the change is undone at regd and the registry\'s error reaches the caller', async () => {
  // .net served by a "remote" registry (the sandbox behind the router's remote slot) that refuses every update.
  class RefusingRegistry extends SandboxRegistry {
    override async updateDomain(): Promise<RegistryOutcome> {
      return { status: 'failed' as const, reason: 'refused' as const, code: 2306, message: 'Parameter value policy error' };
    }
  }
  const saved = core.registry;
  core.registry = new RegistryRouter(new SandboxRegistry(undefined, core.clock), new Map([['net', new RefusingRegistry(undefined, core.clock)]]));
  try {
    await registerDomain(core, registerInput(resellerId, 'refuses-updates.net'));
    const d = (await findLiveDomain(core, 'refuses-updates.net'))!;
    await assert.rejects(updateNameservers(core, d, { op: 'assign', names: ['ns9.example.org'] }), coreErrorOf('policy_violation'));
    const after = await core.db.selectFrom('domain_nameservers').select('name').where('domain_id', '=', d.id).orderBy('sort_order').execute();
    assert.deepEqual(after.map((r) => r.name), ['ns1.example.net', 'ns2.example.net'], 'the old delegation is back');
    const row = (await findLiveDomain(core, 'refuses-updates.net'))!;
    assert.equal(row.pending_order_id, null, 'the domain is free for the next change');
    const order = await core.db.selectFrom('orders').selectAll().where('domain_id', '=', d.id).where('kind', '=', 'update').executeTakeFirstOrThrow();
    assert.equal(order.status, 'failed');
    assert.equal(order.registry_code, 2306);
  } finally {
    core.registry = saved;
  }
});
