// SW_REGISTER DOMAIN with reg_type=new (transfers arrive with the transfer issue). A premium name (LOOKUP and
// GET_PRICE say is_registry_premium=1) registers only with premium_price_to_verify, OpenSRS's acknowledgement of the
// premium price, at least that price (465 otherwise); the price is what is charged. encoding_type, the IDN
// language tag, is kept with the domain and returned by GET DOMAIN; a U-label registers as its A-label.
import type { XcpResult } from '../xcpReply.ts';
import type { XcpHandler } from '../xcpContext.ts';
import { requestTransferXcp } from './transferHandlers.ts';
import { XcpError, xcpInvalid } from '../xcpError.ts';
import type { AttributeReader } from '../attributeReader.ts';
import { registerDomain } from '../../../core/commands/registerDomain.ts';
import { CONTACT_ROLES } from '../../../core/contact.ts';
import { isAssoc, unclass } from '../../ops/index.ts';
import { opsDate } from '../opsViews.ts';
import { asyncStateOf } from '../../../core/commands/asyncRegistrations.ts';
import { CoreError } from '../../../core/errors.ts';
import { parseAmount } from '../../../core/money.ts';
import type { AcceptedPrice } from '../../../core/commands/prices.ts';

/** premium_price_to_verify (RENEW and transfers read it too): the amount the client accepts, in the TLD's currency. */
export function readPremiumPriceToVerify(attrs: AttributeReader): AcceptedPrice | undefined {
  const raw = attrs.optString('premium_price_to_verify')?.trim();
  if (raw === undefined || raw === '') return undefined;
  let amountMinor: number;
  try {
    amountMinor = parseAmount(raw);
  } catch {
    throw xcpInvalid(`Invalid data: premium_price_to_verify must be an amount such as 109.90, not ${JSON.stringify(raw.slice(0, 40))}`);
  }
  if (amountMinor < 0) throw xcpInvalid('Invalid data: premium_price_to_verify must not be negative');
  return { amountMinor };
}

export function readContactSet(attrs: AttributeReader): Record<string, Record<string, string>> | undefined {
  const set = attrs.optAssoc('contact_set');
  if (!set) return undefined;
  const out: Record<string, Record<string, string>> = {};
  for (const role of CONTACT_ROLES) {
    const c = set.optAssoc(role);
    if (c) out[role] = c.stringRecord();
  }
  return out;
}

/** nameserver_list: [{name, sortorder}, ...]; some clients send sort_order. */
export function readNameserverList(attrs: AttributeReader, key: string): Array<{ name: string; sortOrder?: number }> {
  const list = attrs.optList(key) ?? [];
  return list.map((item, i) => {
    if (typeof item === 'string') return { name: item };
    if (!isAssoc(item)) throw xcpInvalid(`Invalid data: ${key}[${i}] must be a hash with name and sortorder`);
    const name = item.name === undefined ? undefined : unclass(item.name);
    if (typeof name !== 'string' || name.trim() === '') throw new XcpError(460, `Missing required field: ${key}[${i}].name`);
    const so = unclass(item.sortorder ?? item.sort_order ?? '');
    if (typeof so !== 'string') throw xcpInvalid(`Invalid data: ${key}[${i}].sortorder`);
    if (so !== '' && !/^\d{1,4}$/.test(so.trim())) throw xcpInvalid(`Invalid data: ${key}[${i}].sortorder must be a number`);
    return { name: name.trim(), sortOrder: so === '' ? undefined : Number(so) };
  });
}

export const swRegister: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const a = req.attributes;
  const regType = (a.optString('reg_type') ?? '').toLowerCase();
  if (regType === '') throw new XcpError(460, 'Missing required field: reg_type');
  if (regType === 'transfer') return requestTransferXcp(ctx, req);
  if (regType !== 'new') throw new XcpError(465, `Invalid registration type: ${regType}`);
  const handle = (a.optString('handle') ?? 'process').toLowerCase();
  if (handle !== 'process' && handle !== 'save') throw xcpInvalid(`Invalid data: handle must be process or save, not ${handle}`);
  const custom = a.flag('custom_nameservers', false);
  const nameservers = custom ? readNameserverList(a, 'nameserver_list') : undefined;
  if (custom && nameservers!.length === 0) throw new XcpError(460, 'Missing required field: nameserver_list');
  const input = {
    resellerId: ctx.reseller.id,
    domain: a.string('domain'),
    period: a.optInt('period') ?? 1,
    contactSet: readContactSet(a),
    nameservers,
    regUsername: a.optString('reg_username'),
    regPassword: a.optString('reg_password'),
    autoRenew: a.flag('auto_renew', false),
    lock: a.flag('f_lock_domain', false),
    whoisPrivacy: a.flag('f_whois_privacy', false),
    handle: handle as 'process' | 'save',
    authCode: a.optString('auth_info'),
    tldData: a.optAssoc('tld_data')?.plain(),
    acceptedPrice: readPremiumPriceToVerify(a),
    encodingType: a.optString('encoding_type'),
  };
  let result;
  try {
    result = await registerDomain(ctx.core, input);
  } catch (err) {
    // A name held by a registration still waiting at an asynchronous registry: 437 while it waits, 486 while processed.
    if (err instanceof CoreError && err.kind === 'domain_taken') {
      const state = await asyncStateOf(ctx.core, input.domain.trim().toLowerCase());
      if (state === 'waiting') throw new XcpError(437, 'Cannot process command because there is already another request waiting on this domain');
      if (state === 'processing') throw new XcpError(486, 'Entity already exists in a processing state; try again in a few seconds to a minute');
    }
    if (err instanceof CoreError && err.kind === 'price_not_accepted') {
      throw new XcpError(465, `Invalid data: ${err.message} (premium_price_to_verify, as LOOKUP or GET_PRICE report it)`);
    }
    throw err;
  }
  if (result.status === 'submitted') {
    return {
      code: 250, text: 'Action submitted successfully for processing to asynchronous registry',
      attributes: { id: String(result.orderId), domain_id: String(result.domainId), registration_code: '250', async_reason: 'The registry answers asynchronously' },
    };
  }
  if (result.status === 'saved') {
    return {
      code: 200, text: 'Registration request saved for later processing',
      attributes: { id: String(result.orderId), forced_pending: '1', registration_code: '200', registration_text: 'Order saved' },
    };
  }
  return {
    code: 200, text: 'Domain registration successfully completed',
    attributes: {
      id: String(result.orderId), domain_id: String(result.domainId), registration_code: '200',
      registration_text: 'Domain registration successfully completed', async_reason: '',
      registration_expiration_date: opsDate(result.expiresAt!), new_profile: result.profileCreated ? '1' : '0',
    },
  };
};
