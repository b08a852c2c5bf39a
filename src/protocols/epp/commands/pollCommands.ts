// EPP <poll> (RFC 5730 2.9.2.3), keyed "poll". op="req" runs the life-cycle pass (so clock-driven events are
// queued first), then answers 1301 with the oldest message (msgQ count/id/qDate/msg and its resData) or 1300 when
// the queue is empty. op="ack" msgID=N dequeues N: 1000 with msgQ (count left, id of the next message), or 1300
// when that emptied the queue (as the Openprovider guide shows); an unknown id, or another client's, is 2303.
//
// Message bodies follow the Openprovider guide's poll examples for sessions that named the Openprovider extension at
// login (others get RFC 5731's trnData / panData throughout): a transfer carries <domain:trnData>, except the
// message to the losing side that its domain has gone (an outgoing transfer completed), which carries the reduced
// <domain:infData> of the now foreign object (name, roid, status, clID: the new sponsor), as the guide's OUTGOING
// TRANSFER reply does; a registration an asynchronous registry completed carries <domain:creData> (name, crDate,
// exDate) as the guide's CREATE reply (a failed one <domain:panData paResult="0">); another completed pending action
// (the purge after a delete, a restore) <domain:panData>; an auto-renewal <domain:renData>; life-cycle notices and
// trade steps carry only msgQ/msg. Sessions that named the Openprovider extension at login also get
// <op:ext><op:resData> with <op:polData> (action, status, transaction, title and the guide's description of the
// action and status) in the container the guide shows: op:trnData, op:infData (outgoing transfer, notices),
// op:creData, op:panData, or for a trade op:trdData with the trade's name, trStatus, reID/reDate and acID/acDate.
import type { EppHandler, EppResult, EppContext } from '../eppTypes.ts';
import { EppError } from '../eppTypes.ts';
import { NS } from '../eppNamespaces.ts';
import { el, textEl } from '../xmlWriter.ts';
import { ackPoll, peekPoll, polledDomainOf, type PollMessage, type PollPayload } from '../../../core/commands/pollQueue.ts';
import { runLifecycle } from '../../../core/lifecycle.ts';
import { renderTrnData } from './transferCommands.ts';

/** How a message is rendered: its resData and the op:resData container its polData goes in. */
interface MessageShape { resData?: string; container: 'trnData' | 'panData' | 'infData' | 'creData' | 'trdData' }

const COMPLETED = new Set(['clientApproved', 'serverApproved']);

async function shapeOf(ctx: EppContext, m: PollMessage): Promise<MessageShape> {
  const p = m.payload;
  // The guide's own shapes (infData, creData) for sessions that speak Openprovider's dialect; RFC 5731's trnData and
  // panData for the rest (an upstream regd logged in without op:ext reads transfer outcomes from trnData).
  const openprovider = ctx.session.extURIs.has(NS.op);
  switch (p.type) {
    case 'transfer': {
      if (openprovider && p.side === 'losing' && COMPLETED.has(p.transfer.status)) {
        // The Openprovider guide's OUTGOING TRANSFER: the domain as another client now sees it.
        const roid = p.roid ?? (await polledDomainOf(ctx.core, p.transfer.name))?.roid;
        if (roid) {
          return {
            container: 'infData',
            resData: el('domain:infData', { 'xmlns:domain': NS.domain },
              textEl('domain:name', p.transfer.name), textEl('domain:roid', roid), el('domain:status', { s: 'ok' }), textEl('domain:clID', p.transfer.gainingUsername)),
          };
        }
      }
      return { container: 'trnData', resData: renderTrnData(p.transfer) };
    }
    case 'pendingAction': {
      if (openprovider && p.action === 'create' && p.ok) {
        // The guide's CREATE: the registration an asynchronous registry completed, with its dates.
        const d = await polledDomainOf(ctx.core, p.name);
        if (d) {
          return {
            container: 'creData',
            resData: el('domain:creData', { 'xmlns:domain': NS.domain },
              textEl('domain:name', p.name), textEl('domain:crDate', d.createdAt), textEl('domain:exDate', d.expiresAt)),
          };
        }
      }
      return {
        container: 'panData',
        resData: el('domain:panData', { 'xmlns:domain': NS.domain },
          textEl('domain:name', p.name, { paResult: p.ok ? '1' : '0' }),
          el('domain:paTRID', {}, textEl('svTRID', p.reference)),
          textEl('domain:paDate', p.at)),
      };
    }
    case 'renewal':
      return { container: 'infData', resData: el('domain:renData', { 'xmlns:domain': NS.domain }, textEl('domain:name', p.name), textEl('domain:exDate', p.expiresAt)) };
    case 'trade':
      return { container: 'trdData' };
    case 'notice':
    case 'objectAction': // RFC 5732/5733 have no pending-action element for hosts or contacts: the message text says it
      return { container: 'infData' };
  }
}

