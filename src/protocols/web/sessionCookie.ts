// The web session cookie: one per audience (resellers at /, registrants at /my), `Secure; HttpOnly; SameSite=Strict`,
// holding the session secret (core/access/sessions.ts keeps only its digest). The cookie lives as long as the session
// may; the store decides whether it still does.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { findSession, SESSION_MAX_MS, type Session, type SessionKind } from '../../core/access/sessions.ts';
import { findResellerById } from '../../core/commands/resellers.ts';
import type { WebEnv } from './webEnv.ts';
import { noteAuditActor, noteAuditProfile } from '../../core/audit/auditContext.ts';

export const SESSION_COOKIE: Record<SessionKind, { name: string; path: string }> = {
  reseller: { name: 'regd_session', path: '/' },
  registrant: { name: 'regd_my', path: '/my' },
};

export function setSessionCookie(c: Context<WebEnv>, kind: SessionKind, secret: string): void {
  const { name, path } = SESSION_COOKIE[kind];
  setCookie(c, name, secret, { path, secure: true, httpOnly: true, sameSite: 'Strict', maxAge: Math.floor(SESSION_MAX_MS / 1000) });
}

export function clearSessionCookie(c: Context<WebEnv>, kind: SessionKind): void {
  const { name, path } = SESSION_COOKIE[kind];
  deleteCookie(c, name, { path, secure: true, httpOnly: true, sameSite: 'Strict' });
}

/**
 * Loads the session of this kind, if the request carries a live one, into c.var.session (and the reseller into
 * c.var.reseller). Pages that need one use requireSession.
 */
export function loadSession(kind: SessionKind): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const secret = getCookie(c, SESSION_COOKIE[kind].name);
    if (secret) {
      const core = c.get('core');
      const session = await findSession(core, secret, kind);
      if (session) {
        const reseller = await findResellerById(core, session.resellerId);
        if (reseller) {
          c.set('session', session);
          c.set('reseller', reseller);
          noteAuditActor(`reseller:${reseller.username}`);
          if (session.profileId !== null) noteAuditProfile(session.profileId);
        }
      }
    }
    await next();
  };
}

/** The signed-in session, or a redirect to the sign-in page of that audience. */
export function requireSession(kind: SessionKind, signInPath: string): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const session = c.get('session');
    if (!session || session.kind !== kind) return c.redirect(signInPath, 303);
    await next();
  };
}

export function sessionOf(c: Context<WebEnv>): Session {
  const s = c.get('session');
  if (!s) throw new Error('sessionOf called on a page without requireSession');
  return s;
}
