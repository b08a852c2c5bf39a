// LOOKUP DOMAIN, NAME_SUGGEST DOMAIN and GET_PRICE DOMAIN. LOOKUP and GET_PRICE say whether a name is premium-priced
// at its registry (is_registry_premium) and, for a premium name, its price; SW_REGISTER then wants that price
// acknowledged (premium_price_to_verify, registerHandler.ts).
import type { XcpResult } from '../xcpReply.ts';
import { makeAssoc, type OpsAssoc } from '../../ops/index.ts';
import type { XcpHandler } from '../xcpContext.ts';
import { checkAvailability, offeredTlds } from '../../../core/commands/checkAvailability.ts';
import { lookupAcrossTlds, premiumSuggestions, searchLabel, suggestNames, SUGGEST_SERVICES } from '../../../core/commands/suggestNames.ts';
import { priceOfName, type PriceAction } from '../../../core/commands/prices.ts';
import { parseDomainName } from '../../../core/domainName.ts';
import { formatAmount } from '../../../core/money.ts';
import { XcpError, xcpInvalid } from '../xcpError.ts';
import { asyncStateOf } from '../../../core/commands/asyncRegistrations.ts';

export const lookupDomain: XcpHandler = async (ctx, req): Promise<XcpResult> => {
  const a = await checkAvailability(ctx.core, req.attributes.string('domain'));
  const pending = a.available ? undefined : await asyncStateOf(ctx.core, a.name);
  if (pending === 'processing') return { code: 486, text: 'Entity already exists in a processing state; try again in a few seconds to a minute', attributes: { status: 'taken' } };
  if (pending === 'waiting') return { code: 221, text: 'Domain taken (a waiting registration exists)', attributes: { status: 'taken', reason: 'waiting registration' } };
  if (!a.available) return { code: 211, text: 'Domain taken', attributes: { status: 'taken', reason: a.reason } };
  // A premium name: its one-year registration price, which SW_REGISTER's premium_price_to_verify must cover.
  const price = await priceOfName(ctx.core, a, 'register', 1).catch(() => undefined);
  return {
    code: 210, text: 'Domain available',
    attributes: price?.premium
      ? { status: 'available', is_registry_premium: '1', price: formatAmount(price.amountMinor), currency: price.currency, price_status: 'premium' }
      : { status: 'available', is_registry_premium: '0' },
  };
};

const DEFAULT_SUGGEST_TLDS = ['.com', '.net', '.org', '.info', '.biz'];

export const nameSuggest: XcpHandler = async (ctx, req) => {
  const attrs = req.attributes;
  const label = searchLabel(attrs.string('searchstring'));
  const offered = new Set(offeredTlds(ctx.core));
  const tlds = (attrs.optStringList('tlds') ?? DEFAULT_SUGGEST_TLDS).map((t) => t.toLowerCase().replace(/^\./, ''));
  for (const t of tlds) if (!offered.has(t)) throw xcpInvalid(`Invalid data: TLD .${t} is not offered`);
  const requested = [...new Set((attrs.optStringList('services') ?? ['lookup', 'suggestion']).map((s) => s.trim().toLowerCase()))];
  const maximum = Math.min(Math.max(attrs.optInt('maximum') ?? 20, 1), 100);
  // Services regd does not offer (OpenSRS's personal_names among them) are named in the reply, never dropped
  // silently: with no offered service at all the request fails (465); otherwise each gets a failed service result
  // and `unsupported_services` lists them.
  const unsupported = requested.filter((s) => !SUGGEST_SERVICES.includes(s as never));
  const shown = (s: string) => JSON.stringify(s.slice(0, 40));
  if (requested.length === 0 || unsupported.length === requested.length) {
    throw xcpInvalid(`Invalid data: unsupported service(s) ${unsupported.map(shown).join(', ') || '(none given)'}; offered: ${SUGGEST_SERVICES.join(', ')}`);
  }
  const out: OpsAssoc = makeAssoc();
  for (const service of requested) {
    if (service === 'lookup') {
      const items = await lookupAcrossTlds(ctx.core, label, tlds);
      out.lookup = serviceResult(items.map((i) => makeAssoc({ domain: i.name, status: i.available ? 'available' : 'taken' })));
    } else if (service === 'suggestion') {
      const items = await suggestNames(ctx.core, label, tlds, maximum);
      out.suggestion = serviceResult(items.map((i) => makeAssoc({ domain: i.name, status: 'available' })));
    } else if (service === 'premium') {
      const items = await premiumSuggestions(ctx.core, label, tlds, maximum);
      out.premium = serviceResult(items.map((i) => makeAssoc({
        domain: i.name, status: 'available', price: formatAmount(i.price.amountMinor), currency: i.price.currency, is_registry_premium: '1',
      })));
    } else if (/^[a-z0-9_]{1,40}$/.test(service)) {
      out[service] = makeAssoc({
        count: '0', items: [], is_success: '0', response_code: '500',
        response_text: `Service ${shown(service)} is not supported; offered: ${SUGGEST_SERVICES.join(', ')}`,
      });
    }
  }
  if (unsupported.length > 0) out.unsupported_services = unsupported;
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
  const price = await priceOfName(ctx.core, dn, action, period);
  return {
    code: 200, text: 'Command completed successfully',
    attributes: { price: formatAmount(price.amountMinor), currency: price.currency, is_registry_premium: price.premium ? '1' : '0' },
  };
};
