// Delete, restore and host changes are orders too (src/core/orders/steps/): the domain is marked
// while the registry decides, a lost answer is settled by the reconciler exactly once, a refusal changes nothing
// and charges nothing, a slow answer gives "submitted" at once and a poll message later. The registry is the real
// sandbox; a wrapper only changes what its delete and restore answer, the way a slow, dead or refusing registry would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestCore, closeTestCore, registerInput, coreErrorOf, type TestCore } from './support/coreHarness.ts';
import { createReseller } from '../src/core/commands/resellers.ts';
import { registerDomain } from '../src/core/commands/registerDomain.ts';
import { deleteDomain } from '../src/core/commands/deleteDomain.ts';
import { requestRestore, reportRestore } from '../src/core/commands/restoreDomain.ts';
import { reconcileOrders } from '../src/core/orders/reconcileOrders.ts';
import { runLifecycle } from '../src/core/lifecycle.ts';
import { findLiveDomain } from '../src/core/commands/findDomain.ts';
import { SandboxRegistry } from '../src/registry/sandbox/sandboxRegistry.ts';
import type { RegistryOutcome } from '../src/registry/registryPort.ts';
import { DAY_MS } from '../src/core/dates.ts';
import { RegistryRouter } from '../src/registry/registryRouter.ts';
import { createHost, updateHost, deleteHost } from '../src/core/commands/hosts.ts';
import { updateNameservers } from '../src/core/commands/updateNameservers.ts';
import { createContact, updateContact } from '../src/core/commands/contacts.ts';
import { plainContact } from './support/coreHarness.ts';

type Answer = () => Promise<RegistryOutcome>;

class ScriptedSandbox extends SandboxRegistry {
  onDelete: Answer | undefined;
  onRestore: Answer | undefined;
  onHost: Answer | undefined;
  onUpdate: Answer | undefined;
  onContact: Answer | undefined;
  contactCalls = 0;
  override updateContact(...args: Parameters<SandboxRegistry['updateContact']>) { this.contactCalls++; return this.onContact ? this.onContact() : super.updateContact(...args); }
  hostCalls = 0;
  updateCalls = 0;
  override updateDomain(...args: Parameters<SandboxRegistry['updateDomain']>) { this.updateCalls++; return this.onUpdate ? this.onUpdate() : super.updateDomain(...args); }
  override createHost(...args: Parameters<SandboxRegistry['createHost']>) { this.hostCalls++; return this.onHost ? this.onHost() : super.createHost(...args); }
  override updateHost(...args: Parameters<SandboxRegistry['updateHost']>) { this.hostCalls++; return this.onHost ? this.onHost() : super.updateHost(...args); }
  override deleteHost(...args: Parameters<SandboxRegistry['deleteHost']>) { this.hostCalls++; return this.onHost ? this.onHost() : super.deleteHost(...args); }
  override deleteDomain(...args: Parameters<SandboxRegistry['deleteDomain']>) { return this.onDelete ? this.onDelete() : super.deleteDomain(...args); }
  override restoreDomain(...args: Parameters<SandboxRegistry['restoreDomain']>) { return this.onRestore ? this.onRestore() : super.restoreDomain(...args); }
}

let core: TestCore;
let registry: ScriptedSandbox;
let resellerId: number;

before(async () => {
  core = await makeTestCore();
  registry = new ScriptedSandbox(undefined, core.clock);
  core.registry = registry;
  core.registryDeadlineMs = 100;
  resellerId = (await createReseller(core, { username: 'deleter', fundsMinor: 100_000 })).reseller.id;
});
after(async () => { await closeTestCore(core); });

const balance = async () => (await core.db.selectFrom('resellers').select('balance_minor').where('id', '=', resellerId).executeTakeFirstOrThrow()).balance_minor;
const ordersOf = (name: string, kind: string) => core.db.selectFrom('orders').selectAll().where('domain_name', '=', name).where('kind', '=', kind).orderBy('id').execute();
const domain = async (name: string) => (await findLiveDomain(core, name))!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const lost: Answer = async () => ({ status: 'unknown', message: 'connection lost after sending' });
const refused: Answer = async () => ({ status: 'failed', reason: 'refused', code: 2304, message: 'Object status prohibits operation' });

