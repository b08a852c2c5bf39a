// The XCP command table: "object action" (lower case) -> handler.
import type { XcpHandler } from './xcpContext.ts';
import { getPrice, lookupDomain, nameSuggest } from './handlers/lookupHandlers.ts';
import { getBalance } from './handlers/balanceHandlers.ts';
import { swRegister } from './handlers/registerHandler.ts';
import { deleteCookieHandler, quitSession, setCookieHandler, updateCookieHandler } from './handlers/cookieHandlers.ts';
import { getDomain } from './handlers/getDomainHandler.ts';
import { modifyDomain } from './handlers/modifyDomainHandler.ts';
import { advancedUpdateNameservers } from './handlers/nameserverHandlers.ts';
import { renewDomainHandler } from './handlers/renewHandler.ts';

export const XCP_COMMANDS: Record<string, XcpHandler> = {
  'domain lookup': lookupDomain,
  'domain name_suggest': nameSuggest,
  'domain get_price': getPrice,
  'balance get_balance': getBalance,
  'domain sw_register': swRegister,
  'cookie set': setCookieHandler,
  'cookie update': updateCookieHandler,
  'cookie delete': deleteCookieHandler,
  'session quit': quitSession,
  'domain get': getDomain,
  'domain modify': modifyDomain,
  'domain advanced_update_nameservers': advancedUpdateNameservers,
  'domain renew': renewDomainHandler,
};
