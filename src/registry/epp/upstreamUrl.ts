// The one-string form of an upstream registry: epps://CLID:PASSWORD@HOST:PORT (RFC 5734, EPP over TLS, port 700
// by default) or https://CLID:PASSWORD@HOST:PORT/PATH (EPP over HTTPS with a session cookie, Openprovider style;
// port 443 and path /epp by default). The login and password are percent-decoded, so any character can be given.
// Error messages never repeat the password.

export interface UpstreamEndpoint {
  transport: 'tls' | 'https';
  host: string;
  port: number;
  path?: string;
  clID: string;
  password: string;
}

export const DEFAULT_EPP_PORT = 700;
export const DEFAULT_HTTPS_PORT = 443;
export const DEFAULT_HTTPS_PATH = '/epp';

/** The URL with its password masked, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new Error(`${what} has a malformed percent-escape`);
  }
}

/**
 * Parses the URL; throws an Error whose one-line message says what is wrong (without the password). In regd.toml the
 * password may come from its own key instead (`passwordOptional`): the result's password is then ''.
 */
export function parseUpstreamUrl(url: string, opts: { passwordOptional?: boolean } = {}): UpstreamEndpoint {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) throw new Error('expected a URL such as epps://CLID:PASSWORD@HOST:700');
  if (scheme === 'epp') throw new Error('plain epp:// is not supported: EPP runs over TLS (use epps://)');
  if (scheme !== 'epps' && scheme !== 'https') throw new Error(`unsupported scheme ${scheme}:// (use epps:// or https://)`);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`not a valid URL: ${redactUrl(url)}`);
  }
  const clID = decode(u.username, 'the login');
  const password = decode(u.password, 'the password');
  if (clID === '') throw new Error(`missing the login (${scheme}://CLID:PASSWORD@HOST)`);
  if (password === '' && !opts.passwordOptional) throw new Error(`missing the password (${scheme}://CLID:PASSWORD@HOST)`);
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw new Error('missing the host');
  if (u.search !== '' || u.hash !== '') throw new Error('unexpected ?query or #fragment');
  const transport = scheme === 'epps' ? 'tls' as const : 'https' as const;
  const port = u.port === '' ? (transport === 'tls' ? DEFAULT_EPP_PORT : DEFAULT_HTTPS_PORT) : Number(u.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`port ${u.port} is out of range`);
  if (transport === 'tls') {
    if (u.pathname !== '' && u.pathname !== '/') throw new Error('an epps:// URL has no path');
    return { transport, host, port, clID, password };
  }
  const path = u.pathname === '' || u.pathname === '/' ? DEFAULT_HTTPS_PATH : u.pathname;
  return { transport, host, port, path, clID, password };
}