test('a delete in the add grace period whose answer is lost: the domain waits, the reconciler deletes and refunds it once', async () => {
  await registerDomain(core, registerInput(resellerId, 'lost-delete.com'));
  const paid = await balance();
  registry.onDelete = lost;
  const r = await deleteDomain(core, { resellerId, name: 'lost-delete.com' });
  registry.onDelete = undefined;
  assert.equal(r.outcome, 'submitted');
  const [order] = await ordersOf('lost-delete.com', 'delete');
  assert.equal(order.registry_state, 'inflight');
  assert.equal(order.registry_key, `regd-o${order.id}`, 'the clTRID the registry saw is derived from the order');
  assert.equal((await domain('lost-delete.com')).pending_order_id, order.id, 'the domain is held for the order');
  await assert.rejects(deleteDomain(core, { resellerId, name: 'lost-delete.com' }), coreErrorOf('status_prohibits'), 'a second delete waits for the first');
  assert.equal(await balance(), paid, 'nothing refunded before the registry confirmed');

  core.clock.advance(31_000);
  const report = await reconcileOrders(core);
  assert.equal(report.completed, 1);
  assert.equal(await findLiveDomain(core, 'lost-delete.com'), undefined, 'deleted (add grace)');
  assert.equal(await balance(), paid + 1099, 'the registration refunded');
  assert.equal((await reconcileOrders(core)).asked, 0);
  assert.equal(await balance(), paid + 1099, 'refunded once');
  const polls = await core.db.selectFrom('poll_messages').select('message').where('reseller_id', '=', resellerId).execute();
  assert.ok(polls.some((p) => p.message.startsWith('Delete of lost-delete.com completed')), 'the reseller is told');
});

test('a refused delete changes nothing: the domain stays live and free for the next command', async () => {
  await registerDomain(core, registerInput(resellerId, 'refused-delete.com'));
  registry.onDelete = refused;
  await assert.rejects(deleteDomain(core, { resellerId, name: 'refused-delete.com' }), coreErrorOf('status_prohibits'));
  registry.onDelete = undefined;
  const d = await domain('refused-delete.com');
  assert.equal(d.rgp_status, null);
  assert.equal(d.pending_order_id, null);
  assert.equal((await ordersOf('refused-delete.com', 'delete'))[0].status, 'failed');
  const again = await deleteDomain(core, { resellerId, name: 'refused-delete.com' });
  assert.equal(again.outcome, 'deleted');
});

test('restore: a refused request refunds and leaves redemption; a slow report gives "submitted", then the domain is live again', async () => {
  await registerDomain(core, registerInput(resellerId, 'restore-me.com'));
  core.clock.advance(6 * DAY_MS); // past the add grace period: a delete goes into redemption
  const del = await deleteDomain(core, { resellerId, name: 'restore-me.com' });
  assert.equal(del.outcome, 'redemption');
  const beforeRestore = await balance();

  registry.onRestore = refused;
  await assert.rejects(requestRestore(core, { resellerId, name: 'restore-me.com' }), coreErrorOf('status_prohibits'));
  assert.equal(await balance(), beforeRestore, 'the restore fee came back');
  let d = await domain('restore-me.com');
  assert.equal(d.rgp_status, 'redemptionPeriod');
  assert.equal(d.pending_order_id, null);

  registry.onRestore = undefined;
  const req = await requestRestore(core, { resellerId, name: 'restore-me.com' });
  assert.equal(req.status, 'completed');
  assert.equal(await balance(), beforeRestore - req.amountMinor);
  assert.equal((await domain('restore-me.com')).rgp_status, 'pendingRestore');

  registry.onRestore = async () => { await sleep(300); return { status: 'ok', value: undefined }; };
  const report = { preData: 'before', postData: 'after', delTime: '2025-03-16T12:00:00Z', resTime: '2025-03-17T12:00:00Z', resReason: 'mistake', statements: ['true', 'true'] };
  const rep = await reportRestore(core, { resellerId, name: 'restore-me.com', report });
  assert.equal(rep.status, 'submitted');
  d = await domain('restore-me.com');
  assert.equal(d.rgp_status, 'pendingRestore', 'not live before the registry confirms');
  // The report deadline passing while the registry decides does not send the domain back to redemption.
  core.clock.advance(8 * DAY_MS);
  await runLifecycle(core);
  assert.equal((await domain('restore-me.com')).rgp_status, 'pendingRestore', 'the life cycle waits for the order');
  await sleep(500);
  registry.onRestore = undefined;
  d = await domain('restore-me.com');
  assert.equal(d.rgp_status, null, 'live again');
  assert.equal(d.pending_order_id, null);
  const polls = await core.db.selectFrom('poll_messages').select('message').where('reseller_id', '=', resellerId).execute();
  assert.ok(polls.some((p) => p.message.startsWith('Restore report of restore-me.com completed')));
});

