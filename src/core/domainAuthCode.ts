// Domain auth codes (EPP authInfo pw, XCP domain_auth_info): 6-32 printable characters without spaces.
import { CoreError } from './errors.ts';
import { generateAuthCode } from './secrets.ts';

export function validateAuthCode(code: string, field = 'authInfo'): string {
  const trimmed = code.trim();
  if (trimmed.length < 6 || trimmed.length > 32 || /[\s\x00-\x1f\x7f]/.test(trimmed)) {
    throw new CoreError('invalid_value', 'Invalid auth code: it must be 6-32 printable characters without spaces', field);
  }
  return trimmed;
}

/** A blank code asks the server to choose one. */
export function authCodeOrGenerated(code: string | undefined): string {
  return code === undefined || code.trim() === '' ? generateAuthCode() : validateAuthCode(code);
}
