import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startRegd, type RegdServer, type ResellerCredentials } from './support/regdServer.ts';
import { freshName, registerAttributes } from './support/fixtures.ts';

let server: RegdServer;
let alice: ResellerCredentials;
before(async () => { server = await startRegd(); alice = await server.createReseller('alice', '1000'); });
after(async () => { await server.stop(); });

test('register, look up and get a domain over XCP/HTTPS', async () => {
  const c = server.xcpClient(alice);
  const name = freshName();
  const l1 = await c.call('DOMAIN', 'LOOKUP', { domain: name });
  assert.equal(l1.responseCode, 210, l1.responseText);
  const r = await c.call('DOMAIN', 'SW_REGISTER', registerAttributes(name));
  assert.equal(r.responseCode, 200, r.responseText);
  const l2 = await c.call('DOMAIN', 'LOOKUP', { domain: name });
  assert.equal(l2.responseCode, 211);
  const g = await c.call('DOMAIN', 'GET', { type: 'all_info', domain: name });
  assert.equal(g.responseCode, 200, g.responseText);
});
