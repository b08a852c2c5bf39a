// Transfers over XCP: SW_REGISTER reg_type=transfer (see registerHandler.ts), CHECK_TRANSFER, GET_TRANSFERS_IN,
// GET_TRANSFERS_AWAY, CANCEL_TRANSFER, PROCESS_TRANSFER (OpenSRS's meaning: resubmit a cancelled or failed transfer
// order) and regd's APPROVE_TRANSFER / REJECT_TRANSFER (the losing reseller's answer; OpenSRS has no command for it,
// EPP's is <transfer op="approve|reject">), on the same core as EPP's <transfer>.
import { makeAssoc } from '../../ops/index.ts';
import type { XcpHandler } from '../xcpContext.ts';
import type { XcpRequest } from '../xcpRequest.ts';
import type { XcpResult } from '../xcpReply.ts';
import { XcpError } from '../xcpError.ts';
import { CoreError } from '../../../core/errors.ts';
import {
  approveTransfer, cancelTransfer, rejectTransfer, requestTransfer, resubmitTransfer, transferRequestInfo, type TransferView,
} from '../../../core/commands/transfers.ts';
import { listTransfers } from '../../../core/commands/transferLists.ts';
import { transferEligibility } from '../../../core/commands/transferEligibility.ts';
import { opsDate } from '../opsViews.ts';
import { readContactSet, readNameserverList, readPremiumPriceToVerify } from './registerHandler.ts';

const domainOf = (req: XcpRequest): string => req.attributes.optString('domain') ?? req.domain ?? req.attributes.string('domain');

function transferAssoc(t: TransferView & { id?: number }) {
  return makeAssoc({
    ...(t.id === undefined ? {} : { id: String(t.id) }), domain: t.name, status: t.status, gaining_rsp: t.gainingUsername,
    losing_rsp: t.losingUsername, request_date: opsDate(t.requestedAt), action_date: opsDate(t.actionAt),
    ...(t.expiresAt ? { expiredate_after: opsDate(t.expiresAt) } : {}),
  });
}

/**
 * SW_REGISTER reg_type=transfer: the request, paid at once, pending until the losing side or the window decides.
 * As with reg_type=new, contact_set and reg_username/reg_password are required: the domain joins that registrant
 * profile (created if new, checked if it exists) with those contacts when the transfer completes.
 */
export async function requestTransferXcp(ctx: Parameters<XcpHandler>[0], req: XcpRequest): Promise<XcpResult> {
  const a = req.attributes;
  const domain = a.string('domain');
  const authCode = a.optString('auth_info') ?? a.optString('domain_auth_info');
  if (!authCode) throw new XcpError(460, 'Missing required field: auth_info');
  const contactSet = readContactSet(a);
  if (!contactSet) throw new XcpError(460, 'Missing required field: contact_set');
  const regUsername = a.optString('reg_username');
  const regPassword = a.optString('reg_password');
  if (!regUsername) throw new XcpError(460, "Required field 'reg_username' not provided");
  if (!regPassword) throw new XcpError(460, "Required field 'reg_password' not provided");
  // nameserver_list: the delegation the domain gets when the transfer completes, unless custom_transfer_nameservers=0
  // says to keep the one it has.
  const keepNameservers = a.optString('custom_transfer_nameservers') === '0';
  const nameservers = keepNameservers ? undefined : readNameserverList(a, 'nameserver_list');
  try {
    const t = await requestTransfer(ctx.core, {
      resellerId: ctx.reseller.id, name: domain, authCode, contactSet, registrant: { username: regUsername, password: regPassword },
      ...(nameservers && nameservers.length > 0 ? { nameservers } : {}),
      acceptedPrice: readPremiumPriceToVerify(a),
    });
    return {
      code: 200, text: 'Transfer request has been submitted; it completes when the current sponsor approves or the transfer window ends',
      attributes: {
        transfer_status: t.status, transfer_action_date: opsDate(t.actionAt), registration_code: '200', registration_text: 'Transfer pending',
        ...(t.orderId !== undefined ? { id: String(t.orderId), order_id: String(t.orderId) } : {}),
      },
    };
  } catch (err) {
    if (err instanceof CoreError && err.kind === 'transfer_lock') throw new XcpError(552, `Domain is less than 60 days old: ${err.message}`);
    // 487 is OpenSRS's answer for a name that cannot move (locked, pending deletion, already yours).
    if (err instanceof CoreError && (err.kind === 'status_prohibits' || err.kind === 'not_eligible_transfer')) {
      throw new XcpError(487, `Domain not transferable: ${err.message}`);
    }
    if (err instanceof CoreError && err.kind === 'not_found') throw new XcpError(487, `Domain not transferable: ${err.message}`);
    throw err;
  }
}

