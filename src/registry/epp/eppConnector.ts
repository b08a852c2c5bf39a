// Opens one session to an upstream with the shared EPP client. The pool, not the client, decides about reconnects
// (reconnect: false): one place counts connection failures for the circuit breaker and spaces out new attempts.
import { EppClient } from '../../client/epp/index.ts';
import type { UpstreamSettings } from './upstreamSettings.ts';
import type { SessionConnector } from './upstreamSession.ts';

export function eppConnector(s: UpstreamSettings, log: (line: string) => void = () => undefined): SessionConnector {
  return () => EppClient.connect({
    transport: s.transport,
    host: s.host,
    port: s.port,
    path: s.path,
    clID: s.clID,
    password: s.password,
    ca: s.ca,
    cert: s.cert,
    key: s.key,
    objURIs: s.objURIs,
    extURIs: s.extURIs,
    timeoutMs: s.commandTimeoutMs,
    reconnect: false,
    validateReplies: s.validateReplies,
    clTRIDPrefix: 'regd',
    // The client traces every exchange ("EPP: domain:create KEY -> 1000"); successes are left out of the operator's
    // log, refusals and connection news (logins, dropped keepalives) stay in.
    log: (line) => { if (!/ -> 1\d{3}$/.test(line)) log(`upstream ${s.name}: ${line}`); },
  });
}
