// Pins a reseller's EPP logins to one client certificate (by its SHA-256 fingerprint), or removes the pin. With a
// pin, EPP login also needs a TLS client certificate with exactly that fingerprint (resellers.epp_cert_sha256).
import type { Core } from '../core.ts';
import { CoreError } from '../errors.ts';
import { recordHistory } from '../history.ts';
import { findResellerByUsername } from './resellers.ts';

/**
 * The canonical form stored and compared at login: 64 lower-case hex digits. Accepts the forms tools print:
 * `openssl x509 -fingerprint -sha256` ("SHA256 Fingerprint=AB:CD:..."), colon-separated or plain, any case.
 */
export function normalizeCertSha256(input: string): string {
  const hex = input.trim().replace(/^sha-?256\s*fingerprint\s*=\s*/i, '').replace(/:/g, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new CoreError('invalid_value', 'A SHA-256 certificate fingerprint is 64 hex digits (colons allowed)', 'sha256');
  }
  return hex;
}

/** Sets (fingerprint) or clears (null) the pin; returns the stored value. */
export async function setResellerEppCertPin(core: Core, username: string, sha256: string | null): Promise<string | null> {
  const reseller = await findResellerByUsername(core, username);
  if (!reseller) throw new CoreError('not_found', `Reseller ${username} not found`, 'username');
  const pin = sha256 === null ? null : normalizeCertSha256(sha256);
  const now = await core.clock.now();
  await core.db.transaction().execute(async (trx) => {
    await trx.updateTable('resellers').set({ epp_cert_sha256: pin, updated_at: now.toISOString() }).where('id', '=', reseller.id).execute();
    await recordHistory(trx, {
      at: now, resellerId: reseller.id, domainId: null, objectType: 'reseller', objectId: reseller.id,
      action: pin === null ? 'clear_epp_cert_pin' : 'set_epp_cert_pin', detail: pin === null ? {} : { sha256: pin },
    });
  });
  return pin;
}
