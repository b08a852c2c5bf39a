// Page cursors for the listings ordered newest first by id (orders, the ledger): opaque to clients (base64url) like
// listDomains' name cursors (../cursor.ts), with their own version tag so one listing's cursor is never taken for
// another's keyset.
import { CoreError } from '../../../core/errors.ts';

const VERSION = 'i1:';

export function encodeIdCursor(lastId: number): string {
  return Buffer.from(VERSION + String(lastId), 'utf8').toString('base64url');
}

export function decodeIdCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const id = /^i1:[1-9][0-9]{0,15}$/.test(text) ? Number(text.slice(VERSION.length)) : NaN;
  if (!Number.isSafeInteger(id)) throw new CoreError('invalid_value', 'Invalid data: cursor is not one this API returned', 'cursor');
  return id;
}

/** The nextCursor of a page: the last id shown when more follow, else null. */
export function nextIdCursor(page: { items: Array<{ id: number }>; more: boolean }): string | null {
  const last = page.items[page.items.length - 1];
  return page.more && last ? encodeIdCursor(last.id) : null;
}
