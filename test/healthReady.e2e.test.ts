// /healthz and /readyz on the HTTPS port (issue 12 item 4): alive, and ready only when the store answers and its
// schema is current. A store whose schema is behind (a node started before another migrated it) is not ready.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer } from './support/regdServer.ts';
import { apiRequest } from './support/apiClient.ts';
import { storeOf, closeStores } from './support/surfaceHelpers.ts';

let server: RegdServer;

before(async () => { server = await startRegd(); });
after(async () => { await closeStores(); await server.stop(); });

test('healthz is 200; readyz is 200 on a current store', async () => {
  const health = await apiRequest(server, 'GET', '/healthz');
  assert.equal(health.status, 200);
  assert.equal(health.text, 'ok\n');
  const ready = await apiRequest(server, 'GET', '/readyz');
  assert.equal(ready.status, 200, ready.text);
  assert.equal(ready.text, 'ready\n');
  assert.equal(ready.headers['cache-control'], 'no-store');
});

test('readyz is 503 naming the migration when the store\'s schema is behind this build, and 200 once it is current', async () => {
  const db = await storeOf(server.dataDir);
  const last = await db.selectFrom('kysely_migration' as never).select('name' as never).orderBy('name' as never, 'desc').executeTakeFirstOrThrow() as { name: string };
  await db.deleteFrom('kysely_migration' as never).where('name' as never, '=', last.name as never).execute();
  try {
    const behind = await apiRequest(server, 'GET', '/readyz');
    assert.equal(behind.status, 503, behind.text);
    assert.match(behind.text, new RegExp(`not ready: migrations not applied yet: ${last.name}`));
    assert.equal((await apiRequest(server, 'GET', '/healthz')).status, 200, 'still alive');
  } finally {
    await db.insertInto('kysely_migration' as never).values({ name: last.name, timestamp: new Date().toISOString() } as never).execute();
  }
  assert.equal((await apiRequest(server, 'GET', '/readyz')).status, 200);
});

test('other methods are 405', async () => {
  assert.equal((await apiRequest(server, 'POST', '/readyz', { body: '' })).status, 405);
});
