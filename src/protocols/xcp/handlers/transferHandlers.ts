// Transfers over XCP: SW_REGISTER reg_type=transfer (see registerHandler.ts), CHECK_TRANSFER, GET_TRANSFERS_IN,
// GET_TRANSFERS_AWAY, CANCEL_TRANSFER and PROCESS_TRANSFER, on the same core as EPP's <transfer>.
import { makeAssoc } from '../../ops/index.ts';
import type { XcpHandler } from '../xcpContext.ts';
import type { XcpRequest } from '../xcpRequest.ts';
import type { XcpResult } from '../xcpReply.ts';
import { XcpError } from '../xcpError.ts';
import { CoreError } from '../../../core/errors.ts';
import { approveTransfer, cancelTransfer, rejectTransfer, requestTransfer, type TransferView } from '../../../core/commands/transfers.ts';
import { listTransfers } from '../../../core/commands/transferLists.ts';
import { transferEligibility } from '../../../core/commands/transferEligibility.ts';
import { opsDate } from '../opsViews.ts';
import { readContactSet } from './registerHandler.ts';

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
  try {
    const t = await requestTransfer(ctx.core, {
      resellerId: ctx.reseller.id, name: domain, authCode, contactSet, registrant: { username: regUsername, password: regPassword },
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

export const checkTransfer: XcpHandler = async (ctx, req) => {
  const e = await transferEligibility(ctx.core, ctx.reseller.id, domainOf(req));
  return {
    code: 200, text: 'Query Successful',
    attributes: {
      transferrable: e.transferrable ? '1' : '0', reason: e.reason, status: e.status, noservice: '0',
      ...(e.lockedUntil ? { unlock_date: opsDate(e.lockedUntil) } : {}),
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
 * PROCESS_TRANSFER: the losing reseller answers a pending transfer away with reply=approve or reply=reject (regd's
 * reading: OpenSRS's own command re-submits failed transfers, which the sandbox never has; answering the losing side
 * is what a reseller needs here).
 */
export const processTransfer: XcpHandler = async (ctx, req) => {
  const reply = (req.attributes.optString('reply') ?? '').toLowerCase();
  if (!reply) throw new XcpError(460, 'Missing required field: reply (approve or reject)');
  if (reply !== 'approve' && reply !== 'reject') throw new XcpError(465, `Invalid data: reply must be approve or reject, not ${reply}`);
  const input = { resellerId: ctx.reseller.id, name: domainOf(req) };
  const t = reply === 'approve' ? await approveTransfer(ctx.core, input) : await rejectTransfer(ctx.core, input);
  return { code: 200, text: reply === 'approve' ? 'Transfer approved' : 'Transfer rejected', attributes: { transfer: transferAssoc(t) } };
};
