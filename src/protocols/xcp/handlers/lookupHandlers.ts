// LOOKUP DOMAIN, NAME_SUGGEST DOMAIN and GET_PRICE DOMAIN.
import type { XcpResult } from '../xcpReply.ts';
import { makeAssoc } from '../../ops/index.ts';
import type { XcpHandler } from '../xcpContext.ts';
import { checkAvailability, offeredTlds } from '../../../core/commands/checkAvailability.ts';
import { lookupAcrossTlds, searchLabel, suggestNames } from '../../../core/commands/suggestNames.ts';
import { priceFor, type PriceAction } from '../../../core/commands/prices.ts';
import { parseDomainName } from '../../../core/domainName.ts';
import { formatAmount } from '../../../core/money.ts';
import { XcpError, xcpInvalid } from '../xcpError.ts';
import { asyncStateOf } from '../../../core/commands/asyncRegistrations.ts';

export const lookupDomain: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const a = await checkAvailability(ctx.core, req.attributes.string('domain'));
  const pending = a.available ? undefined : await asyncStateOf(ctx.core, a.name);
  if (pending === 'processing') return { code: 486, text: 'Entity already exists in a processing state; try again in a few seconds to a minute', attributes: { status: 'taken' } };
  if (pending === 'waiting') return { code: 221, text: 'Domain taken (a waiting registration exists)', attributes: { status: 'taken', reason: 'waiting registration' } };
  return a.available
    ? { code: 210, text: 'Domain available', attributes: { status: 'available' } }
    : { code: 211, text: 'Domain taken', attributes: { status: 'taken', reason: a.reason } };
};

const DEFAULT_SUGGEST_TLDS = ['.com', '.net', '.org', '.info', '.biz'];

export const nameSuggest: XcpHandler = async (ctx, req) => {
  const attrs = req.attributes;
  const label = searchLabel(attrs.string('searchstring'));
  const offered = new Set(offeredTlds(ctx.core));
  const tlds = (attrs.optStringList('tlds') ?? DEFAULT_SUGGEST_TLDS).map((t) => t.toLowerCase().replace(/^\./, ''));
  for (const t of tlds) if (!offered.has(t)) throw xcpInvalid(`Invalid data: TLD .${t} is not offered`);
  const services = attrs.optStringList('services') ?? ['lookup', 'suggestion'];
  const maximum = Math.min(Math.max(attrs.optInt('maximum') ?? 20, 1), 100);
  const out: Record<string, ReturnType<typeof makeAssoc>> = {};
  for (const service of services.map((s) => s.toLowerCase())) {
    if (service === 'lookup') {
      const items = await lookupAcrossTlds(ctx.core, label, tlds);
      out.lookup = serviceResult(items.map((i) => makeAssoc({ domain: i.name, status: i.available ? 'available' : 'taken' })));
    } else if (service === 'suggestion') {
      const items = await suggestNames(ctx.core, label, tlds, maximum);
      out.suggestion = serviceResult(items.map((i) => makeAssoc({ domain: i.name, status: 'available' })));
    } else if (service !== 'premium' && service !== 'personal_names') {
      throw xcpInvalid(`Invalid data: unknown service ${service}`);
    }
  }
  return { code: 200, text: 'Command completed successfully', attributes: out };
};

function serviceResult(items: ReturnType<typeof makeAssoc>[]) {
  return makeAssoc({ count: String(items.length), items, response_code: '200', response_text: 'Command completed successfully', is_success: '1' });
}

/** A Map: reg_type comes from the client, and an object literal would also "find" reg_type=constructor. */
const REG_TYPES: ReadonlyMap<string, PriceAction> = new Map([['new', 'register'], ['renewal', 'renew'], ['transfer', 'transfer']]);

export const getPrice: XcpHandler = async (ctx, req) => {
  const attrs = req.attributes;
  const dn = parseDomainName(attrs.string('domain'), offeredTlds(ctx.core));
  const regType = (attrs.optString('reg_type') ?? 'new').toLowerCase();
  const action = REG_TYPES.get(regType);
  if (!action) throw new XcpError(465, `Invalid registration type: ${regType}`);
  const period = attrs.optInt('period') ?? 1;
  const price = await priceFor(ctx.core, dn.tld, action, period);
  return { code: 200, text: 'Command completed successfully', attributes: { price: formatAmount(price.amountMinor), currency: price.currency, is_registry_premium: '0' } };
};
