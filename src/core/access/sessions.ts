// Signed-in sessions of the web interface (resellers at /, registrants at /my): stored, not kept in process memory,
// so any node serves any request and a restart signs nobody out. The client holds a 256-bit secret from the CSPRNG;
// the store keeps its SHA-256, so a copy of the store hands out no working session. A session slides its idle
// expiry on use and ends at an absolute limit however busy it is. Each session carries its own CSRF token.
// Expiry runs on the wall clock, not the core's clock: a sandbox whose clock is moved ahead must not sign people out.
import crypto from 'node:crypto';
import type { Core } from '../core.ts';

export type SessionKind = 'reseller' | 'registrant';

export interface Session {
  id: number;
  kind: SessionKind;
  resellerId: number;
  profileId: number | null;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

/** Idle time after which a session ends, and the absolute limit from sign-in. */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 12 * 3_600_000;

function digest(secret: string): string {
  return crypto.createHash('sha256').update(secret, 'utf8').digest('hex');
}

export async function createSession(core: Core, input: { kind: SessionKind; resellerId: number; profileId?: number; remoteAddress: string }): Promise<{ secret: string; session: Session }> {
  const secret = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  // Housekeeping rides on sign-in: sessions past their expiry go (an indexed range delete), so the table stays small.
  await purgeExpiredSessions(core);
  const row = await core.db.insertInto('web_sessions').values({
    secret_sha256: digest(secret), kind: input.kind, reseller_id: input.resellerId, profile_id: input.profileId ?? null,
    csrf_token: csrfToken, remote_address: input.remoteAddress, created_at: now.toISOString(), last_seen_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
  }).returning('id').executeTakeFirstOrThrow();
  return { secret, session: { id: Number(row.id), kind: input.kind, resellerId: input.resellerId, profileId: input.profileId ?? null, csrfToken, createdAt: now, expiresAt } };
}

/** The live session a secret names, of the kind asked for, with its idle expiry slid forward; undefined otherwise. */
export async function findSession(core: Core, secret: string, kind: SessionKind): Promise<Session | undefined> {
  if (secret.length < 20 || secret.length > 100) return undefined;
  const presented = digest(secret);
  const row = await core.db.selectFrom('web_sessions').selectAll().where('secret_sha256', '=', presented).executeTakeFirst();
  if (!row || row.kind !== kind || !crypto.timingSafeEqual(Buffer.from(row.secret_sha256, 'hex'), Buffer.from(presented, 'hex'))) return undefined;
  const now = new Date();
  const createdAt = new Date(row.created_at);
  if (Date.parse(row.expires_at) <= now.getTime()) {
    await core.db.deleteFrom('web_sessions').where('id', '=', row.id).execute();
    return undefined;
  }
  const expiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, createdAt.getTime() + SESSION_MAX_MS));
  await core.db.updateTable('web_sessions').set({ last_seen_at: now.toISOString(), expires_at: expiresAt.toISOString() }).where('id', '=', row.id).execute();
  return {
    id: Number(row.id), kind, resellerId: Number(row.reseller_id), profileId: row.profile_id === null ? null : Number(row.profile_id),
    csrfToken: row.csrf_token, createdAt, expiresAt,
  };
}

export async function endSession(core: Core, sessionId: number): Promise<void> {
  await core.db.deleteFrom('web_sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a reseller or a profile (after a password change, say) except the one making the change. */
export async function endOtherSessions(core: Core, who: { resellerId: number; profileId?: number }, keepSessionId?: number): Promise<void> {
  let q = core.db.deleteFrom('web_sessions').where('reseller_id', '=', who.resellerId);
  q = who.profileId === undefined ? q.where('profile_id', 'is', null) : q.where('profile_id', '=', who.profileId);
  if (keepSessionId !== undefined) q = q.where('id', '!=', keepSessionId);
  await q.execute();
}

/** Drops sessions past their expiry; called from the housekeeping pass. */
export async function purgeExpiredSessions(core: Core): Promise<void> {
  const now = new Date();
  await core.db.deleteFrom('web_sessions').where('expires_at', '<=', now.toISOString()).execute();
}
