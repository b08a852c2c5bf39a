// The public surface of the EPP client (RFC 5730-5734 over TLS, or EPP over HTTPS with a session cookie).
export { EppClient } from './client.ts';
export type { LoginServices } from './session.ts';
export { EppError, EppConnectionError, EppTimeoutError, EppProtocolError, EppUnsupportedError } from './errors.ts';
export { NS as EPP_NS, STANDARD_OBJ_URIS, KNOWN_EXT_URIS } from './namespaces.ts';
export type * from './types.ts';
