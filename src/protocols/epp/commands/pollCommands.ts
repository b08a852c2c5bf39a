// EPP <poll> (RFC 5730 2.9.2.3), keyed "poll". op="req" runs the life-cycle pass (so clock-driven events are
// queued first), then answers 1301 with the oldest message (msgQ count/id/qDate/msg and its resData) or 1300 when
// the queue is empty. op="ack" msgID=N dequeues N: 1000 with msgQ (count left, id of the next message), or 1300
// when that emptied the queue (as the Openprovider guide shows); an unknown id, or another client's, is 2303.
//
// Message bodies: transfers carry <domain:trnData>, a completed pending action (the purge after a delete)
// <domain:panData>, an auto-renewal <domain:renData>; life-cycle notices and trade steps carry only msgQ/msg. Sessions that named
// the Openprovider extension at login also get <op:ext><op:resData> with <op:polData> (action, status, title).
import type { EppHandler, EppResult, EppContext } from '../eppTypes.ts';
import { EppError } from '../eppTypes.ts';
import { NS } from '../eppNamespaces.ts';
import { el, textEl } from '../xmlWriter.ts';
import { ackPoll, peekPoll, type PollMessage, type PollPayload } from '../../../core/commands/pollQueue.ts';
import { runLifecycle } from '../../../core/lifecycle.ts';
import { renderTrnData } from './transferCommands.ts';

function renderResData(p: PollPayload): string | undefined {
  switch (p.type) {
    case 'transfer':
      return renderTrnData(p.transfer);
    case 'pendingAction':
      return el('domain:panData', { 'xmlns:domain': NS.domain },
        textEl('domain:name', p.name, { paResult: p.ok ? '1' : '0' }),
        el('domain:paTRID', {}, textEl('svTRID', p.reference)),
        textEl('domain:paDate', p.at));
    case 'renewal':
      return el('domain:renData', { 'xmlns:domain': NS.domain }, textEl('domain:name', p.name), textEl('domain:exDate', p.expiresAt));
    case 'notice':
    case 'trade':
    case 'objectAction': // RFC 5732/5733 have no pending-action element for hosts or contacts: the message text says it
      return undefined;
  }
}

const TRANSFER_STATUS: Record<string, string> = {
  pending: 'pending', clientApproved: 'complete', serverApproved: 'complete', clientRejected: 'reject', clientCancelled: 'cancel', serverCancelled: 'cancel',
};

/** Openprovider's polData: which op:resData child carries it, and its action and status. */
function polDataOf(p: PollPayload): { container: 'trnData' | 'panData' | 'infData'; action: string; status: string } {
  switch (p.type) {
    case 'transfer':
      return { container: 'trnData', action: p.side === 'gaining' ? 'transfer' : 'outgoing_transfer', status: TRANSFER_STATUS[p.transfer.status] ?? 'pending' };
    case 'pendingAction':
      return { container: 'panData', action: p.action === 'restore' ? 'update' : p.action, status: p.ok ? 'complete' : 'error' };
    case 'renewal':
      return { container: 'infData', action: 'update', status: 'complete' };
    case 'notice': {
      const m = { expire: ['delete', 'pending'], pendingDelete: ['delete', 'pending'], redemption: ['update', 'reject'], autoRenewFailed: ['update', 'error'], restore: ['update', 'complete'] }[p.action];
      return { container: 'infData', action: m[0], status: m[1] };
    }
    case 'objectAction':
      return { container: 'infData', action: p.action === 'delete' ? 'delete' : 'update', status: p.ok ? 'complete' : 'error' };
    case 'trade':
      return { container: 'infData', action: 'trade', status: p.status === 'completed' ? 'complete' : p.status.startsWith('cancelled') ? 'reject' : 'pending' };
  }
}

function renderOpPolData(m: PollMessage): string {
  const { container, action, status } = polDataOf(m.payload);
  const polData = el('op:polData', {}, textEl('op:action', action), textEl('op:status', status), textEl('op:transaction', String(m.id)), textEl('op:title', m.message.slice(0, 255)));
  return el('op:ext', { 'xmlns:op': NS.op }, el('op:resData', {}, el(`op:${container}`, {}, el('op:domain', {}, polData))));
}

async function pollRequest(ctx: EppContext): Promise<EppResult> {
  await runLifecycle(ctx.core);
  const { count, message } = await peekPoll(ctx.core, ctx.reseller.id);
  if (!message) return { code: 1300 };
  return {
    code: 1301,
    msgQ: { count, id: String(message.id), qDate: message.createdAt, msg: message.message },
    resData: renderResData(message.payload),
    extension: ctx.session.extURIs.has(NS.op) ? renderOpPolData(message) : undefined,
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
