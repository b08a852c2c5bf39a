// The XCP command table: "object action" (lower case) -> handler. A Map, because the key comes from the client:
// an object literal would also "find" Object.prototype members such as constructor.
import type { XcpHandler } from './xcpContext.ts';
import { getPrice, lookupDomain, nameSuggest } from './handlers/lookupHandlers.ts';
import { getBalance } from './handlers/balanceHandlers.ts';
import { swRegister } from './handlers/registerHandler.ts';
import { deleteCookieHandler, quitSession, setCookieHandler, updateCookieHandler } from './handlers/cookieHandlers.ts';
import { getDomain } from './handlers/getDomainHandler.ts';
import { modifyDomain } from './handlers/modifyDomainHandler.ts';
import { advancedUpdateNameservers } from './handlers/nameserverHandlers.ts';
import { renewDomainHandler } from './handlers/renewHandler.ts';
import { sendAuthcodeHandler, sendPasswordHandler } from './handlers/domainMailHandlers.ts';
import { tradeDomainHandler } from './handlers/tradeHandlers.ts';
import { getOrderInfoHandler, processPendingHandler } from './handlers/orderHandlers.ts';
import { revokeHandler } from './handlers/revokeHandler.ts';
import { changeOwnershipHandler } from './handlers/ownershipHandler.ts';
import { addSubuserHandler, subuserNotFoundHandler } from './handlers/subuserHandlers.ts';
import {
  belongsToRspHandler, getDeletedDomainsHandler, getDomainsByExpiredateHandler, getDomainsContactsHandler, getNotesHandler,
} from './handlers/domainQueryHandlers.ts';
import { updateContactsHandler } from './handlers/contactUpdateHandlers.ts';
import { ackEventHandler, pollEventHandler } from './handlers/eventHandlers.ts';
import { getDnssecInfoHandler, setDnssecInfoHandler } from './handlers/dnssecHandlers.ts';
import { changePasswordHandler } from './handlers/passwordHandlers.ts';
import { cancelOrderHandler, getOrdersByDomainHandler } from './handlers/orderQueryHandlers.ts';

import { approveTransferXcp, cancelTransferXcp, checkTransfer, getTransfersAway, getTransfersIn, processTransfer, rejectTransferXcp } from './handlers/transferHandlers.ts';

import { createNameserver, deleteNameserver, getNameserver, modifyNameserver, registryAddNs, registryCheckNameserver } from './handlers/nameserverObjectHandlers.ts';

export const XCP_COMMANDS: ReadonlyMap<string, XcpHandler> = new Map(Object.entries({
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
  'nameserver create': createNameserver,
  'nameserver get': getNameserver,
  'nameserver modify': modifyNameserver,
  'nameserver delete': deleteNameserver,
  'nameserver registry_add_ns': registryAddNs,
  'nameserver registry_check_nameserver': registryCheckNameserver,
  'domain check_transfer': checkTransfer,
  'domain get_transfers_in': getTransfersIn,
  'domain get_transfers_away': getTransfersAway,
  'transfer cancel_transfer': cancelTransferXcp,
  'domain cancel_transfer': cancelTransferXcp,
  'transfer process_transfer': processTransfer,
  'domain process_transfer': processTransfer,
  'transfer approve_transfer': approveTransferXcp,
  'domain approve_transfer': approveTransferXcp,
  'transfer reject_transfer': rejectTransferXcp,
  'domain reject_transfer': rejectTransferXcp,
  'domain send_password': sendPasswordHandler,
  'domain send_authcode': sendAuthcodeHandler,
  'domain trade_domain': tradeDomainHandler,
  'domain revoke': revokeHandler,
  'domain process_pending': processPendingHandler,
  'domain get_order_info': getOrderInfoHandler,
  'domain get_deleted_domains': getDeletedDomainsHandler,
  'domain get_domains_by_expiredate': getDomainsByExpiredateHandler,
  'domain get_domains_contacts': getDomainsContactsHandler,
  'domain update_contacts': updateContactsHandler,
  'domain belongs_to_rsp': belongsToRspHandler,
  'domain get_notes': getNotesHandler,
  'ownership change': changeOwnershipHandler,
  'domain change': changeOwnershipHandler,
  'subuser add': addSubuserHandler,
  'subuser get': subuserNotFoundHandler,
  'subuser modify': subuserNotFoundHandler,
  'subuser delete': subuserNotFoundHandler,
  'event poll': pollEventHandler,
  'event ack': ackEventHandler,
  'domain get_dnssec_info': getDnssecInfoHandler,
  'domain set_dnssec_info': setDnssecInfoHandler,
  'password change': changePasswordHandler,
  'domain get_orders_by_domain': getOrdersByDomainHandler,
  'order cancel_order': cancelOrderHandler,
  'domain cancel_order': cancelOrderHandler,
  'domain get_balance': getBalance,
}));
