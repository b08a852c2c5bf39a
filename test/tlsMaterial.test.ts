import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOrCreateTlsMaterial } from '../src/transport/tlsMaterial.ts';

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'regd-tls-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('creates a self-signed localhost cert on first call and reuses it', () =>
  withTempDir(async (dir) => {
    const first = await loadOrCreateTlsMaterial({ dataDir: dir });
    assert.equal(first.selfSigned, true);
    assert.equal(first.certPath, path.join(dir, 'tls', 'cert.pem'));
    assert.equal(first.keyPath, path.join(dir, 'tls', 'key.pem'));

    const x509 = new X509Certificate(first.cert);
    assert.match(x509.subject, /CN=localhost/);
    assert.ok(x509.subjectAltName?.includes('DNS:localhost'));
    assert.ok(x509.subjectAltName?.includes('IP Address:127.0.0.1'));
    assert.ok(x509.checkHost('localhost'));
    assert.ok(x509.checkIP('127.0.0.1'));
    assert.ok(x509.checkIP('::1'));
    const years = (Date.parse(x509.validTo) - Date.now()) / (365.25 * 86400_000);
    assert.ok(years > 9.9 && years < 10.1, `validity ${years} years`);

    if (process.platform !== 'win32') {
      const st = await stat(first.keyPath);
      assert.equal(st.mode & 0o777, 0o600);
    }

    const second = await loadOrCreateTlsMaterial({ dataDir: dir });
    assert.equal(second.cert, first.cert);
    assert.equal(second.key, first.key);
    assert.equal(second.selfSigned, true);
  }));

test('regenerates the pair when only one of the files survived', () =>
  withTempDir(async (dir) => {
    const first = await loadOrCreateTlsMaterial({ dataDir: dir });
    await unlink(first.certPath);
    const second = await loadOrCreateTlsMaterial({ dataDir: dir });
    assert.notEqual(second.key, first.key);
    assert.ok(new X509Certificate(second.cert).checkHost('localhost'));
  }));

test('loads operator-supplied files and reports selfSigned=false', () =>
  withTempDir(async (dir) => {
    const gen = await loadOrCreateTlsMaterial({ dataDir: dir });
    const got = await loadOrCreateTlsMaterial({
      dataDir: path.join(dir, 'unused'),
      certPath: gen.certPath,
      keyPath: gen.keyPath,
    });
    assert.equal(got.selfSigned, false);
    assert.equal(got.cert, gen.cert);
    assert.equal(got.key, gen.key);
  }));

test('clear errors for partial or unreadable operator config', () =>
  withTempDir(async (dir) => {
    await assert.rejects(
      loadOrCreateTlsMaterial({ dataDir: dir, certPath: '/x/cert.pem' }),
      /both a certificate path and a key path/,
    );
    await assert.rejects(
      loadOrCreateTlsMaterial({ dataDir: dir, keyPath: '/x/key.pem' }),
      /both a certificate path and a key path/,
    );
    await assert.rejects(
      loadOrCreateTlsMaterial({
        dataDir: dir,
        certPath: path.join(dir, 'missing-cert.pem'),
        keyPath: path.join(dir, 'missing-key.pem'),
      }),
      /cannot read certificate file .*missing-cert\.pem/,
    );
    const bogus = path.join(dir, 'bogus.pem');
    await writeFile(bogus, 'not a pem');
    await assert.rejects(
      loadOrCreateTlsMaterial({ dataDir: dir, certPath: bogus, keyPath: bogus }),
      /not a valid PEM certificate/,
    );
  }));
