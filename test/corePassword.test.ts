// scrypt password hashes and generated credentials.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, verifyPassword } from '../src/core/passwordHash.ts';
import { generateAuthCode, generatePassword, generatePrivateKey } from '../src/core/secrets.ts';

describe('hashPassword / verifyPassword', () => {
  test('verifies the right password and refuses wrong ones', async () => {
    const stored = await hashPassword('secret123');
    assert.equal(await verifyPassword('secret123', stored), true);
    assert.equal(await verifyPassword('secret124', stored), false);
    assert.equal(await verifyPassword('Secret123', stored), false);
    assert.equal(await verifyPassword('', stored), false);
    assert.equal(await verifyPassword('secret123 ', stored), false);
  });

  test('format is scrypt$N$r$p$salt$hash with a 16-byte salt and 32-byte hash', async () => {
    const stored = await hashPassword('pässwörd ✓');
    assert.ok(stored.startsWith('scrypt$'), stored);
    const parts = stored.split('$');
    assert.equal(parts.length, 6);
    assert.deepEqual(parts.slice(1, 4), ['16384', '8', '1']);
    assert.equal(Buffer.from(parts[4], 'base64url').length, 16);
    assert.equal(Buffer.from(parts[5], 'base64url').length, 32);
    assert.ok(!stored.includes('pässwörd'));
    assert.equal(await verifyPassword('pässwörd ✓', stored), true);
  });

  test('salts differ, so equal passwords hash differently', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    assert.notEqual(a, b);
    assert.notEqual(a.split('$')[4], b.split('$')[4]);
    assert.equal(await verifyPassword('same', a), true);
    assert.equal(await verifyPassword('same', b), true);
  });

  test('malformed stored values never verify', async () => {
    const stored = await hashPassword('secret123');
    for (const bad of ['', 'secret123', 'bcrypt$16384$8$1$x$y', stored.split('$').slice(0, 5).join('$'), `${stored}$extra`,
      stored.replace(/^scrypt/, 'SCRYPT')]) {
      assert.equal(await verifyPassword('secret123', bad), false, bad);
    }
  });
});

describe('generated secrets', () => {
  test('private keys are 112 lowercase hex characters and unique', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const k = generatePrivateKey();
      assert.match(k, /^[0-9a-f]{112}$/);
      keys.add(k);
    }
    assert.equal(keys.size, 200);
  });

  test('passwords use the unambiguous alphabet (at least 16 characters); auth codes mix letters, digits and a dash', () => {
    const pw = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const p = generatePassword();
      assert.match(p, /^[A-HJ-NP-Za-km-z2-9]{16,}$/);
      pw.add(p);
      assert.match(generateAuthCode(), /^[A-HJ-NP-Za-km-z2-9]{6}-[A-HJ-NP-Za-km-z2-9]{6}-[2-9]{4}$/);
    }
    assert.equal(pw.size, 100);
  });
});
