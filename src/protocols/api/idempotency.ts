// Idempotency keys on the JSON API's writes (the IETF httpapi Idempotency-Key header): a client that did not hear an
// answer may send the same request again with the same key and gets the first answer again, so a lost reply never
// registers or charges twice. The key is reserved in the store (idempotency_keys, migration 013) before the work
// runs, per caller, so two processes behind one database agree too:
//   - a retry with the same method, path and body gets the stored answer (status and body) with Idempotent-Replayed;
//   - the same key with another request is refused (422 idempotency_key_reused), as is a retry while the first is
//     still running (409 request_in_progress);
//   - an answer that says nothing happened (5xx, 429) frees the key, so the retry does the work.
// Keys are kept 24 hours of wall-clock time: they are about a client's retries, not about the domain life cycle, so
// the sandbox clock (which tests move by days) must not expire them.
import crypto from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Core } from '../../core/core.ts';
import { isUniqueViolation } from '../../store/uniqueViolation.ts';
import { ApiProblem } from './problem.ts';
import type { ApiEnv } from './apiEnv.ts';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
/** 1-255 visible ASCII characters: enough for a UUID or a client's own order reference, never a line break. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;
/**
 * A reservation still 'running' after this long belongs to a request whose process died (a request ends within the
 * registry deadline, seconds): the key is taken over. Running the work again is safe, as the core refuses what was
 * done already (a held name, a renewal's expiry year).
 */
const ABANDONED_AFTER_MS = 10 * 60 * 1000;
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

interface StoredAnswer { status: number; contentType: string; body: string }

type Reservation = { kind: 'reserved'; id: number } | { kind: 'replay'; answer: StoredAnswer };

/** The caller a key belongs to; the JSON API's reseller operations use the token's reseller. */
export type KeyOwner = (c: Context<ApiEnv>) => string;
const resellerOwner: KeyOwner = (c) => `reseller:${c.get('reseller').id}`;

async function requestDigest(c: Context<ApiEnv>): Promise<string> {
  const url = new URL(c.req.url);
  // Hono caches the body it read, so the validators after this middleware read it again.
  const body = await c.req.arrayBuffer();
  return crypto.createHash('sha256').update(`${c.req.method}\n${url.pathname}${url.search}\n`).update(Buffer.from(body)).digest('hex');
}

async function reserve(core: Core, owner: string, key: string, digest: string): Promise<Reservation> {
  const now = Date.now();
  for (let attempt = 0; attempt < 3; attempt++) {
    // Expired keys go first (this one's too, so it can be used afresh); the index on created_at keeps it cheap.
    await core.db.deleteFrom('idempotency_keys').where('created_at', '<', new Date(now - KEY_LIFETIME_MS).toISOString()).execute();
    try {
      const row = await core.db.insertInto('idempotency_keys').values({
        owner, key, request_sha256: digest, state: 'running', status: null, content_type: null, body: null, created_at: new Date(now).toISOString(),
      }).returning('id').executeTakeFirstOrThrow();
      return { kind: 'reserved', id: Number(row.id) };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    const held = await core.db.selectFrom('idempotency_keys').selectAll().where('owner', '=', owner).where('key', '=', key).executeTakeFirst();
    if (!held) continue; // released or expired meanwhile: try again
    if (held.request_sha256 !== digest) {
      throw new ApiProblem('idempotency_key_reused', 'This Idempotency-Key was used with another request (method, path or body); use a new key for a new request', IDEMPOTENCY_KEY_HEADER);
    }
    if (held.state === 'done') return { kind: 'replay', answer: { status: Number(held.status), contentType: held.content_type ?? 'application/json', body: held.body ?? '' } };
    if (now - Date.parse(held.created_at) < ABANDONED_AFTER_MS) {
      throw new ApiProblem('request_in_progress', 'A request with this Idempotency-Key is still being answered; retry it in a moment', IDEMPOTENCY_KEY_HEADER);
    }
    await core.db.deleteFrom('idempotency_keys').where('id', '=', held.id).where('state', '=', 'running').execute();
  }
  throw new ApiProblem('request_in_progress', 'A request with this Idempotency-Key is still being answered; retry it in a moment', IDEMPOTENCY_KEY_HEADER);
}

/** Whether the answer says nothing happened, so the same request may run again under the same key. */
const nothingHappened = (status: number): boolean => status >= 500 || status === 429;

/**
 * The middleware: applied per write route (before the route's validators), it does nothing without the header. The
 * answer stored is whatever the route and the app's error handler made of the request, problems included.
 */
export function idempotencyKeys(ownerOf: KeyOwner = resellerOwner): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const key = c.req.header(IDEMPOTENCY_KEY_HEADER);
    if (key === undefined || !WRITE_METHODS.has(c.req.method)) return next();
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new ApiProblem('invalid_value', 'Invalid Idempotency-Key: 1-255 visible ASCII characters (no spaces)', IDEMPOTENCY_KEY_HEADER);
    }
    const core = c.get('core');
    const reservation = await reserve(core, ownerOf(c), key, await requestDigest(c));
    if (reservation.kind === 'replay') {
      const { status, contentType, body } = reservation.answer;
      return new Response(body === '' ? null : body, { status, headers: { 'Content-Type': contentType, [REPLAYED_HEADER]: 'true' } });
    }
    let settled = false;
    try {
      await next();
      const res = c.res;
      if (nothingHappened(res.status)) return;
      await core.db.updateTable('idempotency_keys').set({
        state: 'done', status: res.status, content_type: res.headers.get('content-type'), body: await res.clone().text(),
      }).where('id', '=', reservation.id).execute();
      settled = true;
    } finally {
      if (!settled) await core.db.deleteFrom('idempotency_keys').where('id', '=', reservation.id).execute();
    }
  };
}
