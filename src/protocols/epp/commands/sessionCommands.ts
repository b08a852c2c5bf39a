// <login> and <logout>.
import { NS, OBJ_URIS, EXT_URIS } from '../eppNamespaces.ts';
import { child, childText, childrenOf, textOf, type XmlElement } from '../xmlTree.ts';
import { EppError, type EppResult, type EppSession } from '../eppTypes.ts';
import type { Core } from '../../../core/core.ts';
import { authenticateReseller, prepareResellerPassword, resellerCertPin, storeResellerPassword } from '../../../core/commands/resellers.ts';
import type { EppSessionRegistry } from '../eppSessions.ts';
import { isSourceAllowed } from '../../../core/access/sourceAddressAllowed.ts';
import { LoginLockedError, resellerLoginAttempt, throttledCheck } from '../../../core/access/loginThrottle.ts';

export const MAX_LOGIN_FAILURES = 3;

export async function login(core: Core, session: EppSession, registry: EppSessionRegistry, loginEl: XmlElement): Promise<EppResult> {
  if (session.reseller) throw new EppError(2002, 'Already logged in');
  const clID = childText(loginEl, NS.epp, 'clID') ?? '';
  const pw = childText(loginEl, NS.epp, 'pw') ?? '';
  const newPW = childText(loginEl, NS.epp, 'newPW');
  const options = child(loginEl, NS.epp, 'options')!;
  if (childText(options, NS.epp, 'version') !== '1.0') throw new EppError(2100, 'Only EPP version 1.0 is implemented');
  if (childText(options, NS.epp, 'lang') !== 'en') throw new EppError(2102, 'Only lang en is supported');
  const svcs = child(loginEl, NS.epp, 'svcs')!;
  const objURIs = childrenOf(svcs, NS.epp, 'objURI').map((e) => textOf(e)!);
  for (const uri of objURIs) if (!OBJ_URIS.includes(uri as never)) throw new EppError(2307, `Unimplemented object service: ${uri}`);
  const svcExt = child(svcs, NS.epp, 'svcExtension');
  const extURIs = svcExt ? childrenOf(svcExt, NS.epp, 'extURI').map((e) => textOf(e)!) : [];
  for (const uri of extURIs) if (!EXT_URIS.includes(uri as never)) throw new EppError(2103, `Unimplemented extension: ${uri}`);

  // The password-guessing throttle (core/access/loginThrottle.ts), shared with every door: while this connection's
  // address or this clID is locked the password is not checked, and the connection is closed.
  let reseller;
  try {
    reseller = await throttledCheck(core, resellerLoginAttempt(session.remoteAddress, clID), () => authenticateReseller(core, clID, pw));
  } catch (err) {
    if (err instanceof LoginLockedError) return lockedLogin(err);
    throw err;
  }
  const pin = reseller ? await resellerCertPin(core, reseller.id) : null;
  if (!reseller) return failedLogin(session, 'Authentication error: invalid clID or password');
  if (pin !== null && pin !== session.clientCertSha256) return failedLogin(session, 'Authentication error: client certificate not accepted');
  // Checked after the password, as XCP over HTTPS does, so an unknown clID still reads as a wrong password.
  if (!isSourceAllowed(core, reseller, session.remoteAddress)) {
    return failedLogin(session, `Authentication error: source address ${session.remoteAddress} is not allowed for this clID`);
  }
  // <newPW> (RFC 5730): checked and hashed before the session counts; a refused one fails the whole login (2005 or
  // 2306, not an authentication failure) and the old password stays. Stored once the session is claimed.
  const newPassword = newPW === undefined ? undefined : await prepareResellerPassword(newPW, reseller.username, pw);
  if (!registry.claim(reseller.id, session.id)) {
    return { code: 2502, msg: `Session limit exceeded (${registry.maxPerReseller} sessions); server closing connection`, close: true };
  }
  if (newPassword) {
    try {
      await storeResellerPassword(core, reseller.id, newPassword);
    } catch (err) {
      registry.release({ ...session, reseller });
      throw err;
    }
  }
  session.reseller = reseller;
  session.objURIs = new Set(objURIs);
  session.extURIs = new Set(extURIs);
  return { code: 1000 };
}

/**
 * A login refused by the throttle, closing the connection: 2502 (RFC 5730 "Session limit exceeded; server closing
 * connection") when the source address is locked, 2501 ("Authentication error; server closing connection") when the
 * clID is; the message says how many seconds to wait.
 */
function lockedLogin(err: LoginLockedError): EppResult {
  const wait = `try again in ${err.retryAfterSeconds} seconds`;
  return err.scope === 'address'
    ? { code: 2502, msg: `Session limit exceeded: too many failed logins from this address, ${wait}; server closing connection`, close: true }
    : { code: 2501, msg: `Authentication error: too many failed logins for this clID, ${wait}; server closing connection`, close: true };
}

/** A refused login counts towards the limit: the third failure on a session answers 2501 and closes it. */
function failedLogin(session: EppSession, msg: string): EppResult {
  session.loginFailures += 1;
  if (session.loginFailures >= MAX_LOGIN_FAILURES) return { code: 2501, msg: 'Authentication error; too many failures, closing connection', close: true };
  return { code: 2200, msg };
}

export function logout(session: EppSession, registry: EppSessionRegistry): EppResult {
  registry.release(session);
  session.reseller = undefined;
  return { code: 1500, close: true };
}
