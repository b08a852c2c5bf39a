// Page cursors for listDomains: opaque to clients (base64url), so the keyset behind them (today the last name of the
// page) can change without breaking a client that only passes nextCursor back.
import { CoreError } from '../../core/errors.ts';

const VERSION = 'n1:';

export function encodeCursor(lastName: string): string {
  return Buffer.from(VERSION + lastName, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const text = /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!text.startsWith(VERSION) || text.length === VERSION.length) throw new CoreError('invalid_value', 'Invalid data: cursor is not one this API returned', 'cursor');
  return text.slice(VERSION.length);
}