test('host changes under a domain at a remote registry: a refusal undoes them, a lost answer is settled by the reconciler', async () => {
  // .net served by a "remote" registry (the scripted sandbox in the router's remote slot).
  const saved = core.registry;
  const remote = new ScriptedSandbox(undefined, core.clock);
  core.registry = new RegistryRouter(new SandboxRegistry(undefined, core.clock), new Map([['net', remote]]));
  try {
    await registerDomain(core, registerInput(resellerId, 'glue-parent.net'));
    const hostRow = () => core.db.selectFrom('hosts').selectAll().where('name', '=', 'ns1.glue-parent.net').executeTakeFirst();
    const addresses = async () => {
      const h = await hostRow();
      return h ? (await core.db.selectFrom('host_addresses').select('address').where('host_id', '=', h.id).execute()).map((a) => a.address).sort() : undefined;
    };

    remote.onHost = refused;
    await assert.rejects(createHost(core, { resellerId, name: 'ns1.glue-parent.net', addresses: [{ address: '192.0.2.1' }] }), coreErrorOf('status_prohibits'));
    assert.equal(await hostRow(), undefined, 'the refused create is undone');

    remote.onHost = undefined;
    const created = await createHost(core, { resellerId, name: 'ns1.glue-parent.net', addresses: [{ address: '192.0.2.1' }] });
    assert.equal(created.status, 'completed');

    remote.onHost = refused;
    await assert.rejects(updateHost(core, { resellerId, name: 'ns1.glue-parent.net', addAddresses: [{ address: '192.0.2.2' }] }), coreErrorOf('status_prohibits'));
    assert.deepEqual(await addresses(), ['192.0.2.1'], 'the refused update is undone');
    await assert.rejects(deleteHost(core, { resellerId, name: 'ns1.glue-parent.net' }), coreErrorOf('status_prohibits'));
    assert.deepEqual(await addresses(), ['192.0.2.1'], 'the refused delete is undone');

    // The answer to an update is lost: the change stays, a second change waits, the reconciler settles it.
    remote.onHost = lost;
    const upd = await updateHost(core, { resellerId, name: 'ns1.glue-parent.net', addAddresses: [{ address: '192.0.2.3' }] });
    assert.equal(upd.status, 'submitted');
    await assert.rejects(updateHost(core, { resellerId, name: 'ns1.glue-parent.net', addAddresses: [{ address: '192.0.2.4' }] }), coreErrorOf('status_prohibits'), 'a second change waits for the first');
    remote.onHost = undefined;
    core.clock.advance(31_000);
    const report = await reconcileOrders(core);
    assert.equal(report.completed, 1);
    assert.deepEqual(await addresses(), ['192.0.2.1', '192.0.2.3']);
    const orders = await core.db.selectFrom('orders').select(['status', 'registry_state']).where('kind', '=', 'host').where('domain_name', '=', 'ns1.glue-parent.net').orderBy('id').execute();
    assert.deepEqual(orders.map((o) => o.status), ['failed', 'completed', 'failed', 'failed', 'completed']);
    const deleted = await deleteHost(core, { resellerId, name: 'ns1.glue-parent.net' });
    assert.equal(deleted.status, 'completed');
    assert.equal(await hostRow(), undefined);
  } finally {
    core.registry = saved;
  }
});

test('a domain update whose answer is lost is sent again by the reconciler (it states the whole wanted state)', async () => {
  const saved = core.registry;
  const remote = new ScriptedSandbox(undefined, core.clock);
  core.registry = new RegistryRouter(new SandboxRegistry(undefined, core.clock), new Map([['net', remote]]));
  try {
    await registerDomain(core, registerInput(resellerId, 'resend-update.net'));
    remote.onUpdate = lost;
    const r = await updateNameservers(core, (await domain('resend-update.net')), { op: 'assign', names: ['ns7.example.org'] });
    assert.equal(r.status, 'submitted');
    assert.equal(remote.updateCalls, 1);
    remote.onUpdate = undefined;
    core.clock.advance(31_000);
    const report = await reconcileOrders(core);
    assert.equal(report.completed, 1);
    assert.equal(remote.updateCalls, 2, 'the update was sent again, not judged by a read');
    assert.equal((await domain('resend-update.net')).pending_order_id, null);
    const ns = await core.db.selectFrom('domain_nameservers').select('name').where('domain_id', '=', (await domain('resend-update.net')).id).execute();
    assert.deepEqual(ns.map((n) => n.name), ['ns7.example.org']);
  } finally {
    core.registry = saved;
  }
});

test('a contact\'s new data: a refusal puts the old data back; a lost answer is resent by the reconciler', async () => {
  const { handle } = await createContact(core, { resellerId, fields: plainContact('Dana') });
  const city = async () => (await core.db.selectFrom('contacts').select('city').where('handle', '=', handle).executeTakeFirstOrThrow()).city;
  registry.onContact = refused;
  await assert.rejects(updateContact(core, { resellerId, handle, fields: { city: 'Ottawa' } }), coreErrorOf('status_prohibits'));
  assert.equal(await city(), 'Toronto', 'the old data is back');

  registry.onContact = lost;
  const calls = registry.contactCalls;
  const r = await updateContact(core, { resellerId, handle, fields: { city: 'Montreal' } });
  assert.equal(r.status, 'submitted');
  assert.equal(await city(), 'Montreal');
  await assert.rejects(updateContact(core, { resellerId, handle, fields: { city: 'Quebec' } }), coreErrorOf('status_prohibits'), 'a second change waits');
  registry.onContact = undefined;
  core.clock.advance(31_000);
  assert.equal((await reconcileOrders(core)).completed, 1);
  assert.equal(registry.contactCalls, calls + 2, 'sent again by the reconciler');
  assert.equal((await updateContact(core, { resellerId, handle, fields: { city: 'Quebec' } })).status, 'completed');
  assert.equal(await city(), 'Quebec');
});
