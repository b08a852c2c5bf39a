// TLS certificate/key for the HTTPS listener.
//
// Operators may supply their own PEM files; otherwise we mint a self-signed
// localhost certificate once under <dataDir>/tls and reuse it, so that clients
// which pin the certificate keep working across restarts.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterialOptions {
  dataDir: string;
  certPath?: string;
  keyPath?: string;
}

export interface TlsMaterial {
  cert: string;
  key: string;
  selfSigned: boolean;
  certPath: string;
  keyPath: string;
}

const VALIDITY_YEARS = 10;

export async function loadOrCreateTlsMaterial(opts: TlsMaterialOptions): Promise<TlsMaterial> {
  if (opts.certPath || opts.keyPath) {
    if (!opts.certPath || !opts.keyPath) {
      throw new Error('TLS: both a certificate path and a key path must be given (got only ' +
        (opts.certPath ? 'the certificate' : 'the key') + ')');
    }
    const cert = await readPem(opts.certPath, 'certificate');
    const key = await readPem(opts.keyPath, 'private key');
    validatePair(cert, key, opts.certPath, opts.keyPath);
    return { cert, key, selfSigned: false, certPath: opts.certPath, keyPath: opts.keyPath };
  }

  const dir = path.join(opts.dataDir, 'tls');
  const certPath = path.join(dir, 'cert.pem');
  const keyPath = path.join(dir, 'key.pem');

  const [cert, key] = await Promise.all([readIfExists(certPath), readIfExists(keyPath)]);
  if (cert !== undefined && key !== undefined) {
    validatePair(cert, key, certPath, keyPath);
    return { cert, key, selfSigned: true, certPath, keyPath };
  }
  // Neither file, or only one (e.g. a crash between the two renames below):
  // these files are ours to manage, so regenerate the pair rather than refuse
  // to start.
  const fresh = await createSelfSigned();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Write to temp names then rename so a half-written PEM is never picked up.
  const suffix = `.tmp-${process.pid}-${Date.now()}`;
  try {
    await writeFile(keyPath + suffix, fresh.key, { mode: 0o600 });
    await writeFile(certPath + suffix, fresh.cert, { mode: 0o644 });
    await rename(keyPath + suffix, keyPath);
    await rename(certPath + suffix, certPath);
  } finally {
    await rm(keyPath + suffix, { force: true });
    await rm(certPath + suffix, { force: true });
  }
  return { ...fresh, selfSigned: true, certPath, keyPath };
}

async function createSelfSigned(): Promise<{ cert: string; key: string }> {
  const notBeforeDate = new Date(Date.now() - 60_000); // tolerate small clock skew
  const notAfterDate = new Date(notBeforeDate);
  notAfterDate.setFullYear(notAfterDate.getFullYear() + VALIDITY_YEARS);
  // selfsigned v5 generates the key with WebCrypto (a CSPRNG). EC P-256 keeps
  // first start fast; sha256 must be explicit because selfsigned defaults to sha1.
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

async function readPem(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`TLS: cannot read ${what} file ${file}: ${(err as Error).message}`);
  }
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`TLS: cannot read ${file}: ${(err as Error).message}`);
  }
}

// Fail at startup with a readable message instead of an opaque OpenSSL error
// from tls.createServer (or, worse, on the first handshake).
function validatePair(cert: string, key: string, certPath: string, keyPath: string): void {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (err) {
    throw new Error(`TLS: ${certPath} is not a valid PEM certificate: ${(err as Error).message}`);
  }
  let pk;
  try {
    pk = createPrivateKey(key);
  } catch (err) {
    throw new Error(`TLS: ${keyPath} is not a valid PEM private key: ${(err as Error).message}`);
  }
  if (!x509.checkPrivateKey(pk)) {
    throw new Error(`TLS: private key ${keyPath} does not match certificate ${certPath}`);
  }
}