/**
 * CHECK_TRANSFER. check_status=1 adds, for a transfer the caller is a party to, its state (status: pending,
 * completed or cancelled) and when it was requested (timestamp, "YYYY-MM-DD HH:MM:SS" UTC, and unixtime, seconds);
 * get_request_address=1 adds request_address, the e-mail address the request for approval went to.
 */
export const checkTransfer: XcpHandler = async (ctx, req) => {
  const domain = domainOf(req);
  const e = await transferEligibility(ctx.core, ctx.reseller.id, domain);
  const checkStatus = req.attributes.flag('check_status', false);
  const wantAddress = req.attributes.flag('get_request_address', false);
  const info = checkStatus || wantAddress ? await transferRequestInfo(ctx.core, ctx.reseller.id, domain) : undefined;
  return {
    code: 200, text: 'Query Successful',
    attributes: {
      transferrable: e.transferrable ? '1' : '0', reason: e.reason, status: checkStatus && info ? info.state : e.status, noservice: '0',
      ...(e.lockedUntil ? { unlock_date: opsDate(e.lockedUntil) } : {}),
      ...(checkStatus && info ? { timestamp: opsDate(info.requestedAt), unixtime: String(Math.floor(Date.parse(info.requestedAt) / 1000)) } : {}),
      ...(wantAddress && info?.requestAddress ? { request_address: info.requestAddress } : {}),
    },
  };
};

const listing = (side: 'in' | 'away'): XcpHandler => async (ctx, req) => {
  const a = req.attributes;
  const page = a.optInt('page') ?? 0;
  const limit = a.optInt('limit') ?? 40;
  if (page < 0 || limit < 1 || limit > 1000) throw new XcpError(465, 'Invalid data: page must be 0 or more and limit 1-1000');
  const r = await listTransfers(ctx.core, { resellerId: ctx.reseller.id, side, status: a.optString('status'), page, limit });
  return {
    code: 200, text: 'Query Successful',
    attributes: { total: String(r.total), page: String(page), limit: String(limit), transfers: r.transfers.map(transferAssoc) },
  };
};

export const getTransfersIn = listing('in');
export const getTransfersAway = listing('away');

export const cancelTransferXcp: XcpHandler = async (ctx, req) => {
  const t = await cancelTransfer(ctx.core, { resellerId: ctx.reseller.id, name: domainOf(req) });
  return { code: 200, text: 'Transfer cancelled; the transfer fee was refunded', attributes: { transfer: transferAssoc(t) } };
};

/**
 * PROCESS_TRANSFER (OpenSRS): resubmits a cancelled or failed transfer order (order_id; reseller, if given, must be
 * the caller) as a new order with the same data; the old order is not modified. Charged again only if the old order
 * was refunded. auth_info, if given, replaces the auth code the old order sent.
 */
export const processTransfer: XcpHandler = async (ctx, req) => {
  const a = req.attributes;
  const raw = a.optString('order_id');
  if (!raw) throw new XcpError(460, 'Missing required field: order_id');
  if (!/^[0-9]{1,15}$/.test(raw)) throw new XcpError(465, `Invalid data: order_id must be a number, not ${raw}`);
  const reseller = a.optString('reseller');
  if (reseller !== undefined && reseller !== '' && reseller !== ctx.reseller.username) throw new XcpError(480, `Order ${raw} not found for reseller ${reseller}`);
  const t = await resubmitTransfer(ctx.core, { resellerId: ctx.reseller.id, orderId: Number(raw), authCode: a.optString('auth_info') || undefined });
  return {
    code: 200, text: t.charged ? 'Transfer order resubmitted' : 'Transfer order resubmitted; the payment of the original order carries over',
    attributes: {
      ...(t.orderId !== undefined ? { id: String(t.orderId), order_id: String(t.orderId) } : {}), original_order_id: String(t.resubmittedFrom),
      charged: t.charged ? '1' : '0', transfer: transferAssoc(t),
    },
  };
};

/** APPROVE_TRANSFER / REJECT_TRANSFER (regd): the losing reseller answers a pending transfer away. */
const answerTransfer = (reply: 'approve' | 'reject'): XcpHandler => async (ctx, req) => {
  const input = { resellerId: ctx.reseller.id, name: domainOf(req) };
  const t = reply === 'approve' ? await approveTransfer(ctx.core, input) : await rejectTransfer(ctx.core, input);
  return { code: 200, text: reply === 'approve' ? 'Transfer approved' : 'Transfer rejected', attributes: { transfer: transferAssoc(t) } };
};

export const approveTransferXcp = answerTransfer('approve');
export const rejectTransferXcp = answerTransfer('reject');
