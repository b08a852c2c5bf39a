// Registrant passwords verified moments ago are taken on trust (issue 11 item 2), only for the same profile, stored
// hash and password: a wrong password always pays the full check, and a password change (a new stored hash) misses.
// The checks are counted, not timed; what the cache saves in time is measured by `npm run bench` (SW_REGISTER).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, verifyPassword } from '../src/core/passwordHash.ts';
import { RecentlyVerifiedPasswords } from '../src/core/access/recentlyVerifiedPasswords.ts';

function counting() {
  const counter = { full: 0 };
  const cache = new RecentlyVerifiedPasswords(async (pw, hash) => { counter.full += 1; return verifyPassword(pw, hash); });
  return { cache, counter };
}

test('a repeated right password is answered from memory; wrong ones, other profiles and new hashes are checked in full', async () => {
  const { cache, counter } = counting();
  const hash = await hashPassword('Right-pass-1');
  for (let i = 0; i < 5; i++) assert.equal(await cache.check(7, 'Right-pass-1', hash), true);
  assert.equal(counter.full, 1, 'one scrypt for five registrations into the profile');
  for (let i = 0; i < 3; i++) assert.equal(await cache.check(7, 'Wrong-pass-1', hash), false);
  assert.equal(counter.full, 4, 'every wrong password pays the full check');
  assert.equal(await cache.check(8, 'Right-pass-1', hash), true);
  assert.equal(counter.full, 5, 'another profile with the same hash is checked on its own');
  const changed = await hashPassword('Right-pass-2');
  assert.equal(await cache.check(7, 'Right-pass-1', changed), false, 'after a password change the old password fails');
  assert.equal(await cache.check(7, 'Right-pass-2', changed), true);
  assert.equal(counter.full, 7);
});

test('an entry expires', async () => {
  const counter = { full: 0 };
  const cache = new RecentlyVerifiedPasswords(async (pw, hash) => { counter.full += 1; return verifyPassword(pw, hash); }, 1);
  const hash = await hashPassword('Right-pass-1');
  assert.equal(await cache.check(1, 'Right-pass-1', hash), true);
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(await cache.check(1, 'Right-pass-1', hash), true);
  assert.equal(counter.full, 2);
});