const TRANSFER_STATUS: Record<string, string> = {
  pending: 'pending', clientApproved: 'complete', serverApproved: 'complete', clientRejected: 'reject', clientCancelled: 'cancel', serverCancelled: 'cancel',
};

/** The Openprovider guide's words for each op:action and op:status, joined into op:description. */
const ACTION_TEXT: Record<string, string> = {
  create: 'domain registration', trade: 'incoming trade of domain', outgoing_trade: 'outgoing trade of domain',
  transfer: 'incoming trade of domain', outgoing_transfer: 'outgoing trade of domain', delete: 'domain deletion', update: "update domain's information",
};
const STATUS_TEXT: Record<string, string> = {
  complete: 'operation completed successfully', pending: 'operation in progress', onhold: 'server is waiting for operation issuer input',
  reject: 'operation is rejected by server or registry', error: 'operation failed because of errors', cancel: 'operation is cancelled by issuer',
};

/** Openprovider's polData: its action and status. */
function polDataOf(p: PollPayload): { action: string; status: string } {
  switch (p.type) {
    case 'transfer':
      return { action: p.side === 'gaining' ? 'transfer' : 'outgoing_transfer', status: TRANSFER_STATUS[p.transfer.status] ?? 'pending' };
    case 'pendingAction':
      return { action: p.action === 'restore' ? 'update' : p.action, status: p.ok ? 'complete' : 'error' };
    case 'renewal':
      return { action: 'update', status: 'complete' };
    case 'notice': {
      const m = { expire: ['delete', 'pending'], pendingDelete: ['delete', 'pending'], redemption: ['update', 'reject'], autoRenewFailed: ['update', 'error'], restore: ['update', 'complete'] }[p.action];
      return { action: m[0], status: m[1] };
    }
    case 'objectAction':
      return { action: p.action === 'delete' ? 'delete' : 'update', status: p.ok ? 'complete' : 'error' };
    case 'trade':
      return { action: 'trade', status: p.status === 'completed' ? 'complete' : p.status.startsWith('cancelled') ? 'reject' : 'pending' };
  }
}

/** A trade's state as RFC 5731 transfer statuses (op:trdData trStatus). */
function tradeTrStatus(status: string): string {
  return status === 'completed' ? 'clientApproved' : status.startsWith('cancelled') ? 'clientRejected' : 'pending';
}

function renderOpPolData(ctx: EppContext, m: PollMessage, shape: MessageShape): string {
  const { action, status } = polDataOf(m.payload);
  const description = `${ACTION_TEXT[action] ?? action}: ${STATUS_TEXT[status] ?? status}`;
  const polData = el('op:polData', {}, textEl('op:action', action), textEl('op:status', status), textEl('op:transaction', String(m.id)),
    textEl('op:title', m.message.slice(0, 255)), textEl('op:description', description));
  const p = m.payload;
  const inner = p.type === 'trade'
    // The guide's TRADE: the trade itself (asked for and answered within the sponsoring reseller) with polData.
    ? el('op:trdData', {}, el('op:domain', {},
      textEl('op:name', p.name), textEl('op:trStatus', tradeTrStatus(p.status)), textEl('op:reID', ctx.reseller.username),
      textEl('op:reDate', p.requestedAt ?? m.createdAt), textEl('op:acID', ctx.reseller.username), textEl('op:acDate', m.createdAt), polData))
    : el(`op:${shape.container}`, {}, el('op:domain', {}, polData));
  return el('op:ext', { 'xmlns:op': NS.op }, el('op:resData', {}, inner));
}

async function pollRequest(ctx: EppContext): Promise<EppResult> {
  await runLifecycle(ctx.core);
  const { count, message } = await peekPoll(ctx.core, ctx.reseller.id);
  if (!message) return { code: 1300 };
  const shape = await shapeOf(ctx, message);
  return {
    code: 1301,
    msgQ: { count, id: String(message.id), qDate: message.createdAt, msg: message.message },
    resData: shape.resData,
    extension: ctx.session.extURIs.has(NS.op) ? renderOpPolData(ctx, message, shape) : undefined,
  };
}

async function pollAck(ctx: EppContext): Promise<EppResult> {
  const raw = ctx.command.attrs.msgID;
  if (raw === undefined || raw === '') throw new EppError(2003, 'Required parameter missing: msgID');
  const id = /^[0-9]{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw new EppError(2303, `Object does not exist: message ${raw}`);
  const { count, nextId } = await ackPoll(ctx.core, ctx.reseller.id, id);
  if (nextId === undefined) return { code: 1300 };
  return { code: 1000, msgQ: { count, id: String(nextId) } };
}

const pollHandler: EppHandler = async (ctx) => {
  const op = ctx.command.attrs.op;
  if (op === 'req') return pollRequest(ctx);
  if (op === 'ack') return pollAck(ctx);
  throw new EppError(2005, `Parameter value syntax error: poll op ${op ?? '(none)'}`);
};

export const pollCommands: Record<string, EppHandler> = { poll: pollHandler };
