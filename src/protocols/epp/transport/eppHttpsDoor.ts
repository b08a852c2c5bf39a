// EPP over HTTPS, as Openprovider runs it: POST one EPP document to /epp, get one EPP document back (always HTTP 200;
// the EPP result code carries the outcome). Sessions are server-side and named by a session_id cookie that a
// successful <login> sets. <hello> needs no session; any other command without a live cookie gets 2002, because it
// runs on a fresh session that has not logged in. A reply that ends the session (logout 1500, 2501, 2502) clears
// the cookie.
import type { EppProcessor, EppReply } from '../eppProcessor.ts';
import type { HttpRequest, HttpResponse } from '../../../transport/httpOverTls.ts';
import type { HttpRoute } from '../../../transport/httpRouter.ts';
import { EppCookieSessions, LoginFailuresByAddress, DEFAULT_HTTP_SESSION_IDLE_MS, type CookieSession } from './eppHttpSessions.ts';

export const EPP_HTTP_PATH = '/epp';
export const SESSION_COOKIE = 'session_id';
const CONTENT_TYPE = 'application/epp+xml';
// Secure + HttpOnly + SameSite=Strict: the cookie is a bearer credential for the reseller's whole account.
const COOKIE_ATTRIBUTES = 'HttpOnly; Secure; Path=/; SameSite=Strict';

export interface EppHttpsDoorOptions {
  /** A session unused for this long is ended. Default 30 min. */
  sessionIdleMs?: number;
}

export interface EppHttpsDoor {
  routes: HttpRoute[];
  sessions: EppCookieSessions;
  /** Ends every HTTPS session (frees the reseller slots) and stops the expiry sweeper. */
  close(): void;
}

/** The value of one cookie from a Cookie header (RFC 6265 §5.4: "name=value; name2=value2"). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

function eppResponse(reply: EppReply, setCookie?: string): HttpResponse {
  const headers: Record<string, string> = { 'Content-Type': CONTENT_TYPE, 'Cache-Control': 'no-store' };
  if (setCookie !== undefined) headers['Set-Cookie'] = setCookie;
  return { status: 200, headers, body: reply.xml };
}

const setCookie = (value: string) => `${SESSION_COOKIE}=${value}; ${COOKIE_ATTRIBUTES}`;
const clearCookie = () => `${SESSION_COOKIE}=; Max-Age=0; ${COOKIE_ATTRIBUTES}`;

export function createEppHttpsDoor(processor: EppProcessor, opts: EppHttpsDoorOptions = {}): EppHttpsDoor {
  const sessions = new EppCookieSessions(processor, opts.sessionIdleMs ?? DEFAULT_HTTP_SESSION_IDLE_MS);
  const failures = new LoginFailuresByAddress();

  async function inSession(entry: CookieSession, req: HttpRequest): Promise<HttpResponse> {
    return sessions.run(entry, async () => {
      // Ended while this request waited behind another (a logout, or expiry): answer as if there were no session.
      if (entry.ended) return withoutSession(req, true);
      sessions.touch(entry); // a long command must not be swept as idle while it runs
      // The cookie is the session, wherever it comes from: the processor checks this address against the allow list.
      entry.session.remoteAddress = req.remoteAddress;
      const reply = await processor.process(entry.session, req.body);
      if (reply.close || entry.ended || !entry.session.reseller) {
        sessions.end(entry);
        return eppResponse(reply, clearCookie());
      }
      sessions.touch(entry);
      return eppResponse(reply);
    });
  }

  async function withoutSession(req: HttpRequest, staleCookie: boolean): Promise<HttpResponse> {
    // A fresh, not-logged-in session: hello and login work on it, everything else gets 2002 from the processor.
    const session = processor.newSession(req.remoteAddress);
    session.door = 'epp-https';
    const before = failures.get(req.remoteAddress);
    session.loginFailures = before;
    const reply = await processor.process(session, req.body);
    if (session.reseller) {
      failures.set(req.remoteAddress, 0);
      return eppResponse(reply, setCookie(sessions.create(session).cookie));
    }
    // 2501 is the third failure: like a closed TLS connection, the next attempt starts counting again.
    if (session.loginFailures !== before) failures.set(req.remoteAddress, reply.close ? 0 : session.loginFailures);
    processor.endSession(session);
    // Tell the client to drop a cookie that no longer names a session.
    return eppResponse(reply, staleCookie ? clearCookie() : undefined);
  }

  const handler = async (req: HttpRequest): Promise<HttpResponse> => {
    const cookie = readCookie(req.headers.get('cookie'), SESSION_COOKIE);
    const entry = cookie ? sessions.get(cookie) : undefined;
    return entry ? inSession(entry, req) : withoutSession(req, cookie !== undefined);
  };

  return {
    routes: [{ path: EPP_HTTP_PATH, methods: ['POST'], handler }],
    sessions,
    close: () => sessions.close(),
  };
}
